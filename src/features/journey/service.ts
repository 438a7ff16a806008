import {
  ABSENT_PARTNER,
  PROMPTS,
  assembleApology,
  canChangeEntryVisibility,
  canDeferQuestion,
  canDeleteEntry,
  canDeliverApology,
  canRespondToApology,
  canWriteEntry,
  isAfterCheating,
  transparencyOffered,
  isStepOpenFor,
  journeyStatus,
  openingToRecord,
  removedHalves,
  missingApologyParts,
  questionState,
  journeyTimeline,
  cameOutProblem,
  occurredProblem,
  OLDEST_YEARS,
  triggerState,
  validateApologyResponse,
  APOLOGY_MISSING_WORDS_MAX,
  wasHurt,
  type ApologyParts,
  type BreachKind,
  type DeferRefusal,
  type EntryRefusal,
  type ApologyRefusal,
  type JourneyStatus,
  type PromptKey,
  type QuestionState,
  type JourneyTimeline,
  type TriggerState,
} from '../../core/journey/index.js';
import { localDate } from '../../core/time.js';
import { FIRST_PAGE, type Page, type PageRequest } from '../../core/paging/cursor.js';
import {
  canSeeBreachDescription,
  chosenVisibility,
  entryReach,
  filterVisible,
  textAccess,
  type SealedStub,
  type SpaceMembership,
  type Viewer,
  type Visibility,
  VISIBILITY_NOT_CHOSEN,
} from '../../core/visibility/index.js';
import { fail, refuse, type ErrorDetails } from '../../platform/errors.js';
import { newId } from '../../platform/db/ids.js';
import type { Apology, ApologyResponse } from './apologies-store.js';
import type { Entry } from './entries-store.js';
import type { Breach, Journey } from './store.js';
import type { FormerPartner, SpaceStore } from '../spaces/index.js';
import type { Clock } from '../../platform/clock.js';
import { formerIds, loadJourney, loadRuleFacts, type JourneyStores, type LoadedJourney } from './facts.js';
import { membershipOf, requirePartner, spaceAccess, type Actor, type SpaceAccess } from './access.js';
import type { EntryFact, JourneyFacts } from '../../core/journey/index.js';
import { JourneyWatch, type JourneySnapshot } from './watch.js';

export { JOURNEY_KEY } from './store.js';
export { ENTRY_KEY } from './entries-store.js';
export { APOLOGY_KEY } from './apologies-store.js';

/** Who may be told about a change to a journey, read without opening any text. */
export interface JourneyAudience {
  spaceId: string;
  membership: SpaceMembership;
  entries: EntryFact[];
}

export const ENTRY_TEXT_MAX = 10_000;
export const APOLOGY_TEXT_MAX = 20_000;
export const DESCRIPTION_MAX = 10_000;
/** Each part of the apology builder; the API's schema says the same. */
export const APOLOGY_PART_MAX = 5_000;

/**
 * The builder's parts that are too long, by field, in the words shown beside each box. Counted
 * in characters as the API's schema counts them (code points, not UTF-16 units).
 */
export function apologyPartProblems(parts: ApologyParts): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const [component, value] of Object.entries(parts)) {
    const length = [...(value ?? '')].length;
    if (length > APOLOGY_PART_MAX) {
      problems[`parts.${component}`] =
        `Use at most ${APOLOGY_PART_MAX.toLocaleString('en-GB')} characters for this part; it has ${length.toLocaleString('en-GB')}.`;
    }
  }
  return problems;
}

// ---- views: exactly what one viewer may see ---------------------------------------------------

/** A breach as one viewer sees it: `description` is null when there is none or it is not theirs to read. */
export type BreachView = Omit<Breach, 'spaceId'>;

export interface JourneySummary {
  id: string;
  spaceId: string;
  breachId: string;
  kind: BreachKind;
  openedAt: string;
  closedAt: string | null;
  steps: JourneyStatus['steps'];
}

export interface JourneyView extends JourneySummary {
  breach: BreachView;
  status: JourneyStatus;
  timeline: JourneyTimeline;
  questions: Array<{ id: string; state: QuestionState; until: string | null }>;
  triggers: Array<{ id: string; state: TriggerState }>;
  /** Sealed pairs that have opened, and whose halves their authors removed since (null: a deleted account). */
  openedPairs: Array<{ prompt: PromptKey; openedAt: string; removedBy: Array<string | null> }>;
}

/** An entry the viewer may read in full (the stored entry without its last-edit time). */
export type EntryView = Omit<Entry, 'updatedAt'>;

export type EntryOrStub = EntryView | SealedStub;

export type ApologyResponseView = ApologyResponse;

/** A delivered apology with the answers to it. */
export interface ApologyView extends Apology {
  responses: ApologyResponseView[];
}

