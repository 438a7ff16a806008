import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BREACH_KINDS } from './breach-kind.js';
import { timeline, usualRange } from './timeline.js';

describe('timeline', () => {
  test('every kind has a range with an honest source note', () => {
    for (const kind of BREACH_KINDS) {
      const r = usualRange(kind);
      assert.ok(r.lowMonths > 0 && r.lowMonths < r.highMonths);
      assert.match(r.sourceNote, /not a measured value/);
    }
    assert.equal(usualRange('infidelity').basis, 'clinical_rule_of_thumb');
    assert.equal(usualRange('lying').basis, 'mend_assumption');
  });

  test('elapsed time and where it sits in the range', () => {
    const t = timeline('2025-01-01T00:00:00Z', '2025-03-02T00:00:00Z', 'broken_promise');
    assert.equal(t.elapsedDays, 60);
    assert.equal(t.elapsedWeeks, 8);
    assert.equal(t.elapsedMonths, 2);
    assert.equal(t.position, 'within_range');
    assert.equal(timeline('2025-01-01T00:00:00Z', '2025-01-20T00:00:00Z', 'infidelity').position, 'before_range');
    assert.equal(timeline('2025-01-01T00:00:00Z', '2029-01-01T00:00:00Z', 'infidelity').position, 'beyond_range');
    assert.equal(timeline('2025-01-01T00:00:00Z', '2024-01-01T00:00:00Z', 'lying').elapsedDays, 0);
  });

  test('property: progress through the range is between 0 and 1 and never goes backwards', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BREACH_KINDS), fc.nat(5000), fc.nat(5000), (kind, d1, d2) => {
        const open = Date.parse('2025-01-01T00:00:00Z');
        const [x, y] = [Math.min(d1, d2), Math.max(d1, d2)];
        const a = timeline(new Date(open), new Date(open + x * 86_400_000), kind);
        const b = timeline(new Date(open), new Date(open + y * 86_400_000), kind);
        assert.ok(a.progressThroughRange >= 0 && b.progressThroughRange <= 1);
        assert.ok(a.progressThroughRange <= b.progressThroughRange);
        assert.ok(a.elapsedMonths <= b.elapsedMonths);
      }),
    );
  });
});
