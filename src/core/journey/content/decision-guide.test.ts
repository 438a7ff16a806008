import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DECISION_GUIDE, guideReader, type GuideReader } from './decision-guide.js';

test('each reader of the decision guide is met by a role: therapist, alone, or their part in the breach', () => {
  assert.equal(guideReader({ isPartner: false, solo: false, role: null }), 'therapist');
  assert.equal(guideReader({ isPartner: true, solo: true, role: 'hurt' }), 'alone');
  assert.equal(guideReader({ isPartner: true, solo: false, role: 'hurt' }), 'hurt');
  assert.equal(guideReader({ isPartner: true, solo: false, role: 'broke_trust' }), 'broke_trust');
  assert.equal(guideReader({ isPartner: true, solo: false, role: 'both' }), 'both');
  assert.equal(guideReader({ isPartner: true, solo: false, role: 'none' }), 'partner');
  assert.equal(guideReader({ isPartner: true, solo: false, role: null }), 'partner');
});

test('each role has its own words: no two readers share a lead, an introduction or a question', () => {
  const readers = Object.keys(DECISION_GUIDE) as GuideReader[];
  for (const part of ['lead', 'intro', 'support'] as const)
    assert.equal(new Set(readers.map((r) => DECISION_GUIDE[r][part])).size, readers.length, `${part} differs for each reader`);
  const hurt = new Set(DECISION_GUIDE.hurt.questions);
  for (const q of DECISION_GUIDE.broke_trust.questions) assert.ok(!hurt.has(q), `not the hurt partner's question: ${q}`);
  assert.match(DECISION_GUIDE.hurt.intro, /do not owe forgiveness/);
  assert.match(DECISION_GUIDE.broke_trust.questions.join(' '), /asking for forgiveness/);
  assert.doesNotMatch(DECISION_GUIDE.alone.lead, /partner is never told/, 'alone, there is no one to tell');
});

test('the guide never presses anyone to forgive, stay or leave', () => {
  for (const [reader, t] of Object.entries(DECISION_GUIDE)) {
    const all = [t.lead, t.intro, t.support, ...t.questions].join(' ');
    assert.doesNotMatch(all, /\b(you should|you must|you need to) (forgive|stay|leave)\b/i, reader);
    assert.doesNotMatch(all, /\bit is time to\b/i, reader);
  }
});