export interface BreachInput {
  kind: BreachKind;
  brokeTrust: string[];
  occurredOn?: string | undefined;
  cameOut?: 'disclosed' | 'discovered' | undefined;
  /** `YYYY-MM-DD`, or `YYYY-MM` when only the month is known. */
  cameOutOn?: string | undefined;
  hurt?: number | undefined;
  description?: { text: string; visibility: Visibility } | undefined;
}

export interface EntryInput {
  prompt: PromptKey;
  text: string;
  visibility?: Visibility | undefined;
  replyTo?: string | null | undefined;
}

// ---- refusals → errors, in words a person can act on --------------------------------------------

function entryRefusal(reason: EntryRefusal, prompt: PromptKey): never {
  const rule = PROMPTS[prompt];
  switch (reason) {
    case 'not_a_partner':
      return refuse('partners_only');
    case 'wrong_role':
      return fail(
        'forbidden',
        undefined,
        rule.writer === 'hurt' ? 'This is written by the partner who was hurt.' : 'This is written by the partner who broke trust.',
      );
    case 'only_after_cheating':
      return fail('invalid_input', { prompt: 'This exercise is part of journeys after an affair.' });
    case 'step_locked':
      return fail('step_locked');
    case 'visibility_not_allowed':
      return fail('invalid_input', { visibility: `Choose ${rule.visibilities.join(' or ')} for this.` });
    case 'already_written':
      return refuse('entry_already_written');
    case 'reply_required':
      return fail('invalid_input', { replyTo: 'Say which entry this replies to.' });
    case 'reply_target_invalid':
      return fail('invalid_input', { replyTo: 'This can only reply to your partner’s shared entry of the matching kind.' });
    case 'not_author':
      return refuse('author_only');
    case 'visibility_change_not_allowed':
      return fail('conflict', { visibility: 'A private entry can become shared, but not the other way round. You can delete it instead.' });
  }
}

function apologyRefusal(reason: ApologyRefusal): never {
  switch (reason) {
    case 'not_a_partner':
      return refuse('partners_only');
    case 'did_not_break_trust':
      return refuse('apology_offered_by_breaker');
    case 'step_locked':
      return fail('step_locked');
    case 'not_found':
      return fail('not_found');
    case 'not_delivered':
      return refuse('apology_not_delivered');
    case 'own_apology':
      return refuse('apology_answered_by_recipient');
    case 'already_answered':
      return refuse('apology_already_answered');
  }
}

function deferRefusal(reason: DeferRefusal): never {
  switch (reason) {
    case 'only_after_cheating':
    case 'not_found':
      return fail('not_found');
    case 'not_a_partner':
    case 'own_question':
    case 'did_not_break_trust':
      return refuse('question_answered_by_asked');
    case 'already_answered':
      return refuse('question_already_answered');
    case 'already_deferred':
      return refuse('question_already_dated');
    case 'invalid_date':
      return fail('invalid_input', { until: 'Enter a real date, like 2025-03-31.' });
    case 'in_the_past':
      return fail('invalid_input', { until: 'Choose a date from today on.' });
  }
}

/**
 * What is wrong with the day it happened and the day it came out, said beside each (issue #20).
 * The breach form asks too, so its other problems never hide these: all are said at once.
 */
export function dateProblems(occurredOn: string | null, cameOutOn: string | null, today: string): Record<string, string> {
  const out: Record<string, string> = {};
  const happened = occurredOn === null ? null : occurredProblem(occurredOn, today);
  if (happened === 'invalid') out.occurredOn = 'Enter a real date, like 2025-03-31.';
  else if (happened === 'in_the_future') out.occurredOn = 'Enter a date that is not in the future.';
  else if (happened === 'too_old') out.occurredOn = `Enter a date in the last ${OLDEST_YEARS} years.`;
  const cameOut = cameOutOn === null ? null : cameOutProblem(cameOutOn, today, happened === null ? occurredOn : null);
  if (cameOut === 'invalid') out.cameOutOn = 'Enter a real date, or just the month and year.';
  else if (cameOut === 'in_the_future') out.cameOutOn = 'Enter a date that is not in the future.';
  else if (cameOut === 'too_old') out.cameOutOn = `Enter a date in the last ${OLDEST_YEARS} years.`;
  else if (cameOut === 'before_it_happened') out.cameOutOn = 'It cannot have come out before it happened. Check both dates.';
  return out;
}

// ---- the service ------------------------------------------------------------------------------

export class JourneyService {
  constructor(private readonly deps: JourneyStores & { spaces: SpaceStore; clock: Clock }) {}

  private now(): Date {
    return this.deps.clock.now();
  }

  private today(actor: Actor): string {
    return localDate(this.now(), actor.timezone);
  }

