/**
 * What a message to the coach asks for, read with simple rules: tips, a mission,
 * feedback on a role-play, and which social area it is about (the mission
 * categories). Misreading costs little: the model still sees the whole message.
 */

/** Asking for structured tips or advice. */
const ADVICE =
  /\b(tips?|advice|advise|suggestions?|pointers|strateg(y|ies)|how (do|can|should|could|would) i|what (should|could|do) i (say|do|talk about)|what to say|help me (with|prepare|get ready)|ideas? (for|on))\b/i;

/** Asking for something to try: a mission, a challenge, a next step. */
const MISSION = /\b(missions?|challenges?|next step|something (small )?to (try|practi[cs]e|do)|what (can|should|could) i (try|practi[cs]e))\b/i;

/** Ending a role-play or asking how it went. */
const FEEDBACK =
  /\b(how did i do|how was i|how'?d i do|how did that go|(give|any) (me )?feedback|feedback please|(end|stop|finish|exit|quit) (the |this )?(role[- ]?play|scenario|practi[cs]e))\b/i;

export function asksForAdvice(text: string): boolean {
  return ADVICE.test(text);
}

export function asksForMission(text: string): boolean {
  return MISSION.test(text);
}

export function asksForFeedback(text: string): boolean {
  return FEEDBACK.test(text);
}

/** Words that point at a mission category, most specific first. */
const CATEGORY_WORDS: ReadonlyArray<readonly [string, RegExp]> = [
  ['assertiveness', /\b(say(ing)? no|boundar(y|ies)|speak(ing)? up|assertive|stand up for|disagree|complain|push back|ask for a raise|mistake)\b/i],
  ['vulnerability', /\b(open(ing)? up|vulnerab\w*|share (how|my feelings)|feelings?|honest|ask(ing)? for help|compliments?)\b/i],
  ['networking', /\b(network\w*|colleagues?|coworkers?|career|linkedin|conference|job fair|interview|professional|boss|manager)\b/i],
  ['events', /\b(events?|party|parties|meetups?|meet-ups?|workshop|class(es)?|concert|festival|gathering|wedding)\b/i],
  ['group_social', /\b(groups?|group chat|friends'? (dinner|night)|dinner party|team lunch|get-together|hang ?out|join (in|a conversation))\b/i],
  ['self_compassion', /\b(awkward|embarrass\w*|cringe|overthink\w*|replay\w*|beat(ing)? myself up|harsh on myself|anxious|nervous|self[- ]talk)\b/i],
  ['conversation', /\b(conversations?|small talk|chat(ting)?|talk(ing)? to|strangers?|neighbou?rs?|barista|start(ing)? a conversation|keep (it|the conversation) going|phone call|call someone)\b/i],
  ['social_skills', /\b(names?|introduc\w*|thank(ing)?|invite|inviting|eye contact|body language|listen(ing)?)\b/i],
];

/** The mission category a message is about, if any word points at one. */
export function categoryFor(text: string): string | undefined {
  for (const [category, words] of CATEGORY_WORDS) if (words.test(text)) return category;
  return undefined;
}

/** Words of a message worth matching against mission titles (lowercase, no short or common words). */
export function keywords(text: string): string[] {
  const stop = new Set(['about', 'would', 'could', 'should', 'there', 'their', 'where', 'which', 'what', 'when', 'with', 'that', 'this', 'have', 'want', 'really', 'just', 'like', 'feel', 'some', 'someone', 'something', 'from', 'into', 'them', 'they', 'your', 'been', 'tips', 'advice']);
  return [...new Set(text.toLowerCase().match(/[a-z']{4,}/g) ?? [])].filter((w) => !stop.has(w));
}
