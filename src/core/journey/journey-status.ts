import { isAfterCheating } from './breach-kind.js';
import type { EntryFact, JourneyFacts } from './facts.js';
import { forgivenessGate, type ForgivenessGate } from './forgiveness-gate.js';
import { SEALED_PAIR_PROMPTS, type PromptKey } from './prompts.js';
import { didBreakTrust, isSolo, otherPartner, roleOf, wasHurt, type ViewerRole } from './roles.js';
import { STEP_KEYS, type StepKey, type StepNumber, type StepState } from './steps.js';

/**
 * The status of a journey's seven steps for one viewer, computed from the facts (SPEC section 1).
 *
 * - Steps 1–3 open in order; a step also stays open once there is visible evidence that it was
 *   opened (an apology delivered, an agreement proposed…), so a couple can always revisit it —
 *   even when a partner joins a solo journey and the earlier steps wait for their part.
 * - Steps 4–6 open once any agreement has been accepted (or a solo commitment made); they are
 *   ongoing practices and never "done".
 * - Step 7 is per viewer: for a hurt viewer it opens at the forgiveness gate or by their own
 *   choice, and is done when they shared a forgiveness statement. Anyone else sees it locked
 *   until a hurt partner shares a statement — the partner who broke trust is never shown a gate or
 *   a countdown, so Mend cannot be used to press for forgiveness.
 * - Solo (one partner in the space): a step is done when the user's own part is done, and
 *   `waitingFor` says what waits for the partner.
 *
 * Only facts the viewer may see are used: the partner's private entries and their choice to open
 * step 7 early never change what the viewer is told.
 */

/** Something a step waits for. `accountId` is null for a partner who has not joined yet. */
export type Task =
  | 'join_space'
  | 'acknowledge'
  | 'write_what_happened'
  | 'deliver_apology'
  | 'answer_apology'
  | 'write_what_hurts'
  | 'write_trust_looks_like'
  | 'propose_agreement'
  | 'accept_agreement'
  | 'weekly_meeting'
  | 'review_log';

export interface Waiting {
  readonly who: 'you' | 'partner';
  readonly accountId: string | null;
  readonly task: Task;
}

export interface StepStatus {
  readonly number: StepNumber;
  readonly key: StepKey;
  readonly status: StepState;
  /** What the step waits for; absent when nothing (step 7 never waits on anyone). */
  readonly waitingFor?: readonly Waiting[];
}

export interface JourneyStatus {
  readonly role: ViewerRole;
  /** One partner in the space. */
  readonly solo: boolean;
  /** Infidelity or emotional affair: longer ranges and the extra exercises. */
  readonly afterCheating: boolean;
  readonly steps: readonly StepStatus[];
  /** Only for a viewer who was hurt in this breach; null for anyone else. */
  readonly forgiveness: ForgivenessGate | null;
  /** Every task waiting for the partner, across steps (solo: what the partner will be asked). */
  readonly waitingForPartner: readonly Waiting[];
  /** The viewer's sealed entries still waiting for the partner's entry. */
  readonly sealedWaiting: readonly PromptKey[];
  /** Show the couples-therapy recommendation prominently. */
  readonly therapyRecommended: boolean;
  readonly questionsAndAnswers: boolean;
  readonly triggerLog: boolean;
}

interface Ctx {
  readonly facts: JourneyFacts;
  readonly viewer: string | null;
  readonly isPartner: boolean;
  readonly solo: boolean;
  readonly visibleEntries: readonly EntryFact[];
}

function who(ctx: Ctx, accountId: string | null, task: Task): Waiting {
  return { who: accountId !== null && accountId === ctx.viewer ? 'you' : 'partner', accountId, task };
}

/** The absent partner's id placeholder in solo waiting lists. */
function absent(ctx: Ctx): string | null {
  return ctx.viewer === null ? null : otherPartner(ctx.facts, ctx.viewer);
}