  /** The journey and the caller's access to it; `not_found` for anyone it is not visible to. */
  async load(actor: Actor, journeyId: string): Promise<{ access: SpaceAccess; loaded: LoadedJourney; former: FormerPartner[] }> {
    const found = await this.deps.journeys.byId(journeyId);
    if (!found) fail('not_found');
    const access = await spaceAccess(this.deps.spaces, actor.id, found.journey.spaceId);
    const former = await this.deps.spaces.formerPartners(access.space.id);
    const loaded = await loadJourney(this.deps, found.journey, found.breach, access.partnerIds, formerIds(former));
    return { access, loaded, former };
  }

  // ---- breaches and journeys --------------------------------------------------------------

  async recordBreach(actor: Actor, spaceId: string, input: BreachInput): Promise<{ breach: BreachView; journey: JourneyView }> {
    const access = await spaceAccess(this.deps.spaces, actor.id, spaceId);
    requirePartner(access);
    const details: Record<string, string> = {};
    const solo = access.partnerIds.length < 2;
    const ids = input.brokeTrust;
    if (ids.length === 0) details.brokeTrust = 'Choose who broke trust.';
    else if (new Set(ids).size !== ids.length) details.brokeTrust = 'Name each partner once.';
    else if (ids.some((id) => !access.partnerIds.includes(id) && !(solo && id === ABSENT_PARTNER))) {
      details.brokeTrust = 'Choose partners of this space.';
    }
    Object.assign(details, dateProblems(input.occurredOn ?? null, input.cameOutOn ?? null, this.today(actor)));
    if (input.hurt !== undefined && (!Number.isInteger(input.hurt) || input.hurt < 1 || input.hurt > 5)) {
      details.hurt = 'Choose a number from 1 to 5.';
    }
    let description: Breach['description'] = null;
    if (input.description !== undefined) {
      const text = input.description.text.trim();
      if (input.description.visibility === 'sealed') details.description = 'A description is private or shared.';
      else if (text.length > DESCRIPTION_MAX) details.description = `Use at most ${DESCRIPTION_MAX} characters.`;
      else if (text !== '') description = { text, visibility: input.description.visibility };
    }
    if (Object.keys(details).length > 0) fail('invalid_input', details);
    const now = this.now().toISOString();
    const breach: Breach = {
      id: newId(),
      spaceId,
      kind: input.kind,
      brokeTrust: [...ids],
      occurredOn: input.occurredOn ?? null,
      cameOut: input.cameOut ?? null,
      cameOutOn: input.cameOutOn ?? null,
      hurt: input.hurt ?? null,
      description,
      recordedBy: actor.id,
      recordedAt: now,
    };
    const journey: Journey = { id: newId(), spaceId, breachId: breach.id, openedAt: now, closedAt: null };
    await this.deps.journeys.create(breach, journey);
    const view = await this.journey(actor, journey.id);
    return { breach: view.breach, journey: view };
  }

  /**
   * Corrects when the breach happened or came out (issue #20): either partner may, since both
   * live with the date the journey's time counts from; a therapist may not. A key left out keeps
   * its date; null clears it. The same bounds as when it was recorded.
   */
  async correctDates(
    actor: Actor,
    journeyId: string,
    input: { occurredOn?: string | null | undefined; cameOutOn?: string | null | undefined },
  ): Promise<JourneyView> {
    const { access, loaded } = await this.load(actor, journeyId);
    requirePartner(access);
    const occurredOn = input.occurredOn === undefined ? loaded.breach.occurredOn : input.occurredOn;
    const cameOutOn = input.cameOutOn === undefined ? loaded.breach.cameOutOn : input.cameOutOn;
    const details = dateProblems(occurredOn, cameOutOn, this.today(actor));
    if (Object.keys(details).length > 0) fail('invalid_input', details);
    await this.deps.journeys.correctDates(loaded.breach.id, { occurredOn, cameOutOn });
    return this.journey(actor, journeyId);
  }

  /** Every journey of the space, newest first, with its steps as the caller sees them. */
  async list(actor: Actor, spaceId: string): Promise<JourneySummary[]> {
    const access = await spaceAccess(this.deps.spaces, actor.id, spaceId);
    const all = await this.deps.journeys.listForSpace(spaceId);
    const former = formerIds(await this.deps.spaces.formerPartners(spaceId));
    const out: JourneySummary[] = [];
    for (const { journey, breach } of all) {
      const loaded = await loadJourney(this.deps, journey, breach, access.partnerIds, former);
      out.push(this.summary(access, loaded));
    }
    return out;
  }

