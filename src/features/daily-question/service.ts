import { itemById, type DailyItem, type DailyLibrary, type Phase } from '../../core/daily-question/library.js';
import { phaseOf, type JourneyReach } from '../../core/daily-question/phase.js';
import { questionOfDay, RECENT_DAYS } from '../../core/daily-question/choose.js';
import { pairView, type DailyHalf, type PartnerHalf } from '../../core/daily-question/pair.js';
import { addDays, isIsoDate, localDate } from '../../core/time.js';
import { fail, refuse } from '../../platform/errors.js';
import { newId } from '../../platform/db/ids.js';
import type { Clock } from '../../platform/clock.js';
import { spaceView, type SpaceService, type SpaceView } from '../spaces/index.js';
import type { DailyAnswerStore, StoredAnswer } from './store.js';

/** The longest answer: a few honest sentences, not an essay. */
export const ANSWER_MAX = 2000;

/** How many earlier days the question page lists before a link to older ones. */
export const EARLIER_DAYS = 30;

/** Who is asking: the question of the day is the day in their own time zone. */
export interface DailyActor {
  id: string;
  timezone: string;
}

/** A day's question as one partner sees it. */
export interface DailyQuestionView {
  spaceId: string;
  day: string;
  /** 'pair' when two partners share the space; 'solo' for one person alone (private reflections). */
  mode: 'pair' | 'solo';
  question: DailyItem;
  own: { state: 'answered' | 'skipped'; text: string | null; at: string } | null;
  /** Both answered: the pair is open to both. Always false in solo mode. */
  open: boolean;
  /** The other partner: nothing, only that they answered (sealed), or their answer (open). */
  partners: Array<PartnerHalf & { displayName: string }>;
}

/** What the space's home page offers after the day's check-in; null: nothing (not a partner, no check-in yet, or skipped). */
export interface DailyOffer {
  day: string;
  mode: 'pair' | 'solo';
  state: 'waiting' | 'answered' | 'open';
}

/**
 * The daily question (issue #25): one small question or exercise a day, chosen by the couple's
 * phase of repair, answered by each partner privately; both answers open together once both
 * answered (the sealed-pair rule). For a person alone, a reflective question only they read.
 * Only the partners of a space use it: a therapist is refused, a stranger gets 404. Nothing here
 * notifies anyone (docs/daily-question.md): no notification, no count; an answer for two only
 * refreshes the partners' open question pages (actions.ts).
 */
export class DailyQuestionService {
  constructor(
    private readonly deps: {
      answers: DailyAnswerStore;
      spaces: SpaceService;
      clock: Clock;
      library: () => DailyLibrary;
      /** The space's journeys as the phase rule reads them. */
      journeys: (actor: DailyActor, spaceId: string) => Promise<JourneyReach[]>;
      /** Whether the person checked in to the space on the day. */
      checkedIn: (accountId: string, spaceId: string, day: string) => Promise<boolean>;
    },
  ) {}

  today(actor: Pick<DailyActor, 'timezone'>): string {
    return localDate(this.deps.clock.now(), actor.timezone);
  }

  private async partnerView(actor: DailyActor, spaceId: string): Promise<SpaceView> {
    const view = await spaceView(this.deps.spaces, actor.id, spaceId);
    if (!view.isPartner) refuse('partners_only');
    return view;
  }

  private async phase(actor: DailyActor, spaceId: string): Promise<Phase> {
    return phaseOf(await this.deps.journeys(actor, spaceId));
  }

