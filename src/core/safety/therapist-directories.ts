import { SUPPORTED_COUNTRIES, toSupportedCountry, type SupportedCountryCode } from './countries.js';
import { checkedAt, type ResourceSource } from './resource-types.js';

/**
 * Where to look for a couples therapist, by country (issue #20): professional bodies' "find a
 * therapist" directories and national relationship-counselling services. Every entry records the
 * page its details were checked against and when (docs/safety.md, "Finding a couples therapist").
 * A country with no entry we could check shows only the international directory, and says so.
 */
export interface TherapistDirectory {
  readonly id: string;
  readonly name: string;
  /** Where the person goes: the body's own site. */
  readonly url: string;
  /** What it is, in Mend's words. */
  readonly description: string;
  readonly source: ResourceSource;
}

const DIRECTORIES: Partial<Record<SupportedCountryCode, readonly TherapistDirectory[]>> = {
  AU: [
    {
      id: 'au_pacfa',
      name: 'PACFA — Find a therapist',
      url: 'https://www.pacfa.org.au/',
      description:
        'The national body for counsellors and psychotherapists. Its directory can be searched by place, by the issues a therapist works with and for telehealth; it has a college of relationship counsellors.',
      source: checkedAt(
        'https://www.pacfa.org.au/portal/For%20members/Portal/Membership/Website-updates/for-members.aspx?hkey=ce88e54a-224e-463a-afc1-90d3ee925075',
      ),
    },
    {
      id: 'au_relationships_australia',
      name: 'Relationships Australia',
      url: 'https://relationships.org.au/',
      description: 'A not-for-profit with centres in every state, offering counselling for couples and families, in person and online.',
      source: checkedAt('https://relationships.org.au/about-us/our-history'),
    },
  ],
  CA: [
    {
      id: 'ca_ccpa',
      name: 'Canadian Counselling and Psychotherapy Association',
      url: 'https://www.ccpa-accp.ca/',
      description:
        'The national, bilingual body for counsellors and psychotherapists. Its public search lists Canadian Certified Counsellors, including by language.',
      source: checkedAt('http://talkingcanhelp.ca/en/faqs/'),
    },
  ],
  IE: [
    {
      id: 'ie_iacp',
      name: 'IACP — Find a Therapist',
      url: 'https://iacp.ie/',
      description:
        'The largest body for counsellors and psychotherapists in Ireland. Its Find a Therapist search lists accredited members.',
      source: checkedAt('https://eolasmagazine.ie/iacp-celebrates-40th-anniversary'),
    },
  ],
  DE: [
    {
      id: 'de_pro_familia',
      name: 'pro familia — Paarberatung',
      url: 'https://www.profamilia.de/',
      description: 'Counselling centres across Germany offering couples counselling (Paarberatung), with fees that follow income.',
      source: checkedAt('https://www.presse-blog.com/2025/12/05/begleitung-in-krisen-pro-familia-als-zentrale-anlaufstelle'),
    },
  ],
  NL: [
    {
      id: 'nl_nvrg',
      name: 'NVRG — Zoek therapeut',
      url: 'https://nvrg.nl/',
      description:
        'The Dutch association of relationship and family therapists. Its search finds members by postcode or town, and by whether they work with couples.',
      source: checkedAt('https://nvrg.nl/pagina/voorclienten'),
    },
  ],
  NZ: [
    {
      id: 'nz_nzac',
      name: 'New Zealand Association of Counsellors',
      url: 'https://nzac.org.nz/',
      description:
        'The national body for counsellors; its site lets you look up member counsellors near you, many of whom work with couples.',
      source: checkedAt('https://en.wikipedia.org/wiki/New_Zealand_Association_of_Counsellors'),
    },
  ],
  GB: [
    {
      id: 'gb_bacp',
      name: 'BACP — Find a therapist',
      url: 'https://www.bacp.co.uk/about-therapy/how-to-find-a-therapist/',
      description:
        'The British Association for Counselling and Psychotherapy. Its directory lists counsellors and psychotherapists by place and shows which are on its accredited register.',
      source: checkedAt('https://www.bacp.co.uk/about-therapy/how-to-find-a-therapist/'),
    },
    {
      id: 'gb_relate',
      name: 'Relate',
      url: 'https://www.relate.org.uk/',
      description: 'A charity offering couples counselling in centres across the UK and online, for people living in the UK.',
      source: checkedAt('https://www.relate.org.uk/what-we-do/counselling/client-agreement'),
    },
  ],
  US: [
    {
      id: 'us_aamft',
      name: 'AAMFT TherapistLocator',
      url: 'https://www.therapistlocator.net/',
      description:
        'The American Association for Marriage and Family Therapy’s public directory of marriage and family therapists, searchable by area.',
      source: checkedAt(
        'http://therapistlocator.net/iMIS15/AAMFT/Content/Advocacy/Private_Payer.aspx?hkey=b8088b01-7834-4da1-89d9-ee0ca7005d3e',
      ),
    },
  ],
};

/** For anyone, anywhere: shown after the country's own, and alone where we have none checked. */
export const INTERNATIONAL_THERAPIST_DIRECTORIES: readonly TherapistDirectory[] = [
  {
    id: 'intl_iceeft',
    name: 'ICEEFT — Find an EFT therapist',
    url: 'https://iceeft.com/',
    description:
      'The international centre that trains and certifies therapists in Emotionally Focused Therapy, a well-studied approach for couples. Its directory lists certified therapists worldwide; many also work online.',
    source: checkedAt('https://iceeft.com/therapist-training-training-and-certification/'),
  },
];

export interface CountryTherapistDirectories {
  readonly country: SupportedCountryCode;
  readonly countryName: string;
  /** The country's own; empty when none could be checked (the page says so). */
  readonly directories: readonly TherapistDirectory[];
  readonly international: readonly TherapistDirectory[];
}

/** The directories for a country (any value; unknown ones are "Another country"). */
export function therapistDirectoriesFor(code: string | null | undefined): CountryTherapistDirectories {
  const country = toSupportedCountry(code);
  const countryName = SUPPORTED_COUNTRIES.find((c) => c.code === country)?.name ?? 'Another country';
  return { country, countryName, directories: DIRECTORIES[country] ?? [], international: INTERNATIONAL_THERAPIST_DIRECTORIES };
}

/** Every entry, for tests and the docs' table. */
export const ALL_THERAPIST_DIRECTORIES: readonly TherapistDirectory[] = [
  ...Object.values(DIRECTORIES).flatMap((list) => list ?? []),
  ...INTERNATIONAL_THERAPIST_DIRECTORIES,
];