  /** One page of the space's journeys, newest first (the API's list; pages and the export read `list`). */
  async page(actor: Actor, spaceId: string, at: PageRequest = FIRST_PAGE): Promise<Page<JourneySummary>> {
    const access = await spaceAccess(this.deps.spaces, actor.id, spaceId);
    const page = await this.deps.journeys.page(spaceId, at.after, at.size);
    const former = formerIds(await this.deps.spaces.formerPartners(spaceId));
    const items: JourneySummary[] = [];
    for (const { journey, breach } of page.items)
      items.push(this.summary(access, await loadJourney(this.deps, journey, breach, access.partnerIds, former)));
    return { items, next: page.next };
  }

  private summary(access: SpaceAccess, loaded: LoadedJourney): JourneySummary {
    const status = journeyStatus(loaded.facts, access.viewer.accountId, this.now());
    const { journey, breach } = loaded;
    return {
      id: journey.id,
      spaceId: journey.spaceId,
      breachId: breach.id,
      kind: breach.kind,
      openedAt: journey.openedAt,
      closedAt: journey.closedAt,
      steps: status.steps,
    };
  }

  breachView(viewer: Viewer, breach: Breach): BreachView {
    const description =
      breach.description &&
      breach.recordedBy !== null &&
      canSeeBreachDescription(viewer, { id: breach.id, authorId: breach.recordedBy, visibility: breach.description.visibility }) === 'full'
        ? breach.description
        : null;
    return {
      id: breach.id,
      kind: breach.kind,
      brokeTrust: breach.brokeTrust,
      occurredOn: breach.occurredOn,
      cameOut: breach.cameOut,
      cameOutOn: breach.cameOutOn,
      hurt: breach.hurt,
      description,
      recordedBy: breach.recordedBy,
      recordedAt: breach.recordedAt,
    };
  }

  view(actor: Actor, access: SpaceAccess, loaded: LoadedJourney): JourneyView {
    const now = this.now();
    const status = journeyStatus(loaded.facts, access.viewer.accountId, now);
    const today = this.today(actor);
    const after = isAfterCheating(loaded.breach.kind);
    // Questions and triggers are always shared; only shared ones are listed (fail closed).
    const shared = loaded.facts.entries.filter((e) => e.visibility === 'shared');
    return {
      ...this.summary(access, loaded),
      breach: this.breachView(access.viewer, loaded.breach),
      status,
      timeline: journeyTimeline(
        {
          cameOutOn: loaded.breach.cameOutOn,
          recordedOn: localDate(new Date(loaded.journey.openedAt), actor.timezone),
        },
        today,
        loaded.breach.kind,
      ),
      questions: after
        ? shared
            .filter((e) => e.prompt === 'question')
            .map((q) => ({
              id: q.id,
              state: questionState(loaded.facts, q.id, today),
              until: loaded.facts.deferrals.find((d) => d.questionId === q.id)?.until ?? null,
            }))
        : [],
      triggers: after
        ? shared.filter((e) => e.prompt === 'trigger').map((t) => ({ id: t.id, state: triggerState(loaded.facts, t.id) }))
        : [],
      openedPairs: loaded.openings.map((o) => ({
        prompt: o.prompt as PromptKey,
        openedAt: o.openedAt,
        removedBy: removedHalves(loaded.entries, o),
      })),
    };
  }

  async journey(actor: Actor, journeyId: string): Promise<JourneyView> {
    const { access, loaded } = await this.load(actor, journeyId);
    return this.view(actor, access, loaded);
  }

  // ---- entries ----------------------------------------------------------------------------

  /** Only what the viewer may see: sealed entries they may not open yet as stubs. */
  visibleEntries(viewer: Viewer, loaded: Pick<LoadedJourney, 'entries' | 'openings'>): EntryOrStub[] {
    const subjects = loaded.entries.map((e) => ({ ...e, kind: 'entry' as const }));
    return filterVisible(viewer, subjects, { entries: [], openedPairs: loaded.openings }).map((item) =>
      'sealed' in item ? item : entryView(item),
    );
  }

  async entries(actor: Actor, journeyId: string): Promise<{ spaceId: string; entries: EntryOrStub[] }> {
    const { access, loaded } = await this.load(actor, journeyId);
    return { spaceId: access.space.id, entries: this.visibleEntries(access.viewer, loaded) };
  }

  /**
   * One page of the entries the caller may see, newest first. What they may see is decided in the
   * query (core/visibility/entry-reach.ts) from the journey's facts, which hold no text; the page
   * then passes through the same filter as the whole list, which makes unopened halves stubs.
   */
  async entriesPage(actor: Actor, journeyId: string, at: PageRequest = FIRST_PAGE): Promise<{ spaceId: string; page: Page<EntryOrStub> }> {
    const head = await this.deps.facts.head(journeyId);
    if (!head) fail('not_found');
    const access = await spaceAccess(this.deps.spaces, actor.id, head.journey.spaceId);
    const [facts, openings] = await Promise.all([this.deps.facts.entries(journeyId), this.deps.sealedPairs.forJourney(journeyId)]);
    const entries = facts.map((e) => ({ ...e, journeyId }));
    const reach = entryReach(access.viewer, journeyId, entries, openings);
    if (!reach) fail('not_found');
    const page = await this.deps.entries.page(journeyId, reach, at.after, at.size);
    const subjects = page.items.map((e) => ({ ...e, kind: 'entry' as const }));
    const items = filterVisible(access.viewer, subjects, { entries, openedPairs: openings }).map((item) =>
      'sealed' in item ? item : entryView(item),
    );
    return { spaceId: access.space.id, page: { items, next: page.next } };
  }