  /**
   * The question of the day: once anyone in the space answered or skipped that day's question for
   * two (or, alone, the person their own), that one; otherwise the day's choice by the phase.
   */
  private async questionFor(
    actor: DailyActor,
    view: SpaceView,
    day: string,
    mode: 'pair' | 'solo',
    halves: StoredAnswer[],
  ): Promise<DailyItem> {
    const library = this.deps.library();
    const fixed = halves.find((h) => (mode === 'pair' ? h.visibility === 'sealed' : h.visibility === 'private' && h.authorId === actor.id));
    const known = fixed ? itemById(library, fixed.questionId) : undefined;
    if (known) return known;
    const recent = await this.deps.answers.questionsSince(view.space.id, addDays(day, -RECENT_DAYS));
    const chosen = questionOfDay({
      // A couple shares the day's question; a person alone walks their own order.
      seed: mode === 'pair' ? view.space.id : `${view.space.id}:${actor.id}`,
      day,
      phase: await this.phase(actor, view.space.id),
      items: mode === 'pair' ? library.couple : library.solo,
      recent,
    });
    if (!chosen) throw new Error('The daily question library has no item for this phase.');
    return chosen;
  }

  private modeOf(view: SpaceView): 'pair' | 'solo' {
    return view.partnerIds.length >= 2 ? 'pair' : 'solo';
  }

  private async viewOf(actor: DailyActor, view: SpaceView, day: string): Promise<DailyQuestionView> {
    const mode = this.modeOf(view);
    const halves = await this.deps.answers.ofDay(view.space.id, day);
    const question = await this.questionFor(actor, view, day, mode, halves);
    if (mode === 'solo') {
      const mine = halves.find((h) => h.authorId === actor.id && h.visibility === 'private');
      return { spaceId: view.space.id, day, mode, question, own: mine ? ownOf(mine) : null, open: false, partners: [] };
    }
    const pair = pairView(
      actor.id,
      view.partnerIds,
      halves.filter((h) => h.visibility === 'sealed' && h.questionId === question.id),
    );
    const names = new Map(view.space.members.map((m) => [m.accountId, m.displayName]));
    return {
      spaceId: view.space.id,
      day,
      mode,
      question,
      own: pair.own ? ownOf(pair.own) : null,
      open: pair.open,
      partners: pair.partners.map((p) => ({ ...p, displayName: names.get(p.accountId) ?? 'Your partner' })),
    };
  }

  /** Today's question, as the partner sees it. */
  async todays(actor: DailyActor, spaceId: string): Promise<DailyQuestionView> {
    const view = await this.partnerView(actor, spaceId);
    return this.viewOf(actor, view, this.today(actor));
  }

  /** An earlier day's question, when the viewer answered or skipped it (404 otherwise: there is nothing of theirs to read). */
  async ofDay(actor: DailyActor, spaceId: string, day: string): Promise<DailyQuestionView> {
    if (!isIsoDate(day) || day > this.today(actor)) fail('not_found');
    const view = await this.partnerView(actor, spaceId);
    const halves = await this.deps.answers.ofDay(view.space.id, day);
    if (!halves.some((h) => h.authorId === actor.id)) fail('not_found');
    return this.viewOf(actor, view, day);
  }

  /**
   * The days before `before` (today when absent) the person answered, newest first, `limit` of
   * them, and whether there are older ones. Their own days only: a day the partner alone answered
   * has nothing of theirs to read back.
   */
  async earlierDays(
    actor: DailyActor,
    spaceId: string,
    before: string | undefined,
    limit = EARLIER_DAYS,
  ): Promise<{ days: string[]; more: boolean }> {
    if (before !== undefined && !isIsoDate(before)) fail('not_found');
    const view = await this.partnerView(actor, spaceId);
    const days = await this.deps.answers.answeredDays(actor.id, view.space.id, before ?? this.today(actor), limit + 1);
    return { days: days.slice(0, limit), more: days.length > limit };
  }

