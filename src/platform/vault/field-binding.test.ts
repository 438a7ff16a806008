import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TamperedCiphertextError } from './errors.js';
import { boundAad, type FieldBinding } from './field-binding.js';
import { decryptText, encryptText, encryptTextAs, formatOf, reencrypt } from './field-cipher.js';
import { Keyring, generateKey } from './keyring.js';

const ring = new Keyring([{ id: 'k1', key: generateKey() }], 'k1', generateKey(), 'file');

const note: FieldBinding = {
  table: 'journey_entries',
  column: 'text',
  rowId: 'entry-1',
  owner: 'account-alex',
  visibility: 'private',
  parents: { journey: 'journey-1', prompt: 'why_im_doing_this', reply_to: null },
};
const sealed = encryptText(ring, 'I still check his phone at night.', boundAad(note));

describe('field binding', () => {
  test('a value opens under exactly the binding it was sealed with, whatever order the parents are named in', () => {
    assert.equal(decryptText(ring, sealed, boundAad(note)), 'I still check his phone at night.');
    const reordered = { ...note, parents: { reply_to: null, prompt: 'why_im_doing_this', journey: 'journey-1' } };
    assert.equal(decryptText(ring, sealed, boundAad(reordered)), 'I still check his phone at night.');
  });

  const tampered: Array<[string, FieldBinding]> = [
    ['another owner (author_id edited)', { ...note, owner: 'account-sam' }],
    ['no owner', { ...note, owner: null }],
    ['another visibility (private edited to shared)', { ...note, visibility: 'shared' }],
    ['visibility removed', { ...note, visibility: null }],
    ['another journey', { ...note, parents: { ...note.parents, journey: 'journey-2' } }],
    ['another prompt (made half of an open sealed pair)', { ...note, parents: { ...note.parents, prompt: 'what_happened' } }],
    ['a parent dropped', { ...note, parents: { journey: 'journey-1', prompt: 'why_im_doing_this' } }],
    ['another row id (copied into another row)', { ...note, rowId: 'entry-2' }],
    ['another column', { ...note, column: 'body' }],
    ['another table', { ...note, table: 'checkins' }],
  ];
  for (const [what, binding] of tampered) {
    test(`fails to open under ${what}`, () => {
      assert.throws(() => decryptText(ring, sealed, boundAad(binding)), TamperedCiphertextError);
    });
  }

  test('property: two different bindings never share associated data', () => {
    const text = fc.oneof(fc.constant(null), fc.string({ maxLength: 12 }));
    const binding = fc.record({
      table: fc.constantFrom('checkins', 'journey_entries'),
      column: fc.constantFrom('note', 'text'),
      rowId: fc.string({ maxLength: 12 }),
      owner: text,
      visibility: text,
      parents: fc.dictionary(fc.constantFrom('space', 'journey', 'prompt'), text),
    });
    fc.assert(
      fc.property(binding, binding, (a, b) => {
        const same = JSON.stringify(normal(a)) === JSON.stringify(normal(b));
        assert.equal(boundAad(a) === boundAad(b), same);
      }),
    );
  });

  test('a value sealed with its place only (format v1) never opens under a binding, and re-binding moves it to v2', () => {
    const place = 'journey_entries.text:entry-1';
    const old = encryptTextAs('v1', ring, 'old words', place);
    assert.equal(formatOf(old), 'v1');
    assert.throws(() => decryptText(ring, old, boundAad(note)), TamperedCiphertextError);
    const rebound = reencrypt(ring, old, boundAad(note), place);
    assert.equal(formatOf(rebound), 'v2');
    assert.equal(decryptText(ring, rebound, boundAad(note)), 'old words');
    assert.throws(() => decryptText(ring, rebound, place), TamperedCiphertextError);
  });

  test('a v1 value relabelled v2 fails: the version is authenticated', () => {
    const old = encryptTextAs('v1', ring, 'old words', 'x');
    assert.throws(() => decryptText(ring, `v2${old.slice(2)}`, 'x'), TamperedCiphertextError);
  });

  test('refuses names that would make the binding ambiguous', () => {
    assert.throws(() => boundAad({ ...note, table: 'journey entries' }), TypeError);
  });
});

function normal(b: FieldBinding): unknown {
  return [b.table, b.column, b.rowId, b.owner, b.visibility, Object.entries(b.parents).sort(([x], [y]) => (x < y ? -1 : 1))];
}
