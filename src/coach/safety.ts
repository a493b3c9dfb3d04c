/**
 * The coach's safety layer: local crisis detection that runs on every message
 * before any model call (offline, synchronous, no dependencies), the fixed
 * crisis reply, and the guard on model output.
 *
 * Detection is rules over a normalised form of the text, in three passes:
 *   1. normalise: case, accents, curly quotes, apostrophes dropped ("don't" →
 *      "dont"), leetspeak inside words, repeated letters, chat abbreviations
 *      ("kms", "wanna", "idk"), clause breaks kept as " | ";
 *   2. mask: everyday figures of speech ("die of embarrassment", "dying to",
 *      "social suicide", "killing myself laughing") and plain denials ("I'm not
 *      suicidal", "I would never hurt myself") are blanked out;
 *   3. match: rules per signal family on what is left. Beyond literal phrases, the rules follow the
 *      structure of crisis language: absence from the future ("won't be around to see Christmas"),
 *      burden pictured after one's death, ending the pain for good, fear of oneself and the last thing
 *      holding on ("the only thing stopping me is my dog"), self-harm in any tense and verb, and a means
 *      (pills, heights, rope, gun, blades) together with preparation or lingering in the same clause
 *      ("ive got enough pills to do it", "i looked at the bridge for a long time"). A rule may require
 *      a second pattern in the same clause (`alsoClause`) or message (`alsoMessage`). Round 4 added life
 *      pictured without oneself with others' reaction in either order ("it'd be a relief for everyone if i
 *      just stopped being around"), a future with a deadline ("dont plan on being here by the summer"),
 *      means kept near the person with time or attention on them ("a rope in my closet and i keep looking
 *      at it"), methods without the word "die" ("walk into the sea", "stop breathing"), self-injury verbs
 *      with the harm as the goal ("until it bleeds", "carved words into my arm"), and veiled intent read by
 *      what surrounds it ("do something stupid tonight" with fear, "made up my mind" with a farewell).
 * A second layer (section 4) speaks only when no rule matched: a graded risk score over weak signals (death,
 * absence, burden, hopelessness, means, preparation, farewell, time, self-harm verbs, wanting), flagged when
 * two or more families co-occur with a first-person word within three clauses; it reports the families that
 * added up as the usual signals.
 * Every pattern is linear: fixed word alternatives and bounded windows (`(?: \S+){0,4}`), no nested
 * unbounded repeats, so a 20,000-character message is checked in milliseconds.
 * Masks are narrow on purpose: they only remove the idiom itself, so "I'm not
 * suicidal but everyone would be better off without me" still matches. When a
 * phrase is used both ways (hyperbole and sincerely) and carries real risk,
 * the rule errs towards a false positive: the crisis reply is warm and keeps
 * the conversation going, a miss is worse.
 *
 * The signals are family names only: they go into message metadata, never the
 * text that matched.
 */
import { crisisLineFor } from './helplines.ts';

/** Families of crisis language, stored in `coach_messages.metadata`. */
export type CrisisSignal = 'hopelessness' | 'burden' | 'disappear' | 'self_harm' | 'suicidal_ideation' | 'plan';

/** Every family, in the order signals are reported. */
export const CRISIS_SIGNALS: readonly CrisisSignal[] = ['suicidal_ideation', 'plan', 'self_harm', 'burden', 'disappear', 'hopelessness'];

export interface CrisisCheck {
  readonly crisis: boolean;
  /** Matched families, each once, in {@link CRISIS_SIGNALS} order; empty when `crisis` is false. */
  readonly signals: readonly CrisisSignal[];
}

/** Why the output guard changed a model reply. */
export type GuardReason = 'diagnosis' | 'medication' | 'medical_claim';

export interface GuardResult {
  readonly text: string;
  readonly changed: boolean;
  /** Each reason once, in the order first met. */
  readonly reasons: readonly GuardReason[];
}

// ---------------------------------------------------------------------------
// 1. Normalisation
// ---------------------------------------------------------------------------

const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };

/** Whole-token chat abbreviations and spellings, after apostrophes are dropped. */
const TOKENS: Readonly<Record<string, string>> = {
  kms: 'kill myself',
  kmsl: 'killing myself laughing',
  wanna: 'want to',
  wana: 'want to',
  wannna: 'want to',
  gonna: 'going to',
  gna: 'going to',
  gunna: 'going to',
  finna: 'going to',
  tryna: 'trying to',
  gotta: 'got to',
  imma: 'im going to',
  ima: 'im going to',
  idk: 'i dont know',
  idc: 'i dont care',
  u: 'you',
  ur: 'your',
  r: 'are',
  '2': 'to',
  bc: 'because',
  cuz: 'because',
  coz: 'because',
  ppl: 'people',
  every1: 'everyone',
  evry1: 'everyone',
  evryone: 'everyone',
  everone: 'everyone',
  any1: 'anyone',
  some1: 'someone',
  no1: 'no one',
  noone: 'no one',
  nobdy: 'nobody',
  rn: 'right now',
  tn: 'tonight',
  tonite: 'tonight',
  '2nite': 'tonight',
  '2night': 'tonight',
  tmrw: 'tomorrow',
  tmr: 'tomorrow',
  '2moro': 'tomorrow',
  '2morrow': 'tomorrow',
  smth: 'something',
  sth: 'something',
  abt: 'about',
  pls: 'please',
  plz: 'please',
  anymor: 'anymore',
  nemore: 'anymore',
  dnt: 'dont',
  cnt: 'cant',
  myslef: 'myself',
  mysef: 'myself',
  mself: 'myself',
  myselfe: 'myself',
  selfharm: 'self harm',
  selfharming: 'self harming',
  sewerslide: 'suicide',
  suicied: 'suicide',
  suecide: 'suicide',
  od: 'overdose',
  oding: 'overdosing',
  ded: 'dead',
  lyf: 'life',
  lyfe: 'life',
  liv: 'live',
  wnat: 'want',
  wan: 'want',
  b: 'be',
  wld: 'would',
  cld: 'could',
  shld: 'should',
  thinkin: 'thinking',
  thnking: 'thinking',
  bout: 'about',
  jus: 'just',
  evn: 'even',
  n: 'and',
};

/** Multi-word rewrites on the token-normalised string. */
const PHRASES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bany more\b/g, 'anymore'],
  [/\bany longer\b/g, 'anymore'],
  [/\bno more(?= \||$)/g, 'anymore'],
  [/\bsewer slide\b/g, 'suicide'],
  [/\bun alive\b/g, 'unalive'],
  [/\bself (?:-\s*)?delet(e|ing|ed)\b/g, 'self delete'],
  [/\bmy self\b/g, 'myself'],
  [/\bi m\b/g, 'im'],
  [/\bi am\b/g, 'im'],
  [/\bi have been\b/g, 'ive been'],
  [/\bi would\b/g, 'id'],
  [/\bi will\b/g, 'ill'],
  [/\bdo not\b/g, 'dont'],
  [/\bdoes not\b/g, 'doesnt'],
  [/\bdid not\b/g, 'didnt'],
  [/\b(?:can not|cannot)\b/g, 'cant'],
  [/\bwill not\b/g, 'wont'],
  [/\bwould not\b/g, 'wouldnt'],
  [/\bis not\b/g, 'isnt'],
  [/\bare not\b/g, 'arent'],
  [/\bwas not\b/g, 'wasnt'],
  [/\bhave not\b/g, 'havent'],
  [/\bit is\b/g, 'its'],
  [/\bthere is\b/g, 'theres'],
  [/\bwhat is\b/g, 'whats'],
  [/\bno body\b/g, 'nobody'],
  [/\b(want|wanted|going|need|ready|have|trying|tried|deserve) too\b/g, '$1 to'],
  [/\bwant ed\b/g, 'wanted'],
];

/** Pronouns that make "kys" self-directed ("i should kys"); otherwise it is aimed at someone else. */
const KYS_SELF = /\b(?:i|im|ive|id|ill|me|my|myself)\b/;
const KYS_OTHER = /\b(?:you|your|he|she|they|them|people|someone|somebody|yall|go)\b/;

function mapToken(token: string, previous: readonly string[]): string {
  if (token === 'kys' || token === 'kyss') {
    // "kys" is almost always an insult aimed at someone else, not a crisis.
    // Used of oneself ("i should kys", "im gonna kys") it means "kill myself".
    const window = previous.slice(-4).join(' ');
    return KYS_SELF.test(window) && !KYS_OTHER.test(window) ? 'kill myself' : 'kill yourself';
  }
  return TOKENS[token] ?? token;
}

function deLeet(token: string): string {
  if (!/\p{L}/u.test(token)) return token;
  let out = '';
  for (let i = 0; i < token.length; i += 1) {
    const ch = token[i]!;
    const mapped = LEET[ch];
    if (mapped === undefined) {
      out += ch;
      continue;
    }
    const before = i > 0 && /\p{L}/u.test(token[i - 1]!);
    const after = i + 1 < token.length && /\p{L}/u.test(token[i + 1]!);
    // "!" and "$" end or start words in ordinary text ("die!", "$5"): only inside a word.
    const inside = ch === '!' ? before && after : ch === '$' ? after : before || after;
    out += inside ? mapped : ch;
  }
  return out;
}

function baseNormalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/\|/g, ' ')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC\u00B4`']/g, '')
    .replace(/(\d+(?:[.,]\d+)?)\s*kms?\b/g, '$1 kilometres')
    .replace(/\bw\/o\b/g, 'without')
    .replace(/\bw\/(?=\s)/g, 'with')
    .replace(/\S+/g, deLeet);
}

function finishNormalise(text: string): string {
  const separated = text
    .replace(/[.!?;:\n\r\u2026\u2022,]+|\s[-\u2013\u2014]+\s|[\u2013\u2014]+/g, ' | ')
    .replace(/[^\p{L}\p{N}| ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const tokens: string[] = [];
  for (const token of separated.split(' ')) tokens.push(...mapToken(token, tokens).split(' '));
  let s = ` ${tokens.join(' ')} `;
  for (const [re, to] of PHRASES) s = s.replace(re, to);
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * The forms of a message the rules run on: repeated letters squeezed to two
 * ("killlll" → "kill") and to one ("dieeee" → "die"), since either may be the
 * real spelling. Exported for tests and for debugging rules, never for logs.
 */
export function normaliseForSafety(text: string): readonly string[] {
  const base = baseNormalise(text);
  const forms = new Set<string>();
  for (const squeezed of [base.replace(/(\p{L})\1{2,}/gu, '$1$1'), base.replace(/(\p{L})\1{2,}/gu, '$1')]) {
    const form = finishNormalise(squeezed);
    forms.add(form);
    // "i. want. to. die." — a break after nearly every word is emphasis, not separate thoughts.
    const segments = form.split(' | ').filter((segment) => segment.length > 0);
    if (segments.length > 1 && segments.every((segment) => segment.split(' ').length <= 2)) forms.add(segments.join(' '));
  }
  return [...forms];
}

/** Phrases typed without spaces ("iwanttodie"), matched as whole tokens so "want to diet" never does. */
const GLUED = /(?:^| )(?:i|im|ijust|imgoingto)?(?:just)?(?:wan(?:t|na)?(?:to|2)die|kil+myself|killmyself|endmylife|enditall|unalivemyself|wishiwasdead|takemylife|takemyownlife)(?= |$)/;

// ---------------------------------------------------------------------------
// 2. Masks: figures of speech and plain denials
// ---------------------------------------------------------------------------

/** Where a clause may be taken to stop: a break, or words that start a new thought. */
const END = String.raw`(?=\s*\||\s*$|\s(?:and|but|so|because|tonight|today|now|right now|anymore|already|soon|honestly|seriously|lol|lmao|tbh|i|im|ive|id|ill|idk|its|please|forever|at all|just|really|anyway|like|ngl|fr)\b)`;

const FEELING_NOUNS =
  'embarrassment|embarassment|embarrasment|embarrasement|shame|cringe|cringing|awkwardness|laughter|laughing|boredom|curiosity|envy|jealousy|excitement|nerves|anticipation|secondhand embarrassment|second hand embarrassment|happiness|cuteness|heat|thirst|hunger|exhaustion|fright|stress|anxiety|suspense';

/** What follows "rather die than" when the wish is about living on, not a dreaded task. */
const LIFE_GOES_ON = String.raw`(?!(?:live|living|go on|going on|keep (?:going|living|on|feeling|hurting|being)|(?:feel|feeling|be|being) (?:so |this |always )?(?:lonely|alone|empty|numb|worthless|hopeless)|continue|wake up|be alive|stay alive|exist|existing|feel(?:ing)? (?:like )?this|face (?:another|tomorrow|life|the future)|spend another|another day|be here|be me|deal with (?:life|this anymore)))`;
const HEDGE = '(?:literally |honestly |seriously |actually |just |totally )*';
/** A social slip after "for": "for forgetting", "for saying that", "for not asking". */
const SLIP = String.raw`(?:forgetting|saying|doing|not (?!being\b)|missing|sending|texting|asking|mentioning|making|letting|leaving|losing|agreeing|waving|calling|bringing|wearing|eating|buying|replying|answering|laughing|spilling|tripping|that|this|it)\b`;

const IDIOMS: readonly RegExp[] = [
  // "die of embarrassment", "dying from cringe", "died a little inside"
  new RegExp(String.raw`\b(?:die|died|dying|dead)(?: a little)?(?: bit)?(?: inside)? (?:\| )?(?:of|from) (?:pure |sheer |total |the )?(?:${FEELING_NOUNS})\b`, 'g'),
  /\b(?:die|died|dying|dead) (?:a little )?(?:bit )?inside\b/g,
  /\b(?:die|died|dying) (?:a |the )?(?:little|thousand) deaths?\b/g,
  /\bdying to\b/g,
  /\bto die for\b/g,
  /\bdying (?:my|her|his|their|the|our) (?:hair|clothes|shirt|beard|eyebrows)\b/g,
  /\bbored to death\b/g,
  // "I could have died", "I nearly died" (embarrassment, a near miss) but not "I wish I could die"
  /(?<!\bwish (?:that )?i (?:just )?)\b(?:could|couldve|could have|could of|nearly|almost|literally|practically) (?:just )?(?:have )?(?:died|die)\b/g,
  /\b(?:wanted|want) to die (?:right there|right then|on the spot|in that moment)\b/g,
  // "so embarrassed I want to die": the wish is the size of the embarrassment, like "die of embarrassment"
  /\b(?:so|too|that|this) (?:embarrassed|embarrassing|awkward|cringe|cringey|cringy|mortified|mortifying|red|flustered) (?:that )?i (?:could|want to|wanted to|just want to|just wanted to) (?:just )?(?:die|disappear|vanish)\b/g,
  // Comparative hyperbole: "I'd rather die than give a speech" names a dreaded
  // task, not a wish to die, and is everyday speech for the very people this
  // coach serves; blocking it would stop the conversation about that fear.
  // "rather die than keep living like this" has a life-continuation complement
  // and is left for the rules.
  new RegExp(String.raw`\brather (?:die|be dead|drop dead) than ${LIFE_GOES_ON}`, 'g'),
  // The same hyperbole with a method named: "I'd rather walk into the sea than do another Zoom quiz".
  new RegExp(String.raw`\brather (?:just )?(?:walk into (?:the )?(?:sea|ocean|traffic|a river)|jump off (?:a |the )?(?:bridge|cliff|roof|building)|step in front of (?:a |the )?(?:bus|train)|get hit by (?:a |the )?(?:bus|train|truck)|drown(?: myself)?) than ${LIFE_GOES_ON}`, 'g'),
  // Regret at a slip, sized like "I could have died": "I could kill myself for forgetting her birthday",
  // "ugh I want to punch myself for saying that". Only with a modal and a slip after "for"; "for being"
  // and "for not being" are left to the rules, since self-loathing can sit there.
  new RegExp(String.raw`\b(?:could|couldve|could have|could of) (?:${HEDGE})?kil+ myself for ${SLIP}`, 'g'),
  new RegExp(String.raw`\b(?:could|couldve|could have|could of|want to|wanted to|going to|should|shouldve|should have) (?:${HEDGE})?(?:kick|punch|slap|smack|throttle|strangle) myself (?:in the face )?for ${SLIP}`, 'g'),
  // "killing myself laughing", "killing myself at work to get promoted"
  /\bkil+(?:l|s|ing|in|ed)? ?myself (?:laughing|laughin|trying|working|studying|at (?:work|the gym|practice|the office)|over (?:this|that|it|a|nothing|some)|for (?:this|that|a|the|nothing|work|them|him|her)|to (?:finish|get|make|impress|please|meet|keep up|be))\b/g,
  /\bshoot(?:ing)? myself in the foot\b/g,
  /\bshot myself in the foot\b/g,
  /\b(?:social|career|political|professional|commercial|electoral|fashion|academic|reputational|dating) suicide\b/g,
  /\bsuicide (?:squad|mission|missions|doors?|sprints?|runs?|drills?|burpees|wings|lane|blonde|king|note challenge)\b/g,
  /\b(?:overdos(?:e|ed|ing)|overdose) on (?:caffeine|coffee|sugar|chocolate|candy|energy drinks|red bull|netflix|tv|anime|memes|social media|tiktok|cuteness|drama|pizza|carbs|cheese|vitamins|screen time|espresso)\b/g,
  /\b(?:disappear|vanish|sink|melt|fall) (?:into|through|under) (?:the )?(?:floor|ground|wall|walls|couch|sofa|chair|background|crowd|earth|floorboards|carpet)\b/g,
  /\bif (?:all )?(?:your|my|his|her|their) friends (?:jumped|jump) off\b/g,
  /\b(?:if )?(?:you|someone|somebody|they) (?:held|put|holds|puts) a gun to my head\b/g,
  /\bgun to my head(?= (?:i|id|and i) (?:couldnt|wouldnt|cant|still))/g,
  /\bdeath (?:stare|glare|metal|grip)\b/g,
];

/**
 * A past moment of embarrassment: "I wanted to die when I called my teacher mum". Masked only when the
 * wish is in the past tense, is tied to a moment ("when", "after", "the moment") or the message names an
 * awkward social moment, and nothing in the message says it is still going on or is about a loss.
 */
const PAST_MOMENT_WISH =
  /\b(?:wanted|wished i could|could have|couldve|could of|was ready|thought id|thought i would) (?:to )?(?:just )?(?:die|disappear|vanish|evaporate|melt|dissolve|crawl into a hole(?: and die)?|sink into the (?:floor|ground))(?: (?:right there|right then|on the spot|then and there|a little|inside))?(?= (?:\| )?(?:when|after|as soon as|the moment|the second|because|cause|bc|while|once|lol|lmao|haha|omg)\b)/g;
const PAST_MOMENT_WISH_END =
  /\b(?:wanted|wished i could|could have|couldve) (?:to )?(?:just )?(?:die|disappear|vanish)(?=\s*\||\s*$| (?:lol|lmao|haha|omg|honestly|tbh)\b)/g;
const AWKWARD_MOMENT =
  /\b(?:called|said|tripped|waved|mispronounced|forgot|spilled|fell|sang|sung|laughed|sent|texted|replied|dropped|walked into|farted|stumbled|mixed up|misheard|answered|burped|snorted|slipped|blanked|froze|stuttered|cracked|embarrass\w*|awkward|cringe\w*|mortif\w*|humiliat\w*|in front of|everyone (?:saw|heard|looked|stared|laughed)|teacher|boss|crush|toast|speech|presentation|karaoke|stage|accidentally|by accident|wrong name)\b/;
/** What keeps a past wish to die from being read as a passing moment. */
const STILL_HEAVY =
  /\b(?:still|every day|everyday|always|anymore|all the time|again|these days|lately|since then|ever since|every night|for (?:weeks|months|years)|left me|broke up|dumped|died|passed away|abuse|abused|assault\w*|raped|bullied|bully|lost my|hate myself|hate my life|nobody cares|no one cares|alone|pills|bridge|hurt myself|cut myself|tonight)\b/;

/**
 * Denials, removed before matching so they cannot trigger on their own. Kept
 * tight: "not that I want to die" or "I don't know if I want to live" are
 * hedges, not denials, and still match.
 */
const DENIALS: readonly RegExp[] = [
  /\b(?:im|i am) not (?:suicidal|going to (?:kill|hurt|harm|cut) myself|going to do anything|in danger|planning (?:to|on) (?:hurt|hurting|kill|killing) myself|thinking (?:about|of) (?:suicide|killing myself|hurting myself))\b/g,
  /\bnot (?:feeling )?suicidal\b/g,
  /\bnever (?:been|felt) suicidal\b/g,
  /\bno (?:suicidal thoughts|thoughts of (?:suicide|self harm|hurting myself|killing myself))\b/g,
  /\b(?:i )?(?:would|will|could|id|ill) never (?:ever )?(?:kill|hurt|harm|cut) myself\b/g,
  // not "couldnt": "I couldn't even kill myself right" is a disclosure, not a denial
  /\b(?:i )?(?:wouldnt|wont) (?:ever )?(?:kill|hurt|harm|cut) myself\b/g,
  /\b(?:dont|never) want to die\b/g,
];

/**
 * Recovery milestones ("I haven't cut myself in 3 months") are not a crisis on
 * their own; the same message with an urge in it still is.
 */
const RECOVERY = [
  /\b(?:havent|hasnt|didnt|dont|have not) (?:cut|hurt|harmed|harm|burned|burnt|burn) myself (?:in|for|since|at all)\b/g,
  /\b(?:havent|hasnt|didnt|have not|not) (?:self harmed|self harm|sh|relapsed|cut) (?:in|for|since|at all)\b/g,
  /\b(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve) (?:days?|weeks?|months?|years?) (?:clean|free) (?:from|of) (?:self harm|cutting|sh)\b/g,
];
const RECOVERY_URGE = /\b(?:urge|urges|tempted|craving|cravings|relapse|relapsed|relapsing|want to again|really want to|about to|going to again|slipped)\b/;

// ---------------------------------------------------------------------------
// 3. Rules
// ---------------------------------------------------------------------------

interface Rule {
  readonly signals: readonly CrisisSignal[];
  readonly re: RegExp;
  /** The rule does not count when the clause around the match also matches this. */
  readonly unlessClause?: RegExp;
  /** The rule does not count when the whole message also matches this. */
  readonly unlessMessage?: RegExp;
  /** The rule counts only when the clause around the match also matches this (two signals near each other). */
  readonly alsoClause?: RegExp;
  /** The rule counts only when the whole message also matches this. */
  readonly alsoMessage?: RegExp;
}

const rx = (source: string): RegExp => new RegExp(source);
const ANYONE = '(?:no one|nobody|not a single person|not one person)';
/**
 * Not being here, pictured: "if i wasnt around", "if i just stopped being around", "if i was gone".
 * A place, a time or a person after "here/around/gone" makes it a trip or a habit ("if i wasnt around at
 * lunch", "if i was gone for a week", "if i wasnt around people all day"), except "for good" and "for ever".
 */
const NOT_A_TRIP = String.raw`(?! (?:for|at|on|during|while|this|that|to|from|in|with|around|near|people|them|him|her|you|all|so|as|when|the|longer|more|past|until|till|after|before|by|over|overnight)\b(?! (?:good|ever|real)\b))(?! my (?:\S+ )?(?:coworkers|colleagues|workmates|family|parents|friends|flatmates|housemates|roommates|boss|ex|sister|brother|siblings|mum|mom|dad|kids|classmates|team|in laws)\b(?! (?:would|will|could|might|d|wouldnt|can)\b))`;
const IF_I = String.raw`if i (?:just |simply |finally |ever |really )?`;
const IF_GONE = String.raw`(?:${IF_I}(?:was|were) (?:gone|not here|not around|no longer here|no longer around|out of the picture)${NOT_A_TRIP}|${IF_I}(?:was|were) (?:dead(?! (?:tired|serious|set|beat|on my feet|bored|wrong))|never born)|${IF_I}(?:wasnt|werent) (?:here|around|in it|in their lives)${NOT_A_TRIP}|${IF_I}(?:wasnt|werent) (?:alive|born)|${IF_I}(?:stopped|quit) (?:existing|being alive|being here|being around)${NOT_A_TRIP}|${IF_I}(?:died|didnt exist|never existed|had never been born|killed myself|stopped existing|was never born|ended it|disappeared for good|vanished for good|disappeared forever|vanished forever)|if id (?:never been born|never existed|died|gone)|${IF_I}(?:disappeared|vanished|went away)(?: (?:tomorrow|today|tonight|one day|someday|anymore|forever|for good|for real|permanently))*${END}|(?:when|once|after) im gone${NOT_A_TRIP})`;
const SUICID = String.raw`su[iy]?[cs]{1,2}i?d(?:e|es|al|ial|ality|ally)?`;
const SELF_HARM_ACCIDENT =
  /\b(?:accident|accidental|accidentally|by mistake|cooking|chopping|shaving|kitchen|knife slipped|gym|workout|working out|lifting|running|playing|football|soccer|basketball|hockey|rugby|practice|training|fell|falling|tripped|slipped|skating|biking|cycling|hiking|climbing|on the (?:table|door|fence|corner|bed|desk|glass|chair|counter|stairs|edge)|paper cut|stove|oven|pan|ironing|curling iron|straightener|hair straightener|candle wax|cleaning|kettle|gardening|garden|hiking|brambles|thorns?|branch|bush|rose bush|cat|kitten|dog|puppy|on (?:a|an|the|some|my) (?:\w+ )?(?:branch|bush|thorn|thorns|nail|fence|wire|rock|rocks|wall|door|shelf|cupboard|corner|edge|box|zip|zipper|bracelet|watch|car|bike))\b/;
const BODY = '(?:arm|arms|wrist|wrists|leg|legs|thigh|thighs|skin|stomach|body|hips?|forearms?|upper arms?|inner arms?|belly|ribs|calf|calves|chest|shoulders?)';
const BODY_EXTRA = '(?:face|head|hands?|fingers?|knuckles|ankles?|feet|foot|neck|back|side|nails|hair|scalp|lips?|tongue|cheeks?|knees?)';
const HARM_VERB =
  '(?:cut|cutting|cuts|burn|burning|burned|burnt|burns|hurt|hurting|hurts|harm|harming|harmed|punish|punishing|punished|hit|hitting|hits|punch|punching|punched|scratch|scratching|scratched|starve|starving|starved|bruise|bruising|bruised|carve|carving|carved|stab|stabbing|stabbed|bite|biting|bit|pinch|pinching|pinched|slap|slapping|slapped|bang|banging|banged|smash|smashing|smashed|slash|slashing|slashed|pick|picking|picked|pull|pulling|pulled|choke|choking|choked|strangle|strangling|strangled)';
/** Words that make harm to one's own body deliberate. */
const DELIBERATE_HARM =
  /\b(?:on purpose|deliberately|intentionally|to punish|as (?:a )?punishment|for punishment|punish myself|because i deserved?|i deserve(?:d)? it|to feel (?:something|anything|pain|better|real|in control)|so i (?:can|could) feel|to cope|to make (?:it|the pain|myself) stop|to calm down|to numb|until (?:i|it) (?:bled|bleeds|bleed|hurt|hurts|bruised)|again)\b/;
const DELIBERATE = /\b(?:on purpose|deliberately|again|to feel|to cope|to punish|because i deserve|so i can feel|make it stop|numb)\b/;
/** A social event or a hopeful plan in the same message: "tonight's the night, wish me luck at the party". */
const EVENT_CONTEXT =
  /\b(?:party|date|concert|show|game|meetup|meet up|presentation|speech|interview|gig|talk to|ask (?:her|him|them) out|wish me luck|excited|first date|karaoke|dance|prom|premiere|finale|match|launch|wedding|opening|gala|class|exam|meeting|before i (?:go|leave)|heading out)\b/;
const PILLS = '(?:pills|meds|medication|medicine|tablets|sleeping pills|painkillers|antidepressants|paracetamol|tylenol|acetaminophen|ibuprofen|advil|xanax|insulin|prescriptions?)';

/** "when I end it", "I'll end it tonight"; not ending a relationship, a call or a story. */
const END_IT = rx(String.raw`\b(?:when|where|how|before|then|and|that|so|until|once|if) i (?:finally |just |actually )?(?:end|ending) it${END}|\b(?:i|ill|id|im) (?:finally |just |really |actually )?(?:end|ending) it${END}|\b(?:end|ending) it (?:tonight|today|tomorrow|soon|this week|this weekend|for good|once and for all|now|all)\b`);
const END_IT_NOT_LIFE =
  /\bend(?:ing)? it (?:\S+ ){0,3}with (?:him|her|them|my|a|the|this|that|you)\b|\b(?:relationship|boyfriend|girlfriend|bf|gf|partner|husband|wife|fiance|fiancee|situationship|breakup|break up|dating|friendship|contract|lease|subscription|call|meeting|conversation|game|stream|party|night|chat|talk|speech|presentation|date|lesson|class|session|season|series|book|show|story|essay|video|tour)\b/;
/** A relationship named anywhere in the message: "no future in this relationship, I'm ending it". */
const END_IT_RELATIONSHIP = /\b(?:relationship|boyfriend|girlfriend|bf|gf|situationship|break up|breaking up|broke up|dating (?:him|her|them)|friendship|contract|lease|subscription|engagement|quit|quitting|resign|resigning|hand in my notice)\b/;
/** Who or what someone stays alive for: "the only thing stopping me is my dog". */
const PEOPLE =
  '(?:dog|dogs|cat|cats|pet|pets|mum|mom|mother|dad|father|parents|family|kids|children|son|daughter|little (?:brother|sister)|brother|sister|siblings|grandma|grandmother|nan|gran|grandpa|grandad|partner|girlfriend|boyfriend|wife|husband|best friend|friends|friend|therapist|faith|religion|god|baby|niece|nephew)';
/** A first-person word: a means (pills, a bridge, a rope) counts as a plan only near the person themselves. */
const SELF = /\b(?:i|im|ive|id|ill|me|my|myself|mine)\b/;
/** Pills that are lethal in quantity; prescriptions in general ("enough meds for the trip") are left out of the bare forms. */
const LETHAL_PILLS = '(?:pills|tablets|sleeping pills|painkillers|pain killers|paracetamol|tylenol|acetaminophen|ibuprofen|advil|xanax|antidepressants|insulin|sleeping tablets|benzos|opioids|oxy|oxycodone|codeine|tramadol|meds)';

/** Something with an end that a person may want over: a pain, an event, a stretch of time. */
const ORDEAL =
  /\b(?:head|headache|back|tooth|stomach|period|cramps|migraine|knee|ankle|foot|leg|shoulder|neck|injury|burn|week|day|semester|exam|exams|term|shift|job|work|trip|flight|meeting|call|interview|presentation|wedding|holiday|visit|conversation|party|date|event|class|school|year|month|dinner|speech|test|lecture|game|move|winter|season|networking|meetup|concert|show|match|gig|karaoke|prom|appointment|commute|queue|small talk|chat|phone call)\b/;
/** Others pictured reacting to one's absence: "everyone", "my sister", "a relief", "would anyone notice". */
const OTHERS_REACT =
  /\b(?:everyone|everybody|anyone|anybody|no one|nobody|people|they|theyd|theyll|my (?:family|friends|parents|mum|mom|dad|partner|kids|children|sister|brother|siblings|boyfriend|girlfriend|wife|husband|flatmates?|housemates?)|the world|relief|relieved|better off|easier|happier|notice|miss me|care|show up|cry|forget|free of me|normal life|move on)\b/;
/** An absence with a reason and an end: a trip, a move, a shift. */
const TRIP =
  /\b(?:holiday|vacation|trip|travel\w*|abroad|camping|festival|flight|plane|airport|lunch|coffee break|moving (?:away|abroad|out|house|flat)|shift|offline|off grid|digital detox|signal|wifi|for (?:a|the|one|two) (?:day|week|weekend|month|night|few days|bit))\b/;
/** Leaving soon for an ordinary reason: "I won't be here much longer, my shift ends at 5". */
const LEAVING_SOON =
  /\b(?:(?:much longer|for long) (?:tonight|today|this evening|at (?:the|this))|shift|ends at|finish(?:es|ing)? at|leaving at|leave at|clock(?:ing)? (?:off|out)|my (?:train|bus|flight|taxi|uber|lift|ride)|battery|at \d+|by \d+|\d+ ?(?:am|pm|oclock)|holiday|vacation|visiting|trip|moving (?:out|away|house|flat)|on leave|last day at|leaving (?:the|this) (?:job|company|team|office))\b/;
/** Means that can be kept near a person, named without a verb of preparation. */
const STORED_MEANS =
  '(?:pills|tablets|sleeping pills|sleeping tablets|painkillers|pain killers|paracetamol|tylenol|acetaminophen|ibuprofen|xanax|benzos|opioids|oxy|oxycodone|codeine|tramadol|insulin|antidepressants|razor blades?|blades?|razors?|rope|ropes|noose|belt (?:hanging|hung|tied|looped)|gun|pistol|handgun|rifle|shotgun)';
const STORE_PLACE =
  '(?:drawer|drawers|closet|wardrobe|desk|nightstand|bedside table|cupboard|cabinet|bag|backpack|pencil case|case|makeup bag|wash bag|pillow|mattress|bed|car|glovebox|room|bedroom|pocket|shelf|box|table|loft|garage|shed)';
/** Time spent or attention kept on a stored means: "for weeks", "i keep looking at it", "all my", "every night". */
const LINGER = rx(
  String.raw`\b(?:keep (?:looking|staring|checking|thinking|going back)|kept (?:looking|staring|checking|thinking)|cant stop (?:looking|staring|thinking)|(?:looking|staring|looked|stared) at (?:it|them)|check (?:on )?(?:it|them|they|that)|thinking about (?:it|them)|for (?:weeks|months|days|ages|a while|a long time|so long)|just in case${END}|ready|lined up|laid out|all (?:of )?my|every (?:night|day)|at night|tonight|waiting|vodka|whiskey|whisky|gin|rum|alcohol|booze)\b`,
);
/** Ordinary reasons to keep pills, blades, a rope or a belt about. */
const STORED_FOR_A_REASON =
  /\b(?:headaches?|migraines?|period|cramps|cold|flu|hangover|remind me|forgot|forget|take (?:them|it|one|two)|taking (?:them|it)|prescribed|doctor|pharmacy|chemist|vitamins|camping|climbing|skipping|gym|hiking|sailing|shaving|shave|skates?|hockey|craft|crafts|fishing|hunting|range|wear|wearing|outfit|trousers|jeans|dress|style|fashion|vintage|trendy|ipad|ipads|kindles?|laptops?|phones?|homework|charging|chargers?|screens?|apps|devices)\b/;
/** Wanting, picturing or being drawn to something, in the same clause as a method. */
const DRAWN_TO =
  /\b(?:want|wants|wanted|wanting|wish|wished|part of me|think|thinks|thinking|thought|imagine|imagining|picture|picturing|dream|dreaming|fantasi[sz]\w*|daydream\w*|tempted|tempting|urge|urges|could just|should just|just|keep|kept|not come (?:out|back)|never come (?:out|back)|and (?:not|never) (?:come|stop|turn))\b/;
/** The silly kind of "something stupid": karaoke, texting an ex, a haircut. */
const SILLY =
  /\b(?:karaoke|text|texting|message|messaging|ex|embarrass\w*|say|said|blurt\w*|buy|buying|spend|spending|order|ordering|haircut|hair|tattoo|dye|bangs|fringe|confess|confession|ask (?:him|her|them) out|crush|kiss|dance|dancing|sing|singing|drunk|shots|impulse|social media|instagram|tiktok|facebook|twitter|account|accounts|apps|phone|wardrobe|room|job)\b/;
/** What gives "I've made up my mind" its weight: goodbyes, thanks for everything, no stopping me. */
const FAREWELL =
  /\b(?:goodbye|goodbyes|sorry for everything|forgive me|at peace|(?:no one|nobody|you) can(?:t)? stop me|dont (?:try to )?stop me|for the best|better this way|better off|thank you for everything|thanks for everything|love you all|take care of (?:my|yourself|yourselves|each other|mum|mom|dad)|dont blame yourself|not your fault|no going back|its time|im ready|tired of (?:everything|it all|living|being alive|fighting)|cant do this anymore|no point)\b/;

/** What "until" reaches when the harm is the point: "until it bleeds", "till they were black and blue". */
const UNTIL_HURT = String.raw`(?:(?:i|it|they|my \S+) (?:bleed|bleeds|bled|bleeding|bruise|bruises|bruised|scar|scars|scarred|blister|blistered|break|broke|burned)|(?:it|they|its|theyre|my \S+)(?: (?:is|are|was|were|went|goes|go|turned|turn|looked|look))? (?:black and blue|raw|red raw|numb|purple|swollen|bloody|bleeding|bruised))\b`;
/** An itch is not self-harm: "I scratched my mosquito bites until they bled". */
const ITCH = /\b(?:mosquito|midge|bug bites|insect bites|bites|itchy|eczema|rash|hives|chicken ?pox|sunburn|allergic reaction|spots?|pimples?)\b/;
/**
 * Hard call: nail biting and cuticle picking "until they bleed" are common habits of anxious people, and
 * the coach should talk about them; picking or scratching skin until it bleeds stays a crisis signal.
 */
const NAILS = /\b(?:nails?|fingernails?|cuticles?|hangnails?)\b/;

const RULES: readonly Rule[] = [
  // --- suicidal ideation ---------------------------------------------------
  { signals: ['suicidal_ideation'], re: /\bkil+(?:l|s|ing|in|ed)? ?my ?s(?:el|le)[fv]e?s?\b/ },
  { signals: ['suicidal_ideation'], re: /\b(?:end|ending|ended|off|offing|offed|unalive|unaliving|unalived|delete|deleting|top|topping|neck|necking) myself\b/ },
  { signals: ['suicidal_ideation'], re: /\b(?:do myself in|self delete|un ?aliv(?:e|ing|ed)|commit (?:die|not alive|sudoku|toaster bath))\b/ },
  { signals: ['suicidal_ideation'], re: rx(String.raw`\b${SUICID}\b`) },
  {
    signals: ['suicidal_ideation'],
    re: /\b(?:want|wanted|wanting|plan|planning|planned|ready|deserve|deserved|need|trying|tried|try|hope|hoping|wish|wished|should|going to just|meant|prefer) to (?:just )?(?:die|be dead|not be alive|not live|stop living|not wake up)\b/,
  },
  { signals: ['suicidal_ideation'], re: /\bwish (?:that )?i (?:was|were|had|could be|d be|would be|had been) (?:dead|died)\b/ },
  { signals: ['suicidal_ideation'], re: /\bwish (?:that )?i could (?:just )?die\b|\bwish i would (?:just )?die\b/ },
  { signals: ['suicidal_ideation'], re: /\b(?:better|be) off dead\b|\bshould (?:just )?be dead\b|\bshould have died\b|\brather (?:die|be dead)\b/ },
  {
    signals: ['suicidal_ideation'],
    re: /\bwish (?:someone|somebody|something|a car|a bus|a truck|a train|god) would (?:just )?(?:kill me|hit me|end me|take me)\b|\b(?:hope|hoping|wish|pray|praying) (?:that )?(?:i get|i got|id get|i would get|a (?:car|bus|truck) would) (?:hit|run over|killed)\b|\bhope (?:that )?i die\b/,
  },
  { signals: ['suicidal_ideation'], re: /\b(?:end|ending|ended|take|taking|took|took away) (?:my|my own) life\b|\bend it all\b|\bending it all\b/ },
  {
    signals: ['suicidal_ideation'],
    re: rx(String.raw`\b(?:want to|going to|ready to|about to|planning to|plan to|thinking about|think about|thought about|decided to|should|could|will|might|need to|just|have to|gotta) (?:just )?(?:end|ending) (?:it|things|everything)${END}`),
    unlessMessage: END_IT_RELATIONSHIP,
  },
  {
    signals: ['suicidal_ideation'],
    re: /\b(?:picture|picturing|imagine|imagining|think about|thinking about|planning|plan|dream about|dreaming about|fantasi[sz]e about|fantasi[sz]ing about|daydream about|daydreaming about) (?:my own|my) (?:funeral|death|grave|obituary)\b|\bsui (?:thoughts|ideation|attempt|urges|feelings)\b|\b(?:having|have|had|passive|active|my|with) si\b(?= thoughts| again| urges| \||$)/,
  },
  {
    signals: ['suicidal_ideation'],
    re: /\b(?:suicidal|dark|death) thoughts\b|\bthoughts (?:of|about) (?:dying|death|ending it|suicide|killing myself|not being here)\b/,
  },
  {
    signals: ['suicidal_ideation'],
    re: /\b(?:thinking|thought|think|thinks|been thinking|keep thinking|cant stop thinking|obsessing) (?:a lot |lately |again |constantly |seriously |so much |more )*(?:about|of) (?:dying|death|ending it|ending my life|not being here|not being alive|not existing|killing myself|suicide|taking my life|how to die|ways to die|just ending it)\b/,
  },
  {
    signals: ['suicidal_ideation'],
    re: rx(String.raw`\b(?:dont|no longer|never) (?:even )?(?:really )?want to (?:live|be alive|be here|be around|go on|keep living|keep going)(?:${END}| anymore| like this| this life| on this earth| in this world)|\bdont want to be alive\b|\bno longer want to (?:live|be alive|be here|exist)\b`),
  },
  {
    signals: ['suicidal_ideation', 'plan'],
    re: /\b(?:hang|hanging|hanged|shoot|shooting|shot|drown|drowning|drowned|poison|poisoning|poisoned|suffocate|suffocating|electrocute|gas|stab|stabbing) myself\b|\bslit(?:ting)? my (?:wrists?|throat)\b|\bblow my brains out\b|\bbullet (?:in|through) my (?:head|brain)\b|\bgun to my head\b/,
  },
  {
    signals: ['suicidal_ideation', 'plan'],
    re: /\bjump(?:ing|ed)? (?:off|from) (?:a|the|this|that|my) (?:bridge|roof|building|balcony|cliff|window|overpass|tower|parking garage|car park)\b|\b(?:jump|jumping|step|stepping|walk|walking|throw myself|lie down) (?:in front of|into|onto) (?:a |the )?(?:train|bus|truck|car|traffic|tracks|oncoming traffic)\b|\bdrive (?:my car )?(?:off|into) (?:a |the )?(?:bridge|cliff|wall|tree|river|lake|oncoming traffic)\b/,
  },
  {
    signals: ['suicidal_ideation'],
    re: /\b(?:dont|do not|no longer) deserve to (?:live|be alive|exist|be here)\b|\b(?:want to|wish i could|need to|going to) (?:just )?(?:stop being alive|not be alive|stop living|stop breathing|quit (?:life|living|being alive|existing))\b|\bwant out of (?:this life|life|this world|existence|everything)\b|\bhate (?:my life|living|being alive) (?:and|so) (?:i )?(?:just )?want out\b/,
  },
  {
    signals: ['suicidal_ideation'],
    re: /\b(?:want to|wanted to|going to|ready to|cant wait to|wish i could) (?:join|be with|see) (?:my )?(?:dead|late|deceased)\b|\b(?:join|be with|see) (?:my )?(?:dead |late )?(?:mom|mum|dad|mother|father|grandma|grandpa|nan|gran|brother|sister|friend|wife|husband|son|daughter|partner|baby) (?:again )?(?:soon )?(?:in heaven|on the other side|up there)\b/,
  },
  {
    signals: ['suicidal_ideation'],
    re: rx(String.raw`\bsurvived (?:an|my|the|a) attempt\b|\battempted (?:before|last (?:year|month|week|time|summer|winter)|twice|again|once already)\b|\bafter my (?:last |first |previous |second )?attempt${END}|\b(?:previous|past|prior) (?:suicide )?attempts?\b`),
  },
  // --- plan, means, timing -------------------------------------------------
  {
    signals: ['plan'],
    re: rx(String.raw`\b(?:saving|saved|stockpiling|stockpiled|hoarding|hoarded|collecting|collected|stashing|stashed|keeping|gathering|gathered|stocking) (?:up )?(?:on )?(?:my |all my |some |a lot of |enough |the |all the |up my )?${PILLS}\b`),
  },
  {
    signals: ['plan'],
    re: rx(String.raw`\b(?:took|take|taking|swallowed|swallow|swallowing|downed|down|ate) (?:all|all of|a bunch of|a handful of|a lot of|lots of|too many|(?:the|a|an) (?:whole|entire|full) (?:bottle|pack|box|packet|strip|blister pack) of|every one of|the rest of|loads of|heaps of|a fistful of|[1-9]\d+|ten|twelve|fifteen|twenty|thirty|forty|fifty) (?:my |the |those |these |of my )?${PILLS}\b`),
  },
  { signals: ['plan'], re: rx(String.raw`\beverything (?:is )?(?:ready|set|planned|sorted|in place) for (?:tonight|tomorrow|it|the end)${END}`), unlessMessage: EVENT_CONTEXT },
  { signals: ['plan'], re: rx(String.raw`\b${PILLS} (?:are|is) (?:ready|counted|lined up|laid out|hidden)\b`) },
  { signals: ['plan'], re: rx(String.raw`\b${PILLS} (?:saved|stashed|stockpiled|hidden|hoarded|put aside|set aside)(?: up)?\b|\b(?:stash|stockpile|hoard|secret supply) of ${PILLS}\b`) },
  { signals: ['plan', 'suicidal_ideation'], re: /\boverdos(?:e|ed|ing)\b/ },
  { signals: ['plan'], re: /\bnoose\b|\blethal dose\b/ },
  {
    signals: ['plan'],
    re: /\b(?:bought|buying|got|getting|tied|tie|tying|found|ordered|have) (?:a |the |some |myself a )?rope\b/,
    unlessClause: /\b(?:camping|climbing|boat|hiking|sailing|tent|moving|swing|dog|gym|skipping|jump rope|tug of war|hammock|washing line)\b/,
  },
  { signals: ['plan'], re: /\b(?:bought|buying|got|ordered|loaded|loading|holding|have|found) (?:a |my |the |dads |my dads |a loaded )?(?:gun|pistol|handgun|revolver|rifle)\b/, unlessClause: /\b(?:toy|nerf|water|glue|airsoft|paintball|video game|game|squirt)\b/ },
  {
    signals: ['plan'],
    re: rx(String.raw`\bhow (?:many|much) (?:of (?:my|these|the) )?${PILLS} (?:would|does|do|will|to|until|before|it takes|would it take|to die|kill)`),
    unlessClause: /\b(?:headache|cold|fever|period|cramps|pain relief|back pain|toothache|flu|hangover|per day|a day|prescribed)\b/,
  },
  {
    signals: ['plan'],
    re: /\b(?:painless|easy|easiest|quick|quickest|best|fastest|surest|simple|peaceful) (?:way|ways|method|methods) to (?:die|go|end it|kill myself|end my life|do it)\b|\bhow to (?:die|kill myself|end it|end my life|hang myself|overdose|commit suicide)\b|\b(?:researching|researched|looking up|looked up|googling|googled|searching|searched|reading about) (?:ways|how|methods) to (?:die|end it|kill myself|end my life|overdose)\b/,
  },
  {
    signals: ['plan'],
    re: /\b(?:said|say|saying|said my) (?:my )?goodbyes? to (?:everyone|everybody|all of you|the people i love|my family|my friends|the world)(?= \||$)|\bgoodbye (?:letter|letters|note|notes|message|messages|video|videos|text|texts)\b|\b(?:final|last) goodbyes?\b|\bgoodbye forever\b|\bthis is goodbye\b|\bgoodbye (?:world|cruel world)\b|\b(?:wrote|written|writing|write|left|leaving) (?:letters|notes) (?:to|for) (?:everyone|everybody|all of them|my family|each of|the people i love)\b|\b(?:wrote|written|writing|left|leaving) (?:a |my )?(?:note|letter|notes|letters) (?:to|for) (?:my |everyone|everybody)?\w* ?(?:just )?in case(?= \||$| i (?:dont|dont make it|do it|go)| something happens)/,
  },
  { signals: ['plan'], re: /\bthis is my (?:last|final) (?:message|goodbye|post|text|time talking)\b/, unlessMessage: EVENT_CONTEXT },
  { signals: ['plan'], re: rx(String.raw`\bthis is my (?:last|final) (?:night|day)${END}|\b(?:last|final) (?:night|day) (?:alive|on earth|on this earth)\b`) },
  {
    signals: ['plan'],
    re: /\b(?:giving|gave|give|given|giving all) away (?:all (?:of )?my |my )(?:stuff|things|belongings|possessions|cat|dog|pets|games|everything)\b|\bgiving away everything\b/,
    unlessClause: /\b(?:charity|move|moving|moved|declutter|decluttering|spring cleaning|marie kondo|new place|minimalis[mt])\b/,
  },
  {
    signals: ['plan'],
    re: rx(String.raw`\btonight(?:s| is) the night${END}|\b(?:it|this|everything) (?:all )?ends (?:tonight|today|tomorrow)\b`),
    unlessMessage: EVENT_CONTEXT,
  },
  {
    signals: ['plan'],
    re: /\b(?:wont|will not|am not going to|not going to|im not going to) be (?:here|around|alive) (?:much longer|for (?:much )?longer|for long|after (?:tonight|today|this week))\b|\b(?:by|after) (?:tonight|tomorrow|the weekend) (?:i|ill|i will) (?:be gone|be dead|not be here|no longer be here|wont be here|wont be around)\b|\bafter tonight (?:you|no one|nobody|everyone) (?:wont|will not|will never|doesnt|dont) (?:have to )?(?:see|hear from|worry about|deal with) me\b|\byou (?:wont|will not|will never) (?:ever )?(?:hear from|see) me (?:again|ever again|anymore)\b/,
    unlessMessage: LEAVING_SOON,
  },
  {
    signals: ['plan'],
    re: /\b(?:i )?(?:have|made|got|ive got|ive made|have made|made up) a plan (?:to (?:die|end it|kill myself|end my life|do it|go through with it))\b|\b(?:know|decided|figured out|worked out|picked|chosen|chose|planned) (?:exactly )?(?:how|when|where) (?:(?:i (?:would|will|am going to|m going to)|id|ill|im going to) )?(?:do it|end it|die|kill myself|go through with it)\b|\bgoing through with it\b|\bgo through with it (?:tonight|today|this time|soon)\b/,
  },
  { signals: ['plan'], re: rx(String.raw`\b(?:have|got|made|picked|set|chosen) (?:a|the|my) (?:plan|method) and (?:a|the) (?:date|time|place|day)${END}`) },
  // --- self-harm -------------------------------------------------------------
  {
    signals: ['self_harm'],
    re: /\b(?:cut|cutting|cuts|burn|burning|burned|burnt|burns|hurt|hurting|hurts|harm|harming|harmed|punish|punishing|punished|hit|hitting|punch|punching|punched|scratch|scratching|scratched|starve|starving|starved|bruise|bruising|carve|carving|carved|stab|stabbing|stabbed|bleed|bleeding|bite|biting|pinch|pinching|slash|slashing|slashed) myself\b/,
    unlessClause: SELF_HARM_ACCIDENT,
  },
  {
    // Wounding verbs on a body part are self-harm ("cutting my thighs"); "I hurt my leg" is an injury
    // unless something in the clause says it was deliberate (see the next rule).
    signals: ['self_harm'],
    re: rx(String.raw`\b(?:cut|cutting|cuts|burn|burning|burned|burnt|burns|harm|harming|harmed|scratch|scratching|scratched|bruise|bruising|carve|carving|carved|stab|stabbing|stabbed|bleed|bleeding|slash|slashing|slashed) my (?:own )?${BODY}\b`),
    unlessClause: SELF_HARM_ACCIDENT,
  },
  {
    // Any harm verb on oneself with a word of intent, in any tense: "burned my wrist with a hot spoon on purpose",
    // "I hit my head against the wall to punish myself", "starve myself as punishment".
    signals: ['self_harm'],
    re: rx(String.raw`\b${HARM_VERB} (?:myself|my (?:own )?(?:${BODY}|${BODY_EXTRA}))\b`),
    alsoClause: DELIBERATE_HARM,
  },
  {
    // "until I bled", "till it bleeds", "until my knuckles bled"
    signals: ['self_harm'],
    re: rx(String.raw`\b${HARM_VERB} (?:myself|my (?:own )?(?:${BODY}|${BODY_EXTRA})|(?:the |a )?wall)(?: \S+){0,5} (?:until|till|til|untill) ${UNTIL_HURT}`),
    unlessClause: NAILS,
    unlessMessage: ITCH,
  },
  { signals: ['self_harm'], re: /\bself (?:harm|harms|harming|harmed|injury|injure|injuring|injured|mutilation|mutilate|mutilating|hurt|hurting|inflicted)\b/ },
  {
    signals: ['self_harm'],
    re: /\b(?:relapse|relapsed|relapsing|clean from|urges? (?:to|for)|did|do|doing|started|start)(?: on| into| with| to)? sh\b|\bsh (?:urges|scars|again|wounds|relapse|marks|cuts)\b/,
  },
  {
    signals: ['self_harm'],
    re: rx(String.raw`\b(?:urge|urges|urged|itching|craving|cravings|tempted|want|wanted|wanting|need|needed|thinking about|thought about|going to|planning to) (?:to )?(?:cut|cutting|burn|burning|harm|harming)(?: myself)?${END}`),
  },
  {
    signals: ['self_harm'],
    re: rx(String.raw`\b(?:started|start|been|keep|kept|im|was|back to|went back to|resorted to|turned to|go back to|relapsed into|addicted to) cutting(?: again)?${END}|\bcutting again\b|\bi cut again\b|\bused to (?:cut|self harm|hurt myself|burn myself)(?:${END}| myself| when| because| in| a lot| back)`),
  },
  {
    signals: ['self_harm'],
    re: /\b(?:hide|hiding|hid|cover|covering|covered) (?:up )?(?:my |the )?(?:cuts|scars|wounds|burns|self harm scars)\b|\bfresh (?:cuts|scars|wounds)\b|\b(?:cuts|scars) on my (?:arms?|wrists?|thighs?|legs?|stomach|hips?)\b|\b(?:razor|blade|blades|knife|lighter) (?:to|on|against|into) (?:my )?(?:skin|wrists?|arms?|thighs?|legs?)\b/,
  },
  {
    signals: ['self_harm'],
    re: /\bi cut (?:too |so |really )?deep(?:er)?\b|\b(?:arms?|wrists?|thighs?|legs?|skin|body) (?:is|are) (?:covered in|full of|all) (?:cuts|scars|burns|scratches)\b/,
  },
  { signals: ['self_harm'], re: /\bi deserve (?:to (?:hurt|suffer|feel pain|be hurt|bleed|be in pain|be punished)|pain|the pain)\b/ },
  { signals: ['suicidal_ideation'], re: /\bi deserve to die\b/ },
  { signals: ['disappear'], re: /\bi (?:deserve|dont deserve) to (?:disappear|not exist|not be here|be gone|rot|stop existing)\b|\bi dont deserve to (?:exist|be here|be alive|live)\b/ },
  { signals: ['self_harm'], re: /\b(?:make|made|making) myself (?:bleed|throw up|puke|vomit|hurt)\b/ },
  // --- burden ---------------------------------------------------------------
  {
    signals: ['burden'],
    re: rx(String.raw`\b(?:better|happier|easier|better off|happier off|fine|okay|ok|just fine) (?:off )?(?:without me|${IF_GONE})|\bdeserves? (?:so much |much |way )?better than (?:me|a (?:son|daughter|friend|partner|mother|father|mom|dad|brother|sister|person) like me)\b`),
    // "they'd have more fun without me at the party" is about one evening, not about being alive
    unlessClause:
      /\bwithout me (?:at|on|in|for) (?:the|this|that|their|our|his|her|my) (?:party|team|project|trip|game|meeting|group|event|dinner|date|band|squad|call|outing|night out|shift)\b|\bwithout me there\b|\bwithout me (?:for a (?:bit|while|few days|week)|while im)\b|\b(?:party|team|group|group chat|event|meeting|dinner|trip|band|class|project|game|conversation|photo|picture|wedding|date|outing|night|show)(?: would| will| is| was| d)? (?:be |have been )?(?:so |much |way |a lot |probably |just )*(?:better|happier|easier|more fun|fine|okay|ok)\b/,
  },
  {
    signals: ['burden'],
    re: /\b(?:im|feel like|feeling like|being|im just|been|am|feel|felt) (?:such |just |nothing but |only |always |a |an |huge |massive |total |constant |the |so much of a |like a |like )*burden\b/,
    unlessClause: /\bburden (?:when i (?:ask|need|call|text|invite|bring|message)|by asking|for asking|asking|to (?:the|my) host)\b/,
  },
  {
    signals: ['burden'],
    re: rx(String.raw`\b${ANYONE} (?:would|will|is going to|wouldnt even|would even|would ever|will ever|even|would really|will even) (?:even )?(?:miss me${END}|miss me ${IF_GONE}|notice ${IF_GONE}|care ${IF_GONE}|notice (?:if|when) im gone|care (?:if|when) im gone|care if i died|care if i lived or died|notice if i died)`),
  },
  {
    signals: ['burden'],
    re: /\bif i (?:died|was gone|were gone|disappeared|killed myself|wasnt here)(?: tomorrow| today| tonight| now)? (?:\| )?(?:no one|nobody) (?:would|will|d) (?:even )?(?:care|notice|miss me)\b|\b(?:no one|nobody) (?:cares|would care|will care|really cares|even cares) (?:if|whether) i (?:live|lived|die|died|am alive|exist|live or die)\b/,
  },
  { signals: ['burden'], re: rx(String.raw`\b(?:relieved|glad|happy|happier) (?:if|when|once) (?:i|im) (?:was |were |am )?(?:gone|dead|died)\b`) },
  {
    signals: ['burden'],
    re: /\b(?:doing|do|be doing) (?:everyone|everybody|them|the world|my family) a favou?r by (?:dying|killing myself|not being here|not being around|disappearing forever|disappearing|leaving (?:forever|for good|this world|permanently)|ending it|being gone)\b/,
  },
  { signals: ['burden'], re: /\bim (?:just |such )?a waste of (?:space|oxygen|air|life)\b/ },
  // --- disappear permanently -----------------------------------------------
  {
    signals: ['disappear'],
    re: /\b(?:disappear|vanish|fade away|fade out|cease to exist|stop existing|be gone)(?: from (?:this|the) (?:world|earth|planet|face of the earth))? (?:forever|permanently|for good|for ever|and never come back|and never be (?:found|seen)|without a trace|completely)\b|\b(?:disappear|vanish) from (?:this|the) (?:world|earth|planet|face of the earth)\b/,
  },
  { signals: ['disappear'], re: rx(String.raw`\b(?:want to|wish i could|just want to|need to|wish i would|id like to|really want to) (?:just )?(?:disappear|vanish|fade away|be gone)${END}`) },
  { signals: ['disappear'], re: /\b(?:ive been|been|keep) (?:wanting|wishing) (?:i could )?(?:to )?(?:disappear|vanish|not exist|stop existing)\b/ },
  {
    signals: ['disappear'],
    re: /\b(?:want to|wish i could|just want to|need to|wish i would|id like to|really want to) (?:just )?(?:not exist|stop existing|cease to exist|not be here anymore|be gone forever|no longer exist)\b|\bdont want to exist\b|\bwish i didnt exist\b|\b(?:didnt|wouldnt|dont|not|stop|stopped|no longer) exist(?:ing|ed)? anymore\b|\bif i (?:just )?(?:didnt exist|stopped existing|wasnt here anymore)\b/,
  },
  { signals: ['disappear'], re: /\bwish (?:that )?i (?:was|were|had|had been|d been)? ?(?:never born|never been born|wasnt born|never existed|didnt exist)\b/ },
  {
    signals: ['disappear'],
    re: rx(String.raw`\b(?:sleep|go to sleep|fall asleep|close my eyes|lie down) and (?:never|not) wake up\b|\bnever wake up(?: again)?${END}|\b(?:hope|wish|praying|pray|hoping) (?:that )?i (?:dont|never|wont) wake up\b|\bdont want to wake up(?: (?:again|anymore|ever again|ever))?${END}|\b(?:want to|wish i could|just want to|id like to|need to) (?:sleep|go to sleep|fall asleep) (?:forever|for ever|permanently|and never wake up)\b`),
  },
  // --- hopelessness ---------------------------------------------------------
  {
    signals: ['hopelessness'],
    re: /\bno point (?:anymore|in (?:anything|living|life|going on|trying anymore|being alive|being here|waking up|getting up|any of (?:it|this))|to (?:anything|life|living|my life|me|it all|any of (?:this|it)))\b|\b(?:whats|where is|wheres) (?:even )?the point(?: of (?:anything|living|life|it all|going on|being alive|me|trying anymore|any of (?:this|it)|existing)| anymore| in (?:anything|living|life|going on|trying anymore))\b|\b(?:dont|cant) see (?:the|any) point (?:anymore|of (?:living|life|anything|going on|being alive|any of this|existing)|in (?:living|anything|life|going on|being alive|existing))\b/,
  },
  {
    signals: ['hopelessness'],
    re: /\bnothing (?:will|is going to|is ever going to|ever|can|could|is ever gonna)(?: ever)? (?:get better|gets better|be better|change|improve|be okay|be ok|be alright|be fine|help|fix this|fix me|work out|make this better)\b/,
  },
  {
    signals: ['hopelessness'],
    re: /\b(?:cant|dont) see (?:any )?(?:way|how) (?:this|it|things|life|anything|my life) (?:gets|get|will get|could get|is going to get|can get|would get|will ever get|could ever get) better\b|\bno way (?:this|it|things|life|my life) (?:gets|will get|is going to get|will ever get) better\b/,
  },
  {
    signals: ['hopelessness'],
    re: /\b(?:things|it|its|life|my life|this|thats|everything)(?: is| are| will)? never (?:going to |gonna )?(?:get|be|gets) (?:any )?better\b|\b(?:things|it|life|my life|this|everything) (?:wont|isnt going to|arent going to|will never) (?:ever )?(?:get|be) (?:any )?better\b/,
  },
  {
    signals: ['hopelessness'],
    re: rx(String.raw`\bcant (?:do this|take (?:it|this)|handle (?:it|this|life)|cope|keep doing this|deal with (?:it|this|life)|live (?:like this|this way)|be alive|bear (?:it|this)|keep pretending) anymore\b|\bcant (?:go on|keep going|keep living|live like this|carry on|do life)(?: like this)?(?:${END}| anymore)`),
  },
  {
    signals: ['hopelessness'],
    re: /\b(?:feel|feeling|felt|so|completely|totally|utterly|truly) (?:so |completely |totally |utterly |really |just |very |kind of |kinda |pretty )*hopeless\b(?! (?:at|with|romantic|case|when it comes))|\b(?:everything|life|it all|my life|my situation|existence) (?:is|feels|seems|feel) (?:so |completely |totally |just |utterly )?(?:hopeless|pointless|meaningless|unbearable)\b/,
  },
  {
    signals: ['hopelessness'],
    re: /\bnot worth living\b|\b(?:life|it|living|my life) (?:isnt|aint|is not) worth (?:living|it anymore)\b|\b(?:my life|life) (?:isnt|is not|aint) worth it\b|\bim not worth (?:saving|it anymore|living|anything anymore|keeping around|the air i breathe)\b/,
  },
  {
    signals: ['hopelessness'],
    re: rx(String.raw`\b(?:how much longer|how long) i can (?:keep going|go on|keep doing this|hold on|take (?:it|this)|keep living|last|keep this up)\b|\bhate (?:being alive|existing|my existence|that im alive|waking up every day|that i woke up)\b|\bhate living(?:${END}| so much| every day)|\b(?:want|need|wish)(?: for)? (?:it all|everything|the pain|this pain|all of it|life|my life) to (?:stop|end|be over)(?:${END}| forever| for good| permanently)|\bjust (?:want|need) (?:it all|everything|the pain|this pain) to (?:stop|end|be over)\b`),
  },
  {
    signals: ['hopelessness'],
    re: /\bnothing (?:left )?to live for\b|\bno (?:reason|reasons) (?:left )?to (?:live|keep going|go on|be here|stay|get up|wake up|keep living|be alive|stay alive|carry on)\b|\bno future (?:for me|left)(?! (?:at|in|with|here|there|as)\b)|\bdont (?:see|have) (?:a|any) future(?: for (?:me|myself))?(?= \||$| anymore)/,
  },
  {
    signals: ['hopelessness'],
    re: rx(String.raw`\b(?:tired|sick|exhausted|done) (?:of|with) (?:living|being alive|existing|life|waking up|being me|this life)\b|\b(?:tired|sick|exhausted|done) (?:of|with) (?:everything|it all|trying|fighting|everyone and everything)${END}`),
  },
  { signals: ['hopelessness'], re: rx(String.raw`\bnothing (?:really )?matters(?: to me)? anymore\b|\bnothing matters${END}`), unlessMessage: /\bnothing matters (?:more|as much)\b/ },
  { signals: ['hopelessness'], re: /\b(?:give|giving|gave|given) up on (?:life|everything|living|myself|me|the future|ever being happy|being happy)\b/ },
  {
    signals: ['hopelessness'],
    re: /\b(?:see|theres|there is|is|find|have) no way out\b/,
    unlessClause: /\bno way out of (?:this|the|that) (?:party|meeting|class|event|conversation|room|call|chat|plan|commitment|wedding|dinner|trip)\b/,
  },
  { signals: ['hopelessness'], re: rx(String.raw`\b(?:lost all|lost|given up|gave up|no|there is no|theres no|without any) hope(?: left)?(?: for me| anymore)?${END}`) },
  {
    // running out of reasons, nothing ahead: "i'm out of reasons", "nothing to look forward to"
    signals: ['hopelessness'],
    re: rx(String.raw`\b(?:out of|run out of|ran out of|running out of|no more|dont have any|havent got any|have no|got no) (?:good )?reasons(?: left)?(?: to (?:live|keep going|go on|be here|stay alive|keep living|keep trying|keep fighting|fight|hold on|wake up|get up|exist|stay|be alive|carry on))?${END}|\b(?:nothing|nothing left|no one|nobody|nothing good) to (?:look forward to|wake up for|get up for|live for|hold on (?:to|for)|stay (?:for|alive for))${END}`),
  },
  {
    // "what's the point in even trying to live", "is there any reason to keep going"
    signals: ['hopelessness'],
    re: rx(String.raw`\b(?:whats|wheres|no|see the|see any|is there (?:a|any|even a)|lost the|any|why is there a|what is the|cant find a|cant find the|cant find any|dont have a) (?:the |a |any )?(?:even )?(?:real )?(?:point|reason|reasons)(?: (?:in|of|to|for))? (?:even )?(?:trying to |bothering to |continuing to |me |to keep )?(?:live|living|exist|existing|stay alive|staying alive|being alive|carry on|carrying on|keep going|keep living|going on|me being here|me being alive|my life|life|me|still being here|being here anymore|wake up|waking up|wake up anymore|get up in the morning)${END}`),
  },
  // --- structure: absence from the future ------------------------------------
  // Imagining a future without oneself in it, however it is worded: "won't be here much longer", "when
  // I'm gone", "no future", "can't see myself alive next year", "won't make it to Christmas".
  {
    signals: ['disappear'],
    re: rx(String.raw`\b(?:wont|will not|am not going to|not going to|might not|may not|probably wont|prob wont|dont think ill|dont think i will|doubt ill|doubt i will|not sure ill|not sure i will|dont want to) (?:even |still )?(?:be (?:here|around|alive|in this world|on this earth)|exist)(?: (?:anymore|much longer|for much longer|for long|long|soon|forever|by then|to see (?:it|that|them|you|(?:next )?christmas|my (?:next )?birthday|next year|the end|how|the (?:summer|spring|new year))|next (?:year|month|christmas|summer|spring|autumn|winter|birthday)|by (?:next|the end of|christmas|my birthday|summer|the summer)|for (?:christmas|my birthday|new year|next year|much more|you|them|anyone)|to bother (?:anyone|you|them|people)))\b|\bsoon (?:i|ill|im) (?:wont|will not|not going to) be (?:here|around|alive)\b|\bsoon (?:ill|i will|im going to) be gone\b`),
    unlessMessage: LEAVING_SOON,
  },
  {
    signals: ['disappear'],
    re: rx(String.raw`\b(?:if|when|once|after) i (?:wasnt|werent|was not|were not|am not|m not) (?:here|around|alive) anymore\b|\bim not (?:going to be )?(?:here|around|alive) (?:anymore|much longer|for long)\b|\b(?:when|after|once) im (?:dead|no longer (?:here|around|alive))\b|\b(?:when|after|once) im gone(?:${END}| (?:you|they|everyone|no one|nobody|people|my|someone|it|things|the world|will|would))`),
  },
  {
    signals: ['hopelessness'],
    re: rx(String.raw`\b(?:i have|ive got|ive|i see|i got|theres|there is|have|see) no future${END}|\bno future (?:for me|left|ahead of me|for someone like me|for people like me|for myself)\b(?! (?:at|in|with|here|there|as)\b)|\bmy future is (?:gone|over|empty|black|dark|nothing|pointless|hopeless)\b|\b(?:dont|cant|couldnt|never) (?:see|imagine|picture) (?:a|any|my) future(?: for (?:me|myself))?(?: at all| anymore)?${END}`),
  },
  {
    signals: ['hopelessness'],
    re: /\b(?:dont|cant|couldnt|never|no longer|dont really|cant really|honestly cant|honestly dont) (?:see|picture|imagine|envision) myself (?:still |ever |even )?(?:being |still )?(?:alive|here anymore|still here|here (?:in|by|next|at) (?:a|one|next|the|christmas|\d+)|around (?:anymore|much longer|next)|living|existing|making it|surviving|getting old|growing old|old|(?:reaching|turning|past|at) (?:\d+|eighteen|twenty|twenty one|twenty five|thirty|forty|fifty)|(?:in|at|by|past|through) (?:a year|one year|five years|5 years|ten years|10 years|the future|next year|christmas|the summer|the end of (?:the|this) year)|next (?:year|month|christmas|summer|birthday)|a year from now)\b/,
  },
  {
    signals: ['hopelessness'],
    re: rx(String.raw`\b(?:wont|dont think ill|dont think i will|dont think im going to|doubt ill|doubt i will|not going to|im not going to|will never|never going to|probably wont|not sure ill) (?:make it|live|last|be alive|survive|still be here|be around|get) (?:to|until|till|til|past|through|another|to see) (?:next (?:year|month|week|christmas|summer|birthday)|christmas|new year|new years|my (?:\d+(?:st|nd|rd|th)? )?birthday|the (?:summer|winter|spring|new year)|\d+|eighteen|twenty|twenty one|thirty|another (?:year|week|month|day|night|birthday)|the end of (?:the|this) (?:year|month|week)|tomorrow|morning|the morning|the weekend|tonight|the night)${END}`),
  },
  {
    signals: ['hopelessness'],
    re: rx(String.raw`\b(?:cant|cannot|dont think i can|not sure i can|unable to|cant really|dont know if i can|doubt i can|dont know how (?:much )?(?:longer|long) i can) (?:(?:hold on|hang on|keep holding on|keep hanging on|go on|keep fighting|keep living|stay alive|stay safe|survive|carry on)(?: (?:much |any |for much |very much |a lot )?longer| for (?:long|much longer)| anymore|${END})|(?:keep going|keep this up|keep it together|do this|take (?:it|this|much more|any more)|stay strong|be strong|hold it together|fight (?:this|it))(?: (?:much |any |for much |very much |a lot )?longer| for (?:long|much longer)))`),
    unlessClause: /\b(?:at|in) (?:this|the) (?:party|meeting|event|queue|line|class|lecture|call|job|heat|cold)\b|\b(?:pee|wee|toilet|bathroom|breath|breathe|plank|squat|hunger|hungry|sleep|awake|wait|waiting)\b/,
  },
  // --- structure: burden, pictured after one's death --------------------------
  {
    signals: ['burden'],
    re: rx(String.raw`\b(?:would|will|d|might|should) (?:cry|be sad|be upset|mourn|grieve|miss me|be shocked|feel bad)(?: (?:for|about|like|maybe|only|at most|a|an|one|few|couple|of|week|day|month|minute|bit|while|days|weeks|hour|second|\d+)){0,5}(?: \|)? (?:and )?(?:then )?(?:be fine|be okay|be ok|be better|move on|get over it|forget (?:about )?me|be relieved|carry on|go back to normal)\b`),
  },
  {
    signals: ['burden'],
    re: rx(String.raw`\b(?:move on|get over (?:it|me)|forget (?:about )?me|be (?:fine|okay|ok|relieved|better|happier|glad|so much better))(?: \S+){0,4}? ${IF_GONE}|\bforget (?:that )?i (?:ever )?existed\b|\b(?:who|no one|nobody|anyone|not a single person)(?: would| will| is going to)? (?:even |actually |really )?(?:come|show up|turn up|go|cry|be sad) (?:to|at|about) my funeral\b|\bmy funeral (?:would|will) be empty\b`),
  },
  {
    signals: ['burden'],
    re: rx(String.raw`\b(?:better|happier|easier|better off|lighter|simpler|calmer|fine|okay) (?:for|on) (?:everyone|everybody|them|all of them|my family|my friends|my parents|the world|you|people|my mum|my mom|my dad|my kids)(?: (?:if i (?:just |simply |finally )?(?:wasnt|werent) (?:here|around|alive)|${IF_GONE}|without me))|\b(?:ruin|ruining|ruined|ruins|burden|burdening|make|making|makes|hurt|hurting) (?:everyones|everybodys|everyone|their|my familys|my family|my parents|my friends|the worlds|peoples) (?:lives |life |lives worse |life worse |day |days )?(?:worse )?(?:just )?by (?:existing|being alive|living|being born|still being here)\b`),
  },
  // --- structure: wanting to be gone for good -----------------------------------
  {
    signals: ['disappear'],
    re: rx(String.raw`\b(?:go|going|run|running|drift|drifting|slip|slipping|float|floating|fade|fading) away (?:forever|for good|permanently|for ever|and (?:never|not) (?:come back|return|be found|wake up))\b|\b(?:leave|leaving|exit|exiting|check out of|checking out of|be done with) (?:this|the) (?:world|earth|planet|life)(?:${END}| (?:forever|for good|behind|early|for real|permanently))|\bwish (?:that )?i (?:wasnt|werent|was not|were not) (?:here|alive|around)(?:${END}| anymore)|\b(?:want to|wish i could|just want to|need to) (?:just )?stop being${END}|\bdont want to wake up (?:tomorrow|in the morning|ever|again|anymore)\b`),
    unlessClause: /\bwake up (?:tomorrow|in the morning) (?:for|to go|and go|early)\b/,
  },
  {
    signals: ['suicidal_ideation'],
    re: /\b(?:(?:the )?(?:thought|idea) of (?:not waking up|never waking up|dying|death|being dead|not existing|not being here|not being alive|ending it|it all ending)|dying|death|being dead|not existing|not waking up|never waking up|not being alive) (?:is |feels |sounds |seems |would be |looks )(?:so |really |kind of |kinda |more and more |very |pretty |almost |honestly )*(?:comforting|peaceful|nice|like (?:a )?relief|a relief|appealing|tempting|easier|better|good|like freedom|like rest|calming|soothing|like the answer|like the only (?:way|option)|like an escape|inviting|attractive|like peace)\b/,
  },
  // --- structure: ending the pain for good -------------------------------------
  {
    signals: ['hopelessness'],
    re: /\b(?:make|making|want|wanted|need|wish|get|have|let) (?:it|this|the pain|this pain|all the pain|everything|it all|all of it|all of this|the hurt|the hurting|my pain|the noise|the thoughts|my thoughts|the voices|my brain|my head|the feeling|this feeling|life|my life) (?:all )?(?:to )?(?:just )?(?:stop|end|go away|be over|be done|go quiet|quiet down|shut up|switch off)(?: (?:for good|forever|permanently|for ever|once and for all))\b|\b(?:end|ending|stop|stopping) (?:the|my|this|all the|all this) (?:pain|suffering|misery|hurting|agony)(?: (?:for good|forever|permanently|once and for all))?\b|\bmake it all (?:stop|end|go away)\b/,
    unlessClause: /\b(?:headache|migraine|tooth|toothache|back pain|period|cramps|knee|ankle|injury|sunburn|physio)\b/,
  },
  {
    signals: ['hopelessness'],
    re: rx(String.raw`\b(?:make|making) (?:the|this|my) pain (?:stop|go away|end)\b|\b(?:want|need|wish|just want|just need|wanted|really want)(?: for)? (?:it|this|it all|all of this|all of it) (?:all )?to (?:be over|end|stop|be done)${END}`),
    unlessMessage: ORDEAL,
  },
  { signals: ['suicidal_ideation'], re: END_IT, unlessClause: END_IT_NOT_LIFE, unlessMessage: END_IT_RELATIONSHIP },
  // "I've decided tonight is when I end it": ending it with a time or a decision is a plan
  { signals: ['suicidal_ideation', 'plan'], re: END_IT, unlessClause: END_IT_NOT_LIFE, unlessMessage: END_IT_RELATIONSHIP, alsoClause: /\b(?:tonight|today|tomorrow|this weekend|soon|decided|decision|plan|planned|ready|time)\b/ },
  // --- structure: self-fear, and the last thing holding on ------------------------
  {
    signals: ['suicidal_ideation', 'self_harm'],
    re: rx(String.raw`\bwhat (?:i (?:might|could|would|will|may|m going to|am going to|ll|d)|ill|id|im going to|im gonna) (?:end up )?do(?:ing)? to myself\b|\b(?:scared|afraid|terrified|frightened|worried|fear|scares me|frightens me|terrifies me) (?:of |about |by )?what (?:i (?:might|could|would|will|may|m going to|am going to|ll|d)|ill|id|im going to|im gonna|im capable of) (?:end up )?(?:do|doing)(?:${END}| (?:tonight|alone|to myself|if (?:im|i am|i m|i get|i stay|i end up) (?:left )?(?:alone|on my own|by myself|home alone|left alone)))|\b(?:scared|afraid|terrified|frightened) of myself\b(?! when i (?:get|am|m)| when im (?:angry|mad|drunk|upset|annoyed))`),
    unlessMessage: EVENT_CONTEXT,
  },
  {
    signals: ['suicidal_ideation'],
    re: /\b(?:dont|cant|no longer|do not) trust myself (?:to (?:stay|be|keep (?:myself )?) safe|to not (?:hurt|do|act)|not to (?:hurt|do|act)|(?:to be )?(?:alone|on my own|by myself)|tonight|right now|anymore|around (?:pills|knives|my meds|sharp|the pills|the knives)|with (?:pills|knives|my meds|the pills|a knife|sharp|the knives|blades))\b|\b(?:cant|dont know if i can|dont think i can|not sure i can|unable to|struggling to|dont know how to) keep myself safe\b/,
  },
  {
    signals: ['suicidal_ideation'],
    re: rx(String.raw`\b(?:only|last|one) (?:thing|things|reason|reasons|one|ones|person|people|thing thats|thing that is) (?:that )?(?:is |are |s )?(?:stopping|keeping|holding|stops|keeps|holds|stopped|kept|held) me (?:back )?(?:here(?! (?:at|in|on) )|alive|around(?! (?:at|in|on) )|breathing|on this earth|in this world|going (?:is|are|was) (?:my|the thought of my|knowing my|thinking of my) ${PEOPLE}|from (?:doing it|ending it|ending things|going through with it|doing something|killing|hurting|jumping|dying|acting on|taking|overdosing|giving up|leaving this|doing anything|just ending|not being here|disappearing)|(?:is|are|was|right now is|rn is) (?:my|the thought of my|knowing my|thinking of my|thinking about my|that my|the idea of my|how sad my|what it would do to my) ${PEOPLE})`),
  },
  {
    signals: ['suicidal_ideation'],
    re: /\b(?:only|last) reason (?:that )?(?:im|i am|ive|i m) (?:still (?:here(?! (?:at|in|on|with) )|alive|around(?! (?:at|in|on|with) )|breathing|living)|alive|breathing|here (?:is|are) (?:my|the thought of my|because of my))\b|\bim only (?:still )?(?:alive|here|around|breathing) (?:because of|for|because) (?:my|the|him|her|them)\b|\bif (?:it )?(?:wasnt|werent|was not|were not|hadnt been) for (?:my |the |him|her|them)(?:\S+ ){0,4}?(?:id|i would|i wouldnt|i would not|id have|i would have|id already|i wouldve) (?:have |already |probably |definitely )?(?:be |been |not )?(?:gone|dead|done it|ended it|killed myself|be here anymore|still be here|alive|be gone|be dead)\b/,
  },
  // --- structure: means and preparation near oneself ----------------------------
  // A means (pills, heights, rope, gun, blades) with a word of preparation or lingering in the same
  // clause is read as a plan even without a word like "die": "ive got enough pills to do it", "i
  // looked at the bridge for a long time".
  {
    signals: ['plan'],
    re: rx(String.raw`\benough (?:of (?:my|the|these|those) )?(?:${LETHAL_PILLS})(?:${END}| (?:to (?:do it|die|end it|end things|not wake up|kill|make it stop|overdose|finish it|go through with it|never wake up|take them all|be sure)|saved|stashed|hidden|saved up|now|in my (?:drawer|room|bag|cupboard|desk|wardrobe)|for (?:it|that|a lethal|an overdose)))|\b(?:${PILLS}|them|it|enough) (?:\S+ ){0,3}?to (?:do it|end it|go through with it|not wake up|never wake up|make it stop for good|end things)\b`),
    alsoClause: SELF,
  },
  {
    signals: ['plan'],
    re: rx(String.raw`\b(?:counted|counting|count|lined up|lining up|laid out|laying out|hid|hiding|hidden|sorted out|put away|been keeping|kept|held onto|holding onto) (?:up )?(?:all )?(?:of )?(?:my |the |these |those |all my |enough |some |a few |a bunch of |a pile of |a stack of )?(?:${LETHAL_PILLS})\b|\b(?:whole|entire|full) (?:box|bottle|pack|packet|strip|blister pack|tub|jar)s? of (?:${LETHAL_PILLS})\b|\b(?:for when (?:im|i am|i m) ready|when the time comes)\b(?=.*\b(?:${PILLS}|rope|gun|blade|blades|bridge|noose)\b)|\b(?:${PILLS}|rope|gun|blade|blades|noose) (?:\S+ ){0,6}?(?:for when (?:im|i am) ready|when the time comes)\b`),
    alsoClause: SELF,
    unlessClause: /\b(?:headache|cold|flu|fever|period|cramps|hangover|prescribed|pharmacy|chemist|trip|holiday|travel|vacation)\b/,
  },
  {
    signals: ['plan'],
    re: rx(String.raw`\b(?:looked up|look up|looking up|googled|googling|google|searched|searching|researched|researching|read up on|reading up on|checked|checking|worked out|figured out|calculated|calculating|asked (?:chatgpt|google|ai|the ai)|wondering|wondered) how (?:many|much) (?:(?:of )?(?:my |the |these |those )?(?:${PILLS}|pills|tablets|mg|milligrams|grams|units|of them|sleeping pills) )?(?:it (?:would )?takes?|(?:would|could|does|will) (?:it )?take|you (?:would )?need|i (?:would |d |will )?need|is (?:lethal|fatal|deadly|an overdose|too (?:much|many)|enough)|would (?:kill|be (?:lethal|fatal|enough|deadly|too much))|to (?:die|do it|kill|not wake up|overdose|od|end it))\b`),
  },
  {
    signals: ['plan'],
    re: /\bhow (?:high|tall|far down|deep|cold|far) (?:\S+ ){0,3}?(?:bridge|building|roof|rooftop|drop|fall|ledge|cliff|car park|parking garage|overpass|balcony|tower block|multi storey)\b|\bhow (?:long|deep) (?:it takes|would it take|does it take|till you|until you|before you) (?:to )?(?:die|bleed out|drown|suffocate|hang|lose consciousness|pass out)\b|\bhow (?:deep|hard) (?:to|i (?:would|d) have to|you have to) cut\b/,
    alsoClause: SELF,
  },
  {
    signals: ['plan'],
    re: /\b(?:look|looked|looking|stare|stared|staring|gaze|gazed|gazing|stand|stood|standing|sit|sat|sitting|climb|climbed|climbing|go|went|going|walk|walked|walking|drive|drove|driving|lean|leaned|leaning|linger|lingered|lingering|hang|hung|hanging|peer|peered|peering|wait|waited|waiting|lay|lie|lying|laid|keep going)(?: (?:up|out|down|over|back|around))?(?: (?:on|onto|at|over|to|off|from|by|near|into|across|along|beside|towards|toward|on top of|up to|out to|down to|over to|at the edge of|on the edge of|to the edge of|over the edge of|at the top of|to the top of|on the top of|off the side of|over the side of|over the railing of|down at|down from|down into|down over)){1,2} (?:the|a|that|this|my|our|an|some) (?:old |tall |high |big |local |nearest |same |train |railway |rail )?(?:bridge|bridges|roof|rooftop|roofs|ledge|cliff|cliffs|cliff edge|train tracks|tracks|railway|railway line|rail line|platform edge|overpass|top floor|multi storey|car park roof|parking garage|railing|drop|edge)\b(?! (?:terrace|bar|garden|top bar|party|deck|restaurant|club|pool|view|of (?:my|the|our|his|her) (?:seat|bed|chair|office|sofa|couch)|club|game))/,
    alsoClause: /\b(?:for (?:a long time|ages|hours|so long|too long|a while|a really long time|what felt like|forever|ages and ages)|long time|again|every (?:night|day)|at night|at (?:\d+|midnight|dawn)|in the middle of the night|alone|by myself|and (?:thought|wondered|imagined|wanted|considered|almost|nearly|couldnt stop|pictured|cried)|thinking|wondering|imagining|picturing|how (?:easy|high|far|long|quick|simple)|the drop|the fall|jump|jumping|step off|stepping off|lean over|leaning over|one step|stare|stared|staring|keep (?:going|coming|walking|driving|ending up) back|kept (?:going|coming|walking|driving|ending up) back|tempt\w*|a lot|lately|so much|all the time|every time|more and more|most nights|at 3am|at \d+ ?am|calling me|pull(?:ed|ing)? me)\b/,
  },
  {
    signals: ['plan'],
    re: rx(String.raw`\b(?:think|thinking|thought|keep thinking|cant stop thinking|obsessing|dreaming|daydreaming|fantasi[sz]ing)(?: \S+){0,2}? about (?:the|that|a|my) (?:bridge|roof|rooftop|ledge|tracks|train tracks|pills|rope|noose|gun|blade|blades|razor|drop|cliff|overpass|bottle of pills|top floor)(?:${END}| (?:again|a lot|all (?:day|night|the time)|constantly|every (?:day|night)|near|by|on|at|in|over|lately|more))`),
  },
  {
    signals: ['plan'],
    re: /\b(?:rope|belt|cord|cable|scarf|tie|ligature|noose|sheet|wire) (?:around|round|on|to|against) my (?:own )?neck\b|\b(?:tied|tie|tying|hung|hang|hanging|attached|attach|tested|test|testing|fixed|knotted|looped|threw|put) (?:a |the |my |some |up a |up the )?(?:rope|belt|cord|cable|scarf|sheet|sheets|ligature|extension cord) (?:\S+ ){0,3}?(?:to|from|around|round|over|on|off) (?:a |the |my |our )?(?:beam|beams|ceiling|rafter|rafters|banister|bannister|door|doorframe|door frame|closet rail|wardrobe|hook|tree|branch|railing|pipe|light fixture|neck|loft hatch)\b|\b(?:hold|take|support|bear) my weight\b(?=.*\b(?:beam|rope|ceiling|rail|hook|door|belt|branch|tree|banister|bannister|rafter|pipe)\b)|\b(?:beam|rope|ceiling|rail|hook|door|belt|branch|tree|banister|bannister|rafter|pipe)\b(?: \S+){0,6}? (?:hold|take|support|bear) my weight\b/,
    unlessClause: /\b(?:hammock|swing|camping|climbing|sailing|washing|laundry|decorations|fairy lights|lights|christmas|picture|painting|mirror|curtains?|gym|pull ?ups?|yoga|aerial|rings|tyre swing|tire swing)\b/,
  },
  {
    signals: ['plan'],
    re: /\b(?:know|knows|found out|found) where (?:\S+ ){0,3}?(?:keeps?|hides?|kept|hid|stores?|stored|locks? up|locked up|leaves?|left) (?:the |his |her |their |a |my |all the |all (?:his|her|their) )?(?:gun|guns|pistol|rifle|shotgun|handgun|firearm|bullets|ammo|key to the gun(?: safe)?|gun safe key|pills|meds|sleeping pills|painkillers|tablets|medication)\b|\baccess to (?:a |the |my |his |her |their |dads |my dads )?(?:gun|guns|firearm|firearms|pistol|rifle|shotgun|handgun)\b|\b(?:loaded|loading|load|held|holding|hold|stared at|staring at|looked at|looking at|took out|taking out|picked up|picking up|got out|getting out|cleaned|cleaning|touched|sat with|sitting with) (?:the|my|a|his|her|dads|my dads|their|our|grandads|my grandads) (?:gun|pistol|handgun|rifle|shotgun|revolver)\b(?=.*\b(?:for (?:a long time|ages|hours|a while)|again|alone|at night|thinking|thought|wondering|imagining|loaded|bullet|bullets|to my head|in my mouth|tonight|tempt\w*|easy|one shot)\b)|\bbullets? (?:for|with) (?:myself|me|my name)\b/,
  },
  {
    signals: ['self_harm'],
    re: /\b(?:bought|buying|buy|got|getting|get|have|hide|hiding|hid|hidden|keep|keeping|kept|took|take|taking|using|used|use|held|holding|miss|missing|found|stash|stashed|sharpened|sharpening|broke|broken|snapped|took apart|taking apart|broke apart|pulled out|pulled|ordered) (?:a |some |new |more |the |my |a new |a pack of |a box of |a packet of |out the |out a |apart a |apart my |the blade out of (?:a|my) )?(?:razor blades|razor blade|blades|blade|razors|box cutter|boxcutter|scalpel|pencil sharpener blade|pencil sharpener|sharpener blades?|sharpener)\b|\b(?:the|my) (?:blade|blades|razor)(?: \S+){0,3}? again\b|\bmiss (?:cutting|burning myself|hurting myself|self harming|self harm|the (?:blade|razor|feeling of (?:cutting|the blade|bleeding|the pain)))\b/,
    unlessClause: /\b(?:shave|shaving|shaver|skate|skates|skating|lawnmower|lawn mower|mower|wiper|wipers|windscreen|windshield|hockey|blender|fan|turbine|craft|crafts|crafting|cardboard|boxes|packages|parcel|wallpaper|carpet|diy|model|models|lino|saw|grass|stanley|dissection|surgery|art|pencils|pencil case|school|beard|legs smooth|razor burn|razor bumps|occam)\b/,
  },
  {
    signals: ['self_harm'],
    re: /\b(?:cut|cutting|burn|burning|hurt|hurting|harm|harming|scratch|scratching|hit|hitting)(?: myself| my \S+)? (?:where|so) (?:no one|nobody|noone|people dont|people cant|no one can|nobody can|they cant|they dont|my (?:mum|mom|parents|family|friends|dad) (?:cant|dont|wont)) (?:can |will |would )?(?:see|sees|notice|notices|find out|see it|see them)\b/,
  },
  {
    signals: ['self_harm'],
    re: rx(String.raw`\b(?:i |ive |i have |just |finally |i kind of |i sort of |i think i )?(?:relapsed|relapse|relapsing)(?:${END}| (?:again|last night|tonight|today|yesterday|this morning|after|on (?:self harm|sh|cutting|it)|with (?:cutting|self harm|sh|the blade|blades|it)|into (?:cutting|self harm|sh|hurting myself)|and (?:cut|hurt|burned|did it)))|\b(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|ninety|a hundred) (?:days?|weeks?|months?|years?) clean (?:and|but|until|then|before|when)\b|\b(?:broke|broken|lost|reset|ruined|ended) (?:my |a )?(?:\d+ (?:days?|weeks?|months?) )?(?:sh |self harm |clean |cutting )?streak\b(?=.*\b(?:sh|self harm|cut|cutting|clean|blade|relapse|relapsed)\b)`),
    unlessClause: /\b(?:smok\w*|vap\w*|drink\w*|alcohol|booze|beer|wine|weed|nicotine|cigarettes?|coffee|caffeine|sugar|procrastinat\w*|doomscroll\w*|scrolling|nail biting|biting my nails|gaming|porn|junk food|diet|dieting|gym|duolingo|tiktok|social media|old habits|cold|flu|covid|illness|symptoms?|cancer|migraine|depression|anxiety|back pain|injury|sober|sobriety|aa|na|meetings?)\b/,
  },
  // --- preparation: notes, goodbyes, possessions, a worked-out plan ---------------
  {
    signals: ['plan'],
    re: rx(String.raw`\b(?:wrote|written|writing|write|left|leaving|finished|finishing|drafted|drafting|started|starting) (?:some |the |my |a few )?(?:goodbye |last |final |farewell |suicide )?(?:notes|letters) (?:to|for) (?:everyone|everybody|all of them|each of|my (?:family|parents|mum|mom|dad|mother|father|kids|children|sister|brother|siblings|sisters|brothers|best friend|friends|partner|wife|husband|boyfriend|girlfriend|grandma|grandparents|nan|son|daughter|loved ones)|the people i love|people i love|my loved ones)\b|\b(?:wrote|written|writing|write|left|leaving|finished|drafted|drafting) (?:a |my |the )?(?:goodbye|goodbyes|farewell|suicide|last|final) (?:note|notes|letter|letters|message|messages|words|video)\b|\b(?:wrote|written|writing|write) (?:everyone|each of them|all of them|my family|my friends|each of my \S+) (?:a |their )?(?:note|letter|notes|letters|goodbye)\b|\b(?:sorted|sorting|sort|made|making|written|writing|updated|updating|wrote|finished) (?:out )?(?:my|a) (?:will|affairs)${END}|\b(?:getting|got|put|putting|have|had) my affairs in order\b`),
    unlessClause: /\b(?:christmas|xmas|birthday|birthdays|holiday|holidays|thank you|thanks|cards?|pen ?pal|wedding|invitations?|new year|valentines|mothers day|fathers day|class|school|essay|homework|exam|grandad died|grandma died|funeral|eulogy|therapist told|my therapist|will power|willpower|will to)\b/,
  },
  {
    signals: ['plan'],
    re: rx(String.raw`\b(?:said|saying|say|made|making|done|did) (?:all )?(?:of )?my (?:last |final )?goodbyes\b|\balready said goodbye\b|\bsaid goodbye to (?:everyone|everybody|my family|my friends|the people i love|my (?:cat|dog|pets|mum|mom|dad|parents|sister|brother))(?: (?:already|today|tonight|for the last time|one last time|in my (?:head|own way)|without them knowing))?(?:${END}| (?:already|today|tonight|for the last time|one last time|in my (?:head|own way)|without them knowing))`),
    unlessClause: /\b(?:left|leave|leaving|went home|go home|going home|headed|head home|heading|party|event|wedding|dinner|farewell|leaving do|leaving party|graduation|airport|move|moving|moved|trip|holiday|work|office|shift|meetup|night out|pub|bar|club|drinks|gathering|reunion|funeral|station|flight|semester|term|camp|hostel|vet|put down|passed away|died|abroad|uni|university|college|school|exchange|summer)\b/,
  },
  {
    signals: ['plan'],
    re: /\b(?:giving|gave|give|given|gift|gifting|gifted|handing|handed|hand) (?:all )?(?:of )?my (?:stuff|things|belongings|possessions|prized possessions|favourite things|favorite things|games|cat|dog|pets|pet|plants|clothes|books|guitar|jewelry|jewellery|savings|money|console|switch|xbox|playstation|art|everything|collection|records) (?:away|out|to (?:my |friends|people|everyone|a friend|someone|whoever|the neighbours|my neighbour|my neighbor|a neighbour|a neighbor))\b|\b(?:find|found|finding) (?:a new home|new homes|someone to (?:take|look after|care for)) (?:for )?my (?:cat|dog|pets|pet|cats|dogs|rabbit|hamster)\b(?=.*\b(?:when|after|once|if) (?:im|i am|i m) (?:gone|not here|dead)\b|.*\b(?:in case|just in case|before i go)\b)/,
    unlessClause: /\b(?:charity|charity shop|op shop|thrift|donat\w*|move|moving|moved|declutter\w*|spring cleaning|marie kondo|new place|minimalis[mt]|outgrown|old clothes|old books|old games|old|spare|swap|swapping|allergic|allergy|landlord|abroad|new flat|new house|new apartment|sell|selling|sold|vinted|ebay|travelling|traveling|travel|holiday|vacation|trip|while im|pet sit\w*|look after|looking after|borrow|lend|lent|for the weekend|for a week|for a few days)\b/,
  },
  {
    signals: ['plan'],
    re: rx(String.raw`\b(?:a|the|my) (?:plan|plans) (?:for|of|about) (?:how|when|where) (?:i(?:d| would| will|ll| could| m going to| am going to)?|id|ill|im going to|im gonna) (?:do it|end it|die|go|kill myself|end things|go through with it|end my life)${END}|\b(?:planned|planning|plan|figured out|worked out|thought through|thinking through|decided|picked|chosen|chose|settled on) (?:out )?(?:exactly )?(?:how|when|where|the (?:place|day|date|time|way|method|spot|bridge|night)) (?:(?:i(?:d| would| will|ll| could| m going to| am going to)?|id|ill|im going to|im gonna) )(?:do it|end it|die|kill myself|go through with it|end things|end my life)\b|\b(?:picked|chosen|chose|set|decided on|settled on) (?:a|the) (?:date|day|night|time|place|spot|method|bridge)${END}(?=.*\b(?:do it|end it|die|going through with it|pills|rope|bridge|goodbye|plan)\b)`),
  },
  {
    signals: ['plan'],
    re: rx(String.raw`\b(?:researched|researching|looked up|looking up|googled|googling|searched|searching|read up on|reading about|reading up on|watched videos (?:on|about)|looked into|looking into)(?: \S+){0,2}? (?:suicide methods|methods of (?:suicide|dying|killing myself)|ways to (?:die|go|do it|end it|kill myself|not wake up)|how to (?:tie a (?:noose|knot that)|hang|overdose|od|slit|cut deep|cut deeper|drown|jump|not wake up|die|end it|do it painlessly|make it painless|disappear forever|kill myself)|lethal (?:doses?|amounts?)|overdose (?:amounts|limits|levels|thresholds)|the (?:quickest|fastest|easiest|least painful|most painless|surest|best) (?:way|ways|method|methods)(?:${END}| to (?:die|go|do it|end it))|painless (?:ways|methods|deaths?)|which (?:pills|bridge|building|method))\b`),
  },
  {
    signals: ['plan'],
    re: rx(String.raw`\b(?:have|got|put|laid|set|lined) (?:out |up )?(?:the |my |all the |all my |all of my |enough )?(?:${LETHAL_PILLS}) (?:ready|out|lined up|next to me|in front of me|counted|beside me|by my bed|on my (?:desk|bed|nightstand|bedside table|table))\b`),
  },
  {
    // a gun in the message and a way into it: "my dad has a gun and i know the code"
    signals: ['plan'],
    re: /\b(?:gun|guns|firearm|rifle|pistol|shotgun|handgun|gun safe|gun cabinet)\b/,
    alsoMessage: /\b(?:know|have|got|found|guessed|learned|figured out) (?:the |his |her |their )?(?:code|combination|combo|key|pin)\b|\b(?:unlocked|left unlocked|isnt locked|not locked|never locks?)\b/,
  },
  {
    signals: ['suicidal_ideation', 'plan'],
    re: rx(String.raw`\b(?:think|thinking|thought|keep thinking|cant stop thinking|been thinking|obsessing|fantasi[sz]ing|dreaming|daydreaming) (?:a lot |so much |lately |again |constantly |more |seriously )*(?:about|of) (?:jumping(?:${END}| (?:off|from|in front|into (?:the )?(?:river|traffic|water|sea)))|throwing myself|stepping (?:off|out in front|in front)|hanging myself|overdosing|taking (?:all )?(?:of )?(?:my|the|those) (?:pills|tablets|meds)|crashing my car|driving (?:off|into)|walking into (?:traffic|the sea|the river|the water)|drowning myself|not waking up|swallowing (?:all|the|my))`),
  },
  {
    signals: ['plan'],
    re: rx(String.raw`\b(?:researched|been researching|researching) how to do it${END}`),
  },
  {
    signals: ['plan'],
    re: /\b(?:do|doing) it (?:tonight|today|tomorrow|this weekend|soon|for real|this time)\b/,
    alsoMessage: /\b(?:made up my mind|mind is made up|no one can stop me|nobody can stop me|nothing can stop me|forgive me|its time|im ready|i am ready|no going back|ive decided|i have decided|decided|goodbye|for real this time|im sorry for everything|last time)\b/,
    unlessMessage: EVENT_CONTEXT,
  },
  // --- more structure --------------------------------------------------------
  {
    signals: ['suicidal_ideation'],
    re: /\b(?:picture|picturing|imagine|imagining|think about|thinking about|dream about|dreaming about|fantasi[sz]e about|fantasi[sz]ing about|planning|plan|planned|daydream about|daydreaming about)(?: \S+){0,3}? (?:at|in|of|about|for) my (?:own )?(?:funeral|grave|memorial|wake|obituary)\b/,
  },
  {
    signals: ['disappear'],
    re: rx(String.raw`\b(?:want to|wish i could|just want to|need to|id like to|really want to) (?:just )?not (?:be here|be alive|be around)(?:${END}| for a while| forever| ever again)`),
    unlessMessage: EVENT_CONTEXT,
  },
  {
    // ligature and anchor together: "i've got a belt and the door handle"
    signals: ['plan'],
    re: /\b(?:belt|belts|rope|cord|cable|scarf|ligature|sheet|sheets|dog lead|extension lead|extension cord|tie)\b/,
    alsoClause: /\b(?:door handle|doorknob|door knob|beam|banister|bannister|ceiling|hook|wardrobe rail|closet rod|shower rail|curtain rail|loft hatch|rafter|rafters|light fitting|top of the door)\b/,
    unlessClause: /\b(?:hammock|swing|decorations|fairy lights|lights|christmas|picture|painting|mirror|curtains?|coat|coats|towel|towels|laundry|washing|dressing gown|robe|bag|bags|hat|hats)\b/,
  },
  {
    signals: ['burden'],
    re: /\b(?:im|i am|feel like im|feel like i am|feel like|being|im just|just|such|been|always) (?:just |such |only |a |the |a huge |a massive |a dead |dead )*(?:weight|drain|drag|liability|dead weight) (?:on|to|for) (?:everyone|everybody|my family|my friends|my parents|the people around me|people|them|all of them|the world|my partner|my mum|my mom|my dad)\b/,
  },
  {
    signals: ['burden'],
    re: rx(String.raw`\b(?:they|everyone|everybody|my family|my parents|my friends|people|the world|my mum|my mom|my dad|my partner)(?: would| will| d)(?: honestly| probably| secretly| all| really| actually)* (?:be relieved|be glad|celebrate|be better off|be happier|be free)${END}`),
    unlessMessage: EVENT_CONTEXT,
  },
  {
    signals: ['plan'],
    re: rx(String.raw`\b(?:tonight|today|this|tomorrow|this week|this weekend)(?: is| will be| is going to be| s going to be| might be| could be) my (?:last|final)(?: (?:night|day|one|time|message|goodbye|week|weekend))?${END}|\b(?:planning|going|ready|about|decided|tempted|want|wanted|need) to jump(?:${END}| tonight| today| off| from)`),
    unlessMessage: EVENT_CONTEXT,
  },
  {
    signals: ['plan'],
    re: rx(String.raw`\b(?:saving|saved|stockpiling|stockpiled|hoarding|hoarded|stashing|stashed|keeping|collecting|hiding|hid) (?:them|it|all of them)(?:${END}| up| all| instead)`),
    alsoMessage: rx(String.raw`\b(?:${PILLS})\b`),
    unlessMessage: /\b(?:money|cash|coins|stickers|cards|receipts|tickets|snacks|leftovers|photos)\b/,
  },
  {
    signals: ['hopelessness'],
    re: rx(String.raw`\b(?:im|i am|im so|im just|honestly im) done (?:fighting|trying|struggling|with everything|with it all|with life|with living|with being alive|with existing|being alive|existing|living)${END}`),
  },
  {
    signals: ['self_harm'],
    re: /\b(?:cutting|burning myself|hurting myself|self harm|self harming|sh|the blade|pain|bleeding) (?:is|are|was) (?:the only (?:thing|way)|all) (?:that|i have|to cope|to feel|that helps|that works|that makes)\b|\b(?:only thing|only way) (?:that )?(?:helps|works|makes (?:it|me) (?:feel|calm)|i (?:can )?cope) (?:is|was) (?:cutting|burning|hurting myself|self harm|sh|the blade)\b/,
  },
  // --- self-harm, more wordings ------------------------------------------------
  {
    // "i scratch until i bleed", "I picked at my skin until it bled"
    signals: ['self_harm'],
    re: rx(String.raw`\b(?:i|ive|i have|i keep|i kept|keep|been) (?:\S+ ){0,2}?(?:cut|cutting|scratch|scratching|scratched|pick|picking|picked|bite|biting|bit|hit|hitting|punch|punching|punched|burn|burning|burned|dig|digging|dug|claw|clawing|clawed|rub|rubbing|rubbed) (?:\S+ ){0,5}?(?:until|till|til|untill) ${UNTIL_HURT}`),
    unlessClause: NAILS,
    unlessMessage: ITCH,
  },
  {
    signals: ['self_harm'],
    re: /\b(?:punish|punishing|punished) (?:myself|my body)\b|\b(?:starve|starving|starved|skip meals|skipping meals|stop eating|not eating) (?:\S+ ){0,3}?(?:as (?:a )?punishment|to punish (?:myself|me)|because i deserve it|for (?:punishment|being))\b|\bi deserve(?:d)? (?:to (?:bleed|be hurt|hurt|feel pain|suffer|starve)|the (?:scars|cuts|bruises|pain))\b/,
  },
  {
    signals: ['self_harm'],
    re: rx(String.raw`\b(?:urge|urges|itching|itch|craving|cravings|tempted|temptation|want|wanted|wanting|need|needed|going|planning|scared|afraid|worried) (?:so bad |really bad |so badly )?(?:to |that i will |that ill |ill |i will |i might |im going to |of )(?:cut|cutting|burn|burning|harm|harming|hurt|hurting|scratch|scratching|hit|hitting|punch|punching) (?:myself|my (?:arms?|wrists?|legs?|thighs?|skin|stomach|body))(?:${END}| again| tonight| so bad| badly| really bad)`),
  },
  // --- round 4: the families behind the v3 and hidden-set misses ---------------------------------
  {
    // Counterfactual absence with others' reaction anywhere in the message, in either order: "it'd be a
    // relief for everyone if i just stopped being around", "i keep wondering if anyone would even show up
    // if i was gone", "if i was gone my sister could finally have a normal life".
    signals: ['burden'],
    re: rx(String.raw`\b${IF_GONE}`),
    alsoMessage: OTHERS_REACT,
    unlessMessage: TRIP,
  },
  {
    // Being forgotten quickly: "people would forget me within a week", "nobody would miss me for long".
    signals: ['burden'],
    re: rx(String.raw`\b(?:everyone|everybody|people|they|my (?:friends|family|parents)|no one|nobody)(?: would| will| d)? (?:all )?(?:forget (?:about )?me|move on|get over (?:it|me)) (?:in|within|after) (?:a|one|two|three|\d+|a few|a couple of) (?:days?|weeks?|months?)${END}|\b${ANYONE} (?:would|will|d)(?: even| really)? miss me (?:for (?:long|very long|more than (?:a |an |one |two |\d+ )?\S+|longer than (?:a |an |one )?\S+|a (?:second|minute|day))|at all|after (?:a|one) (?:day|week))${END}`),
  },
  {
    // Last contact: "this is the last time you'll hear from me", "you won't hear from me after tonight",
    // "by the time you read this i'll be gone".
    signals: ['plan'],
    re: rx(String.raw`\b(?:last|final) time (?:you|youll|anyone|anybody|any of you|everyone|people|theyll)(?: will| ll)? (?:ever )?(?:hear|hears) from me(?:${END}| again| ever again)|\b(?:you|no one|nobody|anyone|youll)(?: will| ll)? (?:wont|will not|will never|never) (?:ever )?hear from me (?:again|after (?:tonight|today|this)|anymore|ever again)\b|\bby the time (?:you|anyone|someone|they) (?:read|reads|see|sees|find|finds|get|gets) (?:this|it|my (?:message|note|text)) (?:i|ill|id|im) (?:will |ll |already |will already )?(?:be )?(?:gone|dead|not be here|wont be here|no longer be here)\b|\b(?:ill|i will|ill already|i will already) be (?:gone|dead) by the time (?:you|anyone|someone|they) (?:read|reads|see|sees|find|finds|get|gets) (?:this|it|my (?:message|note|text))\b`),
    unlessMessage: TRIP,
  },
  {
    // Gone before the body: "i feel like im already gone, just waiting for my body to catch up".
    signals: ['disappear'],
    re: rx(String.raw`\b(?:im|i am|part of me is|part of me|i feel|feel like im|feels like im|like im) (?:just )?already (?:gone|dead|not here|not really here|halfway gone)${END}|\bmy body (?:just )?(?:hasnt|has not|hasnt yet|is yet to|has yet to) (?:caught up|got the message|followed|catch up|get the message|follow)\b|\bwaiting for my body to (?:catch up|give up|give out|stop|die|shut down|follow|get the message)\b|\bjust waiting (?:to die|for (?:the end|death|it all to end|it to be over))${END}`),
    unlessMessage: /\b(?:left|leaving|home|party|weekend|holiday|see you|on my way|train|bus|office|work|shift|for the (?:day|night|week))\b/,
  },
  {
    // A future with a deadline: "i dont plan on being here by the summer", "not planning on being around for christmas".
    signals: ['disappear'],
    re: rx(String.raw`\b(?:dont|do not|im not|am not|not|never) (?:plan|planning|intend|intending|expect|expecting) (?:on |to )?(?:be|being|still be|still being) (?:here|around|alive|in this world|on this earth)(?: (?:by|for|at|past|next|to see|in|much longer|anymore|long|after|beyond|this time next)\b|${END})`),
    unlessClause: /\b(?:by|at|past|after|until) (?:\d+|midnight|noon|lunch|dinner|dessert|the end of (?:the|this) (?:night|party|evening|meeting|day|shift))\b/,
    unlessMessage: /\b(?:party|meeting|event|dinner|class|holiday|vacation|trip|travel\w*|visiting|abroad|flying|away|in laws|staying with|going home|moving|job|work|office|shift|uni|school|city|town|country|flat|house|area)\b/,
  },
  {
    // Tomorrow without a point: "i dont see the point in tomorrow", "whats the point of tomorrow".
    signals: ['hopelessness'],
    re: rx(String.raw`\b(?:dont|cant|do not|cannot|no longer) see (?:the|any|a) point (?:in|of) (?:tomorrow|another day|waking up|getting up|the future|going on|carrying on|anything anymore)(?: (?:tomorrow|again|anymore|every day|in the morning))?${END}|\b(?:whats|what is|wheres) (?:even )?the point (?:in|of) (?:tomorrow|another day|waking up|getting up|the future)(?: (?:tomorrow|again|anymore|every day|in the morning))?${END}|\bno point (?:in|to) (?:tomorrow|another day|the future)${END}`),
  },
  {
    // "i cant stand being alive much longer", "i cant bear being alive".
    signals: ['hopelessness'],
    re: rx(String.raw`\b(?:cant|cannot|can barely|couldnt|can hardly) (?:stand|bear|take|handle|face|tolerate) (?:being alive|being me|existing|living|another day|waking up)(?:${END}| (?:much longer|anymore|another day|like this|for much longer))`),
  },
  {
    // A means kept or laid out near the person, with time or attention on it, and no ordinary reason:
    // "ive had the tablets in my bedside drawer for weeks now", "all my sleeping pills on the desk",
    // "theres a rope in my closet and i keep looking at it".
    signals: ['plan'],
    re: rx(String.raw`\b${STORED_MEANS}(?: \S+){0,4}? (?:in|on|under|inside|behind|beside|by|next to) (?:my|the|a|our)(?: \S+)? ${STORE_PLACE}\b|\b(?:in|on|under|inside) (?:my|the)(?: \S+)? ${STORE_PLACE}(?: \S+){0,3}? (?:is|are|theres|there is|there are|i keep|ive got|i have|sits|sit) (?:a |some |my |the |all my |all the )?${STORED_MEANS}\b`),
    alsoMessage: LINGER,
    unlessMessage: STORED_FOR_A_REASON,
  },
  {
    // Drink and pills together, laid out: "a bottle of vodka and all my sleeping pills".
    signals: ['plan'],
    re: rx(String.raw`\b(?:vodka|whiskey|whisky|gin|rum|wine|alcohol|booze)\b(?: \S+){0,3}? and (?:all )?(?:of )?(?:my |the |some |enough )?(?:${LETHAL_PILLS})\b|\b(?:${LETHAL_PILLS}) and (?:a |the )?(?:bottle of )?(?:vodka|whiskey|whisky|gin|rum|wine|alcohol|booze)\b`),
    alsoClause: SELF,
    unlessMessage: STORED_FOR_A_REASON,
  },
  {
    // Water as a method: "part of me wants to just walk into the sea", "walk into the river and not come out".
    signals: ['suicidal_ideation'],
    re: /\b(?:walk|walking|walked|wade|wading|waded|walk out|walking out) (?:out )?(?:into|in to|out into|out to) (?:the )?(?:sea|ocean|river|lake|water|waves|canal|loch)\b(?! (?:of|together|with)\b)|\b(?:go|going|went) (?:out )?(?:into|in to|out into) (?:the )?(?:sea|ocean|river|lake|water|waves) and (?:not|never) (?:come|coming) (?:back|out)\b|\b(?:swim|swimming|swam) (?:out )?(?:into|out into|out to|out in) (?:the )?(?:sea|ocean|lake|water)(?: \S+){0,2}? (?:until i (?:cant|cannot|couldnt|drown|sink|go under)|and (?:not|never) (?:come|coming) back|as far as i can)\b/,
    alsoClause: DRAWN_TO,
    unlessMessage: /\b(?:paddle|paddling|surf\w*|holiday|vacation|beach day|sunrise|sunset|dip|together|with (?:my|friends|him|her|them|the kids)|wetsuit|festival|beach|pool|tradition)\b/,
  },
  {
    // Wondering what not being alive would feel like; wanting breath to stop.
    signals: ['suicidal_ideation'],
    re: /\b(?:what it (?:would|d|will|might) (?:feel|be) like|how it (?:would|d|will|might) feel) to (?:just )?(?:stop breathing|not wake up|never wake up|die(?! (?:my|your|her|his|their) hair)|be dead|not exist|stop existing|disappear forever|drown|hang|not be here|not be alive|end it)\b|\b(?:just|could|wish i could|want to|id like to|if i could) (?:just )?stop breathing\b(?! for a (?:second|moment|bit|sec))/,
  },
  {
    // Stepping in front of something, any tense, unless it was a slip of attention.
    signals: ['suicidal_ideation'],
    re: /\b(?:step|stepping|stepped|walk|walking|walked|jump|jumping|jumped|throw myself|throwing myself|threw myself|lie down|lying down|lay down) (?:out )?(?:in front of|under) (?:a |an |the )?(?:next |oncoming |moving |passing |speeding )?(?:train|bus|truck|lorry|tram|van|car|traffic|tracks)\b/,
    alsoClause: /\b(?:i|im|ive|id|ill|me|myself)\b/,
    // "almost" and "nearly" are a near miss only when nothing in the clause wants it to have happened
    unlessClause: /\b(?:accidentally|by accident|wasnt looking|didnt see|distracted|texting|on my phone|not looking|almost got hit|nearly got hit)\b|^(?!.*\b(?:wish|wished|wanted|want|part of me|meant to|tempted)\b).*\b(?:almost|nearly)\b/,
  },
  {
    // Words, lines or letters carved or cut into the body: "i carved words into my arm".
    signals: ['self_harm'],
    re: rx(String.raw`\b(?:carve|carved|carving|etch|etched|etching) (?:\S+ ){0,3}?(?:into|in|on|onto) my (?:own )?${BODY}\b|\b(?:cut|cutting|scratched|scratching|scratch|burned|burnt|burning|slashed) (?:a |an |the |some |his |her |their |my )?(?:words?|letters?|lines?|names?|initials|patterns?|shapes?|marks|symbols?|numbers?|x|xs|crosses|hearts?) (?:\S+ ){0,2}?(?:into|in|on|onto) my (?:own )?${BODY}\b`),
    unlessClause: /\b(?:tattoo|henna|pen|marker|sharpie|drew|draw|drawing|paint|painted|glitter|sticker|stickers|face paint)\b/,
  },
  {
    // Veiled: "i wont be a problem for anyone much longer".
    signals: ['burden'],
    re: rx(String.raw`\b(?:i|ill|im)(?: \S+)? (?:wont|will not|not going to|wont ever) be (?:a |your |anyones |everyones |such a )?(?:problem|burden|bother|nuisance|worry|trouble)(?: (?:for|to) (?:anyone|anybody|you|everyone|everybody|them|you all|my family))? (?:much longer|for (?:much )?longer|for long|soon|after (?:tonight|today)|ever again)${END}`),
    unlessMessage: /\b(?:job|flat|apartment|moving|move out|leaving|leave|paying|pay|rent|independent|own place|found|host|party|early|finish|finished|almost done|email|question|questions|call|message)\b/,
  },
  {
    // Veiled: "dont worry, itll all be over soon" (not "the meeting will be over soon").
    signals: ['suicidal_ideation'],
    re: rx(String.raw`\b(?:itll all|it will all|its all going to|it is all going to|everything will|everythingll|it all will|this will all|all of this will|it all) be (?:all )?over (?:soon|tonight|tomorrow|shortly|very soon|before long)${END}|\bsoon (?:itll|it will|everything will|everythingll) (?:all )?be over${END}`),
    unlessMessage: new RegExp(String.raw`${ORDEAL.source}|\b(?:celebrat\w*|and (?:then )?we can)\b`),
  },
  {
    // Veiled: something drastic, or something stupid with fear, a night alone or no way on.
    signals: ['suicidal_ideation'],
    re: rx(String.raw`\b(?:do|doing) something (?:really |very |so )?(?:drastic|permanent|final|irreversible|i cant (?:take back|undo))(?:${END}| (?:tonight|to myself|soon|if))|\b(?:do|doing) something (?:really |very |so )?(?:stupid|dumb|reckless|bad)(?: to myself)?(?! like\b)(?:${END}| (?:tonight|if|when|again))`),
    alsoMessage: /\b(?:drastic|permanent|final|irreversible|cant (?:take back|undo)|to myself)\b|\b(?:tonight|scared|afraid|terrified|frightened|worried|dont trust myself|cant trust myself|alone|by myself|on my own|anymore|cant (?:do this|take (?:it|this)))\b/,
    unlessMessage: new RegExp(`${SILLY.source}|${EVENT_CONTEXT.source}`),
  },
  {
    // A decision with a farewell around it: "ive made up my mind. thank you for everything, all of you".
    signals: ['plan'],
    re: rx(String.raw`\b(?:ive|i have|i|im|my) (?:made up my mind|mind is made up|made my decision|made the decision|decided|finally decided)${END}`),
    alsoMessage: FAREWELL,
    unlessMessage: new RegExp(`${END_IT_RELATIONSHIP.source}|${EVENT_CONTEXT.source}|\\b(?:move|moving|course|degree|uni|college|job|apply|applying|application|career|dating|apps?|tinder|bumble|hinge|social media)\\b`),
  },
];

// ---------------------------------------------------------------------------
// 4. Second layer: a graded risk score over weak signals
// ---------------------------------------------------------------------------

/**
 * The rules catch the phrasings they were written for; each new set of messages phrases crisis a little
 * differently. The second layer runs only when no rule matched, on the same masked text (idioms and
 * denials already blanked), and scores weak signals instead of phrases: each lexical family counts once,
 * with the weight of its strongest term, and a message is flagged when at least two distinct families
 * co-occur with a first-person word and the sum reaches {@link RISK_THRESHOLD}. One family alone never
 * flags ("my battery is dead", "I'm drowning in invitations", "goodbye forever to my old shy self"), and
 * an event, an ordinary errand or a request for social advice in the same message lowers the score.
 * Weights were set by hand on the tuned corpus (no fitted model): core families 1, time and farewell
 * words 0.75, wanting/intent 0.5. The families that contributed are reported as the existing signals.
 */
interface RiskFamily {
  /** The signal reported when this family contributes; undefined for intent, which only adds weight. */
  readonly signal: CrisisSignal | undefined;
  /** Terms, strongest first: the family's weight is the weight of its first matching term. */
  readonly terms: ReadonlyArray<readonly [RegExp, number]>;
  /** The family does not count when the message also matches this (an accident for self-harm verbs). */
  readonly unless?: RegExp;
}

const RISK_FIRST_PERSON = /\b(?:i|im|ive|id|ill|me|my|myself)\b/;
const RISK_BODY = `(?:${BODY}|${BODY_EXTRA})`;
/** "exist" about life, not a place or a role: "I don't want to exist in the background" is about speaking up. */
const EXIST = String.raw`exist(?:ing|ence)?(?! (?:in|as|at|on|for|around|without|outside|inside|online|here at)\b)`;
/** Finality and time: a date ahead, "for good", "anymore", a moment when nobody is home, "after" at the end. */
const RISK_TIME =
  String.raw`after tonight|this weekend|this year|next year|new year|(?:my|the) (?:birthday|\d+(?:st|nd|rd|th))|the (?:winter|summer)|tonight|for good|forever|permanently|much longer|anymore|soon|tomorrow|last time|once and for all|(?:before|by|until|till|for|see) christmas|when (?:my parents|my family|everyone|nobody|no one|they)(?: \S+)? (?:are|is|go|goes|leave|leaves) (?:away|out|asleep|to bed)|after(?= ?\||$)`;

const RISK_FAMILIES: readonly RiskFamily[] = [
  {
    // Death and ending, named or veiled, and methods named by the movement alone.
    signal: 'suicidal_ideation',
    terms: [
      [
        rx(
          String.raw`\b(?:end(?:ing)? (?:things|it all|everything|my life|it)(?! (?:\S+ ){0,3}with\b)|kill(?:ing)? myself|take my (?:own )?life|unalive|suicid\w*|hang(?:ing)? myself|(?:be )?over for me|let(?:ting)? (?:it all )?go(?:${END}| of (?:everything|it all|life))|stop breathing|(?:not|never|didnt|dont) (?:ever |have to |ever have to )?wake up|give up on (?:life|living|everything)|dead(?! (?:tired|serious|set|beat|bored|on|inside|end|line|lines|zone|air|quiet|silent)\b)|die|dying|death|funeral|overdos\w*)\b`,
        ),
        1,
      ],
      [/\b(?:jump(?:ing)? (?:off|from|in front)|step(?:ping)? (?:off|out in front|in front)|lean(?:ing)? (?:forward|over|off)|fall(?:ing)? (?:from|off)|drive (?:into|off))\b/, 0.75],
    ],
    // A thing that died (a battery, a phone, a plant, a joke) says nothing about the person.
    unless: /\b(?:battery|batteries|phone|laptop|car|plants?|fish|party|conversation|joke|vibe|chat|mic|wifi|signal|show|game) (?:is|was|went|has|just|totally|completely)(?: \S+)? (?:dead|died)\b/,
  },
  {
    // Absence from life: not existing, not being here, not surviving, going under.
    signal: 'disappear',
    terms: [
      [
        rx(
          String.raw`\b(?:not ${EXIST}|stop(?:ped)? (?:${EXIST}|being (?:a person|alive|human|me|here))|(?:dont|never) want to be (?:here|around|alive)|sleep forever|(?:never|not|didnt) come back|come up for air|never (?:have been|been) born)\b`,
        ),
        1.25,
      ],
      [
        rx(
          String.raw`\b(?:${EXIST}|alive|survive|surviving|make it through|get(?:ting)? through this|disappear\w*|vanish\w*|gone|(?:not|wasnt|werent|no longer) (?:be )?(?:here|around)|wont be (?:here|around)|still be (?:here|around|alive)|stick around|sleep and|fall asleep|fell asleep|back up|go away|without (?:\S+ ){0,3}me|(?:in|out of) the picture|a ghost|fade (?:away|out)|stop(?:ped)? showing up|i was missing|this life thing|(?:doing|living) this life|ready to (?:go|leave)(?= ?\||$))\b`,
        ),
        1,
      ],
    ],
  },
  {
    // Being a burden, others pictured better off or indifferent.
    signal: 'burden',
    terms: [
      [
        rx(
          String.raw`\b(?:burden|better off(?! \S+ing\b)|better (?:life|time|without)|(?:happier|fine|easier|quieter|calmer) without|easier (?:life|for|if|to just|to not|to stop)|would be (?:easier|quieter|calmer|happier|better)|a problem (?:for|to)|be a problem|anyones problem|a bother|in (?:the|everyones) way|(?:no one|nobody|anyone|anybody)(?: \S+)? (?:even )?(?:care|cares|notice|miss|remember)|(?:no one|nobody) (?:can|could|would) find me|(?:wouldnt|not) have to (?:see|deal with|look after|worry about)|deal with me|remember me|do(?:ing)? everyone a favou?r|waste of space|drag(?:ging)? (?:everyone|them|people) down|relief|relieved)\b`,
        ),
        1,
      ],
    ],
  },
  {
    // Worthlessness and hopelessness.
    signal: 'hopelessness',
    terms: [
      [
        rx(
          String.raw`\b(?:worthless|pointless|hopeless|no point|whats the point|no reason|no way (?:out|back)|nothing left|cant go on(?= ?\||$| like| living| anymore)|cant keep (?:going|doing|living|on|fighting)|cant (?:do this|take (?:it|this)|cope|carry on|bear|survive|handle (?:it|this|life))(?= ?\||$| anymore| much| any| like)|cant see (?:myself|a way)|given up|giving up|tired of (?:being|living|existing|life|everything|it all|waking|trying|fighting)|so tired|exhausted|empty|numb|drowning|sinking|trapped|(?:stop|dont want to|cant keep) fight\w*|hate (?:myself|my life|being me)|feel(?:ing)? like this|disgusting|a failure|dont deserve|deserve to|out of reasons|no hope|lost hope|never (?:get|gets|going to get) better|nothing matters|dont matter|wont matter|useless)\b`,
        ),
        1,
      ],
    ],
  },
  {
    // A means: pills, blades, a rope, a height, a road or water.
    signal: 'plan',
    terms: [
      [/\b(?:pills|tablets|sleeping pills|sleeping tablets|painkillers|pain killers|paracetamol|tylenol|antidepressants|insulin|razor blades?|blades?|razors?|rope|noose|gun|balcony|ledge|roof(?:top)?(?! (?:bar|terrace|garden|party|deck))|bridge(?! club)|cliffs?|train tracks|tracks|car park|multi storey)\b/, 1],
      [/\b(?:meds|medication|knife|knives|belt|edge|top floor|motorway|traffic|river|sea|ocean|water|lake|lighter|train|platform|window)\b/, 0.5],
    ],
  },
  {
    // Preparation: gathering, saving, finding out how; deciding is weaker.
    signal: 'plan',
    terms: [
      [/\b(?:collect(?:ing|ed)?|sav(?:ing|ed) (?:up|them|it)|hoard\w*|stockpil\w*|stash\w*|hid(?:e|den|ing) (?:them|it)|count(?:ed|ing) (?:them|my)|(?:have|had|got) it all planned|planned it|looked up how|research\w*|googl\w*|how many|enough to|which \S+ (?:would|will) work|fastest|quickest|painless|everything i need)\b/, 1],
      [/\b(?:made up my mind|decided)\b/, 0.75],
    ],
  },
  {
    // Farewell: a letter or note to be found, goodbyes, a last message, love said as if for the last time.
    signal: 'plan',
    terms: [
      [/\b(?:(?:letter|note|notes|letters|message)(?: \S+){0,4} (?:to find|to read)|to find (?:it )?after|said my goodbyes|say(?:ing)? goodbye to (?:everyone|you all|my)|last (?:message|goodbye)|for when im gone|sorry for everything|thank you for everything|wrote letters to everyone|(?:might|could|may) be the last (?:time|day))\b/, 1],
      [/\b(?:goodbye|goodbyes|farewell|letters?|notes?|told (?:\S+ ){0,3}i love)\b/, 0.5],
    ],
  },
  {
    // Finality and time.
    signal: 'plan',
    terms: [[rx(String.raw`\b(?:${RISK_TIME})\b`), 0.75]],
  },
  {
    // Self-harm verbs aimed at oneself or repeated.
    signal: 'self_harm',
    terms: [
      [rx(String.raw`\b${HARM_VERB}(?: \S+){0,2} (?:myself|again|my ${RISK_BODY})\b|\b(?:want|need|urge|urges|deserve) to (?:cut|burn|hurt|harm|bleed|hit myself)\b|\b(?:scars|bleed|bled|bleeding|self harm|sh)\b`), 1],
    ],
    unless: SELF_HARM_ACCIDENT,
  },
  {
    // Wanting, intending, dwelling on it: counts as a family towards co-occurrence, names no signal.
    signal: undefined,
    terms: [
      [/\b(?:keep thinking|cant stop (?:thinking|picturing)|think(?:ing)? about (?:it|leaning|jumping|falling|stepping|letting|dying|how easy)|thought about it|picturing|fantasi\w*|how easy)\b/, 0.75],
      [/\b(?:want to|wants to|wish|id rather|thinking (?:about|of)|think about|thought about|part of me|sometimes i|dont think (?:ill|i can)|dont want to|hope i|going to|ready to|easier to|tempted|plan on|planning on)\b/, 0.5],
    ],
  },
];

/** Everyday context that lowers the score: an event, a trip or errand, a relationship, advice, good news, a laugh. */
const RISK_SAFE_CONTEXT: ReadonlyArray<readonly [RegExp, number]> = [
  [EVENT_CONTEXT, 1],
  [TRIP, 1],
  [LEAVING_SOON, 1],
  [END_IT_RELATIONSHIP, 1],
  [/\b(?:job|apply\w*|email|emails|homework|essay|workshop|stage|heat|weather|bar|pub|restaurant|cafe|gig|coworkers|colleagues|leaving early|leave early|going home|heading home|for (?:work|school|uni|class)|on (?:sundays|mondays|saturdays|weekends)|every (?:weekend|sunday|morning))\b/, 1],
  [/\b(?:how (?:do|can|should) i|should i|any tips|tips|advice|help me (?:with|practi[sc]e)|practi[sc]e|conversation|small talk|social media|group chat|friend group)\b/, 0.75],
  [/\b(?:excited|fun|amazing|great|lovely|wish me luck|proud|cant wait|yay|finally did|went well)\b/, 0.75],
  [/\b(?:lol|lmao|haha|hehe|xd)\b/, 0.5],
  [/\b(?:with (?:my )?(?:friends|mates|family|coworkers)|together|tradition)\b/, 0.75],
];

/** Score at or above which two co-occurring families flag a message. */
const RISK_THRESHOLD = 1.75;

/** How many consecutive clauses the second layer reads together: weak signals must sit near each other. */
const RISK_WINDOW = 3;

/** What one clause contributes: the weight of each family's strongest term (0 when none), vetoes, context. */
interface ClauseRisk {
  readonly firstPerson: boolean;
  readonly weights: readonly number[];
  readonly vetoed: readonly boolean[];
  readonly safe: readonly boolean[];
}

function clauseRisk(clause: string): ClauseRisk {
  return {
    firstPerson: RISK_FIRST_PERSON.test(clause),
    weights: RISK_FAMILIES.map((family) => family.terms.find(([re]) => re.test(clause))?.[1] ?? 0),
    vetoed: RISK_FAMILIES.map((family) => family.unless?.test(clause) ?? false),
    safe: RISK_SAFE_CONTEXT.map(([re]) => re.test(clause)),
  };
}

/** The second layer on one window of clauses: the signals of the families that contributed, or none. */
function windowRisk(window: readonly ClauseRisk[]): readonly CrisisSignal[] {
  if (!window.some((clause) => clause.firstPerson)) return [];
  let score = 0;
  let families = 0;
  const signals: CrisisSignal[] = [];
  RISK_FAMILIES.forEach((family, i) => {
    const weight = Math.max(...window.map((clause) => clause.weights[i]!));
    if (weight === 0 || window.some((clause) => clause.vetoed[i])) return;
    score += weight;
    families += 1;
    if (family.signal !== undefined && !signals.includes(family.signal)) signals.push(family.signal);
  });
  if (families < 2 || signals.length === 0) return [];
  RISK_SAFE_CONTEXT.forEach(([, weight], i) => {
    if (window.some((clause) => clause.safe[i])) score -= weight;
  });
  return score >= RISK_THRESHOLD ? signals : [];
}

/**
 * The second layer on a masked message, read in windows of {@link RISK_WINDOW} clauses so that words far
 * apart in a long message do not add up; a message of up to three clauses is one window. Each clause is
 * scored once, so a long message costs one pass over its clauses.
 */
function riskSignals(s: string): readonly CrisisSignal[] {
  const clauses = s.split('|').map((clause) => clause.trim()).filter((clause) => clause.length > 0).map(clauseRisk);
  for (let i = 0; i === 0 || i + RISK_WINDOW <= clauses.length; i += 1) {
    const found = windowRisk(clauses.slice(i, i + RISK_WINDOW));
    if (found.length > 0) return found;
  }
  return [];
}

/** Whether the message suggests a crisis, and which families of signals matched. Pure and offline. */
export function detectCrisis(text: string): CrisisCheck {
  if (typeof text !== 'string' || text.trim() === '') return { crisis: false, signals: [] };
  const found = new Set<CrisisSignal>();
  const masked: string[] = [];
  for (const variant of normaliseForSafety(text)) {
    let s = ` ${variant} `;
    for (const re of IDIOMS) s = s.replace(re, ' ~ ');
    if (!STILL_HEAVY.test(s)) {
      s = s.replace(PAST_MOMENT_WISH, ' ~ ');
      if (AWKWARD_MOMENT.test(s)) s = s.replace(PAST_MOMENT_WISH_END, ' ~ ');
    }
    for (const re of DENIALS) s = s.replace(re, ' ~ ');
    let recovery = false;
    for (const re of RECOVERY) {
      const next = s.replace(re, ' ~ ');
      if (next !== s) recovery = true;
      s = next;
    }
    s = s.replace(/\s+/g, ' ').trim();
    if (recovery && RECOVERY_URGE.test(s)) found.add('self_harm');
    if (GLUED.test(s)) found.add('suicidal_ideation');
    for (const rule of RULES) {
      if (rule.signals.every((signal) => found.has(signal))) continue;
      if (!rule.re.test(s)) continue;
      if (rule.unlessMessage?.test(s) || (rule.alsoMessage && !rule.alsoMessage.test(s))) continue;
      if (ruleHoldsSomewhere(rule, s)) for (const signal of rule.signals) found.add(signal);
    }
    masked.push(s);
  }
  // The second layer only speaks when no rule did, so the rules' signals stay as they were.
  if (found.size === 0) for (const s of masked) for (const signal of riskSignals(s)) found.add(signal);
  const signals = CRISIS_SIGNALS.filter((signal) => found.has(signal));
  return { crisis: signals.length > 0, signals };
}

const GLOBAL = new WeakMap<RegExp, RegExp>();

/**
 * Whether some match of the rule passes its clause conditions (the first match may sit in the wrong clause).
 * Every match in one clause meets the same clause conditions, so a clause is tested once and the search
 * goes on from the next one: a long message without breaks costs one pass, not one pass per match.
 */
function ruleHoldsSomewhere(rule: Rule, s: string): boolean {
  if (!rule.alsoClause && !rule.unlessClause) return true;
  let re = GLOBAL.get(rule.re);
  if (!re) {
    re = new RegExp(rule.re.source, `${rule.re.flags}g`);
    GLOBAL.set(rule.re, re);
  }
  re.lastIndex = 0;
  for (let match = re.exec(s); match; match = re.exec(s)) {
    const start = s.lastIndexOf('|', match.index) + 1;
    const found = s.indexOf('|', match.index);
    const end = found === -1 ? s.length : found;
    const clause = s.slice(start, end);
    re.lastIndex = Math.max(end, match.index + 1);
    if (rule.alsoClause && !rule.alsoClause.test(clause)) continue;
    if (rule.unlessClause && rule.unlessClause.test(clause) && !DELIBERATE.test(clause)) continue;
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Crisis reply
// ---------------------------------------------------------------------------

/**
 * The fixed reply to a message that suggests crisis: takes the person
 * seriously, names a crisis line for their locale, emergency services and a
 * trusted person, and keeps the conversation open. Never throws.
 *
 * @example crisisReply('en-GB') // mentions Samaritans, 116 123 and 999
 */
export function crisisReply(locale?: string): string {
  const line = crisisLineFor(locale);
  return [
    "I'm really glad you told me, and I'm taking what you said seriously. It sounds like you're carrying something very heavy right now, and you don't have to carry it on your own.",
    '',
    "I'm a coach, not a crisis counsellor, so I'd like you to have people who can be with you in this:",
    `- Talk to someone now: ${line.line}.`,
    `- If you might act on these thoughts or you're in danger, call ${line.emergency} or go to the nearest emergency department.`,
    '- Let someone you trust know how you feel: a friend, family member, or anyone you feel safe with. Even "I\'m not okay, can we talk?" is enough.',
    '',
    "I'm still here, and you can keep talking to me. What's going on for you right now?",
  ].join('\n');
}