  /**
   * Records a sealed pair's opening once both halves stand (read without any text). Called after
   * a half is saved — of two partners saving at the same moment, the later one's read sees both —
   * and again before a half is deleted, so a pair that opened is never lost to a deletion.
   */
  private async recordOpening(journeyId: string, prompt: PromptKey): Promise<void> {
    const [entries, openings] = await Promise.all([this.deps.facts.entries(journeyId), this.deps.sealedPairs.forJourney(journeyId)]);
    const opening = openingToRecord(
      entries.map((e) => ({ ...e, journeyId })),
      prompt,
      journeyId,
      openings,
    );
    if (opening) await this.deps.sealedPairs.record(opening);
  }

  /** Checks the entry against the journey's facts only (no text is read), then stores it. */
  async writeEntry(actor: Actor, journeyId: string, input: EntryInput): Promise<EntryView> {
    const head = await this.deps.facts.head(journeyId);
    if (!head) fail('not_found');
    const access = await spaceAccess(this.deps.spaces, actor.id, head.journey.spaceId);
    requirePartner(access);
    const rule = PROMPTS[input.prompt];
    // Nobody's words are shared, or kept back, by a default: the author answers (or has no choice).
    const visibility = chosenVisibility(rule.visibilities, input.visibility);
    const text = input.text.trim();
    const details: ErrorDetails = {};
    if (text === '') details.text = 'Write something before saving.';
    else if (text.length > ENTRY_TEXT_MAX) details.text = `Use at most ${ENTRY_TEXT_MAX} characters.`;
    if (details.text) fail('invalid_input', visibility === null ? { ...details, visibility: VISIBILITY_NOT_CHOSEN } : details);
    const replyTo = input.replyTo ?? null;
    const former = formerIds(await this.deps.spaces.formerPartners(access.space.id));
    const facts = await loadRuleFacts(this.deps, head, access.partnerIds, former);
    // Whether this person may write this at all is said first (403, 409), then the missing choice:
    // the rules are asked with an allowed visibility, which is all they need to answer that.
    const may = canWriteEntry(
      facts,
      actor.id,
      { prompt: input.prompt, visibility: visibility ?? rule.visibilities[0]!, replyTo },
      this.now(),
    );
    if (!may.ok) entryRefusal(may.reason, input.prompt);
    if (visibility === null) fail('invalid_input', { visibility: VISIBILITY_NOT_CHOSEN });
    const now = this.now().toISOString();
    const entry: Entry = {
      id: newId(),
      journeyId,
      prompt: input.prompt,
      authorId: actor.id,
      visibility,
      text,
      replyTo,
      createdAt: now,
      updatedAt: now,
    };
    if (!(await this.deps.entries.insert(entry))) entryRefusal('already_written', input.prompt);
    if (visibility === 'sealed') await this.recordOpening(journeyId, input.prompt);
    return entryView(entry);
  }

  /**
   * What a just-written entry may tell the space's live pages, read from the facts only (no text
   * is opened): a shared entry is news at once; a sealed one only when it opened its pair; a
   * private one, or a sealed half still waiting, is nothing — not even that it exists.
   */
  async entryNews(
    actor: Actor,
    entry: Pick<EntryView, 'id' | 'journeyId' | 'prompt' | 'visibility' | 'authorId'>,
  ): Promise<{ spaceId: string; kind: 'journey_entry' | 'entries_revealed' } | null> {
    if (entry.visibility === 'private') return null;
    const head = await this.deps.facts.head(entry.journeyId);
    if (!head) return null;
    const access = await spaceAccess(this.deps.spaces, actor.id, head.journey.spaceId);
    requirePartner(access);
    const spaceId = head.journey.spaceId;
    if (entry.visibility === 'shared') return { spaceId, kind: 'journey_entry' };
    const entries = await this.deps.facts.entries(entry.journeyId);
    const own = entries.some((e) => e.id === entry.id && e.authorId === actor.id && e.visibility === 'sealed');
    const other = entries.some((e) => e.prompt === entry.prompt && e.visibility === 'sealed' && e.authorId !== actor.id);
    // A half written again into a pair that opened before is read at once, as a shared entry is.
    const opened = !other && (await this.deps.sealedPairs.forJourney(entry.journeyId)).some((o) => o.prompt === entry.prompt);
    return own && (other || opened) ? { spaceId, kind: 'entries_revealed' } : null;
  }