function hasEntry(ctx: Ctx, author: string, prompt: PromptKey): boolean {
  return ctx.visibleEntries.some((e) => e.authorId === author && e.prompt === prompt);
}

// ---- step 1 -------------------------------------------------------------------------------

function step1(ctx: Ctx): { done: boolean; waiting: Waiting[] } {
  const { facts } = ctx;
  const acked = (id: string) => facts.acknowledgements.some((a) => a.by === id);
  const waiting = facts.partnerIds.filter((id) => !acked(id)).map((id) => who(ctx, id, 'acknowledge'));
  if (ctx.solo) waiting.push(who(ctx, absent(ctx), 'acknowledge'));
  return { done: facts.partnerIds.length > 0 && facts.partnerIds.every(acked), waiting };
}

// ---- step 2 -------------------------------------------------------------------------------

function delivered(facts: JourneyFacts, author: string) {
  return facts.apologies.filter((a) => a.authorId === author && a.deliveredAt !== null);
}

function step2(ctx: Ctx): { done: boolean; waiting: Waiting[] } {
  const { facts } = ctx;
  const waiting: Waiting[] = [];
  if (ctx.solo) {
    // Solo form: the user's own part; the rest waits for the partner.
    const me = facts.partnerIds[0];
    if (me === undefined) return { done: false, waiting: [] };
    let done = true;
    if (didBreakTrust(facts, me)) {
      if (delivered(facts, me).length === 0) {
        done = false;
        waiting.push(who(ctx, me, 'deliver_apology'));
      } else waiting.push(who(ctx, absent(ctx), 'answer_apology'));
    }
    if (wasHurt(facts, me)) {
      if (!hasEntry(ctx, me, 'what_hurts')) {
        done = false;
        waiting.push(who(ctx, me, 'write_what_hurts'));
      }
      waiting.push(who(ctx, absent(ctx), 'deliver_apology'));
    }
    return { done, waiting };
  }
  // Couple form: every partner who broke trust delivered an apology and the other answered it.
  for (const breaker of facts.brokeTrust) {
    const hurt = facts.partnerIds.find((id) => id !== breaker) ?? null;
    const theirs = delivered(facts, breaker);
    if (theirs.length === 0) {
      waiting.push(who(ctx, facts.partnerIds.includes(breaker) ? breaker : null, 'deliver_apology'));
      continue;
    }
    const answered = theirs.some((a) => facts.apologyResponses.some((r) => r.apologyId === a.id && r.by === hurt));
    if (!answered) waiting.push(who(ctx, hurt, 'answer_apology'));
  }
  return { done: waiting.length === 0, waiting };
}

function step2Evidence(ctx: Ctx): boolean {
  return (
    ctx.facts.apologies.some((a) => a.deliveredAt !== null || a.authorId === ctx.viewer) ||
    ctx.visibleEntries.some((e) => e.prompt === 'what_hurts')
  );
}

// ---- step 3 -------------------------------------------------------------------------------

function step3(ctx: Ctx): { done: boolean; waiting: Waiting[] } {
  const { facts } = ctx;
  if (ctx.solo) {
    const me = facts.partnerIds[0];
    if (me === undefined) return { done: false, waiting: [] };
    const done = facts.agreements.some((a) => a.acceptedAt !== null);
    const waiting: Waiting[] = [];
    if (!done) waiting.push(who(ctx, me, 'propose_agreement'));
    waiting.push(who(ctx, absent(ctx), 'write_trust_looks_like'), who(ctx, absent(ctx), 'accept_agreement'));
    return { done, waiting };
  }
  const done = facts.agreements.some((a) => a.acceptedAt !== null && a.acceptedBy !== null && a.acceptedBy !== a.proposedBy);
  if (done) return { done, waiting: [] };
  const proposals = facts.agreements.filter((a) => a.status === 'proposed');
  if (proposals.length === 0) return { done, waiting: [who(ctx, ctx.isPartner ? ctx.viewer : null, 'propose_agreement')] };
  const waiting: Waiting[] = [];
  const seen = new Set<string>();
  for (const p of proposals) {
    const other = facts.partnerIds.find((id) => id !== p.proposedBy) ?? null;
    const key = String(other);
    if (seen.has(key)) continue;
    seen.add(key);
    waiting.push(who(ctx, other, 'accept_agreement'));
  }
  return { done, waiting };
}