// ---------------------------------------------------------------------------
// Output guard
// ---------------------------------------------------------------------------

const CONDITIONS =
  "(?:(?:severe |mild |moderate |clinical |major |chronic |generali[sz]ed |social )?(?:anxiety disorder|social anxiety disorder|social phobia|depression|depressive disorder|bipolar(?: disorder)?|adhd|autism|asperger(?:s|s syndrome)?|ocd|obsessive compulsive disorder|ptsd|c ?ptsd|bpd|borderline(?: personality disorder)?|(?:avoidant |narcissistic |antisocial )?personality disorder|schizophrenia|panic disorder|gad|eating disorder|anorexia|bulimia|selective mutism|agoraphobia|a (?:mental )?(?:disorder|illness|condition)|mental illness|a mental health condition|social anxiety|dysthymia|insomnia))";
const TRAITS = '(?:autistic|bipolar|depressed|clinically depressed|schizophrenic|manic|psychotic|anorexic|bulimic|borderline|neurodivergent|adhd|ocd|on the spectrum|a narcissist|narcissistic|mentally ill|agoraphobic)';

/** "you're depressed about the trip" describes a mood, not a condition. */
const MOOD_NOT_TRAIT = String.raw`\b(?! (?:about|that|because|after|over|since|when|by|with|at|from|for))`;

