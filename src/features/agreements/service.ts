import {
  acceptAgreement,
  counterAgreement,
  TRANSPARENCY_MAX_DAYS,
  proposeAgreement,
  withdrawAgreement,
  type AgreementContext,
  type AgreementFieldError,
  type AgreementRefusal,
} from '../../core/journey/index.js';
import { FIRST_PAGE, MAX_PAGE_SIZE, type Page, type PageRequest } from '../../core/paging/cursor.js';
import { localDate } from '../../core/time.js';
import { fail, refuse } from '../../platform/errors.js';
import type { StoredAgreement } from './store.js';
import { newId } from '../../platform/db/ids.js';
import type { SpaceStore } from '../spaces/index.js';
import type { Clock } from '../../platform/clock.js';
import type { AgreementStore } from './store.js';
import { membershipOf, requirePartner, spaceAccess, type Actor, type SpaceAccess } from './access.js';

/**
 * The journey a new agreement belongs to (the one named, or the space's newest open journey), once
 * its step 3 is open for the actor; null when the space has none. Journeys answer it (their
 * wiring passes it in): they build on agreements, so agreements do not read journeys themselves.
 */
/** The journey a new agreement belongs to; refuses a transparency agreement outside a journey after an affair. */
export type AgreementJourney = (
  actor: Actor,
  access: SpaceAccess,
  journeyId: string | undefined,
  transparency: boolean,
) => Promise<string | null>;
import type { SpaceMembership } from '../../core/visibility/index.js';

export { AGREEMENT_KEY, HISTORY_KEY } from './store.js';

export const AGREEMENT_TEXT_MAX = 2_000;

export interface AgreementInput {
  text: string;
  committedBy: string[];
  cadence: string;
  reviewOn?: string | null | undefined;
  /** The journey whose step 3 this belongs to; by default the space's newest open journey. */
  journeyId?: string | undefined;
  /** A transparency agreement (core/journey/agreements.ts): its review date is its end, required. */
  transparency?: boolean | undefined;
}

export type AgreementView = StoredAgreement;

/** A counter-proposal: fields left out keep the proposal's values. */
export type CounterInput = Partial<Omit<AgreementInput, 'journeyId' | 'transparency'>> & { text: string };

function fieldMessage(e: AgreementFieldError): string {
  switch (e.reason) {
    case 'required':
      return e.field === 'text' ? 'Describe something you will do that can be seen, in a few words.' : 'Choose who commits to this.';
    case 'not_a_partner':
      return 'Choose partners of this space.';
    case 'duplicate':
      return 'Name each partner once.';
    case 'absent_partner':
      return 'Your partner is not in this space now, so for now you can only commit yourself.';
    case 'unknown_cadence':
      return 'Choose how often: each time it comes up, daily, weekly, or once.';
    case 'invalid_date':
      return 'Enter a real date, like 2025-03-31.';
    case 'in_the_past':
      return 'Choose a review date from today on.';
    case 'end_required':
      return 'Choose the day this agreement ends: a transparency agreement is for a set time, twelve weeks at most.';
    case 'needs_both':
      return 'A transparency agreement needs you both: it can be agreed once your partner is in the space.';
    case 'ended':
      return 'The end this proposal set has passed. Suggest a new end instead, and your partner can agree to it.';
    case 'too_far':
      return `Choose an end within ${TRANSPARENCY_MAX_DAYS / 7} weeks from today. When it ends you can agree a new one together.`;
  }
}

function refusal(reason: AgreementRefusal, errors?: readonly AgreementFieldError[]): never {
  switch (reason) {
    case 'invalid':
      return fail('invalid_input', Object.fromEntries((errors ?? []).map((e) => [e.field, fieldMessage(e)])));
    case 'not_a_partner':
      return refuse('partners_only');
    case 'not_proposed':
      return refuse('agreement_not_a_proposal');
    case 'own_proposal':
      return refuse('agreement_answered_by_partner');
    case 'not_proposer':
      return refuse('agreement_withdrawn_by_proposer');
  }
}

/** Agreements of step 3: proposing, accepting, countering (with history) and withdrawing. */
export class AgreementService {
  constructor(private readonly deps: { agreements: AgreementStore; spaces: SpaceStore; clock: Clock; journeyFor: AgreementJourney }) {}

  private context(actor: Actor, access: SpaceAccess): AgreementContext {
    const now = this.deps.clock.now();
    return { partnerIds: access.partnerIds, today: localDate(now, actor.timezone), now: now.toISOString() };
  }

  private checkText(text: string): void {
    if (text.trim().length > AGREEMENT_TEXT_MAX) fail('invalid_input', { text: `Use at most ${AGREEMENT_TEXT_MAX} characters.` });
  }

