// Content-hashed names for the built browser assets (issue #24). A page refers to `mend.<hash>.css`,
// which the server sends as immutable for a year: a browser that has it never asks again, and a
// change to the file is a new name, so nobody keeps an old stylesheet. The plain names stay beside
// them (a page a browser kept from before may still ask for `/static/mend.css`), with the short cache.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The file that maps each plain name to its hashed name, read by the server at start. */
export const MANIFEST = 'assets.json';

/** A hashed name: the plain name with the first 12 hex digits of its content's SHA-256 before the extension. */
const HASHED = /\.[0-9a-f]{12}(\.[^./]+)$/;

export function hashedName(name, content) {
  const digest = crypto.createHash('sha256').update(content).digest('hex').slice(0, 12);
  const ext = path.extname(name);
  return `${name.slice(0, name.length - ext.length)}.${digest}${ext}`;
}

/**
 * Beside every file of `dir` (not the manifest), a copy under its hashed name; hashed copies of an
 * earlier build are removed first, so the folder holds only what the manifest names. Returns the
 * manifest it writes: plain name → hashed name.
 */
export function hashAssets(dir) {
  for (const name of fs.readdirSync(dir)) if (HASHED.test(name)) fs.rmSync(path.join(dir, name));
  const manifest = {};
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (name === MANIFEST || !fs.statSync(file).isFile()) continue;
    const hashed = hashedName(name, fs.readFileSync(file));
    fs.copyFileSync(file, path.join(dir, hashed));
    manifest[name] = hashed;
  }
  fs.writeFileSync(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