const DIAGNOSIS: readonly RegExp[] = [
  new RegExp(String.raw`\byou (?:definitely |probably |clearly |likely |may |might |could |must |seem to |appear to |obviously |certainly |possibly )*(?:have|suffer from|are suffering from|struggle with an?|meet the criteria for|fit the criteria for|show signs of|have signs of|have symptoms of|show symptoms of) ${CONDITIONS}\b`),
  new RegExp(String.raw`\b(?:sounds|seems|looks) (?:to me )?like (?:you(?:re| are| have| might be| may be| could be)?|this is|it is|its) (?:a bit |quite |very |probably |definitely |clearly |a case of |textbook |classic )*(?:${TRAITS}|${CONDITIONS})\b`),
  new RegExp(String.raw`\byou(?:re| are) (?:definitely |probably |clearly |likely |possibly |obviously |certainly |most likely )?(?:a bit |somewhat )?${TRAITS}${MOOD_NOT_TRAIT}`),
  new RegExp(String.raw`\byou (?:might|may|could|must) be ${TRAITS}${MOOD_NOT_TRAIT}`),
  new RegExp(String.raw`\byou (?:sound|seem|seem to be|look|appear|appear to be) (?:a bit |quite |very |really |pretty |kind of |clinically |a little )?${TRAITS}${MOOD_NOT_TRAIT}`),
  new RegExp(String.raw`\b(?:this|that|it|these|what you describe|what youre describing)(?: is| are| could be| might be| sounds like| looks like| seems like)? (?:a |an |the )?(?:classic |clear |textbook |typical )?(?:sign|signs|symptom|symptoms|case|hallmark) of ${CONDITIONS}\b`),
  new RegExp(String.raw`\b(?:textbook|classic|clearly|definitely) ${CONDITIONS}\b`),
  /\b(?:i(?:d| would| can| could)?|let me) (?:diagnose|make a diagnosis)\b|\byour diagnosis (?:is|would be)\b|\bi(?:d| would) diagnose\b/,
];