  /** The journey's space, its membership and its entries' facts (no text), for telling people of a change. */
  async audience(actor: Actor, journeyId: string): Promise<JourneyAudience> {
    const head = await this.deps.facts.head(journeyId);
    if (!head) fail('not_found');
    const access = await spaceAccess(this.deps.spaces, actor.id, head.journey.spaceId);
    return { spaceId: access.space.id, membership: membershipOf(access), entries: await this.deps.facts.entries(journeyId) };
  }

  /**
   * The rules' facts (no text) of one journey or of every journey of a space, with the space's
   * membership and each journey's opened pairs, for the caller who belongs to the space.
   */
  async snapshot(actor: Actor, scope: { journeyId: string } | { spaceId: string }): Promise<JourneySnapshot> {
    const heads =
      'journeyId' in scope
        ? [await this.deps.facts.head(scope.journeyId)]
        : await Promise.all((await this.deps.facts.journeyIds(scope.spaceId)).map((id) => this.deps.facts.head(id)));
    const spaceId = 'spaceId' in scope ? scope.spaceId : heads[0]?.journey.spaceId;
    if (spaceId === undefined) fail('not_found');
    const access = await spaceAccess(this.deps.spaces, actor.id, spaceId);
    const journeys = new Map<string, JourneyFacts>();
    for (const head of heads) {
      if (!head || head.journey.spaceId !== spaceId) continue;
      const [facts, openings] = await Promise.all([
        loadRuleFacts(this.deps, head, access.partnerIds),
        this.deps.sealedPairs.forJourney(head.journey.id),
      ]);
      journeys.set(head.journey.id, { ...facts, openedPairs: openings.map((o) => o.prompt as PromptKey) });
    }
    return { spaceId, membership: membershipOf(access), journeys };
  }

  /**
   * Starts watching a change to one journey or to a space's journeys, before it is made: its
   * `news` afterwards says whom it opened a step for, and what a sealed half tells (watch.ts).
   */
  watch(actor: Actor, scope: { journeyId: string } | { spaceId: string }): Promise<JourneyWatch> {
    return JourneyWatch.start(() => this.snapshot(actor, scope), actor.id, this.now());
  }

  /** The journey an apology belongs to, by id only (the caller's access is checked by whatever reads it next). */
  apologyJourney(apologyId: string): Promise<string | null> {
    return this.deps.apologies.journeyOf(apologyId);
  }

  /** An apology's journey, author and whether it was delivered, for the caller who may read it; null otherwise. */
  async apologyFacts(actor: Actor, apologyId: string): Promise<{ journeyId: string; authorId: string; delivered: boolean } | null> {
    const journeyId = await this.deps.apologies.journeyOf(apologyId);
    if (!journeyId) return null;
    const { access, loaded } = await this.load(actor, journeyId);
    const apology = this.visibleApologies(access.viewer, loaded).find((a) => a.id === apologyId);
    return apology ? { journeyId, authorId: apology.authorId, delivered: apology.deliveredAt !== null } : null;
  }

  /** The entry and its journey, if the caller may see at least that it exists. */
  private async entryFor(actor: Actor, entryId: string): Promise<{ entry: Entry; access: SpaceAccess; loaded: LoadedJourney }> {
    const entry = await this.deps.entries.byId(entryId);
    if (!entry) fail('not_found');
    const { access, loaded } = await this.load(actor, entry.journeyId);
    const visible = this.visibleEntries(access.viewer, loaded).some((e) => e.id === entryId);
    if (!visible) fail('not_found');
    return { entry, access, loaded };
  }

  /** The journey of an entry the caller may see (at least as a sealed stub); `not_found` otherwise. */
  async journeyOfEntry(actor: Actor, entryId: string): Promise<string> {
    const { entry } = await this.entryFor(actor, entryId);
    return entry.journeyId;
  }

  async changeVisibility(actor: Actor, entryId: string, to: Visibility): Promise<EntryView> {
    const { entry } = await this.entryFor(actor, entryId);
    const may = canChangeEntryVisibility(entry, to, actor.id);
    if (!may.ok) entryRefusal(may.reason, entry.prompt);
    if (entry.visibility !== to) {
      const changed = await this.deps.entries.setVisibility(entryId, entry.visibility, to, this.now().toISOString());
      if (!changed) fail('conflict');
    }
    return entryView({ ...entry, visibility: to });
  }

  async deleteEntry(actor: Actor, entryId: string): Promise<void> {
    const { entry } = await this.entryFor(actor, entryId);
    const may = canDeleteEntry(entry, actor.id);
    if (!may.ok) entryRefusal(may.reason, entry.prompt);
    if (entry.visibility === 'sealed') await this.recordOpening(entry.journeyId, entry.prompt);
    await this.deps.entries.delete(entryId);
  }

