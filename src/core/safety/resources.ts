/**
 * Safety resources by country. Written 2026-11 from each service's own published details; the
 * operator must check them periodically (docs/safety.md says how). Only long-established,
 * free services are listed; where a number was not certain it was left out.
 */

export const RESOURCES_WRITTEN_ON = '2026-11';

export type ContactKind = 'phone' | 'text' | 'web';

export interface ResourceContact {
  readonly kind: ContactKind;
  /** What the user reads, e.g. "1-800-799-7233" or "Text START to 88788". */
  readonly display: string;
  /** A `tel:`, `sms:` or `https:` address for a link. */
  readonly href: string;
}

export type ResourceKind =
  | 'emergency'
  | 'domestic_abuse'
  | 'sexual_violence'
  | 'men'
  | 'crisis'
  | 'directory';

export interface SafetyResource {
  readonly id: string;
  readonly kind: ResourceKind;
  readonly name: string;
  readonly contacts: readonly ResourceContact[];
  /** One or two sentences in Mend's words. */
  readonly description: string;
  /** Set when a service is only for part of the country. */
  readonly region?: string;
  readonly open24Hours: boolean;
}

export const SUPPORTED_COUNTRIES = [
  { code: 'US', name: 'United States' },
  { code: 'GB', name: 'United Kingdom' },
  { code: 'CA', name: 'Canada' },
  { code: 'AU', name: 'Australia' },
  { code: 'INTL', name: 'Another country' },
] as const;

export type SupportedCountryCode = (typeof SUPPORTED_COUNTRIES)[number]['code'];

export interface CountryResources {
  readonly country: SupportedCountryCode;
  readonly countryName: string;
  /** The number to call in immediate danger, shown first and largest. */
  readonly emergencyNumber: string;
  /** In the order to show them: emergency first, the international directory last. */
  readonly resources: readonly SafetyResource[];
  /** When the details were written; see docs/safety.md. */
  readonly writtenOn: string;
}

const phone = (display: string, e164: string): ResourceContact => ({
  kind: 'phone',
  display,
  href: `tel:${e164}`,
});
const text = (display: string, number: string): ResourceContact => ({
  kind: 'text',
  display,
  href: `sms:${number}`,
});
const web = (host: string, path = '/'): ResourceContact => ({
  kind: 'web',
  display: host,
  href: `https://${host}${path}`,
});

const HOT_PEACH_PAGES: SafetyResource = {
  id: 'intl_hot_peach_pages',
  kind: 'directory',
  name: 'Hot Peach Pages',
  contacts: [web('www.hotpeachpages.net')],
  description:
    'A worldwide list of services for people living with abuse, sorted by country. ' +
    'Useful if you live somewhere else, or are travelling.',
  open24Hours: false,
};

const FIND_A_HELPLINE: SafetyResource = {
  id: 'intl_find_a_helpline',
  kind: 'directory',
  name: 'Find A Helpline',
  contacts: [web('findahelpline.com')],
  description:
    'Free, confidential helplines in many countries. Choose your country and what you need ' +
    'help with, and it shows who you can call, text or chat with.',
  open24Hours: false,
};

