import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SCREENING_ANSWERS, SCREENING_QUESTION_IDS } from './questions.js';
import { validateScreeningAnswers } from './validate.js';

const complete = (): Record<string, unknown> => Object.fromEntries(SCREENING_QUESTION_IDS.map((id) => [id, 'never']));

describe('validateScreeningAnswers', () => {
  test('accepts one valid answer per question', () => {
    const result = validateScreeningAnswers(complete());
    assert.equal(result.ok, true);
    if (result.ok) assert.deepEqual(Object.keys(result.answers).sort(), [...SCREENING_QUESTION_IDS].sort());
  });

  test('rejects something that is not an object', () => {
    for (const input of [null, undefined, 'never', 3, ['never']]) {
      const result = validateScreeningAnswers(input);
      assert.equal(result.ok, false);
      if (!result.ok) assert.equal(result.problems[0]?.code, 'not_an_object');
    }
  });

  test('lists unknown ids, missing and invalid answers all at once', () => {
    const input = complete();
    delete input['afraid'];
    input['isolation'] = 'maybe';
    input['put_down'] = '';
    input['hits'] = 'often';
    const result = validateScreeningAnswers(input);
    assert.equal(result.ok, false);
    if (result.ok) return;
    const found = result.problems.map((p) => `${p.code}:${p.questionId}`).sort();
    assert.deepEqual(found, ['invalid_answer:isolation', 'missing_answer:afraid', 'missing_answer:put_down', 'unknown_question:hits']);
    for (const problem of result.problems) assert.ok(problem.message.length > 0);
  });

  test('does not accept inherited or prototype keys as answers', () => {
    const input = Object.create(complete()) as Record<string, unknown>;
    const result = validateScreeningAnswers(input);
    assert.equal(result.ok, false);
  });

  test('property: valid answers pass and come back unchanged', () => {
    const arb = fc.record(Object.fromEntries(SCREENING_QUESTION_IDS.map((id) => [id, fc.constantFrom(...SCREENING_ANSWERS)])));
    fc.assert(
      fc.property(arb, (answers) => {
        const result = validateScreeningAnswers(answers);
        assert.equal(result.ok, true);
        if (result.ok) assert.deepEqual({ ...result.answers }, { ...answers });
      }),
    );
  });

  test('property: any extra key is reported as an unknown question', () => {
    fc.assert(
      fc.property(
        fc.string().filter((k) => !(SCREENING_QUESTION_IDS as readonly string[]).includes(k) && k !== '__proto__'),
        (key) => {
          const result = validateScreeningAnswers({ ...complete(), [key]: 'never' });
          assert.equal(result.ok, false);
          if (!result.ok)
            assert.deepEqual(
              result.problems.map((p) => p.questionId),
              [key],
            );
        },
      ),
    );
  });
});