  async propose(actor: Actor, spaceId: string, input: AgreementInput): Promise<AgreementView> {
    const access = await spaceAccess(this.deps.spaces, actor.id, spaceId);
    requirePartner(access);
    this.checkText(input.text);
    const ctx = this.context(actor, access);
    const id = newId();
    const result = proposeAgreement(
      id,
      { ...input, reviewOn: input.reviewOn ?? null, transparency: input.transparency ?? false },
      actor.id,
      ctx,
    );
    if (!result.ok) refusal(result.reason, result.errors);
    const journeyId = await this.deps.journeyFor(actor, access, input.journeyId, input.transparency ?? false);
    const agreement: StoredAgreement = { ...result.agreement, spaceId, journeyId };
    await this.deps.agreements.insert(agreement);
    return agreement;
  }

  /** The journey an agreement belongs to, by id only (null: none); whoever reads it next checks the caller's access. */
  async journeyOf(agreementId: string): Promise<string | null> {
    return (await this.deps.agreements.placeOf(agreementId))?.journeyId ?? null;
  }

  /** The space's membership as the visibility policy reads it, for telling its partners of a change. */
  async membership(actor: Actor, spaceId: string): Promise<SpaceMembership> {
    return membershipOf(await spaceAccess(this.deps.spaces, actor.id, spaceId));
  }

  /** One page of the space's agreements, every status, newest first. */
  async list(actor: Actor, spaceId: string, at: PageRequest = FIRST_PAGE): Promise<Page<AgreementView>> {
    await spaceAccess(this.deps.spaces, actor.id, spaceId);
    return this.deps.agreements.page(spaceId, at.after, at.size);
  }

  /** The agreement and the access to its space; `not_found` for anyone who may not see it. */
  private async find(actor: Actor, agreementId: string): Promise<{ agreement: StoredAgreement; access: SpaceAccess }> {
    const agreement = await this.deps.agreements.byId(agreementId);
    if (!agreement) fail('not_found');
    const access = await spaceAccess(this.deps.spaces, actor.id, agreement.spaceId);
    return { agreement, access };
  }

  /**
   * The agreement with its history as it has always been answered, oldest first: whole for any
   * chain of counters people make in practice, and the newest MAX_PAGE_SIZE of a longer one, with
   * `next` to read on through `history` (the page after this one's oldest).
   */
  async get(
    actor: Actor,
    agreementId: string,
  ): Promise<{ agreement: AgreementView; history: AgreementView[]; next: Page<AgreementView>['next'] }> {
    const { agreement } = await this.find(actor, agreementId);
    const newest = await this.deps.agreements.historyPage(agreement.spaceId, agreementId, null, MAX_PAGE_SIZE);
    return { agreement, history: [...newest.items].reverse(), next: newest.next };
  }

  /** One page of the agreement's history (it and the proposals it countered), newest first. */
  async history(actor: Actor, agreementId: string, at: PageRequest = FIRST_PAGE): Promise<Page<AgreementView> & { spaceId: string }> {
    const { agreement } = await this.find(actor, agreementId);
    return { ...(await this.deps.agreements.historyPage(agreement.spaceId, agreementId, at.after, at.size)), spaceId: agreement.spaceId };
  }

  async accept(actor: Actor, agreementId: string): Promise<AgreementView> {
    const { agreement, access } = await this.find(actor, agreementId);
    requirePartner(access);
    const result = acceptAgreement(agreement, actor.id, this.context(actor, access));
    if (!result.ok) refusal(result.reason, result.errors);
    const next: StoredAgreement = { ...agreement, ...result.agreement };
    if (!(await this.deps.agreements.settle(next))) refusal('not_proposed');
    return next;
  }

  /** A counter-proposal: fields left out keep the proposal's values. */
  async counter(actor: Actor, agreementId: string, input: CounterInput): Promise<{ agreement: AgreementView; replaced: AgreementView }> {
    const { agreement, access } = await this.find(actor, agreementId);
    requirePartner(access);
    this.checkText(input.text);
    const merged = {
      text: input.text,
      committedBy: input.committedBy ?? [...agreement.committedBy],
      cadence: input.cadence ?? agreement.cadence,
      reviewOn: input.reviewOn === undefined ? agreement.reviewOn : input.reviewOn,
    };
    const result = counterAgreement(agreement, newId(), merged, actor.id, this.context(actor, access));
    if (!result.ok) refusal(result.reason, result.errors);
    const replaced: StoredAgreement = { ...agreement, ...result.countered };
    const proposal: StoredAgreement = { ...result.proposal, spaceId: agreement.spaceId, journeyId: agreement.journeyId };
    if (!(await this.deps.agreements.counter(replaced, proposal))) refusal('not_proposed');
    return { agreement: proposal, replaced };
  }

  async withdraw(actor: Actor, agreementId: string): Promise<AgreementView> {
    const { agreement, access } = await this.find(actor, agreementId);
    requirePartner(access);
    const result = withdrawAgreement(agreement, actor.id, this.context(actor, access));
    if (!result.ok) refusal(result.reason, result.errors);
    const next: StoredAgreement = { ...agreement, ...result.agreement };
    if (!(await this.deps.agreements.settle(next))) refusal('not_proposed');
    return next;
  }
}
