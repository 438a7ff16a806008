import { FIRST_PAGE, type Page, type PageRequest } from '../../core/paging/cursor.js';
import { fail, refuse } from '../../platform/errors.js';
import { canSeeNote } from '../../core/visibility/index.js';
import { outcome, type Outcome } from '../../core/events.js';
import type { Account } from '../../core/accounts/account.js';
import { newId } from '../../platform/db/ids.js';
import type { Clock } from '../../platform/clock.js';
import { NOTE_MAX, noteFrom, type TextInput } from '../checkin/index.js';
import { spaceView, type SpaceService, type SpaceView } from '../spaces/index.js';
import type { ReassuranceRequest, ReassuranceStore, ReassuranceView } from './store.js';

export type { ReassuranceView } from './store.js';

const ALREADY_ANSWERED = 'This call for reassurance was already answered.';

/** A partner's call for reassurance and the other partner's answer (SPEC section 2). */
export class ReassuranceService {
  constructor(
    private readonly deps: {
      reassurance: ReassuranceStore;
      spaces: SpaceService;
      clock: Clock;
    },
  ) {}

  async request(account: Account, spaceId: string, note: TextInput | null | undefined): Promise<Outcome<ReassuranceView>> {
    const view = await spaceView(this.deps.spaces, account.id, spaceId);
    if (!view.isPartner) refuse('partners_only');
    // Alone in the space (nobody has joined, or the partner left): nobody could answer.
    if (view.partnerIds.length < 2) refuse('reassurance_no_one_to_answer');
    const stored = noteFrom(note);
    const id = newId();
    await this.deps.reassurance.create({ id, spaceId, requestedBy: account.id, note: stored, now: this.deps.clock.now().toISOString() });
    const saved = await this.deps.reassurance.byId(id);
    return outcome(this.visibleRequest(view, saved!), {
      spaceId,
      // The call is a space record even when its note is private: the event names only its id,
      // and the notification quotes nothing.
      live: { kind: 'reassurance_requested', id },
      notify: {
        type: 'reassurance_requested',
        actorId: account.id,
        link: `/spaces/${spaceId}/reassurance`,
        about: { kind: 'checkin', id },
        membership: view.membership,
      },
    });
  }

  /**
   * `inSpace` is the space a page's address names: a call of another space is not found there, even
   * by someone who belongs to both (the API's address names no space, so it passes none).
   */
  async answer(account: Account, requestId: string, text: string, inSpace?: string): Promise<Outcome<ReassuranceView>> {
    const request = await this.deps.reassurance.byId(requestId);
    if (!request || (inSpace !== undefined && request.spaceId !== inSpace)) fail('not_found');
    const view = await spaceView(this.deps.spaces, account.id, request.spaceId);
    if (!view.isPartner) fail('not_found');
    if (request.requestedBy === account.id) refuse('reassurance_answered_by_partner');
    // An answered call is said before the words are checked: there is nothing left to correct. (The
    // store's conditional write below still settles two answers sent at once.)
    if (request.answeredAt !== null) fail('conflict', undefined, ALREADY_ANSWERED);
    const answer = text.trim();
    if (answer === '') fail('invalid_input', { text: 'Write a few words for your partner.' });
    if ([...answer].length > NOTE_MAX) fail('invalid_input', { text: `Keep it to ${NOTE_MAX} characters.` });
    const done = await this.deps.reassurance.answer(requestId, account.id, answer, this.deps.clock.now().toISOString());
    if (!done) fail('conflict', undefined, ALREADY_ANSWERED);
    return outcome(this.visibleRequest(view, (await this.deps.reassurance.byId(requestId))!), {
      spaceId: request.spaceId,
      live: { kind: 'reassurance_answered', id: requestId },
      notify: {
        type: 'reassurance_answered',
        actorId: account.id,
        recipientId: request.requestedBy,
        link: `/spaces/${request.spaceId}/reassurance`,
        about: { kind: 'checkin', id: requestId },
        membership: view.membership,
      },
    });
  }

  /** One page of the space's calls for reassurance, newest first. */
  async list(accountId: string, spaceId: string, at: PageRequest = FIRST_PAGE): Promise<Page<ReassuranceView>> {
    const view = await spaceView(this.deps.spaces, accountId, spaceId);
    const page = await this.deps.reassurance.page(spaceId, at.after, at.size);
    return { items: page.items.map((r) => this.visibleRequest(view, r)), next: page.next };
  }

  /**
   * The request is a space record; its note goes by its visibility; the answer is written to the
   * partner who asked, so it is shared (both partners and an active therapist).
   */
  private visibleRequest(view: SpaceView, r: ReassuranceRequest): ReassuranceView {
    const noteVisible =
      r.note &&
      canSeeNote(view.viewer, { kind: 'reassurance_note', id: r.id, authorId: r.requestedBy, visibility: r.note.visibility }) === 'full';
    const answerVisible =
      r.answer !== null &&
      r.answeredBy !== null &&
      canSeeNote(view.viewer, { kind: 'reassurance_note', id: `${r.id}:answer`, authorId: r.answeredBy, visibility: 'shared' }) === 'full';
    return { ...r, note: noteVisible ? r.note : null, answer: answerVisible ? r.answer : null };
  }
}
