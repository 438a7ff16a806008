import { outcome, type Outcome, type SpaceEvent } from '../../core/events.js';
import type { NotificationType } from '../../core/notification-types.js';
import type { ApologyParts } from '../../core/journey/index.js';
import { apologyAnswerPlace, apologyPlace, breachPlace, entryPlace } from '../../core/drafts/places.js';
import type { Visibility } from '../../core/visibility/index.js';
import type { AppContext } from '../../context.js';
import type { Actor } from './access.js';
import type {
  ApologyResponseView,
  ApologyView,
  BreachInput,
  BreachView,
  EntryInput,
  EntryView,
  JourneyAudience,
  JourneyView,
} from './service.js';

/**
 * Every change to a journey, one function per use case, for both doors (API and pages): each
 * returns what it caused. Only what every active member may see goes live; a notification goes to
 * a partner only about what they may read (the policy checks the `about` subject again per
 * recipient). A change that opens a step for the other partner tells them (watch.ts, from the
 * rules' facts before and after it). A sealed half whose pair is still closed tells the other
 * partner only that it exists ("write yours to open both"); a private entry, a draft apology and
 * the hurt partner's own choice to open step 7 cause nothing at all.
 */

/** A new journey: step 1 is open for the other partner, who is told (the breach record is the space's). */
export async function recordBreach(
  ctx: AppContext,
  actor: Actor,
  spaceId: string,
  input: BreachInput,
): Promise<Outcome<{ breach: BreachView; journey: JourneyView }>> {
  const watch = await ctx.journeys.watch(actor, { spaceId });
  const recorded = await ctx.journeys.recordBreach(actor, spaceId, input);
  await ctx.drafts.sent(actor.id, breachPlace(spaceId));
  return outcome(recorded, ...(await watch.news()));
}

/**
 * Correcting when the breach happened or came out (issue #20). It tells nobody: the date is a fact
 * both partners see on the journey page, it asks nothing of anyone and quotes nothing.
 */
export async function correctBreachDates(
  ctx: AppContext,
  actor: Actor,
  journeyId: string,
  input: { occurredOn?: string | null | undefined; cameOutOn?: string | null | undefined },
): Promise<Outcome<JourneyView>> {
  return outcome(await ctx.journeys.correctDates(actor, journeyId, input));
}

export async function writeEntry(ctx: AppContext, actor: Actor, journeyId: string, input: EntryInput): Promise<Outcome<EntryView>> {
  const watch = await ctx.journeys.watch(actor, { journeyId });
  const entry = await ctx.journeys.writeEntry(actor, journeyId, input);
  // What was written is sent: its draft goes with the same action (drafts are never told to anyone).
  await ctx.drafts.sent(actor.id, entryPlace(journeyId, entry.prompt, entry.replyTo));
  const events = await entryEvents(ctx, actor, entry);
  const sealedHalf = entry.visibility === 'sealed' ? { journeyId, entryId: entry.id, prompt: entry.prompt } : undefined;
  return outcome(entry, ...events, ...(await watch.news({ others: events, ...(sealedHalf ? { sealedHalf } : {}) })));
}

/**
 * Sharing a private entry: from then on it is news like an entry written shared — and the partner
 * is told what concerns them (a forgiveness statement) only when it was not shared before.
 */
export async function changeVisibility(ctx: AppContext, actor: Actor, entryId: string, to: Visibility): Promise<Outcome<EntryView>> {
  const journeyId = await ctx.journeys.journeyOfEntry(actor, entryId).catch(() => null);
  const watch = journeyId === null ? null : await ctx.journeys.watch(actor, { journeyId });
  const entry = await ctx.journeys.changeVisibility(actor, entryId, to);
  const before = watch?.factsBefore(entry.journeyId)?.entries.find((e) => e.id === entryId);
  const events = await entryEvents(ctx, actor, entry, before !== undefined && before.visibility !== 'shared');
  return outcome(entry, ...events, ...((await watch?.news({ others: events })) ?? []));
}

/** Removing one's own entry opens nothing and asks nothing of anyone: nobody is told. */
export async function deleteEntry(ctx: AppContext, actor: Actor, entryId: string): Promise<Outcome<void>> {
  await ctx.journeys.deleteEntry(actor, entryId);
  return outcome(undefined);
}

