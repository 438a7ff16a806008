import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeAgreement } from './index.js';

function typesOf(text: string): string[] {
  return analyzeAgreement(text).findings.map((f) => f.type);
}

test('vague wording is flagged with a question', () => {
  for (const [text, type] of [
    ['I will try to call every day at 7.', 'hedge'],
    ["We'll do our best.", 'hedge'],
    ["I'll be better.", 'comparative'],
    ['We will communicate more.', 'comparative'],
    ['I will work on my temper.', 'abstract'],
    ['I will be honest with you.', 'abstract'],
  ] as const) {
    const r = analyzeAgreement(text);
    assert.equal(r.vague, true, text);
    assert.ok(typesOf(text).includes(type), `${text}: ${typesOf(text).join(', ')}`);
    assert.ok(r.question && r.question.endsWith('?'));
  }
});

test('an agreement with no when or how often is flagged as a whole', () => {
  const r = analyzeAgreement('  I will stop lying.  ');
  assert.equal(r.vague, true);
  const f = r.findings.find((x) => x.type === 'no-when');
  assert.ok(f);
  assert.equal(f.excerpt, 'I will stop lying.');
});

test('observable behaviour with a when is concrete', () => {
  for (const text of [
    "I'll text you when I leave work each day.",
    'Every Sunday at 7pm we will sit down for the weekly check-in.',
    "I'll call you if I'm going to be more than 30 minutes late.",
    "I'll ask you before spending more than $100.",
    "We'll go on a date night every other Friday.",
  ]) {
    const r = analyzeAgreement(text);
    assert.equal(r.vague, false, `${text}: ${typesOf(text).join(', ')}`);
    assert.equal(r.question, undefined);
  }
});

test('"more than" a number is not vague', () => {
  assert.ok(!typesOf("I'll call if I'm more than 15 minutes late.").includes('comparative'));
});