const MEDS =
  '(?:sertraline|zoloft|prozac|fluoxetine|lexapro|escitalopram|citalopram|celexa|paroxetine|paxil|venlafaxine|effexor|duloxetine|cymbalta|bupropion|wellbutrin|mirtazapine|remeron|xanax|alprazolam|klonopin|clonazepam|valium|diazepam|ativan|lorazepam|propranolol|beta ?blockers?|buspirone|buspar|hydroxyzine|lithium|adderall|ritalin|methylphenidate|vyvanse|quetiapine|seroquel|abilify|aripiprazole|trazodone|gabapentin|pregabalin|lyrica|ssris?|snris?|benzodiazepines?|benzos?|antidepressants?|anti ?anxiety (?:meds|medication|medications|pills)|antipsychotics?|mood stabili[sz]ers?|sleeping pills|st johns wort|kava|ashwagandha)';
const GENERIC_MEDS = '(?:meds|medication|medications|medicine|pills|prescription|dose|dosage)';
const PROFESSIONAL = /\b(?:doctor|gp|psychiatrist|physician|pharmacist|prescriber|clinician|nurse|health ?care provider|professional|therapist)\b/;

const MEDICATION: readonly RegExp[] = [
  /\b\d+(?:[.,]\d+)? ?(?:mg|milligrams?|mcg|micrograms?|ml|millilit(?:er|re)s?|iu)\b/,
  new RegExp(String.raw`\b(?:stop|stopping|quit|quitting|come off|coming off|get off|skip|skipping|cut down on|cut back on|drop|ditch|taper|wean off|halve|double|increase|decrease|lower|raise|up|adjust)(?: taking)? (?:your |the |those |all your )?(?:${MEDS}|${GENERIC_MEDS})\b`),
  new RegExp(String.raw`\b(?:you should|you could|you might want to|you need to|id recommend|i recommend|i suggest|id suggest|i would suggest|i would recommend|try|trying|consider|considering|maybe|why not|start|starting|take|taking|ask for|get|getting|go on|going on)(?: taking| trying| a| an| some| on)? ${MEDS}\b`),
  new RegExp(String.raw`\b${MEDS} (?:(?:would|will|could|can|might|should|usually|really|often) )?(?:help|helps|helped|fix|fixes|cure|cures|work|works|worked|calm|calms|sort|is great|are great|is good|are good|do wonders|does wonders|take the edge off|takes the edge off)\b`),
  new RegExp(String.raw`\b(?:you should|you need to|you must|you have to|youd benefit from|you would benefit from|you might benefit from) (?:take|try|start|be on|get on|go on)(?: some| a| an)? ${GENERIC_MEDS}\b`),
  new RegExp(String.raw`\byou dont need (?:your |the |any )?(?:${GENERIC_MEDS}|${MEDS})\b`),
];