/** "Not now, but I will by <date>": the partner who asked is told a day was chosen, never anything written. */
export async function deferQuestion(
  ctx: AppContext,
  actor: Actor,
  questionId: string,
  until: string,
): Promise<Outcome<{ questionId: string; until: string; createdAt: string }>> {
  const deferral = await ctx.journeys.deferQuestion(actor, questionId, until);
  const events = await quietly(async () => {
    const journeyId = await ctx.journeys.journeyOfEntry(actor, questionId);
    const audience = await ctx.journeys.audience(actor, journeyId);
    const question = audience.entries.find((e) => e.id === questionId);
    if (!question || question.visibility !== 'shared') return [];
    return [notifyAbout(audience, actor, 'question_dated', journeyId, question, question.authorId, `/journeys/${journeyId}/questions`)];
  });
  return outcome(deferral, ...events);
}

/**
 * Step 1: everyone of the space may see whom step 1 still waits for, so every open page is told;
 * the second acknowledgement opens step 2, and the partner who acknowledged first is told.
 */
export async function acknowledge(
  ctx: AppContext,
  actor: Actor,
  journeyId: string,
): Promise<Outcome<{ accountId: string; createdAt: string }>> {
  const watch = await ctx.journeys.watch(actor, { journeyId });
  const acknowledgement = await ctx.journeys.acknowledge(actor, journeyId);
  const events = await quietly(async () => {
    const { spaceId } = await ctx.journeys.audience(actor, journeyId);
    return [{ spaceId, live: { kind: 'journey_acknowledged', journeyId } }];
  });
  return outcome(acknowledgement, ...events, ...(await watch.news()));
}

export async function deliverApology(
  ctx: AppContext,
  actor: Actor,
  journeyId: string,
  input: { text?: string | undefined; parts?: ApologyParts | undefined },
): Promise<Outcome<ApologyView>> {
  const watch = await ctx.journeys.watch(actor, { journeyId });
  const apology = await ctx.journeys.deliverApology(actor, journeyId, input);
  await ctx.drafts.sent(actor.id, apologyPlace(journeyId));
  const events = await apologyEvents(ctx, actor, apology.id, 'apology_delivered');
  return outcome(apology, ...events, ...(await watch.news({ others: events })));
}

/**
 * "Check my apology" (and a delivery sent back with a problem): the builder's parts are kept as
 * their author's draft, so the coach's answer and a reload find them where they were. A draft is
 * its author's alone: nothing is told, to anyone.
 */
export async function keepApologyDraft(ctx: AppContext, actor: Actor, journeyId: string, parts: ApologyParts): Promise<Outcome<null>> {
  const fields = Object.fromEntries(Object.entries(parts).map(([c, words]) => [`parts.${c}`, words]));
  await ctx.drafts.put(actor, apologyPlace(journeyId), fields, { strict: false });
  return outcome(null);
}

export async function respondToApology(
  ctx: AppContext,
  actor: Actor,
  apologyId: string,
  input: { received?: unknown; sincere?: unknown; missing?: unknown; missingWords?: unknown },
): Promise<Outcome<ApologyResponseView>> {
  const journeyId = await ctx.journeys.apologyJourney(apologyId);
  const watch = journeyId === null ? null : await ctx.journeys.watch(actor, { journeyId });
  const response = await ctx.journeys.respondToApology(actor, apologyId, input);
  if (journeyId !== null) await ctx.drafts.sent(actor.id, apologyAnswerPlace(journeyId));
  const events = await apologyEvents(ctx, actor, apologyId, 'apology_answered');
  return outcome(response, ...events, ...((await watch?.news({ others: events })) ?? []));
}

/** Step 7 opened early is the hurt partner's own, private choice: nobody is told. */
export async function openForgivenessEarly(ctx: AppContext, actor: Actor, journeyId: string): Promise<Outcome<JourneyView>> {
  return outcome(await ctx.journeys.openForgivenessEarly(actor, journeyId));
}

// ---- what a change causes -------------------------------------------------------------------

/**
 * The entry's prompts that tell the partner once shared, and whom: a question, a moment noted and
 * a forgiveness statement go to the partner, answers to whoever wrote what they answer.
 */
const ENTRY_NOTICES: Partial<
  Record<EntryView['prompt'], { type: NotificationType; page: 'questions' | 'triggers' | 'steps/7'; to: 'partner' | 'replied' }>
