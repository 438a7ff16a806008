import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  acceptAgreement,
  counterAgreement,
  proposeAgreement,
  transparencyEnded,
  validateAgreementInput,
  TRANSPARENCY_MAX_DAYS,
  type AgreementContext,
} from './agreements.js';
import { TRANSPARENCY_TEMPLATES, templateFormValues, transparencyOffered, transparencyTemplate } from './transparency.js';
import { BREACH_KINDS } from './breach-kind.js';
import { addDays } from '../time.js';

const ctx: AgreementContext = { partnerIds: ['a', 'b'], today: '2025-01-10', now: '2025-01-10T12:00:00.000Z' };
const base = { text: 'I tell you within a day when that person writes to me.', committedBy: ['a'], cadence: 'each_time' } as const;
const day = fc.integer({ min: -30, max: 400 }).map((n) => addDays(ctx.today, n));

describe('transparency agreements', () => {
  test('offered after cheating only', () => {
    assert.deepEqual(
      BREACH_KINDS.filter((k) => transparencyOffered(k)),
      ['infidelity', 'emotional_affair'],
    );
  });

  test('the templates are about telling, never about watching, and each runs for a set time within the limit', () => {
    assert.ok(TRANSPARENCY_TEMPLATES.length >= 4);
    assert.equal(new Set(TRANSPARENCY_TEMPLATES.map((t) => t.id)).size, TRANSPARENCY_TEMPLATES.length);
    const watching = /\b(location|gps|track|password|passcode|phone|messages|read your|check your|spy|app|camera|record)\b/i;
    for (const t of TRANSPARENCY_TEMPLATES) {
      assert.doesNotMatch(t.text, watching, t.id);
      assert.doesNotMatch(t.askedText, watching, t.id);
      assert.match(t.text, /\bI (tell|answer)\b|\bwe set aside\b/, `${t.id} is something a person chooses to say`);
      // Asked by the hurt partner, the words commit the other, in the other's person.
      assert.match(t.askedText, /\byou (tell|answer)\b/, `${t.id} asked of the other`);
      assert.doesNotMatch(t.askedText, /\bI (tell|answer)\b/, t.id);
      assert.ok(t.days > 0 && t.days <= TRANSPARENCY_MAX_DAYS, t.id);
      assert.equal(transparencyTemplate(t.id), t);
      for (const brokeTrust of [true, false]) {
        const values = templateFormValues(t, ctx.today, brokeTrust);
        assert.equal(values.who, brokeTrust ? 'me' : 'partner');
        assert.equal(values.text, brokeTrust ? t.text : t.askedText);
        const committedBy = brokeTrust ? ['a'] : ['b'];
        assert.deepEqual(validateAgreementInput({ ...values, committedBy, transparency: true }, ctx), [], t.id);
      }
    }
    assert.equal(transparencyTemplate('watch-their-phone'), undefined);
  });

  test('one needs an end, from today to twelve weeks ahead; other agreements keep an open review date', () => {
    fc.assert(
      fc.property(fc.option(day, { nil: null }), (reviewOn) => {
        const errors = validateAgreementInput({ ...base, reviewOn, transparency: true }, ctx).map((e) => e.reason);
        const expected =
          reviewOn === null
            ? ['end_required']
            : reviewOn < ctx.today
              ? ['in_the_past']
              : reviewOn > addDays(ctx.today, TRANSPARENCY_MAX_DAYS)
                ? ['too_far']
                : [];
        assert.deepEqual(errors, expected);
        const plain = validateAgreementInput({ ...base, reviewOn }, ctx).map((e) => e.reason);
        assert.deepEqual(plain, reviewOn !== null && reviewOn < ctx.today ? ['in_the_past'] : []);
      }),
    );
  });

  test('a counter keeps it a transparency agreement, with the same limit', () => {
    const proposed = proposeAgreement('t1', { ...base, reviewOn: addDays(ctx.today, 28), transparency: true }, 'b', ctx);
    assert.ok(proposed.ok);
    assert.equal(proposed.agreement.transparency, true);
    const tooLong = counterAgreement(proposed.agreement, 't2', { ...base, reviewOn: addDays(ctx.today, 200) }, 'a', ctx);
    assert.ok(!tooLong.ok);
    assert.deepEqual(tooLong.errors, [{ field: 'reviewOn', reason: 'too_far' }]);
    const open = counterAgreement(proposed.agreement, 't2', { ...base, reviewOn: null, transparency: false }, 'a', ctx);
    assert.ok(!open.ok, 'a counter cannot turn it into an open-ended agreement');
    const shorter = counterAgreement(proposed.agreement, 't2', { ...base, reviewOn: addDays(ctx.today, 14) }, 'a', ctx);
    assert.ok(shorter.ok);
    assert.equal(shorter.proposal.transparency, true);
    const plain = proposeAgreement('p1', base, 'b', ctx);
    assert.ok(plain.ok);
    assert.equal(plain.agreement.transparency, false);
  });

  test('a proposal whose end has passed cannot be accepted; an ordinary one with a past review date can', () => {
    const proposed = proposeAgreement('t1', { ...base, reviewOn: addDays(ctx.today, 3), transparency: true }, 'b', ctx);
    assert.ok(proposed.ok);
    const onTheDay = { ...ctx, today: addDays(ctx.today, 3) };
    assert.ok(acceptAgreement(proposed.agreement, 'a', onTheDay).ok, 'on its last day it can still begin');
    const after = acceptAgreement(proposed.agreement, 'a', { ...ctx, today: addDays(ctx.today, 4) });
    assert.ok(!after.ok);
    assert.deepEqual(after.errors, [{ field: 'reviewOn', reason: 'ended' }]);
    const plain = proposeAgreement('p1', { ...base, reviewOn: addDays(ctx.today, 3) }, 'b', ctx);
    assert.ok(plain.ok);
    assert.ok(acceptAgreement(plain.agreement, 'a', { ...ctx, today: addDays(ctx.today, 30) }).ok);
  });

  test('needs both partners: alone there is nobody to agree it with', () => {
    const alone: AgreementContext = { ...ctx, partnerIds: ['a'] };
    const input = { ...base, reviewOn: addDays(ctx.today, 7), transparency: true };
    assert.deepEqual(validateAgreementInput(input, alone), [{ field: 'committedBy', reason: 'needs_both' }]);
    assert.deepEqual(validateAgreementInput({ ...input, transparency: false }, alone), []);
    assert.equal(proposeAgreement('s1', input, 'a', alone).ok, false);
  });

  test('ended the day after its end, and only a transparency agreement ends', () => {
    fc.assert(
      fc.property(day, day, fc.boolean(), (reviewOn, today, transparency) => {
        assert.equal(transparencyEnded({ transparency, reviewOn }, today), transparency && today > reviewOn);
      }),
    );
    assert.equal(transparencyEnded({ transparency: true, reviewOn: null }, ctx.today), false);
  });
});
