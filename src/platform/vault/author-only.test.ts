import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AUTHOR_ONLY_FIELDS, BOUND_FIELDS, isAuthorOnly } from './bound-fields.js';

// A made-up row whose every column holds `value`: its binding shows what visibility the field can take.
const rowOf = (reads: readonly string[], value: string | null): Record<string, string | null> =>
  Object.fromEntries([...reads, 'id', 'journey_space_id'].map((c) => [c, c === 'id' ? 'row' : value]));

test('every field that can hold a private or draft text is sealed under its author’s key when it does', () => {
  const listed = new Set(AUTHOR_ONLY_FIELDS.map(({ field }) => `${field.table}.${field.column}`));
  for (const field of BOUND_FIELDS) {
    // A column set to 'private' (or an apology not delivered: null) is how a row says so.
    for (const value of ['private', null]) {
      const binding = field.of(rowOf(field.reads, value) as never);
      if (binding.owner === null) continue;
      if (binding.visibility === 'private' || binding.visibility === 'draft')
        assert.ok(
          listed.has(`${field.table}.${field.column}`),
          `${field.table}.${field.column} can be ${binding.visibility} and is not listed`,
        );
      if (binding.visibility === 'private' || binding.visibility === 'draft') assert.ok(isAuthorOnly(binding));
    }
  }
});

test('shared and sealed texts, and texts with no author, stay under the server key', () => {
  for (const field of BOUND_FIELDS) {
    const shared = field.of(rowOf(field.reads, 'shared') as never);
    if (shared.visibility === 'shared') assert.equal(isAuthorOnly(shared), false, `${field.table}.${field.column} shared`);
  }
  const entry = BOUND_FIELDS.find((f) => f.table === 'journey_entries')!;
  assert.equal(
    isAuthorOnly(entry.of(rowOf(entry.reads, 'sealed') as never)),
    false,
    'a sealed half is read by the partner once both wrote',
  );
  const email = BOUND_FIELDS.find((f) => f.table === 'accounts' && f.column === 'email')!;
  assert.equal(isAuthorOnly(email.of({ id: 'a' } as never)), false, 'an email is looked up at sign-in: the server key');
  assert.equal(isAuthorOnly({ table: 'checkins', column: 'note', rowId: 'r', owner: null, visibility: 'private', parents: {} }), false);
});

test('a note read as private because it does not say shared is sealed as private', () => {
  const note = BOUND_FIELDS.find((f) => f.table === 'checkins' && f.column === 'note')!;
  assert.equal(isAuthorOnly(note.of({ id: 'r', account_id: 'a', note_visibility: null, space_id: 's' } as never)), true);
});
