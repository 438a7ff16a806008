import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyringError } from './errors.js';
import { decryptText, encryptText, reencrypt } from './field-cipher.js';
import { keyFilePath } from './key-file.js';
import { generateKeyBase64 } from './keyring.js';
import { loadKeyring, rotateKeyring } from './load-keyring.js';

const posix = process.platform !== 'win32';
let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mend-keys-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const code = (c: string) => (e: unknown) => e instanceof KeyringError && e.code === c;

describe('key file', () => {
  test('is created on first start with mode 0600, and read back the same on the next start', () => {
    const dataDir = join(dir, 'data');
    const first = loadKeyring({ dataDir });
    assert.equal(first.source, 'file');
    if (posix) assert.equal(statSync(keyFilePath(dataDir)).mode & 0o777, 0o600);
    const second = loadKeyring({ dataDir });
    assert.equal(second.currentKeyId, first.currentKeyId);
    assert.deepEqual(second.key(first.currentKeyId), first.key(first.currentKeyId));
    assert.deepEqual(second.indexKey, first.indexKey);
    assert.deepEqual(readdirSync(dataDir), ['mend.key'], 'no temporary file left behind');
  });

  test('the environment wins over the key file', () => {
    loadKeyring({ dataDir: dir });
    const ring = loadKeyring({ dataDir: dir, envKey: `env1:${generateKeyBase64()}` });
    assert.equal(ring.source, 'env');
    assert.equal(ring.currentKeyId, 'env1');
  });

  test('with an environment key no key file is created', () => {
    loadKeyring({ dataDir: dir, envKey: generateKeyBase64() });
    assert.deepEqual(readdirSync(dir), []);
  });

  test('a key file others can read stops the start with a clear error', { skip: !posix }, () => {
    loadKeyring({ dataDir: dir });
    chmodSync(keyFilePath(dir), 0o644);
    assert.throws(
      () => loadKeyring({ dataDir: dir }),
      (e: unknown) => {
        assert.ok(code('key_file_permissions')(e));
        assert.match((e as Error).message, /mode 0644.*chmod 600/s);
        return true;
      },
    );
  });

  test('a damaged key file is reported, not replaced', () => {
    writeFileSync(keyFilePath(dir), '{"format":"mend-keyring-v1"', { mode: 0o600 });
    assert.throws(() => loadKeyring({ dataDir: dir }), code('malformed_key_file'));
    writeFileSync(
      keyFilePath(dir),
      JSON.stringify({ format: 'mend-keyring-v1', current: 'a', indexKey: generateKeyBase64(), keys: [{ id: 'a', key: 'AAAA' }] }),
    );
    assert.throws(() => loadKeyring({ dataDir: dir }), code('malformed_key'));
  });

  test('rotation adds a new current key atomically, keeps the old one, and keeps the index key', () => {
    const before = loadKeyring({ dataDir: dir });
    const old = encryptText(before, 'I acknowledge that trust was broken.', 'entries:body:1');
    const { keyring, keyId } = rotateKeyring(dir);
    assert.equal(keyring.currentKeyId, keyId);
    assert.notEqual(keyId, before.currentKeyId);
    assert.deepEqual(keyring.keyIds, [before.currentKeyId, keyId]);
    assert.deepEqual(keyring.indexKey, before.indexKey);
    if (posix) assert.equal(statSync(keyFilePath(dir)).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(dir), ['mend.key']);

    const reloaded = loadKeyring({ dataDir: dir });
    assert.equal(reloaded.currentKeyId, keyId);
    assert.equal(decryptText(reloaded, old, 'entries:body:1'), 'I acknowledge that trust was broken.');
    const moved = reencrypt(reloaded, old, 'entries:body:1');
    assert.ok(moved.startsWith(`v2.${keyId}.`));
    assert.match(readFileSync(keyFilePath(dir), 'utf8'), /"createdAt"/);
  });

  test('rotation without a key file explains what to do', () => {
    assert.throws(() => rotateKeyring(dir), code('key_file_missing'));
  });
});