  private async write(actor: DailyActor, spaceId: string, questionId: string, state: 'answered' | 'skipped', raw: string | null) {
    const view = await this.partnerView(actor, spaceId);
    const day = this.today(actor);
    const before = await this.viewOf(actor, view, day);
    const text = raw === null ? null : raw.replace(/\r\n?/g, '\n').trim();
    if (state === 'answered') {
      if (!text) fail('invalid_input', { text: 'Write your answer, or skip today’s question.' });
      if ([...text].length > ANSWER_MAX) fail('invalid_input', { text: `Keep it to ${ANSWER_MAX} characters.` });
    }
    if (questionId !== before.question.id)
      fail('invalid_input', { questionId: 'Today’s question changed since the page was drawn. Here it is now.' });
    if (before.own?.state === 'answered')
      fail('invalid_input', { text: 'You answered today’s question already. An answer is kept as written.' });
    await this.deps.answers.put({
      id: newId(),
      spaceId: view.space.id,
      accountId: actor.id,
      day,
      questionId,
      visibility: before.mode === 'pair' ? 'sealed' : 'private',
      state,
      text: state === 'answered' ? text : null,
      now: this.deps.clock.now().toISOString(),
    });
    return this.viewOf(actor, view, day);
  }

  /** The partner's answer to today's question. Final once written; the pair opens when both answered. */
  answer(actor: DailyActor, spaceId: string, questionId: string, text: string): Promise<DailyQuestionView> {
    return this.write(actor, spaceId, questionId, 'answered', text);
  }

  /** Leaves today's question: nobody learns of it, and the question can still be answered today. */
  skip(actor: DailyActor, spaceId: string, questionId: string): Promise<DailyQuestionView> {
    return this.write(actor, spaceId, questionId, 'skipped', null);
  }

  /**
   * What the space's home offers: only to a partner who checked in today — the question comes
   * after the check-in, never before it and never instead of it — and nothing once they skipped.
   */
  async offer(actor: DailyActor, spaceId: string): Promise<DailyOffer | null> {
    const view = await spaceView(this.deps.spaces, actor.id, spaceId);
    if (!view.isPartner) return null;
    const day = this.today(actor);
    if (!(await this.deps.checkedIn(actor.id, spaceId, day))) return null;
    const today = await this.viewOf(actor, view, day);
    if (today.own?.state === 'skipped') return null;
    return { day, mode: today.mode, state: today.open ? 'open' : today.own ? 'answered' : 'waiting' };
  }

  /**
   * A person's daily questions in a space for their export: their own answers (and skips), with
   * the partner's half of each pair that opened, nothing of a pair still sealed. A therapist's
   * export has none (they are not asked daily questions and read none).
   */
  async history(actor: DailyActor, spaceId: string): Promise<DailyQuestionView[]> {
    const view = await spaceView(this.deps.spaces, actor.id, spaceId);
    if (!view.isPartner) return [];
    const own = await this.deps.answers.ownInSpace(actor.id, spaceId);
    const all = await this.deps.answers.ofDays(spaceId, [...new Set(own.map((a) => a.day))]);
    const library = this.deps.library();
    return own.flatMap((mine): DailyQuestionView[] => {
      const question = itemById(library, mine.questionId);
      if (!question) return [];
      if (mine.visibility === 'private')
        return [{ spaceId, day: mine.day, mode: 'solo', question, own: ownOf(mine), open: false, partners: [] }];
      const halves = all.filter((h) => h.day === mine.day && h.visibility === 'sealed' && h.questionId === mine.questionId);
      const authors = [...new Set([actor.id, ...halves.map((h) => h.authorId)])];
      const pair = pairView(actor.id, authors, halves);
      const names = new Map(view.space.members.map((m) => [m.accountId, m.displayName]));
      return [
        {
          spaceId,
          day: mine.day,
          mode: 'pair',
          question,
          own: ownOf(mine),
          open: pair.open,
          // In an export only an opened half is the partner's to include; a sealed one is left out entirely.
          partners: pair.partners
            .filter((p) => p.state === 'open')
            .map((p) => ({ ...p, displayName: names.get(p.accountId) ?? 'Your partner' })),
        },
      ];
    });
  }
}

const ownOf = (h: DailyHalf): NonNullable<DailyQuestionView['own']> => ({ state: h.state, text: h.text, at: h.at });