> = {
  question: { type: 'question_asked', page: 'questions', to: 'partner' },
  answer: { type: 'question_answered', page: 'questions', to: 'replied' },
  trigger: { type: 'trigger_logged', page: 'triggers', to: 'partner' },
  trigger_response: { type: 'trigger_answered', page: 'triggers', to: 'replied' },
  forgiveness_statement: { type: 'forgiveness_shared', page: 'steps/7', to: 'partner' },
};

/**
 * A shared entry goes live at once; a sealed one only when it opened its pair (the service's
 * `entryNews`, read from facts alone). Questions, answers, the trigger log and a forgiveness
 * statement also notify once shared, and the policy is asked again about the entry itself for
 * each recipient. (What a sealed half tells is the watch's: it needs the facts from before.)
 */
async function entryEvents(ctx: AppContext, actor: Actor, entry: EntryView, notify = true): Promise<SpaceEvent[]> {
  return quietly(async () => {
    const news = await ctx.journeys.entryNews(actor, entry);
    if (!news) return [];
    const events: SpaceEvent[] = [
      {
        spaceId: news.spaceId,
        live:
          news.kind === 'journey_entry'
            ? { kind: 'journey_entry', journeyId: entry.journeyId, id: entry.id }
            : { kind: 'entries_revealed', journeyId: entry.journeyId },
      },
    ];
    const notice = ENTRY_NOTICES[entry.prompt];
    if (notify && notice && entry.visibility === 'shared') {
      const audience = await ctx.journeys.audience(actor, entry.journeyId);
      const recipient = notice.to === 'replied' ? audience.entries.find((e) => e.id === entry.replyTo)?.authorId : undefined;
      if (notice.to === 'partner' || recipient !== undefined) {
        events.push(
          notifyAbout(
            audience,
            actor,
            notice.type,
            entry.journeyId,
            { ...entry },
            recipient,
            `/journeys/${entry.journeyId}/${notice.page}`,
          ),
        );
      }
    }
    return events;
  });
}

/**
 * Only a delivered apology is read like shared text (a draft is its author's alone), so nothing
 * goes out unless the stored apology says it was delivered. Delivering tells the partner it was
 * written to; an answer tells its author. Its answer is part of the delivered apology.
 */
async function apologyEvents(
  ctx: AppContext,
  actor: Actor,
  apologyId: string,
  type: 'apology_delivered' | 'apology_answered',
): Promise<SpaceEvent[]> {
  return quietly(async () => {
    const facts = await ctx.journeys.apologyFacts(actor, apologyId);
    if (!facts || !facts.delivered) return [];
    const audience = await ctx.journeys.audience(actor, facts.journeyId);
    return [
      { spaceId: audience.spaceId, live: { kind: 'apology', journeyId: facts.journeyId, id: apologyId } },
      {
        spaceId: audience.spaceId,
        notify: {
          type,
          actorId: actor.id,
          link: `/journeys/${facts.journeyId}/steps/2`,
          about: { kind: 'apology', id: apologyId, authorId: facts.authorId, visibility: facts.delivered ? 'shared' : 'private' },
          membership: audience.membership,
          ...(type === 'apology_answered' ? { recipientId: facts.authorId } : {}),
        },
      },
    ];
  });
}

function notifyAbout(
  audience: JourneyAudience,
  actor: Actor,
  type: NotificationType,
  journeyId: string,
  entry: Pick<EntryView, 'id' | 'authorId' | 'prompt' | 'visibility'>,
  recipientId: string | undefined,
  link: string,
): SpaceEvent {
  return {
    spaceId: audience.spaceId,
    notify: {
      type,
      actorId: actor.id,
      link,
      about: { kind: 'entry', id: entry.id, journeyId, authorId: entry.authorId, prompt: entry.prompt, visibility: entry.visibility },
      membership: audience.membership,
      ...(recipientId !== undefined ? { recipientId } : {}),
    },
  };
}

/** Telling is a comfort, never a condition: the change is saved, so a failure to read who to tell tells nobody. */
async function quietly(read: () => Promise<SpaceEvent[]>): Promise<SpaceEvent[]> {
  try {
    return await read();
  } catch {
    return [];
  }
}
