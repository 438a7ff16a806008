import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { allGuides, GUIDE_AUDIENCES, guideFile, guideUrl, ownAudiences, parseGuidePath } from './catalogue.js';

describe('the guide catalogue', () => {
  test('21 step guides and 3 after an affair, each with its own file and page', () => {
    const guides = allGuides();
    assert.equal(guides.filter((g) => g.kind === 'step').length, 21);
    assert.equal(guides.filter((g) => g.kind === 'affair').length, 3);
    assert.equal(new Set(guides.map(guideFile)).size, guides.length);
    assert.equal(new Set(guides.map(guideUrl)).size, guides.length);
  });

  test('a guide page path reads back into the same guide', () => {
    for (const id of allGuides()) {
      const [, , section, name] = guideUrl(id).split('/');
      assert.deepEqual(parseGuidePath(section!, name!), id);
    }
  });

  test('any other path is no guide', () => {
    const known = new Set(allGuides().map(guideUrl));
    fc.assert(
      fc.property(fc.string(), fc.string(), (section, name) => {
        const id = parseGuidePath(section, name);
        return id === null ? !known.has(`/guides/${section}/${name}`) : guideUrl(id) === `/guides/${section}/${name}`;
      }),
    );
    for (const [section, name] of [
      ['step-0', 'hurt'],
      ['step-8', 'hurt'],
      ['step-1', 'hurt.md'],
      ['affair', 'step-1'],
      ['step-01', 'alone'],
    ] as const)
      assert.equal(parseGuidePath(section, name), null);
  });

  test("each person is pointed first to their own role's guide; someone alone to the solo one; anyone else to all", () => {
    assert.deepEqual(ownAudiences('broke_trust', false), ['broke-trust']);
    assert.deepEqual(ownAudiences('hurt', false), ['hurt']);
    assert.deepEqual(ownAudiences('both', false), ['broke-trust', 'hurt']);
    assert.deepEqual(ownAudiences('hurt', true), ['alone']);
    assert.deepEqual(ownAudiences('broke_trust', true), ['alone']);
    assert.deepEqual(ownAudiences('none', false), [...GUIDE_AUDIENCES]);
  });
});
