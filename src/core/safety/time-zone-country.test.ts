import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SUPPORTED_COUNTRIES } from './resources.js';
import { countryOfTimeZone, suggestedCountry, supportCountryFor } from './time-zone-country.js';
import { timeZoneNames } from '../time.js';

describe('time zone to country', () => {
  test('finds the country of the zones people in the supported countries use, old names too', () => {
    const cases: Array<[string, string]> = [
      ['Europe/London', 'GB'],
      ['Europe/Belfast', 'GB'],
      ['Europe/Dublin', 'IE'],
      ['America/New_York', 'US'],
      ['America/Los_Angeles', 'US'],
      ['America/Toronto', 'CA'],
      ['America/Montreal', 'CA'],
      ['Australia/Sydney', 'AU'],
      ['Pacific/Auckland', 'NZ'],
      ['Europe/Berlin', 'DE'],
      ['Europe/Paris', 'FR'],
      ['Europe/Madrid', 'ES'],
      ['Atlantic/Canary', 'ES'],
      ['Europe/Rome', 'IT'],
      ['Europe/Amsterdam', 'NL'],
      ['Asia/Kolkata', 'IN'],
      ['Asia/Calcutta', 'IN'],
      ['Africa/Johannesburg', 'ZA'],
      ['America/Sao_Paulo', 'BR'],
      ['America/Mexico_City', 'MX'],
    ];
    for (const [zone, country] of cases) {
      assert.equal(countryOfTimeZone(zone), country, zone);
      assert.equal(suggestedCountry(zone), country, zone);
    }
  });

  test('a zone of another country suggests "Another country"', () => {
    for (const zone of ['Europe/Warsaw', 'Asia/Tokyo', 'Africa/Lagos']) assert.equal(suggestedCountry(zone), 'INTL', zone);
  });

  test('a zone that names no country suggests nothing: no confident wrong guess', () => {
    for (const zone of ['UTC', 'Etc/UTC', 'Etc/GMT+3', 'GMT', '', '   ', null, undefined, 'Mars/Olympus']) {
      assert.equal(countryOfTimeZone(zone), null, String(zone));
      assert.equal(suggestedCountry(zone), null, String(zone));
    }
  });

  test('every time zone the sign-up form offers, except UTC, leads to a country', () => {
    const unmapped = timeZoneNames().filter((zone) => zone !== 'UTC' && countryOfTimeZone(zone) === null);
    assert.deepEqual(unmapped, []);
  });

  test('property: any string suggests a supported country or nothing', () => {
    const codes: string[] = SUPPORTED_COUNTRIES.map((c) => c.code);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...timeZoneNames())), (zone) => {
        const s = suggestedCountry(zone);
        assert.ok(s === null || codes.includes(s));
      }),
    );
  });
});

describe('supportCountryFor', () => {
  test('the chosen country wins; without one, the time zone; without either, another country', () => {
    assert.equal(supportCountryFor({ country: 'IE', timezone: 'Europe/London' }), 'IE');
    assert.equal(supportCountryFor({ country: 'INTL', timezone: 'Europe/London' }), 'INTL');
    assert.equal(supportCountryFor({ country: null, timezone: 'Europe/London' }), 'GB');
    assert.equal(supportCountryFor({ country: null, timezone: 'UTC' }), 'INTL');
    assert.equal(supportCountryFor({ country: 'PL', timezone: 'Europe/Warsaw' }), 'INTL');
  });
});
