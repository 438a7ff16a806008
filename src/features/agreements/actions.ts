import { outcome, type Outcome, type SpaceEvent } from '../../core/events.js';
import type { NotificationType } from '../../core/notification-types.js';
import type { AgreementService } from './service.js';

import type { Actor } from '../../core/actor.js';

/**
 * What a change to agreements may open in a journey, answered by the journeys (their service's
 * `watch`, features/journey/watch.ts): journeys build on agreements, so it is passed in, not imported.
 */
export interface StepWatcher {
  watch(
    actor: Actor,
    scope: { journeyId: string } | { spaceId: string },
  ): Promise<{ news(o?: { others?: readonly SpaceEvent[] }): Promise<SpaceEvent[]> }>;
}

/** What the agreement actions use of the application: the agreement service, and the journeys' watch. */
type AgreementActionContext = { agreements: AgreementService; journeys: StepWatcher };
import type { AgreementInput, AgreementView, CounterInput } from './service.js';

/**
 * Step 3's agreements, one function per use case for both doors (API and the journey's pages).
 * An agreement is a record every member of the space may see, so every change goes live; the
 * partner who must answer is told of a proposal or a counter-proposal, the proposer of an
 * acceptance — and a partner a step opened for is told so (the first accepted agreement opens
 * steps 4 to 6). Notifications name what happened, never the agreement's words.
 */

export async function proposeAgreement(
  ctx: AgreementActionContext,
  actor: Actor,
  spaceId: string,
  input: AgreementInput,
): Promise<Outcome<AgreementView>> {
  // The journey is chosen while proposing (the one named, or the newest open one): watch them all.
  const watch = await ctx.journeys.watch(actor, { spaceId });
  const agreement = await ctx.agreements.propose(actor, spaceId, input);
  // A commitment of one's own in a space the partner has not joined is active at once: nobody to ask.
  const told = await events(ctx, actor, agreement, agreement.status === 'proposed' ? 'agreement_proposed' : null);
  return outcome(agreement, ...told, ...(await watch.news({ others: told })));
}

export async function acceptAgreement(ctx: AgreementActionContext, actor: Actor, agreementId: string): Promise<Outcome<AgreementView>> {
  const watch = await watchJourneyOf(ctx, actor, agreementId);
  const agreement = await ctx.agreements.accept(actor, agreementId);
  const told = await events(ctx, actor, agreement, 'agreement_accepted', agreement.proposedBy);
  return outcome(agreement, ...told, ...((await watch?.news({ others: told })) ?? []));
}

export async function counterAgreement(
  ctx: AgreementActionContext,
  actor: Actor,
  agreementId: string,
  input: CounterInput,
): Promise<Outcome<{ agreement: AgreementView; replaced: AgreementView }>> {
  const watch = await watchJourneyOf(ctx, actor, agreementId);
  const result = await ctx.agreements.counter(actor, agreementId, input);
  const told = await events(ctx, actor, result.agreement, 'agreement_countered', result.replaced.proposedBy);
  return outcome(result, ...told, ...((await watch?.news({ others: told })) ?? []));
}

/** The journey an agreement belongs to, watched before a change to it (none: no journey, nothing to open). */
async function watchJourneyOf(ctx: AgreementActionContext, actor: Actor, agreementId: string) {
  const journeyId = await ctx.agreements.journeyOf(agreementId).catch(() => null);
  return journeyId === null ? null : ctx.journeys.watch(actor, { journeyId });
}

/** Withdrawing one's own proposal changes the list everyone sees; it asks nothing of anyone and opens nothing. */
export async function withdrawAgreement(ctx: AgreementActionContext, actor: Actor, agreementId: string): Promise<Outcome<AgreementView>> {
  const agreement = await ctx.agreements.withdraw(actor, agreementId);
  return outcome(agreement, ...(await events(ctx, actor, agreement, null)));
}

async function events(
  ctx: AgreementActionContext,
  actor: Actor,
  agreement: AgreementView,
  type: NotificationType | null,
  recipientId?: string,
): Promise<SpaceEvent[]> {
  const live: SpaceEvent = { spaceId: agreement.spaceId, live: { kind: 'agreement', id: agreement.id } };
  if (type === null) return [live];
  try {
    const membership = await ctx.agreements.membership(actor, agreement.spaceId);
    const link = agreement.journeyId
      ? `/journeys/${agreement.journeyId}/steps/3#agreements-heading`
      : `/spaces/${agreement.spaceId}/agreement-log`;
    return [
      live,
      {
        spaceId: agreement.spaceId,
        notify: {
          type,
          actorId: actor.id,
          link,
          about: { kind: 'agreement', id: agreement.id },
          membership,
          ...(recipientId !== undefined ? { recipientId } : {}),
        },
      },
    ];
  } catch {
    // Saved already; the partner sees it on their next visit.
    return [live];
  }
}
