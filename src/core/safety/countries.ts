/** The countries Mend lists support services for; kept apart so the browser can use it alone. */

/** The choices of the country setting, by name, with "Another country" last. */
export const SUPPORTED_COUNTRIES = [
  { code: 'AU', name: 'Australia' },
  { code: 'BR', name: 'Brazil' },
  { code: 'CA', name: 'Canada' },
  { code: 'FR', name: 'France' },
  { code: 'DE', name: 'Germany' },
  { code: 'IN', name: 'India' },
  { code: 'IE', name: 'Ireland' },
  { code: 'IT', name: 'Italy' },
  { code: 'MX', name: 'Mexico' },
  { code: 'NL', name: 'Netherlands' },
  { code: 'NZ', name: 'New Zealand' },
  { code: 'ZA', name: 'South Africa' },
  { code: 'ES', name: 'Spain' },
  { code: 'GB', name: 'United Kingdom' },
  { code: 'US', name: 'United States' },
  { code: 'INTL', name: 'Another country' },
] as const;

export type SupportedCountryCode = (typeof SUPPORTED_COUNTRIES)[number]['code'];

/** Other spellings people and browsers use for a supported country. */
const ALIASES: Readonly<Record<string, SupportedCountryCode>> = { UK: 'GB' };

/** Narrows any stored or submitted value to a supported country; anything else is INTL. */
export function toSupportedCountry(code: string | null | undefined): SupportedCountryCode {
  const upper = (code ?? '').trim().toUpperCase();
  const aliased = ALIASES[upper] ?? upper;
  return SUPPORTED_COUNTRIES.some((c) => c.code === aliased) ? (aliased as SupportedCountryCode) : 'INTL';
}

/**
 * A country answer from a form: the supported code ("UK" read as GB, "INTL" for another
 * country), null when left unanswered, undefined when it is none of the choices.
 */
export function parseCountryChoice(answer: string | null | undefined): SupportedCountryCode | null | undefined {
  const trimmed = (answer ?? '').trim();
  if (trimmed === '') return null;
  const code = toSupportedCountry(trimmed);
  return code !== 'INTL' || trimmed.toUpperCase() === 'INTL' ? code : undefined;
}

/** Country names that read with "the" in a sentence ("in the United Kingdom"). */
const WITH_THE: ReadonlySet<string> = new Set(['GB', 'US', 'NL']);

/** The country's name as it reads after "in": "the United Kingdom", "Ireland". */
export function countryInSentence(code: string, name: string): string {
  return WITH_THE.has(code) ? `the ${name}` : name;
}
