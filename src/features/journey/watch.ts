import { sealedHalfNews, stepOpenings, type JourneyFacts, type PromptKey } from '../../core/journey/index.js';
import type { SpaceEvent } from '../../core/events.js';
import type { SpaceMembership } from '../../core/visibility/index.js';

/** The rule facts of journeys (no text), with the space's membership, read at one moment. */
export interface JourneySnapshot {
  spaceId: string;
  membership: SpaceMembership;
  journeys: ReadonlyMap<string, JourneyFacts>;
}

/**
 * What a change to a space's journeys caused for the partners, read from the rules' facts before
 * and after it: a step that opened for someone (core/journey/step-openings.ts) and what a sealed
 * half tells the other partner (core/journey/sealed-news.ts). No text is read. Both readings are
 * judged at the same instant, so only the change counts, never time passing.
 *
 * Telling is a comfort, never a condition: a reading that fails tells nobody, and the change
 * itself goes ahead (the action's own checks decide, after `start`).
 */
export class JourneyWatch {
  private constructor(
    private readonly read: () => Promise<JourneySnapshot>,
    private readonly before: JourneySnapshot | null,
    private readonly actorId: string,
    private readonly now: Date,
  ) {}

  static async start(read: () => Promise<JourneySnapshot>, actorId: string, now: Date): Promise<JourneyWatch> {
    const before = await read().catch(() => null);
    return new JourneyWatch(read, before, actorId, now);
  }

  /** A journey's facts before the change (undefined when it did not exist or could not be read). */
  factsBefore(journeyId: string): JourneyFacts | undefined {
    return this.before?.journeys.get(journeyId);
  }

  /**
   * The notifications the change caused beyond `others` (the action's own): each partner a step
   * opened for — unless one of `others` already sends them to that very step — and, for a sealed
   * half just written (`sealedHalf`), the other partner.
   */
  async news(
    o: { others?: readonly SpaceEvent[]; sealedHalf?: { journeyId: string; entryId: string; prompt: PromptKey } } = {},
  ): Promise<SpaceEvent[]> {
    if (!this.before) return [];
    const after = await this.read().catch(() => null);
    if (!after) return [];
    const events: SpaceEvent[] = [];
    if (o.sealedHalf) {
      const { journeyId, entryId, prompt } = o.sealedHalf;
      const [was, is] = [this.before.journeys.get(journeyId), after.journeys.get(journeyId)];
      const news = was && is ? sealedHalfNews(was, is, prompt, this.actorId) : null;
      for (const recipientId of news?.recipients ?? []) {
        events.push({
          spaceId: after.spaceId,
          notify: {
            type: news!.type,
            actorId: this.actorId,
            link: `/journeys/${journeyId}/steps/${prompt === 'what_happened' ? 1 : 3}#${prompt}-heading`,
            about: { kind: 'entry', id: entryId, journeyId, authorId: this.actorId, prompt, visibility: 'sealed' },
            membership: after.membership,
            recipientId,
            // The policy judges the pair from the journey's entries and openings as they are now.
            context: {
              entries: is!.entries.map((e) => ({ ...e, journeyId })),
              openedPairs: (is!.openedPairs ?? []).map((p) => ({ journeyId, prompt: p })),
            },
          },
        });
      }
    }
    const told = [...(o.others ?? []), ...events];
    for (const [journeyId, facts] of after.journeys) {
      for (const opening of stepOpenings(this.before.journeys.get(journeyId) ?? null, facts, this.actorId, this.now)) {
        const link = `/journeys/${journeyId}/steps/${opening.step}`;
        if (told.some((e) => tells(e, opening.accountId, this.actorId) && sameStep(e.notify!.link, link))) continue;
        events.push({
          spaceId: after.spaceId,
          notify: {
            type: 'step_opened',
            actorId: this.actorId,
            link,
            about: { kind: 'journey', id: journeyId },
            membership: after.membership,
            recipientId: opening.accountId,
          },
        });
      }
    }
    return events;
  }
}

/** Whether `event` notifies `accountId` (its one recipient, or every partner but the actor). */
function tells(event: SpaceEvent, accountId: string, actorId: string): boolean {
  const n = event.notify;
  if (!n) return false;
  return n.recipientId !== undefined ? n.recipientId === accountId : accountId !== actorId && n.membership.partnerIds.includes(accountId);
}

/** `link` goes to the step page `step` (with or without a place on it). */
const sameStep = (link: string, step: string): boolean => link === step || link.startsWith(`${step}#`) || link.startsWith(`${step}?`);
