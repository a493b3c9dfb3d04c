/**
 * Crisis resources by country, chosen from the person's platform locale
 * (BCP-47 as Discord and Slack send it: `en-US`, `pt-BR`, `de`, `es-419`).
 *
 * Only lines that are nationally known and that we checked are listed; a
 * country we are not sure of gets the international default (Find A Helpline
 * plus the local emergency number) rather than a guess. Review this table
 * with a person from each country before adding to it.
 */

export interface CrisisLine {
  /** ISO 3166-1 alpha-2, or `INTL` for the default. */
  readonly country: string;
  /** How the line is named to the person, with its number: "call or text 988 (Suicide & Crisis Lifeline)". */
  readonly line: string;
  /** The emergency number(s) for that country, as words: "911". */
  readonly emergency: string;
}

const LINES: Readonly<Record<string, CrisisLine>> = {
  US: { country: 'US', line: 'call or text 988 (the 988 Suicide & Crisis Lifeline), any time', emergency: '911' },
  CA: { country: 'CA', line: 'call or text 988 (9-8-8: Suicide Crisis Helpline), any time', emergency: '911' },
  GB: { country: 'GB', line: 'call Samaritans free on 116 123, any time', emergency: '999' },
  IE: { country: 'IE', line: 'call Samaritans free on 116 123, any time', emergency: '112 or 999' },
  DE: { country: 'DE', line: 'call TelefonSeelsorge free on 0800 111 0 111 or 0800 111 0 222, any time', emergency: '112' },
  AT: { country: 'AT', line: 'call TelefonSeelsorge on 142, any time', emergency: '112 or 144' },
  CH: { country: 'CH', line: 'call Die Dargebotene Hand / La Main Tendue on 143, any time', emergency: '144 or 112' },
  FR: { country: 'FR', line: 'call 3114 (numéro national de prévention du suicide), any time', emergency: '112 or 15' },
  ES: { country: 'ES', line: 'call 024 (Línea de atención a la conducta suicida), any time', emergency: '112' },
  NL: { country: 'NL', line: 'call 113 or 0800-0113 (113 Zelfmoordpreventie), or chat at 113.nl', emergency: '112' },
  AU: { country: 'AU', line: 'call Lifeline on 13 11 14, any time', emergency: '000' },
  NZ: { country: 'NZ', line: 'call or text 1737 (Need to talk?), any time', emergency: '111' },
  JP: {
    country: 'JP',
    line: 'call TELL Lifeline (in English) on 03-5774-0992, or こころの健康相談統一ダイヤル on 0570-064-556',
    emergency: '119',
  },
  BR: { country: 'BR', line: 'call CVV (Centro de Valorização da Vida) on 188, any time', emergency: '192 (SAMU)' },
  IN: { country: 'IN', line: 'call Tele-MANAS on 14416 or 1-800-891-4416, any time', emergency: '112' },
};

/** Used when the locale names no country we list, or is missing or malformed. */
export const INTERNATIONAL_LINE: CrisisLine = {
  country: 'INTL',
  line: 'find a free, confidential crisis line in your country at findahelpline.com',
  emergency: 'your local emergency number',
};

/**
 * A bare language tag means one country only where that is overwhelmingly
 * likely (Discord sends `de`, `fr`, `nl`, `ja`, `hi` without a region). Spanish,
 * Portuguese and English are spoken in too many countries to guess.
 */
const LANGUAGE_ONLY: Readonly<Record<string, string>> = { de: 'DE', fr: 'FR', nl: 'NL', ja: 'JP', hi: 'IN' };

/**
 * The crisis line for a locale. A region subtag decides when present
 * (`fr-CA` → Canada, `nl-BE` → default, never the Dutch line); `_` is
 * accepted for `-`; anything unparseable gets {@link INTERNATIONAL_LINE}.
 *
 * @example crisisLineFor('en-GB').line // "call Samaritans free on 116 123, any time"
 */
export function crisisLineFor(locale?: string | null): CrisisLine {
  if (typeof locale !== 'string') return INTERNATIONAL_LINE;
  const parts = locale.trim().replace(/_/g, '-').split('-').filter((part) => part.length > 0);
  const language = parts[0]?.toLowerCase();
  if (!language || !/^[a-z]{2,3}$/.test(language)) return INTERNATIONAL_LINE;
  // Region: the first 2-letter or 3-digit subtag after the language (skips a script like `Hant`).
  const region = parts.slice(1).find((part) => /^(?:[a-z]{2}|\d{3})$/i.test(part));
  if (region) return LINES[region.toUpperCase()] ?? INTERNATIONAL_LINE;
  const country = LANGUAGE_ONLY[language];
  return (country && LINES[country]) || INTERNATIONAL_LINE;
}
