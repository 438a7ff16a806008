import {
  ABSENT_PARTNER,
  resolveAbsentPartner,
  type JourneyFacts,
  type PromptKey,
  type SealedPairOpening,
} from '../../core/journey/index.js';
import type { StoredAgreement, AgreementStore } from '../agreements/index.js';
import type { Apology, ApologyResponse, ApologyStore } from './apologies-store.js';
import type { Entry, EntryStore } from './entries-store.js';
import type { BreachFacts, JourneyFactsStore } from './facts-store.js';
import type { Breach, Journey, JourneyStore } from './store.js';
import type { SealedPairStore } from './sealed-pairs-store.js';

export interface JourneyStores {
  journeys: JourneyStore;
  /** The rules' facts without any text, for checking writes. */
  facts: JourneyFactsStore;
  entries: EntryStore;
  sealedPairs: SealedPairStore;
  apologies: ApologyStore;
  agreements: AgreementStore;
}

/** A journey with everything its rules and pages need, read once per request. */
export interface LoadedJourney {
  journey: Journey;
  breach: Breach;
  entries: Entry[];
  /** The journey's sealed pairs that have opened (they stay open: core/journey/sealed-pair.ts). */
  openings: SealedPairOpening[];
  apologies: Apology[];
  responses: ApologyResponse[];
  agreements: StoredAgreement[];
  facts: JourneyFacts;
}

/** The ids of the space's partners who left (issue #19): what was reached with them stays reached. */
export const formerIds = (former: ReadonlyArray<{ accountId: string }>): string[] => former.map((f) => f.accountId);

/**
 * Who broke trust, with the absent-partner placeholder of a solo journey replaced once the
 * partner has joined (the partner who is not the one who recorded the breach). Saved back so the
 * record is right from then on.
 */
async function resolvedBrokeTrust(
  stores: JourneyStores,
  breach: Pick<Breach, 'id' | 'brokeTrust' | 'recordedBy'>,
  partnerIds: readonly string[],
): Promise<string[]> {
  if (!breach.brokeTrust.includes(ABSENT_PARTNER) || partnerIds.length < 2 || breach.recordedBy === null) return breach.brokeTrust;
  const joined = partnerIds.find((id) => id !== breach.recordedBy);
  if (!joined || !partnerIds.includes(breach.recordedBy)) return breach.brokeTrust;
  const resolved = resolveAbsentPartner(breach.brokeTrust, joined);
  await stores.journeys.setBrokeTrust(breach.id, resolved);
  return resolved;
}

/** Reads the journey's facts: everything, unfiltered; core rules never leak what a viewer may not see. */
export async function loadJourney(
  stores: JourneyStores,
  journey: Journey,
  breach: Breach,
  partnerIds: readonly string[],
  formerPartnerIds: readonly string[] = [],
): Promise<LoadedJourney> {
  const [entries, openings, apologies, responses, agreements, acknowledgements, optIns, deferrals, brokeTrust] = await Promise.all([
    stores.entries.listForJourney(journey.id),
    stores.sealedPairs.forJourney(journey.id),
    stores.apologies.listForJourney(journey.id),
    stores.apologies.responsesForJourney(journey.id),
    stores.agreements.listForJourney(journey.id),
    stores.journeys.acknowledgements(journey.id),
    stores.journeys.forgivenessOptIns(journey.id),
    stores.journeys.deferrals(journey.id),
    resolvedBrokeTrust(stores, breach, partnerIds),
  ]);
  // The rules need only each agreement's first occasion (tested in core/journey/forgiveness-gate.test.ts).
  const occasions = await stores.facts.firstOccasions(agreements.map((a) => a.id));
  const facts: JourneyFacts = {
    kind: breach.kind,
    brokeTrust,
    partnerIds: [...partnerIds],
    openedAt: journey.openedAt,
    acknowledgements,
    entries: entries.map((e) => ({
      id: e.id,
      prompt: e.prompt,
      authorId: e.authorId,
      visibility: e.visibility,
      createdAt: e.createdAt,
      replyTo: e.replyTo,
    })),
    apologies: apologies.map((a) => ({ id: a.id, authorId: a.authorId, deliveredAt: a.deliveredAt })),
    apologyResponses: responses.map((r) => ({
      apologyId: r.apologyId,
      by: r.by,
      at: r.createdAt,
      received: true as const,
      ...(r.sincere === null ? {} : { sincere: r.sincere }),
      missing: r.missing,
    })),
    agreements: agreements.map((a) => ({
      id: a.id,
      status: a.status,
      proposedBy: a.proposedBy,
      committedBy: a.committedBy,
      acceptedBy: a.acceptedBy,
      acceptedAt: a.acceptedAt,
    })),
    occasions,
    forgivenessOptIns: optIns,
    deferrals,
    openedPairs: openings.map((o) => o.prompt as PromptKey),
    formerPartnerIds: [...formerPartnerIds],
  };
  return { journey, breach: { ...breach, brokeTrust }, entries, openings, apologies, responses, agreements, facts };
}

/**
 * The same facts as `loadJourney` gives the rules, read without any text: entries, apologies and
 * agreements by their ids, authors, visibilities and times, and each agreement's first logged
 * occasion instead of its whole log. Writing an entry checks its rules against these, so the
 * check does not grow with what the couple has written.
 */
export async function loadRuleFacts(
  stores: JourneyStores,
  head: { journey: Journey; breach: BreachFacts },
  partnerIds: readonly string[],
  formerPartnerIds: readonly string[] = [],
): Promise<JourneyFacts> {
  const { journey, breach } = head;
  const [entries, apologies, responses, agreements, acknowledgements, optIns, deferrals, brokeTrust] = await Promise.all([
    stores.facts.entries(journey.id),
    stores.facts.apologies(journey.id),
    stores.apologies.responsesForJourney(journey.id),
    stores.facts.agreements(journey.id),
    stores.journeys.acknowledgements(journey.id),
    stores.journeys.forgivenessOptIns(journey.id),
    stores.journeys.deferrals(journey.id),
    resolvedBrokeTrust(stores, breach, partnerIds),
  ]);
  const occasions = await stores.facts.firstOccasions(agreements.map((a) => a.id));
  return {
    kind: breach.kind,
    brokeTrust,
    partnerIds: [...partnerIds],
    openedAt: journey.openedAt,
    acknowledgements,
    entries,
    apologies,
    apologyResponses: responses.map((r) => ({
      apologyId: r.apologyId,
      by: r.by,
      at: r.createdAt,
      received: true as const,
      ...(r.sincere === null ? {} : { sincere: r.sincere }),
      missing: r.missing,
    })),
    agreements,
    occasions,
    forgivenessOptIns: optIns,
    deferrals,
    formerPartnerIds: [...formerPartnerIds],
  };
}
