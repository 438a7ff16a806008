/** The shapes of the support directory, and small builders that keep its entries uniform. */

export type ContactKind = 'phone' | 'text' | 'web';

export interface ResourceContact {
  readonly kind: ContactKind;
  /** What the user reads, e.g. "1-800-799-7233" or "Text START to 88788". */
  readonly display: string;
  /** A `tel:`, `sms:` or `https:` address for a link. */
  readonly href: string;
}

export type ResourceKind = 'emergency' | 'domestic_abuse' | 'sexual_violence' | 'men' | 'crisis' | 'directory';

/** Where an entry's details were checked, and when (docs/safety.md says how to re-check). */
export interface ResourceSource {
  readonly url: string;
  /** `YYYY-MM-DD`. */
  readonly checkedOn: string;
}

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
  readonly source: ResourceSource;
}

/** One country's entries, emergency first; the directories are added by `resourcesFor`. */
export interface CountryEntry {
  readonly countryName: string;
  /** The number to call in immediate danger, shown first and largest. */
  readonly emergencyNumber: string;
  readonly resources: readonly SafetyResource[];
}

/** The day every entry was last checked against a copy of its source. */
export const RESOURCES_CHECKED_ON = '2026-12-06';

export const checkedAt = (url: string): ResourceSource => ({ url, checkedOn: RESOURCES_CHECKED_ON });

export const phone = (display: string, dial: string): ResourceContact => ({ kind: 'phone', display, href: `tel:${dial}` });
export const text = (display: string, number: string): ResourceContact => ({ kind: 'text', display, href: `sms:${number}` });
export const web = (host: string, path = '/'): ResourceContact => ({ kind: 'web', display: host, href: `https://${host}${path}` });

/** The first entry of every country: whom to call in danger right now. */
export function emergency(country: string, number: string, description: string, sourceUrl: string): SafetyResource {
  return {
    id: `${country}_emergency`,
    kind: 'emergency',
    name: 'Emergency services',
    contacts: [phone(number, number)],
    description,
    open24Hours: true,
    source: checkedAt(sourceUrl),
  };
}
