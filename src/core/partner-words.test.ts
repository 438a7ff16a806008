import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  activeAgreementWords,
  agreementWords,
  checkinSeenHint,
  checkinSeenNow,
  hardCheckinWords,
  meetingFormLead,
  partnerPresence,
  practicesLockedWords,
  promptHelper,
  reassuranceWords,
  sealedWords,
  therapistConsentWords,
  WHEN_A_PARTNER_JOINS,
} from './partner-words.js';

describe('words by whether a partner is there', () => {
  test('two partners are together; one alone has either not been joined or been left', () => {
    assert.equal(partnerPresence(2, 0), 'together');
    assert.equal(partnerPresence(2, 1), 'together', 'a partner who left and came back is a partner again');
    assert.equal(partnerPresence(1, 0), 'not_joined');
    assert.equal(partnerPresence(1, 1), 'left');
  });

  test('reassurance: a couple is told the partner hears of it; alone, what it is for and when it opens', () => {
    assert.match(reassuranceWords('together').lead, /Your partner will be told you asked/);
    assert.equal(reassuranceWords('together').alone, null);
    const notJoined = reassuranceWords('not_joined').alone!.join(' ');
    assert.match(notJoined, /opens when your partner joins/);
    assert.doesNotMatch(notJoined, /will be told|left/);
    const left = reassuranceWords('left').alone!.join(' ');
    assert.match(left, /Your partner left this space/);
    assert.doesNotMatch(left, /not joined|when your partner joins this space/, 'a partner who left is not one who has not joined');
  });

  test('a commitment made alone is one’s own; one accepted by the other partner is agreed', () => {
    assert.equal(activeAgreementWords({ proposedBy: 'a', acceptedBy: 'a' }, 'a', 'you'), 'Your own commitment');
    assert.equal(activeAgreementWords({ proposedBy: 'a', acceptedBy: 'a' }, 'b', 'Jo'), 'Jo’s own commitment, made on their own');
    assert.equal(activeAgreementWords({ proposedBy: 'a', acceptedBy: 'b' }, 'a', 'you'), 'Agreed');
  });

  test('alone, sealing is one’s own reflection, and no transparency agreement is offered', () => {
    assert.equal(sealedWords('together').label, 'Sealed until my partner writes theirs');
    for (const p of ['not_joined', 'left'] as const) {
      assert.doesNotMatch(sealedWords(p).label, /until my partner/);
      assert.equal(agreementWords(p).transparencyOffered, false);
      assert.doesNotMatch(agreementWords(p).formLead, /Your partner can accept/);
    }
    assert.equal(agreementWords('together').transparencyOffered, true);
  });

  test('a prompt keeps the couple’s helper for two, and has one person’s words alone', () => {
    assert.equal(promptHelper('trust_looks_like', 'together', 'couple words'), 'couple words');
    assert.doesNotMatch(promptHelper('trust_looks_like', 'not_joined', 'Sealed until your partner has written theirs.'), /Sealed until/);
    assert.equal(promptHelper('forgiveness_reflection', 'not_joined', 'Only you can see this.'), 'Only you can see this.');
  });

  test('what changes when a partner joins: private stays private, agreements become proposals', () => {
    const said = WHEN_A_PARTNER_JOINS.join(' ');
    assert.match(said, /private stays private/);
    assert.match(said, /proposals/);
  });
});

describe('words for one person alone, beyond the first pages', () => {
  test('who sees a check-in: a couple is told the partner always sees it; alone, that nobody does for now', () => {
    assert.match(checkinSeenHint(false, { firstTime: true }), /Your partner always sees that you checked in/);
    assert.match(checkinSeenHint(true, { firstTime: true }), /For now nobody else sees your check-ins/);
    assert.doesNotMatch(checkinSeenHint(true, { firstTime: false }), /always sees/);
    assert.equal(checkinSeenNow(true, true), 'Nobody else sees your check-ins now.');
    assert.match(checkinSeenNow(false, true), /your partner sees your numbers/);
    assert.match(checkinSeenNow(false, null), /You have not chosen yet/);
  });

  test('no "both of you" said to one person: therapist, meeting, locked practices, hard day', () => {
    for (const words of [
      therapistConsentWords(true),
      meetingFormLead(true),
      practicesLockedWords(true),
      ...Object.values(hardCheckinWords(true)),
    ])
      assert.doesNotMatch(words, /both of you|you both|either of you|Your partner is not told|ask for reassurance/i, words);
    assert.match(therapistConsentWords(false), /both of you agree/);
    assert.match(therapistConsentWords(true), /until you agree/);
    assert.match(practicesLockedWords(false), /you both accepted/);
    assert.match(hardCheckinWords(false).privacy, /Your partner is not told/);
  });
});
