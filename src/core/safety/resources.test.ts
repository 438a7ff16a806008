import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RESOURCES_CHECKED_ON, SUPPORTED_COUNTRIES, resourcesFor, toSupportedCountry } from './resources.js';

const EMERGENCY_NUMBERS = {
  US: '911',
  GB: '999',
  IE: '112',
  CA: '911',
  AU: '000',
  NZ: '111',
  DE: '112',
  FR: '112',
  ES: '112',
  IT: '112',
  NL: '112',
  IN: '112',
  ZA: '10111',
  BR: '190',
  MX: '911',
  INTL: '112',
} as const;

const everyList = () => SUPPORTED_COUNTRIES.map(({ code }) => resourcesFor(code));

describe('resourcesFor', () => {
  test('covers the fifteen required countries and another country, each with its own emergency number first', () => {
    assert.deepEqual(SUPPORTED_COUNTRIES.map((c) => c.code).sort(), Object.keys(EMERGENCY_NUMBERS).sort());
    for (const [code, number] of Object.entries(EMERGENCY_NUMBERS)) {
      const r = resourcesFor(code);
      assert.equal(r.country, code);
      assert.equal(r.emergencyNumber, number, code);
      assert.equal(r.resources[0]?.kind, 'emergency', code);
      assert.ok(
        r.resources[0]?.contacts.some((c) => c.href === `tel:${number}`),
        `${code} dials ${number} first`,
      );
    }
  });

  test('every country has at least one national line besides emergencies and directories', () => {
    for (const r of everyList().filter((x) => x.country !== 'INTL')) {
      assert.ok(
        r.resources.some((x) => x.kind !== 'emergency' && x.kind !== 'directory' && !x.region),
        r.country,
      );
    }
  });

  test('keeps well-known numbers exact', () => {
    const contacts = (code: string) => resourcesFor(code).resources.flatMap((r) => r.contacts.map((c) => c.display));
    const expected: Array<[string, string]> = [
      ['US', '1-800-799-7233'],
      ['US', 'Text START to 88788'],
      ['GB', '0808 2000 247'],
      ['AU', '1800 737 732'],
      ['IE', '1800 341 900'],
      ['DE', '116 016'],
      ['FR', '3919'],
      ['ES', '016'],
      ['IT', '1522'],
      ['NL', '0800-2000'],
      ['ZA', '0800 428 428'],
      ['BR', '180'],
      ['IN', '181'],
    ];
    for (const [code, display] of expected) assert.ok(contacts(code).includes(display), `${code} lists ${display}`);
  });

  test('is case-insensitive and accepts UK for GB', () => {
    assert.equal(resourcesFor('gb').country, 'GB');
    assert.equal(resourcesFor(' uk ').country, 'GB');
    assert.equal(resourcesFor('nz').country, 'NZ');
  });

  test('falls back to the international list, which leads with 112 and holds both directories', () => {
    for (const code of ['PL', '', null, undefined, 'xx-yy']) {
      const r = resourcesFor(code);
      assert.equal(r.country, 'INTL');
      assert.deepEqual(
        r.resources.filter((x) => x.kind === 'directory').map((x) => x.id),
        ['intl_find_a_helpline', 'intl_hot_peach_pages'],
      );
    }
  });

  test('every list ends with an international directory and carries the date it was checked', () => {
    for (const r of everyList()) {
      assert.equal(r.resources.at(-1)?.kind, 'directory', r.country);
      assert.equal(r.writtenOn, RESOURCES_CHECKED_ON);
    }
  });

  test('every entry is complete: name, description, a way to reach it, a source page and the day it was checked', () => {
    const ids = new Set<string>();
    for (const r of everyList()) {
      for (const x of r.resources) {
        assert.ok(x.name.trim() && x.description.trim() && x.contacts.length > 0, x.id);
        assert.match(x.source.url, /^https?:\/\/[^\s/]+\.[^\s/]+\//, `${x.id} names its source page`);
        assert.match(x.source.checkedOn, /^\d{4}-\d{2}-\d{2}$/, `${x.id} says when it was checked`);
        assert.ok(x.source.checkedOn <= RESOURCES_CHECKED_ON, x.id);
        if (x.kind !== 'directory') {
          assert.ok(!ids.has(x.id), `duplicate ${x.id}`);
          ids.add(x.id);
        }
        for (const c of x.contacts) {
          assert.ok(c.display.trim(), x.id);
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
