/**
 * Safety resources by country. Every entry names the page its details were checked against and
 * when; the operator must re-check them periodically (docs/safety.md says how). Only
 * long-established, free services are listed; where a number was not certain it was left out.
 */
import { ENGLISH_SPEAKING } from './resources-english.js';
import { EUROPE } from './resources-europe.js';
import { MORE_COUNTRIES } from './resources-more.js';
import { toSupportedCountry, type SupportedCountryCode } from './countries.js';
import { RESOURCES_CHECKED_ON, checkedAt, emergency, web, type CountryEntry, type SafetyResource } from './resource-types.js';

export * from './resource-types.js';
export * from './countries.js';

export interface CountryResources extends CountryEntry {
  readonly country: SupportedCountryCode;
  /** In the order to show them: emergency first, the international directory last. */
  readonly resources: readonly SafetyResource[];
  /** When the details were last checked; see docs/safety.md. */
  readonly writtenOn: string;
}

const HOT_PEACH_PAGES: SafetyResource = {
  id: 'intl_hot_peach_pages',
  kind: 'directory',
  name: 'Hot Peach Pages',
  contacts: [web('www.hotpeachpages.net')],
  description:
    'A worldwide list of services for people living with abuse, sorted by country. Useful if you live somewhere else, ' +
    'or are travelling.',
  open24Hours: false,
  source: checkedAt('https://www.hotpeachpages.net/a/HPParticle.htm'),
};

const FIND_A_HELPLINE: SafetyResource = {
  id: 'intl_find_a_helpline',
  kind: 'directory',
  name: 'Find A Helpline',
  contacts: [web('findahelpline.com')],
  description:
    'Free, confidential helplines in many countries. Choose your country and what you need help with, and it shows ' +
    'who you can call, text or chat with.',
  open24Hours: false,
  source: checkedAt('https://findahelpline.com/AU'),
};

const ANOTHER_COUNTRY: CountryEntry = {
  countryName: 'Another country',
  emergencyNumber: '112',
  resources: [
    emergency(
      'intl',
      '112',
      'If you are in danger right now, call your local emergency number. 112 works from mobile phones across Europe and ' +
        'in many other countries.',
      'https://www.112.hu/en/112_in_the_EU',
    ),
    FIND_A_HELPLINE,
  ],
};

const TABLE: Readonly<Record<SupportedCountryCode, CountryEntry>> = {
  ...ENGLISH_SPEAKING,
  ...EUROPE,
  ...MORE_COUNTRIES,
  INTL: ANOTHER_COUNTRY,
};

/**
 * Resources for a country setting (ISO 3166-1 alpha-2, case-insensitive; "UK" is accepted).
 * Unknown or missing countries get the international list. Every list ends with an international
 * directory, for people who live or travel elsewhere.
 */
export function resourcesFor(countryCode: string | null | undefined): CountryResources {
  const country = toSupportedCountry(countryCode);
  const entry = TABLE[country];
  return { ...entry, country, resources: [...entry.resources, HOT_PEACH_PAGES], writtenOn: RESOURCES_CHECKED_ON };
}