  // ---- step 3: the journey an agreement belongs to ------------------------------------------

  /** The journey named, or the space's newest open one, once its step 3 is open for the actor (agreements/service.ts). */
  async agreementJourney(
    access: SpaceAccess,
    actorId: string,
    journeyId: string | undefined,
    transparency = false,
  ): Promise<string | null> {
    let id = journeyId ?? null;
    if (id === null) {
      const open = (await this.deps.journeys.listForSpace(access.space.id)).find((j) => j.journey.closedAt === null);
      id = open?.journey.id ?? null;
    }
    // Transparency agreements are offered after an affair only (SPEC section 1); the page shows
    // them nowhere else, and the API holds to the same.
    const notOffered = () => fail('invalid_input', { transparency: 'A transparency agreement belongs to a journey after an affair.' });
    if (id === null) return transparency ? notOffered() : null;
    const found = await this.deps.journeys.byId(id);
    if (!found || found.journey.spaceId !== access.space.id) fail('invalid_input', { journeyId: 'Choose a journey of this space.' });
    if (transparency && !transparencyOffered(found.breach.kind)) notOffered();
    const former = formerIds(await this.deps.spaces.formerPartners(access.space.id));
    const loaded = await loadJourney(this.deps, found.journey, found.breach, access.partnerIds, former);
    if (!isStepOpenFor(loaded.facts, actorId, 'expectations', this.now())) fail('step_locked');
    return id;
  }

  // ---- step 1: acknowledging --------------------------------------------------------------

  async acknowledge(actor: Actor, journeyId: string): Promise<{ accountId: string; createdAt: string }> {
    const { access, loaded } = await this.load(actor, journeyId);
    requirePartner(access);
    const existing = loaded.facts.acknowledgements.find((a) => a.by === actor.id);
    if (existing) return { accountId: actor.id, createdAt: existing.at };
    const now = this.now().toISOString();
    await this.deps.journeys.acknowledge(journeyId, actor.id, now);
    return { accountId: actor.id, createdAt: now };
  }

  // ---- step 2: apologies ------------------------------------------------------------------

  /** Delivered apologies are read like shared text; a draft by its author only. */
  visibleApologies(viewer: Viewer, loaded: LoadedJourney): ApologyView[] {
    return loaded.apologies
      .filter((a) => textAccess(viewer, { authorId: a.authorId, visibility: a.deliveredAt !== null ? 'shared' : 'private' }) === 'full')
      .map((a) =>
        apologyView(
          a,
          loaded.responses.filter((r) => r.apologyId === a.id),
        ),
      );
  }

  async apologies(actor: Actor, journeyId: string): Promise<{ spaceId: string; apologies: ApologyView[] }> {
    const { access, loaded } = await this.load(actor, journeyId);
    return { spaceId: access.space.id, apologies: this.visibleApologies(access.viewer, loaded) };
  }

  /**
   * One page of the apologies the caller may read, newest first, with their answers: drafts are
   * left out in the query unless they are the caller's own, then the page passes the same filter.
   */
  async apologiesPage(
    actor: Actor,
    journeyId: string,
    at: PageRequest = FIRST_PAGE,
  ): Promise<{ spaceId: string; page: Page<ApologyView> }> {
    const head = await this.deps.facts.head(journeyId);
    if (!head) fail('not_found');
    const access = await spaceAccess(this.deps.spaces, actor.id, head.journey.spaceId);
    const draftsBy = access.viewer.relation === 'partner' ? access.viewer.accountId : null;
    const page = await this.deps.apologies.page(journeyId, draftsBy, at.after, at.size);
    const visible = page.items.filter(
      (a) => textAccess(access.viewer, { authorId: a.authorId, visibility: a.deliveredAt !== null ? 'shared' : 'private' }) === 'full',
    );
    const responses = await this.deps.apologies.responsesFor(visible.map((a) => a.id));
    const items = visible.map((a) =>
      apologyView(
        a,
        responses.filter((r) => r.apologyId === a.id),
      ),
    );
    return { spaceId: access.space.id, page: { items, next: page.next } };
  }

