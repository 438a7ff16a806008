import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { Vault } from '../platform/vault/vault.js';
import { CheckinStore } from './checkin/store.js';
import { ReassuranceStore } from './reassurance/store.js';
import { EntryStore } from './journey/entries-store.js';
import { ApologyStore } from './journey/apologies-store.js';
import { AgreementStore } from './agreements/store.js';
import { AgreementLogStore } from './agreement-log/store.js';
import { TherapistStore } from './therapists/store.js';
import { WaitingModel } from './spaces/waiting-model.js';

/**
 * "Waiting for you" (issue #18) reads each fact from the store of the feature that owns it; the
 * spaces feature composes them without importing any of those features (they import spaces).
 */
export function waitingModel(db: Kysely<Database>, vault: Vault, dialect: 'sqlite' | 'postgres'): WaitingModel {
  const checkins = new CheckinStore(db, vault);
  const reassurance = new ReassuranceStore(db, vault);
  const entries = new EntryStore(db, vault);
  const apologies = new ApologyStore(db, vault);
  const agreements = new AgreementStore(db, vault);
  const log = new AgreementLogStore(db, vault, agreements);
  const therapists = new TherapistStore(db, vault, dialect);
  return new WaitingModel({
    checkedInOn: (spaceId, accountId, date) => checkins.checkedInOn(spaceId, accountId, date),
    unansweredCallsFrom: (spaceId, askerId, most) => reassurance.unansweredFrom(spaceId, askerId, most),
    unansweredQuestionsFrom: (spaceId, askerId, most) => entries.unansweredQuestionsFrom(spaceId, askerId, most),
    unansweredApologiesFrom: (spaceId, authorId, readerId, most) => apologies.unansweredFrom(spaceId, authorId, readerId, most),
    proposalsBy: (spaceId, proposerId, most) => agreements.proposedBy(spaceId, proposerId, most),
    unreviewedOccasionsBy: (spaceId, loggerId, most) => log.unreviewedBy(spaceId, loggerId, most),
    unopenedSealedHalves: (spaceId, authorIds, most) => entries.unopenedSealedHalves(spaceId, authorIds, most),
    // The record carries the therapist's name; only the id, the date and the viewer's consent pass on.
    pendingTherapists: async (spaceId, partnerId) =>
      (await therapists.forSpace(spaceId))
        .filter((t) => t.status === 'pending')
        .map((t) => ({ therapistId: t.accountId, joinedAt: t.joinedAt, consentedByViewer: t.consentedBy.includes(partnerId) })),
  });
}
