import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  SCREENING_ANSWERS,
  SCREENING_QUESTION_IDS,
  answerRank,
  type ScreeningAnswer,
  type ScreeningAnswers,
  type ScreeningQuestionId,
} from './questions.js';
import { scoreScreening } from './score.js';

function allAnswered(answer: ScreeningAnswer, overrides: Partial<Record<ScreeningQuestionId, ScreeningAnswer>> = {}): ScreeningAnswers {
  const answers = Object.fromEntries(SCREENING_QUESTION_IDS.map((id) => [id, answer]));
  return { ...answers, ...overrides } as ScreeningAnswers;
}

const arbAnswer = fc.constantFrom(...SCREENING_ANSWERS);
const arbAnswers: fc.Arbitrary<ScreeningAnswers> = fc.record(
  Object.fromEntries(SCREENING_QUESTION_IDS.map((id) => [id, arbAnswer])) as Record<ScreeningQuestionId, fc.Arbitrary<ScreeningAnswer>>,
);

describe('scoreScreening', () => {
  test('all "never" is negative', () => {
    assert.deepEqual(scoreScreening(allAnswered('never')), { positive: false, reasons: [] });
  });

  for (const id of ['physical_harm', 'sexual_pressure', 'threatened', 'afraid', 'money_control', 'phone_control', 'isolation'] as const) {
    test(`${id} answered "sometimes" is positive on its own`, () => {
      const result = scoreScreening(allAnswered('never', { [id]: 'sometimes' }));
      assert.deepEqual(result, { positive: true, reasons: [id] });
    });
  }

  for (const id of ['screamed_at', 'put_down'] as const) {
    test(`${id} alone counts at "often" but not at "sometimes"`, () => {
      assert.equal(scoreScreening(allAnswered('never', { [id]: 'sometimes' })).positive, false);
      assert.deepEqual(scoreScreening(allAnswered('never', { [id]: 'often' })), {
        positive: true,
        reasons: [id],
      });
    });
  }

  test('shouting and put-downs together "sometimes" make a pattern', () => {
    const result = scoreScreening(allAnswered('never', { screamed_at: 'sometimes', put_down: 'sometimes' }));
    assert.deepEqual(result, { positive: true, reasons: ['screamed_at', 'put_down'] });
  });

  test('reasons are listed in question order', () => {
    const result = scoreScreening(allAnswered('often'));
    assert.deepEqual(result.reasons, SCREENING_QUESTION_IDS);
  });

  test('property: total over valid answers, and positive exactly when there are reasons', () => {
    fc.assert(
      fc.property(arbAnswers, (answers) => {
        const result = scoreScreening(answers);
        assert.equal(typeof result.positive, 'boolean');
        assert.equal(result.positive, result.reasons.length > 0);
        for (const id of result.reasons) assert.notEqual(answers[id], 'never');
        assert.equal(new Set(result.reasons).size, result.reasons.length);
      }),
    );
  });

  test('property: any "often" answer makes the screen positive', () => {
    fc.assert(
      fc.property(arbAnswers, fc.constantFrom(...SCREENING_QUESTION_IDS), (answers, id) => {
        assert.equal(scoreScreening({ ...answers, [id]: 'often' }).positive, true);
      }),
    );
  });

  test('property: answering more often never turns positive into negative or drops a reason', () => {
    fc.assert(
      fc.property(arbAnswers, fc.constantFrom(...SCREENING_QUESTION_IDS), arbAnswer, (answers, id, raised) => {
        fc.pre(answerRank(raised) >= answerRank(answers[id]));
        const before = scoreScreening(answers);
        const after = scoreScreening({ ...answers, [id]: raised });
        if (before.positive) assert.equal(after.positive, true);
        for (const reason of before.reasons) assert.ok(after.reasons.includes(reason));
      }),
    );
  });
});
