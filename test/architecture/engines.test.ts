// "Node.js 20.19 or newer" (package.json `engines`, README) must be true of every package
// installed, not only of Mend: `npm ci` warned EBADENGINE for two that declared Node ≥ 22
// (cookie 2 and content-disposition 3), so Mend pins versions that declare Node 20 (issue #21).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { projectRoot } from '../../src/platform/http/paths.js';

const require = createRequire(import.meta.url);
const semver = require('semver') as { minVersion(range: string): { version: string } | null; satisfies(v: string, range: string): boolean };

test('every locked package declares that it runs on the oldest Node Mend claims to run on', () => {
  const root = projectRoot();
  const claimed = (JSON.parse(fs.readFileSync(`${root}/package.json`, 'utf8')) as { engines: { node: string } }).engines.node;
  const oldest = semver.minVersion(claimed)!.version;
  assert.ok(oldest.startsWith('20.'), `Mend claims ${claimed}; the machines it is made for run Node 20`);
  const lock = JSON.parse(fs.readFileSync(`${root}/package-lock.json`, 'utf8')) as {
    packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
  };
  const refusing = Object.entries(lock.packages)
    .filter(([name, entry]) => name !== '' && !Array.isArray(entry.engines) && entry.engines?.node)
    .filter(([, entry]) => !semver.satisfies(oldest, (entry.engines as { node: string }).node))
    .map(([name, entry]) => `${name}@${entry.version} wants Node ${(entry.engines as { node: string }).node}`);
  assert.deepEqual(refusing, []);
});
