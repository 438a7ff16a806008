import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadStrengthEstimator } from '../../features/accounts/password-strength.js';
import { judgePassword as judge } from './password-policy.js';

const estimate = await loadStrengthEstimator();
const judgePassword = (password: string, personal: string[] = []) => judge(password, personal, estimate);

test('short passwords are refused with the length rule', () => {
  const verdict = judgePassword('short pass');
  assert.equal(verdict.ok, false);
  assert.match(!verdict.ok ? verdict.reason : '', /at least 12 characters/);
});

test('overlong passwords are refused', () => {
  const verdict = judgePassword('a quiet harbour '.repeat(20));
  assert.equal(verdict.ok, false);
  assert.match(!verdict.ok ? verdict.reason : '', /at most 256/);
});

test('common passwords are refused in plain words, even when long enough', () => {
  for (const password of ['password1234', '123456789012', 'qwertyuiopas']) {
    const verdict = judgePassword(password);
    assert.equal(verdict.ok, false, password);
    assert.match(!verdict.ok ? verdict.reason : '', /commonly used|too easy to guess/);
  }
});

test("a password built from the person's own email is weak", () => {
  const verdict = judgePassword('robin.hartley1', ['robin.hartley@example.org', 'Robin']);
  assert.equal(verdict.ok, false);
});

test('no composition rules: a long lowercase phrase is accepted', () => {
  assert.deepEqual(judgePassword('lantern orchard pebble sunrise'), { ok: true });
  assert.deepEqual(judgePassword('kettle-migrates-at-dawn'), { ok: true });
});
