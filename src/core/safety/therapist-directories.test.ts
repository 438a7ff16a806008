import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SUPPORTED_COUNTRIES } from './countries.js';
import { ALL_THERAPIST_DIRECTORIES, therapistDirectoriesFor } from './therapist-directories.js';

test('every therapist directory has a name, an https address, what it is, a source and the day it was checked', () => {
  const ids = new Set<string>();
  for (const d of ALL_THERAPIST_DIRECTORIES) {
    assert.ok(!ids.has(d.id), `${d.id} is listed once`);
    ids.add(d.id);
    assert.ok(d.name.trim().length > 2, d.id);
    assert.match(d.url, /^https:\/\/[a-z0-9.-]+\//, `${d.id}: an https address`);
    assert.ok(d.description.length > 40, `${d.id}: says what it is`);
    assert.match(d.source.url, /^https?:\/\//, `${d.id}: a source page`);
    assert.match(d.source.checkedOn, /^\d{4}-\d{2}-\d{2}$/, `${d.id}: a checked date`);
  }
});

test('each supported country leads somewhere: its own directories, and always the international one', () => {
  for (const c of SUPPORTED_COUNTRIES) {
    const found = therapistDirectoriesFor(c.code);
    assert.equal(found.country, c.code);
    assert.equal(found.countryName, c.name);
    assert.ok(found.international.length > 0, `${c.code}: an international directory`);
  }
  assert.deepEqual(
    therapistDirectoriesFor('GB').directories.map((d) => d.id),
    ['gb_bacp', 'gb_relate'],
  );
  assert.equal(therapistDirectoriesFor('uk').country, 'GB', 'UK is read as GB');
  assert.equal(therapistDirectoriesFor('FR').directories.length, 0, 'none checked for France: the page says so');
  assert.equal(therapistDirectoriesFor('xx').country, 'INTL');
  assert.equal(therapistDirectoriesFor(null).country, 'INTL');
});
