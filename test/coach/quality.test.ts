/**
 * Quality guard: the coach's figures on the parts it is not tuned or trained on must not fall
 * below what it reached. Floors are the figures measured when they were last set (a little below,
 * truncated to 3 decimals); raise them when the coach improves. Where a floor was lowered, the
 * comment beside it says why, and docs/coach.md records the trade.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APOLOGY_COMPONENTS } from '../../src/core/apology-components.js';
import { evaluate } from './evaluate.js';

// Round 12's unseen set: written by an independent engineer who never saw the coach, committed
// before the coach ran on it, read only in aggregate (issue #22's "held-out set the project does
// not see"; docs/coach.md). Floors just below what was last measured (read #7, after round 16).
// Issue targets, for reference: harsh R ≥ 0.80 at P ≥ 0.95 (recall met; precision not: 0.949 at read #7);
// non-apology F1 ≥ 0.92 (met); each component ≥ 0.93 (impact 0.908 is not met) with
// responsibility and impact recall ≥ 0.80 (met); vague F1 ≥ 0.93 at P ≥ 0.90 (met).
// Before round 13 (read #1) the shipped coach reached harsh P 0.870 R 0.744, non-apology F1 0.936,
// impact 0.908, repair 0.917, and raised 10 false alarms on the 20 messages that quote others;
// after round 13 (read #3) harsh P 0.937 R 0.744. Round 14 lowered the harsh precision floor on
// purpose (0.936 → 0.931: 9 → 11 false alarms on 220) for recall 0.744 → 0.839 (134 → 151 of 180),
// which meets that target; docs/coach.md says so. Round 15 (read #6) raised impact 0.900 → 0.908
// (one apology fewer credited with impact it does not name) and changed nothing else. Round 16
// (read #7): harsh precision 0.932 → 0.949 (11 → 8 false alarms), impact 0.908 → 0.917, and harsh
// recall 0.839 → 0.833 (one sarcasm row fewer). Two checks that, on development rows, took findings
// off harsh messages were then taken back; the figures stayed as read #7 (this test, run after that,
// printed the recall). The recall floor is lowered on purpose, by one row of 180 (target ≥ 0.80 still
// met), for three false alarms fewer on the open precision target: most likely the closing-fragment
// reading (model.ts) lost a sarcasm message whose mockery sits in a short last sentence after praise
// ("Thanks for the help. Really useful."), a shape docs/coach.md lists under Limits. Round 17 (read
// #8): the same figures but forgiveness 0.983 → 0.992 (texting forms of asking); its floor rose.
const UNSEEN_FLOORS = {
  harshPrecision: 0.949, // 150 of 158 flagged at read #7 (151 of 162 at read #6)
  harshRecall: 0.833, // 150 of 180 at read #7 (151 at read #6)
  nonApologyF1: 0.952,
  components: { regret: 0.999, responsibility: 0.932, impact: 0.916, change: 0.949, repair: 0.949, forgiveness: 0.991 },
  responsibilityRecall: 0.942,
  impactRecall: 0.885,
  vagueF1: 0.939,
  vaguePrecision: 0.939,
  quoteFalseAlarms: 2, // of the 20 messages that quote others (10 before round 13)
} as const;

// Round 19's second unseen set: written by a third independent author who never saw the coach,
// the corpus or docs/coach.md, committed before the coach ran on it, read once in aggregate after
// round 19 (read #1, docs/coach.md). Floors just below read #1: harsh P 0.967 (146 of 151 flagged)
// R 0.811 (146 of 180); non-apology F1 0.972; components regret 1.000, responsibility 0.942,
// impact 0.925 (the one component under 0.93: 111 of 120), change 0.958, repair 0.950, forgiveness
// 1.000 (all six together 0.963); responsibility and impact recall 0.952 / 0.895; vague F1 0.970
// at P 0.980. Every later test run reads it this way, pass or fail only.
const UNSEEN2_FLOORS = {
  harshPrecision: 0.966,
  harshRecall: 0.81,
  nonApologyF1: 0.971,
  components: { regret: 0.999, responsibility: 0.941, impact: 0.924, change: 0.957, repair: 0.949, forgiveness: 0.999 },
  responsibilityRecall: 0.951,
  impactRecall: 0.894,
  vagueF1: 0.969,
  vaguePrecision: 0.979,
} as const;

// Round 6's test part (issue #22; docs/coach.md). Before round 6 the coach reached harsh recall
// 0.222 (P 0.958), non-apology F1 0.678, impact recall 0.389 and vague F1 0.825 here.
// Issue targets: harsh R ≥ 0.80 at P ≥ 0.95; non-apology F1 ≥ 0.92; each component ≥ 0.93 with
// responsibility and impact recall ≥ 0.80; vague F1 ≥ 0.93 at P ≥ 0.90. All are met except
// responsibility accuracy, 0.928 (64 of 69; docs/coach.md). Round 13 lowered two floors here, on
// purpose, for what it gained on the independent unseen set: harsh recall 0.831 → 0.826 (one row;
// precision rose 0.977 → 0.988) and impact recall 0.944 → 0.889 (the impact head retrained on
// round 13's batches; impact accuracy rose 0.957 → 0.971 here and 0.912 → 0.941 on the earlier
// held-out set).
const TEST_FLOORS = {
  harshPrecision: 0.988,
  harshRecall: 0.873, // 181 of 207 after round 14 (171 before)
  nonApologyF1: 0.986,
  componentAccuracy: 0.927,
  responsibilityRecall: 0.967,
  impactRecall: 0.943, // 0.944 after round 16 (0.889 before)
  vagueF1: 0.946,
  vaguePrecision: 0.93,
} as const;

// The earlier held-out set (written before round 6 by other authors, never opened). Round 6–8
// moved it both ways, and the floors were set to what it reached, lower in two places — a
// deliberate trade for recall on the new families, stated in docs/coach.md: harsh precision
// 0.952 → 0.938 (recall 0.923 → 0.938) and impact accuracy 0.971 → 0.912 (the structural
// impact patterns and the model credit impact to apologies that name none).
const HELDOUT_FLOORS = {
  harshPrecision: 0.953, // 0.954 at read #8, round 17 (3 false alarms on 71; 2 at read #7, before round 16's two take-backs; 4 before)
  harshRecall: 0.953, // 62 of 65 after round 14 (61 before)
  nonApologyF1: 0.999,
  componentAccuracy: 0.94, // impact 0.912 → 0.941 in round 13
  vagueF1: 0.969,
} as const;

// The fresh part (rounds 9-10: written to find the coach's weak spots, never tuned or trained on
// by the shipped coach; docs/coach.md). Its targets are not met — these floors only keep it from
// getting worse while someone works on it.
const FRESH_FLOORS = {
  harshPrecision: 0.791, // 19 of 24 flagged after round 14 (0.739 after round 13, 0.696 after round 11, 0.615 before)
  harshRecall: 0.95,
  responsibility: 0.845,
  impact: 0.928, // 0.929 after round 17 (0.917 after round 16; 0.905 before round 14's impact by what the partner went through)
  impactRecall: 0.899, // 0.900 after round 17 (0.850 after round 16, 0.800 before)
} as const;

const unseen = evaluate('unseen');
const unseen2 = evaluate('unseen2');
const testPart = evaluate('test');
const heldout = evaluate('heldout');
const fresh = evaluate('fresh');

test('the corpus has the agreed size (issue #22: 1,000 messages, 200 apologies, 150 agreements)', () => {
  const dev = evaluate('dev');
  const all = (k: 'messages' | 'apologies' | 'agreements') => dev.counts[k] + heldout.counts[k] + testPart.counts[k];
  assert.ok(all('messages') >= 1000 && all('apologies') >= 200 && all('agreements') >= 150);
  assert.ok(testPart.counts.messages >= 300 && testPart.counts.apologies >= 60 && testPart.counts.agreements >= 50);
});

test('test part: harsh precision and recall stay at or above their floors', () => {
  assert.ok(testPart.harsh.precision >= TEST_FLOORS.harshPrecision, `precision ${testPart.harsh.precision}`);
  assert.ok(testPart.harsh.recall >= TEST_FLOORS.harshRecall, `recall ${testPart.harsh.recall}`);
});

// The weakest families when last measured: sarcasm 11 of 18, blame 6 of 10 (before round 6
// every family but insult, absolute and criticism was below 0.35, and stonewalling and sweeping
// statements were at 0).
test('test part: no harsh family falls below 0.4', () => {
  for (const [family, { found, of }] of Object.entries(testPart.familyRecall)) {
    assert.ok(found >= 0.4 * of, `${family} ${found}/${of}`);
  }
});

test('test part: non-apology F1 stays at or above its floor', () => {
  assert.ok(testPart.nonApology.f1 >= TEST_FLOORS.nonApologyF1, `F1 ${testPart.nonApology.f1}`);
});

test('test part: apology components, and responsibility and impact recall, stay at or above their floors', () => {
  for (const c of APOLOGY_COMPONENTS) assert.ok(testPart.components[c] >= TEST_FLOORS.componentAccuracy, `${c} ${testPart.components[c]}`);
  assert.ok(
    testPart.componentRecall.responsibility >= TEST_FLOORS.responsibilityRecall,
    `responsibility ${testPart.componentRecall.responsibility}`,
  );
  assert.ok(testPart.componentRecall.impact >= TEST_FLOORS.impactRecall, `impact ${testPart.componentRecall.impact}`);
});

test('test part: vague F1 and precision stay at or above their floors', () => {
  assert.ok(testPart.vague.f1 >= TEST_FLOORS.vagueF1, `F1 ${testPart.vague.f1}`);
  assert.ok(testPart.vague.precision >= TEST_FLOORS.vaguePrecision, `precision ${testPart.vague.precision}`);
});

test('earlier held-out set: every figure stays at or above its floor', () => {
  assert.ok(heldout.harsh.precision >= HELDOUT_FLOORS.harshPrecision, `precision ${heldout.harsh.precision}`);
  assert.ok(heldout.harsh.recall >= HELDOUT_FLOORS.harshRecall, `recall ${heldout.harsh.recall}`);
  assert.ok(heldout.nonApology.f1 >= HELDOUT_FLOORS.nonApologyF1, `F1 ${heldout.nonApology.f1}`);
  for (const c of APOLOGY_COMPONENTS) assert.ok(heldout.components[c] >= HELDOUT_FLOORS.componentAccuracy, `${c} ${heldout.components[c]}`);
  assert.ok(heldout.vague.f1 >= HELDOUT_FLOORS.vagueF1, `F1 ${heldout.vague.f1}`);
});

test('fresh part: harsh precision and recall, responsibility and impact stay at or above their floors', () => {
  assert.ok(fresh.counts.messages >= 80 && fresh.counts.apologies >= 80, 'the fresh part is there');
  assert.ok(fresh.harsh.precision >= FRESH_FLOORS.harshPrecision, `precision ${fresh.harsh.precision}`);
  assert.ok(fresh.harsh.recall >= FRESH_FLOORS.harshRecall, `recall ${fresh.harsh.recall}`);
  assert.ok(fresh.components.responsibility >= FRESH_FLOORS.responsibility, `responsibility ${fresh.components.responsibility}`);
  assert.ok(fresh.components.impact >= FRESH_FLOORS.impact, `impact ${fresh.components.impact}`);
  assert.ok(fresh.componentRecall.impact >= FRESH_FLOORS.impactRecall, `impact recall ${fresh.componentRecall.impact}`);
});

test('unseen set (round 12): every figure stays at or above its floor', () => {
  assert.deepEqual(unseen.counts, { messages: 400, apologies: 120, agreements: 100 }, 'the unseen set is there, whole');
  assert.ok(unseen.harsh.precision >= UNSEEN_FLOORS.harshPrecision, `harsh precision ${unseen.harsh.precision}`);
  assert.ok(unseen.harsh.recall >= UNSEEN_FLOORS.harshRecall, `harsh recall ${unseen.harsh.recall}`);
  assert.ok(unseen.nonApology.f1 >= UNSEEN_FLOORS.nonApologyF1, `non-apology F1 ${unseen.nonApology.f1}`);
  for (const c of APOLOGY_COMPONENTS) assert.ok(unseen.components[c] >= UNSEEN_FLOORS.components[c], `${c} ${unseen.components[c]}`);
  assert.ok(unseen.componentRecall.responsibility >= UNSEEN_FLOORS.responsibilityRecall, 'responsibility recall');
  assert.ok(unseen.componentRecall.impact >= UNSEEN_FLOORS.impactRecall, 'impact recall');
  assert.ok(unseen.vague.f1 >= UNSEEN_FLOORS.vagueF1, `vague F1 ${unseen.vague.f1}`);
  assert.ok(unseen.vague.precision >= UNSEEN_FLOORS.vaguePrecision, `vague precision ${unseen.vague.precision}`);
  const quote = unseen.familyFalseAlarms['not-harsh:quote'];
  assert.ok(quote && quote.of === 20 && quote.flagged <= UNSEEN_FLOORS.quoteFalseAlarms, 'false alarms on quoting');
});

test('second unseen set (round 19): every figure stays at or above its floor', () => {
  assert.deepEqual(unseen2.counts, { messages: 400, apologies: 120, agreements: 100 }, 'the second unseen set is there, whole');
  assert.ok(unseen2.harsh.precision >= UNSEEN2_FLOORS.harshPrecision, `harsh precision ${unseen2.harsh.precision}`);
  assert.ok(unseen2.harsh.recall >= UNSEEN2_FLOORS.harshRecall, `harsh recall ${unseen2.harsh.recall}`);
  assert.ok(unseen2.nonApology.f1 >= UNSEEN2_FLOORS.nonApologyF1, `non-apology F1 ${unseen2.nonApology.f1}`);
  for (const c of APOLOGY_COMPONENTS) assert.ok(unseen2.components[c] >= UNSEEN2_FLOORS.components[c], `${c} ${unseen2.components[c]}`);
  assert.ok(unseen2.componentRecall.responsibility >= UNSEEN2_FLOORS.responsibilityRecall, 'responsibility recall');
  assert.ok(unseen2.componentRecall.impact >= UNSEEN2_FLOORS.impactRecall, 'impact recall');
  assert.ok(unseen2.vague.f1 >= UNSEEN2_FLOORS.vagueF1, `vague F1 ${unseen2.vague.f1}`);
  assert.ok(unseen2.vague.precision >= UNSEEN2_FLOORS.vaguePrecision, `vague precision ${unseen2.vague.precision}`);
});