const TABLE: Readonly<Record<SupportedCountryCode, Omit<CountryResources, 'writtenOn'>>> = {
  US: {
    country: 'US',
    countryName: 'United States',
    emergencyNumber: '911',
    resources: [
      {
        id: 'us_emergency',
        kind: 'emergency',
        name: 'Emergency services',
        contacts: [phone('911', '911')],
        description: 'If you are in danger right now, call 911.',
        open24Hours: true,
      },
      {
        id: 'us_thehotline',
        kind: 'domestic_abuse',
        name: 'National Domestic Violence Hotline',
        contacts: [
          phone('1-800-799-7233', '+18007997233'),
          text('Text START to 88788', '88788'),
          web('www.thehotline.org'),
        ],
        description:
          'Free and confidential, day and night. Trained advocates listen, help you make sense ' +
          'of what is happening, and help you plan for your safety — whether you stay or leave. ' +
          'You can also chat with them on their website.',
        open24Hours: true,
      },
      {
        id: 'us_rainn',
        kind: 'sexual_violence',
        name: 'RAINN National Sexual Assault Hotline',
        contacts: [phone('1-800-656-4673', '+18006564673'), web('www.rainn.org')],
        description:
          'Free and confidential support after any unwanted sexual experience, including with ' +
          'a partner, and a link to a local service near you.',
        open24Hours: true,
      },
      {
        id: 'us_988',
        kind: 'crisis',
        name: '988 Suicide & Crisis Lifeline',
        contacts: [phone('988', '988'), text('Text 988', '988'), web('988lifeline.org')],
        description:
          'If you are overwhelmed, or thinking about hurting yourself, someone is there to talk ' +
          'with you, any time.',
        open24Hours: true,
      },
    ],
  },
  GB: {
    country: 'GB',
    countryName: 'United Kingdom',
    emergencyNumber: '999',
    resources: [
      {
        id: 'gb_emergency',
        kind: 'emergency',
        name: 'Emergency services',
        contacts: [phone('999', '999')],
        description:
          'If you are in danger right now, call 999. If you cannot speak, call from a mobile, ' +
          'stay on the line and press 55 when you are asked: the police will know you need help.',
        open24Hours: true,
      },
      {
        id: 'gb_national_da_helpline',
        kind: 'domestic_abuse',
        name: 'National Domestic Abuse Helpline (run by Refuge)',
        contacts: [phone('0808 2000 247', '+448082000247'), web('www.nationaldahelpline.org.uk')],
        description:
          'Free and confidential, day and night, for anyone living with domestic abuse and for ' +
          'people worried about someone. They can talk through your options and help you plan ' +
          'to stay safe.',
        open24Hours: true,
      },
      {
        id: 'gb_scotland_helpline',
        kind: 'domestic_abuse',
        name: "Scotland's Domestic Abuse and Forced Marriage Helpline",
        contacts: [phone('0800 027 1234', '+448000271234'), web('sdafmh.org.uk')],
        description: 'Free, confidential support day and night for anyone in Scotland.',
        region: 'Scotland',
        open24Hours: true,
      },
      {
        id: 'gb_wales_live_fear_free',
        kind: 'domestic_abuse',
        name: 'Live Fear Free helpline',
        contacts: [phone('0808 80 10 800', '+448088010800'), web('www.gov.wales', '/live-fear-free')],
        description: 'Free, confidential support day and night for anyone in Wales.',
        region: 'Wales',
        open24Hours: true,
      },
      {
        id: 'gb_ni_helpline',
        kind: 'domestic_abuse',
        name: 'Domestic and Sexual Abuse Helpline',
        contacts: [phone('0808 802 1414', '+448088021414'), web('www.dsahelpline.org')],
        description: 'Free, confidential support day and night for anyone in Northern Ireland.',
        region: 'Northern Ireland',
        open24Hours: true,
      },
      {
        id: 'gb_mens_advice_line',
        kind: 'men',
        name: "Men's Advice Line",
        contacts: [phone('0808 801 0327', '+448088010327'), web('mensadviceline.org.uk')],
        description:
          'A confidential helpline for men living with abuse from a partner. Check their website ' +
          'for opening hours.',
        open24Hours: false,
      },
      {
        id: 'gb_samaritans',
        kind: 'crisis',
        name: 'Samaritans',
        contacts: [phone('116 123', '116123'), web('www.samaritans.org')],
        description:
          'Free, any time, from any phone. Someone to talk to when things feel like too much.',
        open24Hours: true,
      },
    ],
  },
  CA: {
    country: 'CA',
    countryName: 'Canada',
    emergencyNumber: '911',
    resources: [
      {
        id: 'ca_emergency',
        kind: 'emergency',
        name: 'Emergency services',
        contacts: [phone('911', '911')],
        description: 'If you are in danger right now, call 911.',
        open24Hours: true,
      },
      {
        id: 'ca_sheltersafe',
        kind: 'domestic_abuse',
        name: 'ShelterSafe',
        contacts: [web('sheltersafe.ca')],
        description:
          'Canada has no single national helpline for abuse; support is local. ShelterSafe is a ' +
          'map of shelters and crisis lines across the country, with their phone numbers — many ' +
          'answer day and night, and you can call to talk without staying there.',
        open24Hours: false,
      },
      {
        id: 'ca_sos_violence_conjugale',
        kind: 'domestic_abuse',
        name: 'SOS violence conjugale',
        contacts: [phone('1-800-363-9010', '+18003639010'), web('sosviolenceconjugale.ca')],
        description: 'Free, confidential support day and night, in French or English.',
        region: 'Québec',
        open24Hours: true,
      },
      {
        id: 'ca_awhl',
        kind: 'domestic_abuse',
        name: "Assaulted Women's Helpline",
        contacts: [phone('1-866-863-0511', '+18668630511'), web('www.awhl.org')],
        description: 'Free, confidential support day and night for women in Ontario.',
        region: 'Ontario',
        open24Hours: true,
      },
      {
        id: 'ca_988',
        kind: 'crisis',
        name: '988 Suicide Crisis Helpline',
        contacts: [phone('988', '988'), text('Text 988', '988'), web('988.ca')],
        description:
          'If you are overwhelmed, or thinking about hurting yourself, someone is there to talk ' +
          'with you, any time, in English or French.',
        open24Hours: true,
      },
    ],
  },
  AU: {
    country: 'AU',
    countryName: 'Australia',
    emergencyNumber: '000',
    resources: [
      {
        id: 'au_emergency',
        kind: 'emergency',
        name: 'Emergency services',
        contacts: [phone('000', '000')],
        description: 'If you are in danger right now, call Triple Zero (000).',
        open24Hours: true,
      },
      {
        id: 'au_1800respect',
        kind: 'domestic_abuse',
        name: '1800RESPECT',
        contacts: [phone('1800 737 732', '+611800737732'), web('www.1800respect.org.au')],
        description:
          'The national counselling service for anyone affected by domestic, family or sexual ' +
          'violence. Free, confidential, day and night, by phone or online chat.',
        open24Hours: true,
      },
      {
        id: 'au_mensline',
        kind: 'men',
        name: 'MensLine Australia',
        contacts: [phone('1300 78 99 78', '+611300789978'), web('mensline.org.au')],
        description:
          'Counselling for men, day and night, including about relationship worries and abuse.',
        open24Hours: true,
      },
      {
        id: 'au_lifeline',
        kind: 'crisis',
        name: 'Lifeline',
        contacts: [phone('13 11 14', '+61131114'), web('www.lifeline.org.au')],
        description:
          'If you are overwhelmed, or thinking about hurting yourself, someone is there to talk ' +
          'with you, any time.',
        open24Hours: true,
      },
    ],
  },
  INTL: {
    country: 'INTL',
    countryName: 'Another country',
    emergencyNumber: '112',
    resources: [
      {
        id: 'intl_emergency',
        kind: 'emergency',
        name: 'Emergency services',
        contacts: [phone('112', '112')],
        description:
          'If you are in danger right now, call your local emergency number. 112 works from ' +
          'mobile phones across Europe and in many other countries.',
        open24Hours: true,
      },
      FIND_A_HELPLINE,
    ],
  },
};

/** Other spellings people and browsers use for a supported country. */
const ALIASES: Readonly<Record<string, SupportedCountryCode>> = { UK: 'GB' };

/** Narrows any stored or submitted value to a supported country; anything else is INTL. */
export function toSupportedCountry(code: string | null | undefined): SupportedCountryCode {
  const upper = (code ?? '').trim().toUpperCase();
  const aliased = ALIASES[upper] ?? upper;
  return SUPPORTED_COUNTRIES.some((c) => c.code === aliased)
    ? (aliased as SupportedCountryCode)
    : 'INTL';
}

/**
 * Resources for a country setting (ISO 3166-1 alpha-2, case-insensitive; "UK" is accepted).
 * Unknown or missing countries get the international list. Every list ends with an international
 * directory, for people who live or travel elsewhere.
 */
export function resourcesFor(countryCode: string | null | undefined): CountryResources {
  const entry = TABLE[toSupportedCountry(countryCode)];
  return {
    ...entry,
    resources: [...entry.resources, HOT_PEACH_PAGES],
    writtenOn: RESOURCES_WRITTEN_ON,
  };
}
