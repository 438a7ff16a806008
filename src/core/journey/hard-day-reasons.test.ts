import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyFacts, type EntryFact } from './facts.js';
import { hardDayReasons } from './hard-day-reasons.js';

test('the hard day shows my reasons and only the partner’s shared ones', () => {
  const why = (id: string, authorId: string, visibility: 'private' | 'shared'): EntryFact => ({
    id,
    prompt: 'why_im_doing_this',
    authorId,
    visibility,
    createdAt: '2025-01-01T00:00:00Z',
  });
  const facts = {
    ...emptyFacts({ kind: 'lying', brokeTrust: ['a'], partnerIds: ['a', 'b'], openedAt: '2025-01-01T00:00:00Z' }),
    entries: [why('1', 'a', 'private'), why('2', 'b', 'private'), why('3', 'b', 'shared')],
  };
  const r = hardDayReasons(facts, 'a');
  assert.deepEqual(
    r.own.map((e) => e.id),
    ['1'],
  );
  assert.deepEqual(
    r.partner.map((e) => e.id),
    ['3'],
  );
});
