import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyFacts, type EntryFact, type JourneyFacts } from './facts.js';
import { canDeferQuestion, questionState } from './questions.js';
import { triggerState, triggersWaiting } from './triggers.js';

const AT = '2025-01-01T00:00:00.000Z';
const e = (over: Partial<EntryFact>): EntryFact => ({
  id: 'q',
  prompt: 'question',
  authorId: 'b',
  visibility: 'shared',
  createdAt: AT,
  ...over,
});
const facts = (over: Partial<JourneyFacts> = {}): JourneyFacts => ({
  ...emptyFacts({ kind: 'infidelity', brokeTrust: ['a'], partnerIds: ['a', 'b'], openedAt: AT }),
  entries: [e({})],
  ...over,
});

describe('questions and answers', () => {
  test('the partner who broke trust may defer once, to a date not in the past', () => {
    assert.equal(canDeferQuestion(facts(), 'q', 'a', '2025-01-05', '2025-01-05').ok, true);
    assert.deepEqual(canDeferQuestion(facts(), 'q', 'a', '2025-01-04', '2025-01-05'), { ok: false, reason: 'in_the_past' });
    assert.deepEqual(canDeferQuestion(facts(), 'q', 'a', 'soon', '2025-01-05'), { ok: false, reason: 'invalid_date' });
    assert.deepEqual(canDeferQuestion(facts(), 'q', 'b', '2025-01-09', '2025-01-05'), { ok: false, reason: 'own_question' });
    const deferred = facts({ deferrals: [{ questionId: 'q', by: 'a', until: '2025-01-09', at: AT }] });
    assert.deepEqual(canDeferQuestion(deferred, 'q', 'a', '2025-02-01', '2025-01-05'), { ok: false, reason: 'already_deferred' });
    assert.deepEqual(canDeferQuestion({ ...facts(), kind: 'lying' }, 'q', 'a', '2025-01-09', '2025-01-05'), {
      ok: false,
      reason: 'only_after_cheating',
    });
  });

  test('a question is waiting, deferred, overdue after the date, or answered', () => {
    assert.equal(questionState(facts(), 'q', '2025-01-05'), 'waiting');
    const deferred = facts({ deferrals: [{ questionId: 'q', by: 'a', until: '2025-01-09', at: AT }] });
    assert.equal(questionState(deferred, 'q', '2025-01-09'), 'deferred');
    assert.equal(questionState(deferred, 'q', '2025-01-10'), 'overdue');
    const answered = { ...deferred, entries: [...deferred.entries, e({ id: 'ans', prompt: 'answer', authorId: 'a', replyTo: 'q' })] };
    assert.equal(questionState(answered, 'q', '2025-01-10'), 'answered');
    assert.deepEqual(canDeferQuestion(answered, 'q', 'a', '2025-02-01', '2025-01-05'), { ok: false, reason: 'already_answered' });
  });
});

describe('trigger log', () => {
  test('a trigger waits for reassurance until the partner responds', () => {
    const f = facts({
      entries: [
        e({ id: 't2', prompt: 'trigger', createdAt: '2025-01-03T00:00:00.000Z' }),
        e({ id: 't1', prompt: 'trigger', createdAt: '2025-01-02T00:00:00.000Z' }),
        e({ id: 't0', prompt: 'trigger' }),
        e({ id: 'r0', prompt: 'trigger_response', authorId: 'a', replyTo: 't0' }),
      ],
    });
    assert.equal(triggerState(f, 't0'), 'reassured');
    assert.equal(triggerState(f, 't1'), 'waiting_for_reassurance');
    assert.deepEqual(triggersWaiting(f), ['t1', 't2']);
  });
});
