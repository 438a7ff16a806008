import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { blindIndex } from './blind-index.js';
import { decryptText, encryptText, fieldAad } from './field-cipher.js';
import { loadKeyring } from './load-keyring.js';

/*
 * The property SPEC section 8 promises, shown on a real SQLite file: a copy of the database holds
 * none of the words people wrote, yet with the key everything comes back. The store's own suite
 * repeats this end to end through its repositories.
 */
test('a copied database file contains no entry text and no email', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mend-at-rest-'));
  try {
    const keyring = loadKeyring({ dataDir: join(dir, 'data') });
    const entries = [
      'I know I hurt you when I hid the messages from you.',
      'Ich fühle mich verraten, weil du gelogen hast.',
      'Je me sens trahie 💔 quand tu rentres tard sans prévenir.',
    ];
    const email = 'hurt.partner@example.org';

    const path = join(dir, 'mend.sqlite');
    const db = new Database(path);
    db.exec('CREATE TABLE entries (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    db.exec('CREATE TABLE accounts (id INTEGER PRIMARY KEY, email TEXT NOT NULL, email_index TEXT NOT NULL UNIQUE)');
    const insert = db.prepare('INSERT INTO entries (id, body) VALUES (?, ?)');
    entries.forEach((text, i) => insert.run(i + 1, encryptText(keyring, text, fieldAad('entries', 'body', i + 1))));
    db.prepare('INSERT INTO accounts (id, email, email_index) VALUES (1, ?, ?)').run(
      encryptText(keyring, email, fieldAad('accounts', 'email', 1)),
      blindIndex(keyring, 'account.email', email),
    );
    db.close();

    const copy = join(dir, 'copy.sqlite');
    copyFileSync(path, copy);
    const bytes = readFileSync(copy);
    for (const text of [...entries, email]) {
      for (const needle of [text, ...text.split(/\s+/).filter((w) => w.length >= 5)]) {
        assert.equal(bytes.includes(Buffer.from(needle, 'utf8')), false, `found "${needle}"`);
      }
    }

    const reopened = new Database(copy, { readonly: true });
    const rows = reopened.prepare('SELECT id, body FROM entries ORDER BY id').all() as { id: number; body: string }[];
    assert.deepEqual(
      rows.map((r) => decryptText(keyring, r.body, fieldAad('entries', 'body', r.id))),
      entries,
    );
    const found = reopened.prepare('SELECT id FROM accounts WHERE email_index = ?').get(blindIndex(keyring, 'account.email', email)) as
      { id: number } | undefined;
    assert.equal(found?.id, 1);
    reopened.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
