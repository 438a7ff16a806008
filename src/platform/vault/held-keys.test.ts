import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring, generateKey } from './keyring.js';
import { openVault } from './open-vault.js';
import { asOperator, asPerson, withinRequest, holdPersonalKey } from './held-keys.js';
import { newPersonalKey } from './personal-key.js';
import type { FieldBinding } from './field-binding.js';

const keyring = new Keyring([{ id: 'k1', key: generateKey() }], 'k1', generateKey(), 'file');
const bind = (owner: string, visibility: string): FieldBinding => ({
  table: 'checkins',
  column: 'note',
  rowId: 'c1',
  owner,
  visibility,
  parents: { space: 's1' },
});

describe('the vault and the key a request holds', () => {
  test("an author-only text is sealed under its author's key in their request, and opens only there", () => {
    const reports: string[] = [];
    const vault = openVault(keyring, (_b, reason) => reports.push(reason));
    const alex = newPersonalKey();
    const sam = newPersonalKey();
    const stored = asPerson('alex', alex, () => vault.seal('PRIVATE', bind('alex', 'private')));
    assert.match(stored, /^p1\./);
    assert.equal(
      asPerson('alex', alex, () => vault.open(stored, bind('alex', 'private'))),
      'PRIVATE',
    );
    assert.equal(
      asPerson('sam', sam, () => vault.open(stored, bind('alex', 'private'))),
      null,
      "the partner's request holds no key of Alex's",
    );
    assert.equal(vault.open(stored, bind('alex', 'private')), null, 'nothing is held outside a request');
    assert.equal(
      asPerson('alex', newPersonalKey(), () => vault.open(stored, bind('alex', 'private'))),
      null,
      'a key made anew opens none of the old',
    );
    assert.deepEqual(reports, [], 'a closed value is not reported as damaged');
    assert.equal(
      asPerson('alex', alex, () => vault.open(stored, bind('alex', 'shared'))),
      null,
      'an edited visibility fails its check',
    );
    assert.deepEqual(reports, ['tampered_ciphertext']);
  });

  test('shared texts, texts of others and texts written without a held key stay under the server key', () => {
    const vault = openVault(keyring);
    const alex = newPersonalKey();
    assert.match(
      asPerson('alex', alex, () => vault.seal('SHARED', bind('alex', 'shared'))),
      /^v2\./,
    );
    assert.match(
      asPerson('alex', alex, () => vault.seal('SEALED', { ...bind('alex', 'sealed'), table: 'journey_entries', column: 'text' })),
      /^v2\./,
    );
    assert.match(
      asPerson('sam', newPersonalKey(), () => vault.seal('X', bind('alex', 'private'))),
      /^v2\./,
    );
    assert.match(vault.seal('X', bind('alex', 'private')), /^v2\./);
  });

  test('a request holds a key only from the moment it is given, and only for itself', async () => {
    const vault = openVault(keyring);
    const alex = newPersonalKey();
    const stored = asPerson('alex', alex, () => vault.seal('PRIVATE', bind('alex', 'private')));
    const seen = await Promise.all([
      withinRequest(async () => {
        await Promise.resolve();
        holdPersonalKey('alex', alex);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return vault.open(stored, bind('alex', 'private'));
      }),
      withinRequest(async () => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        return vault.open(stored, bind('alex', 'private'));
      }),
    ]);
    assert.deepEqual(seen, ['PRIVATE', null]);
  });

  test("the operator's work opens no author-only text, even one still under the server key", () => {
    const vault = openVault(keyring);
    const old = vault.seal('OLD PRIVATE', bind('alex', 'private'));
    assert.match(old, /^v2\./);
    assert.equal(vault.open(old, bind('alex', 'private')), 'OLD PRIVATE');
    assert.equal(
      asOperator(() => vault.open(old, bind('alex', 'private'))),
      null,
    );
    const shared = vault.seal('SHARED', bind('alex', 'shared'));
    assert.equal(
      asOperator(() => vault.open(shared, bind('alex', 'shared'))),
      'SHARED',
    );
  });
});
