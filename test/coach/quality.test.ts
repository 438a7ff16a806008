/**
 * Quality guard: the coach's figures on the held-out corpus must not fall below what it reached.
 * Floors are the held-out figures measured when they were last raised (truncated to 3 decimals);
 * raise them when the coach improves, never lower them to make a change pass.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APOLOGY_COMPONENTS } from '../../src/core/apology-components.js';
import { evaluate } from './evaluate.js';

// Issue targets: harsh P ≥ 0.95, R ≥ 0.90; nonApology F1 ≥ 0.90; components ≥ 0.90; vague F1 ≥ 0.90.
// Reached on held-out (see docs/coach.md, fourth round): harsh P 0.952 (60/63), R 0.923 (60/65);
// nonApology F1 0.947 (P 1.000, R 0.900); every component ≥ 0.970 (mean 0.980); vague F1 0.970.
// Every target is met; the floors guard what was reached so it cannot silently get worse.
const FLOORS = {
  harshPrecision: 0.952,
  harshRecall: 0.923,
  nonApologyF1: 0.947,
  componentAccuracy: 0.97,
  vagueF1: 0.969,
} as const;

const heldout = evaluate('heldout');

test('held-out corpus has the agreed size', () => {
  assert.ok(heldout.counts.messages >= 120);
  assert.ok(heldout.counts.apologies >= 30);
  assert.ok(heldout.counts.agreements >= 30);
});

test('harsh precision and recall stay at or above their floors', () => {
  assert.ok(heldout.harsh.precision >= FLOORS.harshPrecision, `precision ${heldout.harsh.precision}`);
  assert.ok(heldout.harsh.recall >= FLOORS.harshRecall, `recall ${heldout.harsh.recall}`);
});

test('nonApology F1 stays at or above its floor', () => {
  assert.ok(heldout.nonApology.f1 >= FLOORS.nonApologyF1, `F1 ${heldout.nonApology.f1}`);
});

test('every apology component stays at or above its floor', () => {
  for (const c of APOLOGY_COMPONENTS) {
    assert.ok(heldout.components[c] >= FLOORS.componentAccuracy, `${c} ${heldout.components[c]}`);
  }
});

test('vague F1 stays at or above its floor', () => {
  assert.ok(heldout.vague.f1 >= FLOORS.vagueF1, `F1 ${heldout.vague.f1}`);
});

test('the development part is clean (tuning target)', () => {
  const dev = evaluate('dev');
  assert.ok(dev.harsh.f1 >= 0.98 && dev.nonApology.f1 >= 0.98 && dev.vague.f1 >= 0.98 && dev.componentMean >= 0.98);
});
