/**
 * The coach's safety layer (pure, no database): crisis detection measured on
 * two labelled corpora (recall on crisis language, pass-through on everyday
 * figures of speech and anxious-but-safe messages), the held-out set written
 * after the rules were final, the crisis reply per locale, and the guard on
 * model output.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crisisLineFor, INTERNATIONAL_LINE } from '../src/coach/helplines.ts';
import { CRISIS_SIGNALS, crisisReply, detectCrisis, guardModelOutput, type CrisisSignal } from '../src/coach/safety.ts';
import { CRISIS, EVERYDAY, HELD_OUT_CRISIS, HELD_OUT_EVERYDAY, type CrisisExample } from './fixtures/coach-safety-corpus.ts';

function measure(crisis: readonly CrisisExample[], everyday: readonly string[]) {
  const missed = crisis.filter((example) => !detectCrisis(example.text).crisis).map((example) => example.text);
  const wrongFamily = crisis
    .filter((example) => {
      const check = detectCrisis(example.text);
      return check.crisis && !check.signals.includes(example.family);
    })
    .map((example) => `${example.text} (want ${example.family}, got ${detectCrisis(example.text).signals.join(',')})`);
  const flagged = everyday.filter((text) => detectCrisis(text).crisis);
  const recall = (crisis.length - missed.length) / crisis.length;
  const passThrough = (everyday.length - flagged.length) / everyday.length;
  return { missed, wrongFamily, flagged, recall, passThrough, caught: crisis.length - missed.length, passed: everyday.length - flagged.length };
}

const tuned = measure(CRISIS, EVERYDAY);
const held = measure(HELD_OUT_CRISIS, HELD_OUT_EVERYDAY);
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

describe('detectCrisis on the tuned corpora', () => {
  it('has at least 60 examples of each kind, and crisis examples in every family', () => {
    expect(CRISIS.length).toBeGreaterThanOrEqual(60);
    expect(EVERYDAY.length).toBeGreaterThanOrEqual(60);
    for (const family of CRISIS_SIGNALS) expect(CRISIS.filter((example) => example.family === family).length).toBeGreaterThanOrEqual(5);
  });

  it(`catches every crisis example (measured recall ${tuned.caught}/${CRISIS.length} = ${pct(tuned.recall)})`, () => {
    expect(tuned.missed).toEqual([]);
    expect(tuned.recall).toBe(1);
  });

  it('names the expected family for every crisis example', () => {
    expect(tuned.wrongFamily).toEqual([]);
  });

  it(`lets every everyday example through (measured pass-through ${tuned.passed}/${EVERYDAY.length} = ${pct(tuned.passThrough)})`, () => {
    expect(tuned.flagged).toEqual([]);
    expect(tuned.passThrough).toBe(1);
  });
});

// Held-out history: v1 measured 62.5% recall on first run, v2 35% (7/20); both became tuning data.
// The rules were then rebuilt around the structure of crisis language (absence from the future, means
// and preparation near oneself, ending the pain for good, self-fear, self-harm in any tense and verb),
// and v3-own was written only after that and measured once: recall 15/30 = 50%, pass-through 30/30 =
// 100%. Still far below the 80% target. The floors below are that measurement, kept as a regression
// guard, not the target. v3 misses on first run (do not tune on these; fold v3 into the tuned lists and
// write a v4 instead):
//   burden:  "i keep wondering if anyone would even show up if i was gone" (funeral implied, not named),
//            "it'd be a relief for everyone if i just stopped being around", "nobody would miss me for more than a day"
//   plan:    "i've had the tablets in my bedside drawer for weeks now", "i have a bottle of vodka and all my
//            sleeping pills on the desk" (means kept or laid out, with no preparation verb the rules know),
//            "i'm sorry for everything, this is the last time you'll hear from me"
//   future:  "i dont plan on being here by the summer", "i don't see the point in tomorrow",
//            "i can't stand being alive much longer", "i feel like i'm already gone, just waiting for my body to catch up"
//   self-harm: "i've been picking at my skin with tweezers until it bleeds", "i carved words into my arm last night"
//   ideation: "part of me wants to just walk into the sea", "sometimes i wonder what it would feel like to just
//            stop breathing", "i'm terrified i'm going to do something stupid tonight"
describe('detectCrisis on the held-out set v3-own (written after the rules were final, never tuned on)', () => {
  it('has at least 25 examples of each kind', () => {
    expect(HELD_OUT_CRISIS.length).toBeGreaterThanOrEqual(25);
    expect(HELD_OUT_EVERYDAY.length).toBeGreaterThanOrEqual(25);
  });

  it(`recall is at least 50%, below the 80% target (measured ${held.caught}/${HELD_OUT_CRISIS.length} = ${pct(held.recall)}; missed: ${held.missed.join(' / ') || 'none'})`, () => {
    expect(held.recall).toBeGreaterThanOrEqual(0.5);
  });

  it(`pass-through is 100% (measured ${held.passed}/${HELD_OUT_EVERYDAY.length} = ${pct(held.passThrough)}; flagged: ${held.flagged.join(' / ') || 'none'})`, () => {
    expect(held.passThrough).toBe(1);
  });
});

describe('detectCrisis signals and decisions', () => {
  const signals = (text: string): readonly CrisisSignal[] => detectCrisis(text).signals;

  it('reports family names only, each once, in a stable order, and nothing for safe or empty text', () => {
    const check = detectCrisis("I've been saving up pills and everyone would be better off without me");
    expect(check).toEqual({ crisis: true, signals: ['plan', 'burden'] });
    for (const example of CRISIS) {
      const found = signals(example.text);
      expect(new Set(found).size).toBe(found.length);
      expect(found.every((signal) => CRISIS_SIGNALS.includes(signal))).toBe(true);
      expect([...found]).toEqual(CRISIS_SIGNALS.filter((signal) => found.includes(signal)));
    }
    expect(detectCrisis('')).toEqual({ crisis: false, signals: [] });
    expect(detectCrisis('   \n ')).toEqual({ crisis: false, signals: [] });
    expect(detectCrisis('How do I start a conversation at a party?')).toEqual({ crisis: false, signals: [] });
  });

  it('reads curly quotes, capitals, repeated letters, leetspeak, glued words and emphatic full stops', () => {
    expect(signals('I don’t want to be alive')).toContain('suicidal_ideation');
    expect(signals('I WANT TO DIEEEEE')).toContain('suicidal_ideation');
    expect(signals('killlll myselffff')).toContain('suicidal_ideation');
    expect(signals('su1c1dal')).toContain('suicidal_ideation');
    expect(signals('iwanttodie')).toContain('suicidal_ideation');
    expect(signals('i. want. to. die.')).toContain('suicidal_ideation');
    expect(signals('everyone is better off w/o me')).toContain('burden');
    expect(signals('im thinkin bout ending it')).toContain('suicidal_ideation');
  });

  it('expands kms, and reads kys as self-directed only after a first-person subject', () => {
    expect(signals('kms')).toContain('suicidal_ideation');
    expect(signals('im gonna kys')).toContain('suicidal_ideation');
    expect(detectCrisis('lol kys').crisis).toBe(false);
    expect(detectCrisis('you should kys').crisis).toBe(false);
    expect(detectCrisis('I walked 5 kms to the meetup').crisis).toBe(false);
    expect(detectCrisis('kmsl he is so funny').crisis).toBe(false);
  });

  it('lets a plain denial through but not a hedge, and not other risk in the same message', () => {
    expect(detectCrisis("I'm not suicidal, just nervous about Friday").crisis).toBe(false);
    expect(detectCrisis("I would never hurt myself, I'm just embarrassed").crisis).toBe(false);
    expect(detectCrisis("I don't want to die alone, how do I date?").crisis).toBe(false);
    expect(signals("I'm not suicidal but everyone would be better off without me")).toEqual(['burden']);
    expect(signals("it's not like i want to die or anything")).toContain('suicidal_ideation');
    expect(signals("I don't want to die but I don't want to live like this either")).toContain('suicidal_ideation');
    expect(signals("i couldn't even kill myself right")).toContain('suicidal_ideation');
  });

  it('treats a self-harm recovery milestone as safe unless an urge comes with it', () => {
    expect(detectCrisis("I haven't cut myself in 3 months!").crisis).toBe(false);
    expect(signals("I haven't cut myself in 3 months but the urges are back")).toContain('self_harm');
  });

  it('passes "rather die than <a dreaded task>" but not "rather die than keep living"', () => {
    expect(detectCrisis("I'd rather die than give a speech lol").crisis).toBe(false);
    expect(detectCrisis("honestly I'd rather be dead than go to that networking thing").crisis).toBe(false);
    expect(signals("I'd rather die than keep living like this")).toContain('suicidal_ideation');
    expect(signals("i'd rather be dead")).toContain('suicidal_ideation');
  });

  it('flags a stated wish to die even with "lol", and conditional "kill myself if" hyperbole', () => {
    expect(signals('i just want to die lol')).toContain('suicidal_ideation');
    expect(signals("I'm going to kill myself if I have to do another icebreaker")).toContain('suicidal_ideation');
  });

  it('tells a moment of embarrassment from wanting to be gone for good', () => {
    expect(detectCrisis('I wanted to disappear into the floor').crisis).toBe(false);
    expect(detectCrisis("I'm so embarrassed I want to die").crisis).toBe(false);
    expect(detectCrisis('I wish I could disappear when people stare at me').crisis).toBe(false);
    expect(signals('I wish I could disappear forever')).toContain('disappear');
    expect(signals('sometimes I just want to disappear')).toContain('disappear');
  });

  it('reads "tonight is the night" as timing unless the message is about an event', () => {
    expect(signals('tonight is the night')).toContain('plan');
    expect(detectCrisis("Tonight's the night. Wish me luck at the party!").crisis).toBe(false);
  });

  it('reads a means near oneself as a plan, without the word "die"', () => {
    expect(signals('ive got enough pills to do it')).toContain('plan');
    expect(signals('i looked at the bridge for a long time today')).toContain('plan');
    expect(signals('I tied a rope to the beam in my garage')).toContain('plan');
    expect(detectCrisis('I looked at the bridge from the restaurant, the view was lovely').crisis).toBe(false);
    expect(detectCrisis('I took two paracetamol for my headache before the party').crisis).toBe(false);
    expect(detectCrisis('I bought new blades for my skates').crisis).toBe(false);
  });

  it('reads absence from the future and the last thing holding on, but not plans for the week', () => {
    expect(signals("I won't be around to see next Christmas")).toContain('disappear');
    expect(signals('i dont see myself being alive next year')).toContain('hopelessness');
    expect(signals('honestly the only thing stopping me is my dog')).toContain('suicidal_ideation');
    expect(detectCrisis("I won't be around this weekend, I'm visiting my parents").crisis).toBe(false);
    expect(detectCrisis("I don't see myself in this job next year").crisis).toBe(false);
    expect(detectCrisis('the only thing stopping me from going to the meetup is my anxiety').crisis).toBe(false);
  });

  it('reads self-harm in any tense and verb, but not an injury or a recovery milestone', () => {
    expect(signals('i burned my wrist with a hot spoon on purpose')).toContain('self_harm');
    expect(signals('I punched the wall until my knuckles bled')).toContain('self_harm');
    expect(signals('relapsed last night after 40 days clean')).toContain('self_harm');
    expect(detectCrisis('I hurt my ankle').crisis).toBe(false);
    expect(detectCrisis('I hurt my leg yesterday so I might skip the hike').crisis).toBe(false);
    expect(detectCrisis("I haven't self harmed in a year and I'm proud").crisis).toBe(false);
    expect(detectCrisis('I relapsed into doomscrolling instead of going out').crisis).toBe(false);
  });

  it('passes a past moment of embarrassment but not a wish that is still going on', () => {
    expect(detectCrisis('I wanted to die when I called my teacher mum').crisis).toBe(false);
    expect(detectCrisis('I wanted to die when my voice cracked during the toast').crisis).toBe(false);
    expect(signals('I wanted to die when I called my teacher mum and I still want to every day')).toContain('suicidal_ideation');
  });

  it('answers a 20,000-character message (the rules are linear: bounded windows, no nested repeats)', () => {
    const long = `${'I tried small talk at the party and it went fine. '.repeat(400)}ive got enough pills to do it`.slice(-20_000);
    expect(long.length).toBe(20_000);
    expect(detectCrisis(long).signals).toContain('plan');
    expect(detectCrisis('on the edge of '.repeat(1400)).crisis).toBe(false);
  });

  it('never throws and always answers in shape, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const check = detectCrisis(text);
        expect(check.crisis).toBe(check.signals.length > 0);
        expect(check.signals.every((signal) => CRISIS_SIGNALS.includes(signal))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('crisisReply', () => {
  const cases: ReadonlyArray<readonly [string, readonly string[]]> = [
    ['en-US', ['988', '911']],
    ['en-CA', ['988', '911']],
    ['fr-CA', ['988', '911']],
    ['en-GB', ['Samaritans', '116 123', '999']],
    ['en_GB', ['Samaritans', '116 123', '999']],
    ['en-IE', ['Samaritans', '116 123', '112']],
    ['de', ['TelefonSeelsorge', '0800 111 0 111', '112']],
    ['de-AT', ['142']],
    ['fr', ['3114', '112']],
    ['es-ES', ['024', '112']],
    ['nl', ['113', '0800-0113', '112']],
    ['en-AU', ['Lifeline', '13 11 14', '000']],
    ['en-NZ', ['1737', '111']],
    ['ja', ['0570-064-556', '119']],
    ['pt-BR', ['CVV', '188', '192']],
    ['en-IN', ['Tele-MANAS', '14416', '112']],
    ['hi', ['14416']],
  ];

  it.each(cases)('for %s names the local crisis line and emergency number', (locale, expected) => {
    const reply = crisisReply(locale);
    for (const text of expected) expect(reply).toContain(text);
    expect(reply).not.toContain('findahelpline.com');
  });

  it.each(['', 'xx', 'en', 'es-419', 'es-LA', 'nl-BE', 'pt', 'zz-ZZ', '-', '123', '  ', 'en-', '💀'])(
    'for %j falls back to findahelpline.com and local emergency services',
    (locale) => {
      const reply = crisisReply(locale);
      expect(reply).toContain('findahelpline.com');
      expect(reply).toContain('your local emergency number');
    },
  );

  it('works without a locale, never throws, and is the same text every time', () => {
    expect(crisisReply()).toContain('findahelpline.com');
    expect(crisisReply(undefined)).toBe(crisisReply());
    expect(crisisReply('en-GB')).toBe(crisisReply('en-GB'));
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (locale) => typeof crisisReply(locale) === 'string'));
    expect(() => crisisReply(null as unknown as string)).not.toThrow();
  });

  it('takes the person seriously, names a trusted person and emergency help, and keeps the conversation open', () => {
    const reply = crisisReply('en-US');
    expect(reply).toMatch(/taking what you said seriously/i);
    expect(reply).toMatch(/someone you trust/i);
    expect(reply).toMatch(/emergency/i);
    expect(reply).toMatch(/I'm still here/);
    expect(reply.trim().endsWith('?')).toBe(true);
    expect(reply).not.toMatch(/goodbye|you should have|calm down|don't be silly/i);
  });

  it('crisisLineFor reads the region when present and a bare language only where it is unambiguous', () => {
    expect(crisisLineFor('zh-Hant-TW')).toBe(INTERNATIONAL_LINE);
    expect(crisisLineFor('ja-JP').country).toBe('JP');
    expect(crisisLineFor('EN-gb').country).toBe('GB');
    expect(crisisLineFor('es').country).toBe('INTL');
    expect(crisisLineFor('de-CH').country).toBe('CH');
    expect(crisisLineFor(undefined)).toBe(INTERNATIONAL_LINE);
  });
});

describe('guardModelOutput', () => {
  const safe = [
    'Feeling anxious before a party is common. Many people feel nervous.',
    "It sounds like you're feeling overwhelmed, which is understandable.",
    "Social anxiety is really common, and you're not alone.",
    'Take a deep breath and take a break if you need one.',
    'Give yourself 10 minutes at the party, then decide whether to stay.',
    "You mentioned you've been diagnosed with social anxiety; how has that been for you?",
    'Have you talked to your doctor about how you have been feeling?',
    "I'm not a doctor, but it might be worth asking your GP whether medication could help.",
    "You seem nervous, and that's normal.",
    "You're depressed about the cancelled trip, and that's okay.",
    "Being shy isn't a disorder; it's a temperament.",
    'It sounds like you add a lot of pressure on yourself.',
    'Many people with social anxiety find gradual practice helpful.',
  ];

  it.each(safe)('leaves ordinary coaching untouched: %s', (text) => {
    expect(guardModelOutput(text)).toEqual({ text, changed: false, reasons: [] });
  });

  const flagged: ReadonlyArray<readonly [string, string]> = [
    ['You have social anxiety disorder.', 'diagnosis'],
    ["It sounds like you're autistic.", 'diagnosis'],
    ["Sounds like you're depressed.", 'diagnosis'],
    ['Honestly you might be bipolar.', 'diagnosis'],
    ['This is a classic sign of social anxiety.', 'diagnosis'],
    ['You sound depressed.', 'diagnosis'],
    ['You should take sertraline for this.', 'medication'],
    ['Maybe stop your meds before the party.', 'medication'],
    ['Try 25mg of propranolol before you speak.', 'medication'],
    ['Some people find that a beta blocker helps with stage fright.', 'medication'],
    ["You don't need your medication, you need confidence!", 'medication'],
    ['Exercise can cure your anxiety.', 'medical_claim'],
    ["You don't need therapy, just practice.", 'medical_claim'],
  ];

  it.each(flagged)('replaces %j (%s) with a not-a-clinician line', (text, reason) => {
    const result = guardModelOutput(text);
    expect(result.changed).toBe(true);
    expect(result.reasons).toEqual([reason]);
    expect(result.text).toMatch(/not a clinician/);
    expect(result.text).toMatch(/doctor/);
  });

  it('keeps the rest of the reply, in order, and says each line once', () => {
    const result = guardModelOutput(
      'That sounds like a lot. You have ADHD, I think. You should try Adderall. You might be autistic too. Exercise cures depression. Let’s plan your mission.',
    );
    expect(result.changed).toBe(true);
    expect(result.reasons).toEqual(['diagnosis', 'medication', 'medical_claim']);
    expect(result.text.startsWith('That sounds like a lot. ')).toBe(true);
    expect(result.text.endsWith('Let’s plan your mission.')).toBe(true);
    expect(result.text).not.toMatch(/ADHD|Adderall|autistic|cures/);
    expect(result.text.match(/not a clinician/g)).toHaveLength(2);
  });

  it('keeps line breaks around a replaced sentence', () => {
    const result = guardModelOutput('You have social anxiety disorder.\n\nTry arriving early so the room fills up around you.');
    expect(result.text).toMatch(/properly\.\n\nTry arriving early/);
  });

  it('returns empty text unchanged and never throws on arbitrary text', () => {
    expect(guardModelOutput('')).toEqual({ text: '', changed: false, reasons: [] });
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const result = guardModelOutput(text);
        if (!result.changed) expect(result.text).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
