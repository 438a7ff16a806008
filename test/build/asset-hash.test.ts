import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashAssets, hashedName, MANIFEST } from '../../scripts/asset-hash.mjs';

/**
 * The build's content-hashed names (issue #24): a page asks for `mend.<hash>.css`, cached for a year
 * without asking again, so the name must change whenever the content does, and only then.
 */

const sha = (content: string) => crypto.createHash('sha256').update(content).digest('hex').slice(0, 12);

test('a hashed name is the plain name with its content’s hash before the extension', () => {
  assert.equal(hashedName('mend.css', 'a{}'), `mend.${sha('a{}')}.css`);
  assert.equal(hashedName('quick-exit.js', 'x'), `quick-exit.${sha('x')}.js`);
  assert.notEqual(hashedName('mend.css', 'a{}'), hashedName('mend.css', 'a{ }'), 'one character more is another name');
  assert.equal(hashedName('mend.css', 'a{}'), hashedName('mend.css', Buffer.from('a{}')), 'the same bytes, the same name');
});

test('a build writes a hashed copy of each file and the manifest; a changed file gets a new name, the old copy goes', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-assets-'));
  try {
    fs.writeFileSync(path.join(dir, 'mend.css'), 'body{color:black}');
    fs.writeFileSync(path.join(dir, 'live.js'), 'console.log(1)');
    const first = hashAssets(dir);
    assert.deepEqual(first, {
      'live.js': hashedName('live.js', 'console.log(1)'),
      'mend.css': hashedName('mend.css', 'body{color:black}'),
    });
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')), first);
    for (const [plain, hashed] of Object.entries(first))
      assert.deepEqual(fs.readFileSync(path.join(dir, hashed)), fs.readFileSync(path.join(dir, plain)), `${hashed} holds ${plain}`);

    // The same content built again: the same names, and no copy of a copy.
    assert.deepEqual(hashAssets(dir), first);
    assert.equal(fs.readdirSync(dir).length, 5, 'two files, their two hashed copies and the manifest');

    fs.writeFileSync(path.join(dir, 'mend.css'), 'body{color:navy}');
    const second = hashAssets(dir);
    assert.notEqual(second['mend.css'], first['mend.css'], 'the stylesheet changed: its name did too');
    assert.equal(second['live.js'], first['live.js'], 'the script did not: its name stays, and browsers keep their copy');
    assert.ok(!fs.existsSync(path.join(dir, first['mend.css']!)), 'the old stylesheet’s hashed copy is gone');
    assert.equal(fs.readFileSync(path.join(dir, second['mend.css']!), 'utf8'), 'body{color:navy}');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
