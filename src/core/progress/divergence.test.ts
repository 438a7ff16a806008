import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { divergence, PULSE_MEASURES } from './divergence.js';
import type { Verdict } from './trends.js';

test('one improving while the other declines is a finding for that measure only', () => {
  const findings = divergence([
    { partnerId: 'a', verdicts: { trust: 'improving', safety: 'steady', closeness: 'improving' } },
    { partnerId: 'b', verdicts: { trust: 'declining', safety: 'declining', closeness: 'not_enough_data' } },
  ]);
  assert.equal(findings.length, 1);
  assert.deepEqual({ ...findings[0], message: undefined }, { measure: 'trust', improvingId: 'a', decliningId: 'b', message: undefined });
  assert.match(findings[0]!.message, /rising for one of you and falling for the other/);
  assert.doesNotMatch(findings[0]!.message, /\ba\b|\bb\b/);
});

test('property: a finding needs one improving and one declining partner, in either order', () => {
  const verdict = fc.constantFrom<Verdict>('improving', 'steady', 'declining', 'not_enough_data');
  fc.assert(
    fc.property(verdict, verdict, (va, vb) => {
      const forward = divergence([
        { partnerId: 'a', verdicts: { safety: va } },
        { partnerId: 'b', verdicts: { safety: vb } },
      ]);
      const backward = divergence([
        { partnerId: 'b', verdicts: { safety: vb } },
        { partnerId: 'a', verdicts: { safety: va } },
      ]);
      const expected = (va === 'improving' && vb === 'declining') || (va === 'declining' && vb === 'improving');
      assert.equal(forward.length, expected ? 1 : 0);
      assert.deepEqual(forward, backward);
    }),
  );
  assert.deepEqual(PULSE_MEASURES, ['safety', 'trust', 'closeness']);
  assert.deepEqual(divergence([{ partnerId: 'solo', verdicts: { trust: 'declining' } }]), []);
});