function step3Evidence(ctx: Ctx): boolean {
  return ctx.facts.agreements.length > 0 || ctx.visibleEntries.some((e) => e.prompt === 'trust_looks_like');
}

// ---- step 7 -------------------------------------------------------------------------------

function sharedStatementBy(ctx: Ctx, ids: readonly string[]): boolean {
  return ctx.facts.entries.some((e) => e.prompt === 'forgiveness_statement' && e.visibility === 'shared' && ids.includes(e.authorId));
}

function step7(ctx: Ctx, gate: ForgivenessGate | null): StepState {
  if (gate !== null && ctx.viewer !== null) {
    if (sharedStatementBy(ctx, [ctx.viewer])) return 'done';
    return gate.offered ? 'open' : 'locked';
  }
  const hurtPartners = ctx.facts.partnerIds.filter((id) => wasHurt(ctx.facts, id));
  return sharedStatementBy(ctx, hurtPartners) ? 'done' : 'locked';
}

// ---- all together -------------------------------------------------------------------------

function entriesVisibleTo(facts: JourneyFacts, viewer: string | null, isPartner: boolean): EntryFact[] {
  return facts.entries.filter(
    (e) =>
      e.authorId === viewer ||
      e.visibility === 'shared' ||
      // A partner sees that a sealed entry exists (the stub); nobody else does.
      (e.visibility === 'sealed' && isPartner),
  );
}

function step(number: StepNumber, status: StepState, waiting?: readonly Waiting[]): StepStatus {
  const key = STEP_KEYS[number - 1] as StepKey;
  return waiting && waiting.length > 0 ? { number, key, status, waitingFor: waiting } : { number, key, status };
}

const RANK: Record<StepState, number> = { locked: 0, open: 1, done: 2 };

/**
 * The journey as `viewerId` sees it at `now` (ISO string or Date).
 *
 * A partner who left (`facts.formerPartnerIds`) takes nothing reached with them away (issue #19):
 * steps 1–6 are also read as if each former partner were still beside each partner who is here,
 * and a step stands at the furthest of those readings. On a tie the reading with the partner who
 * left is told, because it says where the step really stands (an apology they delivered waits
 * for an answer, not for someone to join): what waits on them is worded by the pages as left
 * undone. The solo reading is told only where it got further (what the person here did alone).
 * Everything else (the viewer's role, step 7, what waits for a partner who might join, sealed
 * halves) is read from the partners who are here.
 */
export function journeyStatus(facts: JourneyFacts, viewerId: string | null, now: string | Date): JourneyStatus {
  const here = statusOf(facts, viewerId, now);
  const former = (facts.formerPartnerIds ?? []).filter((id) => !facts.partnerIds.includes(id));
  if (former.length === 0 || facts.partnerIds.length === 0) return here;
  const readings = former.flatMap((f) => facts.partnerIds.map((p) => statusOf({ ...facts, partnerIds: [p, f] }, viewerId, now)));
  const steps = here.steps.map((s, i) => {
    if (s.number === 7) return s;
    let best = readings[0]!.steps[i]!;
    for (const r of readings.slice(1)) if (RANK[r.steps[i]!.status] > RANK[best.status]) best = r.steps[i]!;
    return RANK[s.status] > RANK[best.status] ? s : best;
  });
  // What a partner joining again would be asked to do: only what was left undone by the one who left.
  const left: Waiting[] = [];
  for (const r of readings)
    for (const s of r.steps)
      for (const w of s.waitingFor ?? [])
        if (w.accountId !== null && former.includes(w.accountId) && !left.some((x) => x.task === w.task))
          left.push({ ...w, accountId: null });
  const waitingForPartner = here.solo ? here.waitingForPartner.filter((w) => w.task === 'join_space').concat(left) : here.waitingForPartner;
  return { ...here, steps, waitingForPartner };
}