  async deliverApology(
    actor: Actor,
    journeyId: string,
    input: { text?: string | undefined; parts?: ApologyParts | undefined },
  ): Promise<ApologyView> {
    const { access, loaded } = await this.load(actor, journeyId);
    requirePartner(access);
    const may = canDeliverApology(loaded.facts, actor.id, this.now());
    if (!may.ok) apologyRefusal(may.reason);
    let text: string;
    let parts: ApologyParts | null = null;
    if (input.parts !== undefined) {
      const missing = missingApologyParts(input.parts);
      const problems = {
        ...Object.fromEntries(missing.map((c) => [`parts.${c}`, 'Write a few words for this part.'])),
        ...apologyPartProblems(input.parts),
      };
      if (Object.keys(problems).length > 0) fail('invalid_input', problems);
      parts = Object.fromEntries(
        Object.entries(input.parts)
          .map(([k, v]) => [k, (v ?? '').trim()])
          .filter(([, v]) => v !== ''),
      ) as ApologyParts;
      text = assembleApology(parts);
    } else {
      text = (input.text ?? '').trim();
      if (text === '') fail('invalid_input', { text: 'Write your apology before delivering it.' });
    }
    if (text.length > APOLOGY_TEXT_MAX) fail('invalid_input', { text: `Use at most ${APOLOGY_TEXT_MAX} characters.` });
    const now = this.now().toISOString();
    const apology: Apology = { id: newId(), journeyId, authorId: actor.id, text, parts, createdAt: now, deliveredAt: now };
    await this.deps.apologies.insert(apology);
    return apologyView(apology, []);
  }

  async respondToApology(
    actor: Actor,
    apologyId: string,
    input: { received?: unknown; sincere?: unknown; missing?: unknown; missingWords?: unknown },
  ): Promise<ApologyResponseView> {
    const journeyId = await this.deps.apologies.journeyOf(apologyId);
    if (journeyId === null) fail('not_found');
    const { access, loaded } = await this.load(actor, journeyId);
    // An apology the caller may not read does not exist for them.
    if (!this.visibleApologies(access.viewer, loaded).some((a) => a.id === apologyId)) fail('not_found');
    requirePartner(access);
    const may = canRespondToApology(loaded.facts, apologyId, actor.id);
    if (!may.ok) apologyRefusal(may.reason);
    const valid = validateApologyResponse(input);
    if (!valid.ok) {
      fail('invalid_input', Object.fromEntries(valid.errors.map((e) => [e.field, responseMessage(e.field)])));
    }
    const response: ApologyResponse = {
      id: newId(),
      apologyId,
      by: actor.id,
      received: true,
      sincere: valid.value.sincere ?? null,
      missing: [...valid.value.missing],
      missingWords: valid.value.missingWords ?? null,
      createdAt: this.now().toISOString(),
    };
    if (!(await this.deps.apologies.insertResponse(response))) apologyRefusal('already_answered');
    return response;
  }

  // ---- step 7: opening it early, by the hurt partner's own choice ---------------------------

  async openForgivenessEarly(actor: Actor, journeyId: string): Promise<JourneyView> {
    const { access, loaded } = await this.load(actor, journeyId);
    requirePartner(access);
    if (!wasHurt(loaded.facts, actor.id)) refuse('step7_hurt_partner_only');
    await this.deps.journeys.optInToForgiveness(journeyId, actor.id, this.now().toISOString());
    return this.journey(actor, journeyId);
  }

  // ---- after cheating: "not now, but I will by <date>" --------------------------------------

  async deferQuestion(actor: Actor, questionId: string, until: string): Promise<{ questionId: string; until: string; createdAt: string }> {
    const { access, loaded } = await this.entryFor(actor, questionId);
    requirePartner(access);
    const may = canDeferQuestion(loaded.facts, questionId, actor.id, until, this.today(actor));
    if (!may.ok) deferRefusal(may.reason);
    const now = this.now().toISOString();
    const ok = await this.deps.journeys.deferQuestion({ questionId, journeyId: loaded.journey.id, by: actor.id, until, now });
    if (!ok) deferRefusal('already_deferred');
    return { questionId, until, createdAt: now };
  }
}

function entryView(e: Entry | (Entry & { kind: 'entry' })): EntryView {
  return {
    id: e.id,
    journeyId: e.journeyId,
    prompt: e.prompt,
    authorId: e.authorId,
    visibility: e.visibility,
    text: e.text,
    replyTo: e.replyTo,
    createdAt: e.createdAt,
  };
}

function apologyView(a: Apology, responses: ApologyResponse[]): ApologyView {
  return {
    id: a.id,
    journeyId: a.journeyId,
    authorId: a.authorId,
    text: a.text,
    parts: a.parts,
    createdAt: a.createdAt,
    deliveredAt: a.deliveredAt,
    responses: responses.map((r) => ({ ...r })),
  };
}

function responseMessage(field: 'received' | 'sincere' | 'missing' | 'missingWords'): string {
  switch (field) {
    case 'received':
      return 'Answering an apology starts with saying you received it.';
    case 'sincere':
      return 'Say yes or no, or leave it out.';
    case 'missingWords':
      return `Use at most ${APOLOGY_MISSING_WORDS_MAX} characters.`;
    case 'missing':
      return 'Name parts of an apology, each once: regret, responsibility, impact, change, repair or forgiveness.';
  }
}
