import { toSupportedCountry, type SupportedCountryCode } from './countries.js';
import { TIME_ZONES_BY_COUNTRY } from './time-zone-countries.js';

const COUNTRY_OF_ZONE: ReadonlyMap<string, string> = new Map(
  Object.entries(TIME_ZONES_BY_COUNTRY).flatMap(([country, zones]) => zones.split(' ').map((zone) => [zone, country] as const)),
);

/**
 * The country an IANA time zone belongs to (ISO 3166-1 alpha-2), or null when the zone names no
 * one country (UTC, Etc/GMT+3) or is unknown.
 */
export function countryOfTimeZone(zone: string | null | undefined): string | null {
  return (zone && COUNTRY_OF_ZONE.get(zone.trim())) || null;
}

/**
 * The support country to offer first for a time zone: a supported country, "Another country"
 * (INTL) for a zone of any other country, or null when the zone tells nothing — a sign-up without
 * JavaScript stays on UTC, and must not be handed a confident wrong guess.
 */
export function suggestedCountry(zone: string | null | undefined): SupportedCountryCode | null {
  const country = countryOfTimeZone(zone);
  return country === null ? null : toSupportedCountry(country);
}

/**
 * Whose services a person sees first: the country they chose, else the one their time zone
 * suggests (an account made before the question was asked, or left unanswered), else the
 * international list.
 */
export function supportCountryFor(person: { country: string | null; timezone: string }): SupportedCountryCode {
  return person.country ? toSupportedCountry(person.country) : (suggestedCountry(person.timezone) ?? 'INTL');
}