function statusOf(facts: JourneyFacts, viewerId: string | null, now: string | Date): JourneyStatus {
  const isPartner = viewerId !== null && facts.partnerIds.includes(viewerId);
  const viewer = isPartner ? viewerId : null;
  const ctx: Ctx = {
    facts,
    viewer,
    isPartner,
    solo: isSolo(facts),
    visibleEntries: entriesVisibleTo(facts, viewer, isPartner),
  };
  const s1 = step1(ctx);
  const s2 = step2(ctx);
  const s3 = step3(ctx);
  const open2 = s1.done || step2Evidence(ctx);
  const open3 = (open2 && s2.done) || step3Evidence(ctx);
  const ongoing = (open3 && s3.done) || facts.agreements.some((a) => a.acceptedAt !== null);
  const gate = forgivenessGate(facts, viewer, now);

  const state = (open: boolean, done: boolean): StepState => (done && open ? 'done' : open ? 'open' : 'locked');
  const st1 = state(true, s1.done);
  const st2 = state(open2, s2.done);
  const st3 = state(open3, s3.done);
  const ongoingState: StepState = ongoing ? 'open' : 'locked';
  const soloWaits = (task: Task) => (ctx.solo && ongoing ? [who(ctx, absent(ctx), task)] : undefined);

  // Waiting lists are shown for steps that are open, or done in the solo form.
  const show = (st: StepState, w: Waiting[]) => (st === 'locked' ? undefined : st === 'done' && !ctx.solo ? undefined : w);
  const steps: StepStatus[] = [
    step(1, st1, show(st1, s1.waiting)),
    step(2, st2, show(st2, s2.waiting)),
    step(3, st3, show(st3, s3.waiting)),
    step(4, ongoingState),
    step(5, ongoingState, soloWaits('weekly_meeting')),
    step(6, ongoingState, soloWaits('review_log')),
    step(7, step7(ctx, gate)),
  ];

  const waitingForPartner: Waiting[] = [];
  if (ctx.solo && isPartner) waitingForPartner.push(who(ctx, null, 'join_space'));
  for (const s of steps) {
    for (const w of s.waitingFor ?? []) {
      if (w.who === 'partner' && !waitingForPartner.some((x) => x.task === w.task)) waitingForPartner.push(w);
    }
  }

  const sealedWaiting = isPartner
    ? SEALED_PAIR_PROMPTS.filter(
        (p) =>
          !(facts.openedPairs ?? []).includes(p) &&
          facts.entries.some((e) => e.prompt === p && e.visibility === 'sealed' && e.authorId === viewer) &&
          !facts.entries.some((e) => e.prompt === p && e.visibility === 'sealed' && e.authorId !== viewer),
      )
    : [];

  const afterCheating = isAfterCheating(facts.kind);
  return {
    role: roleOf(facts, viewer),
    solo: ctx.solo,
    afterCheating,
    steps,
    forgiveness: gate,
    waitingForPartner,
    sealedWaiting,
    therapyRecommended: afterCheating,
    questionsAndAnswers: afterCheating,
    triggerLog: afterCheating,
  };
}

/** Is `stepKey` open (or done) for the viewer? Used by the entry and apology rules. */
export function isStepOpenFor(facts: JourneyFacts, viewerId: string, key: StepKey, now: string | Date): boolean {
  const status = journeyStatus(facts, viewerId, now).steps.find((s) => s.key === key);
  return status !== undefined && status.status !== 'locked';
}