/** Claims about illness or treatment the coach cannot make. */
const MEDICAL_CLAIMS: readonly RegExp[] = [
  /\b(?:cure|cures|curing|cured) (?:your |the |social |my )?(?:anxiety|depression|social anxiety|panic(?: attacks)?|adhd|autism|ocd|ptsd|shyness)\b/,
  /\bchemical imbalance\b|\byour brain (?:is|has been) (?:broken|damaged|wired wrong)\b/,
  /\b(?:you dont need|skip|instead of|no need for|better than) (?:a |any )?(?:therapy|therapist|doctor|psychiatrist|treatment)\b/,
];

const DIAGNOSIS_LINE =
  "I'm not a clinician, so I can't say whether that's a diagnosis, but a doctor or mental health professional can help you look into it properly.";
const MEDICATION_LINE =
  "I can't give advice about medication or treatment, since I'm not a clinician; a doctor or pharmacist is the right person to ask about that.";
const LINES: Readonly<Record<GuardReason, string>> = { diagnosis: DIAGNOSIS_LINE, medication: MEDICATION_LINE, medical_claim: MEDICATION_LINE };

function guardNormalise(sentence: string): string {
  return sentence
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201B\u2032\u02BC`']/g, '')
    .replace(/[^\p{L}\p{N}.,]+/gu, ' ')
    .replace(/\s+/g, ' ');
}

function sentenceReason(sentence: string): GuardReason | undefined {
  const s = guardNormalise(sentence);
  if (DIAGNOSIS.some((re) => re.test(s))) return 'diagnosis';
  const [dosage, ...advice] = MEDICATION;
  if (dosage!.test(s)) return 'medication';
  for (const re of advice) {
    const match = re.exec(s);
    if (!match) continue;
    // "ask your doctor whether medication could help" is a referral, not advice; a named drug with advice is always advice.
    const namesDrug = new RegExp(String.raw`\b${MEDS}\b`).test(match[0]);
    if (!namesDrug && PROFESSIONAL.test(s) && re !== MEDICATION[1]) continue;
    return 'medication';
  }
  if (MEDICAL_CLAIMS.some((re) => re.test(s))) return 'medical_claim';
  return undefined;
}

/** Splits text into sentences, each with the whitespace after it, so joining them gives the text back. */
function sentences(text: string): string[] {
  const out: string[] = [];
  // A boundary is end punctuation followed by whitespace ("2.5 mg" and "e.g." stay whole), or a line break.
  const boundary = /[.!?]+["')\]\u201D\u2019]*\s+|\n\s*/g;
  let start = 0;
  for (let match = boundary.exec(text); match; match = boundary.exec(text)) {
    const end = match.index + match[0].length;
    out.push(text.slice(start, end));
    start = end;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/**
 * The guard on model output: sentences that diagnose the person or advise on
 * medication are replaced, once per kind, by a gentle line that the coach is
 * not a clinician; the rest of the reply is kept as written.
 *
 * @example guardModelOutput('Sounds like you are depressed. Try a walk before the party.').text
 * // "I'm not a clinician, so I can't say ... properly. Try a walk before the party."
 */
export function guardModelOutput(text: string): GuardResult {
  if (typeof text !== 'string' || text === '') return { text: typeof text === 'string' ? text : '', changed: false, reasons: [] };
  const reasons: GuardReason[] = [];
  const said = new Set<string>();
  const parts = sentences(text);
  const out: string[] = [];
  for (const part of parts) {
    const reason = sentenceReason(part);
    if (!reason) {
      out.push(part);
      continue;
    }
    const trailing = /\s*$/.exec(part)?.[0] ?? '';
    if (!reasons.includes(reason)) reasons.push(reason);
    const line = LINES[reason];
    if (!said.has(line)) {
      said.add(line);
      out.push(line + trailing);
    } else if (trailing.includes('\n')) {
      out.push(trailing.slice(trailing.indexOf('\n')));
    }
  }
  if (reasons.length === 0) return { text, changed: false, reasons: [] };
  return { text: out.join('').trimEnd(), changed: true, reasons };
}

