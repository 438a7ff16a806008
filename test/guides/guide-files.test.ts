import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { allGuides, guideFile, guideProblems, parseGuide, type GuideId } from '../../src/core/guides/index.js';

/**
 * The schema test of issue #25: every guide Mend links to exists under content/guides/, in the
 * fixed shape (title, sections, length, cited sources), with no raw HTML or script; and no file
 * there is left out of the catalogue.
 */

const ROOT = path.resolve('content', 'guides');
const read = (id: GuideId) => fs.readFileSync(path.join(ROOT, guideFile(id)), 'utf8');

describe('the guide files', () => {
  test('every step has a guide for each reader, and every affair guide exists', () => {
    const missing = allGuides().filter((id) => !fs.existsSync(path.join(ROOT, guideFile(id))));
    assert.deepEqual(missing.map(guideFile), []);
    assert.equal(allGuides().length, 7 * 3 + 3);
  });

  for (const id of allGuides()) {
    test(`${guideFile(id)} has a title, its sections, a phone-sized length and its sources`, () => {
      assert.deepEqual(guideProblems(id, read(id)), []);
    });
  }

  test('no file in content/guides is outside the catalogue (a guide nobody can reach)', () => {
    const known = new Set(allGuides().map(guideFile));
    const files = fs.readdirSync(ROOT, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'));
    assert.deepEqual(
      files.map((f) => f.split(path.sep).join('/')).filter((f) => !known.has(f)),
      [],
    );
  });

  test('each guide has its own title', () => {
    const titles = allGuides().map((id) => parseGuide(read(id)).title);
    assert.equal(new Set(titles).size, titles.length);
  });
});
