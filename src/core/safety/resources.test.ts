import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RESOURCES_WRITTEN_ON, SUPPORTED_COUNTRIES, resourcesFor, toSupportedCountry } from './resources.js';

describe('resourcesFor', () => {
  test('has the emergency number and a national line for each required country', () => {
    const expected = [
      ['US', '911', 'us_thehotline'],
      ['GB', '999', 'gb_national_da_helpline'],
      ['CA', '911', 'ca_sheltersafe'],
      ['AU', '000', 'au_1800respect'],
    ] as const;
    for (const [code, emergency, helpline] of expected) {
      const r = resourcesFor(code);
      assert.equal(r.country, code);
      assert.equal(r.emergencyNumber, emergency);
      assert.equal(r.resources[0]?.kind, 'emergency');
      assert.ok(r.resources.some((x) => x.id === helpline), `${code} lists ${helpline}`);
    }
  });

  test('keeps the well-known US, UK and Australian numbers exact', () => {
    const contacts = (code: string) =>
      resourcesFor(code).resources.flatMap((r) => r.contacts.map((c) => c.display));
    assert.ok(contacts('US').includes('1-800-799-7233'));
    assert.ok(contacts('US').includes('Text START to 88788'));
    assert.ok(contacts('GB').includes('0808 2000 247'));
    assert.ok(contacts('AU').includes('1800 737 732'));
  });

  test('is case-insensitive and accepts UK for GB', () => {
    assert.equal(resourcesFor('gb').country, 'GB');
    assert.equal(resourcesFor(' uk ').country, 'GB');
  });

  test('falls back to the international list', () => {
    for (const code of ['FR', '', null, undefined, 'xx-yy']) {
      const r = resourcesFor(code);
      assert.equal(r.country, 'INTL');
      assert.ok(r.resources.some((x) => x.kind === 'directory'));
    }
  });

  test('every list ends with an international directory and carries its date', () => {
    for (const { code } of SUPPORTED_COUNTRIES) {
      const r = resourcesFor(code);
      assert.equal(r.resources.at(-1)?.kind, 'directory');
      assert.equal(r.writtenOn, RESOURCES_WRITTEN_ON);
    }
  });

  test('every resource is complete, with ids unique and links of the right scheme', () => {
    const ids = new Set<string>();
    for (const { code } of SUPPORTED_COUNTRIES) {
      for (const r of resourcesFor(code).resources) {
        assert.ok(r.name && r.description && r.contacts.length > 0, r.id);
        if (r.id !== 'intl_hot_peach_pages') {
          assert.ok(!ids.has(r.id), `duplicate ${r.id}`);
          ids.add(r.id);
        }
        for (const c of r.contacts) {
          const scheme = { phone: 'tel:', text: 'sms:', web: 'https://' }[c.kind];
          assert.ok(c.href.startsWith(scheme), c.href);
          if (c.kind !== 'web') assert.match(c.href, /^(tel|sms):\+?\d+$/);
        }
      }
    }
  });

  test('property: total — any string gives a supported list', () => {
    const codes = SUPPORTED_COUNTRIES.map((c) => c.code as string);
    fc.assert(
      fc.property(fc.string(), (s) => {
        assert.ok(codes.includes(toSupportedCountry(s)));
        assert.ok(resourcesFor(s).resources.length >= 2);
      }),
    );
  });
});
