import {
  DAY_NOTE_DRAFT_KEPT_DAYS,
  DAY_NOTE_PLACE_PATTERN,
  draftFields,
  hasWords,
  parsePlace,
  type DraftPlace,
} from '../../core/drafts/places.js';
import { FIRST_PAGE, type Page, type PageRequest } from '../../core/paging/cursor.js';
import { fail, refuse } from '../../platform/errors.js';
import { newId } from '../../platform/db/ids.js';
import type { Clock } from '../../platform/clock.js';
import { spaceView, type SpaceService } from '../spaces/index.js';
import type { Draft, DraftBook } from './draft.js';
import type { DraftStore } from './store.js';

/** Who is writing: drafts are the account's own, and say when they were kept in its time zone. */
export interface DraftAuthor {
  id: string;
  timezone: string;
}

/**
 * Drafts (issue #18): each person's unsent words, per form. Only ever read for the account that
 * wrote them — every read and delete names it — so no partner, therapist or stranger can be
 * handed one by any route. Writing one needs the place to be in a space where the writer is a
 * partner. Drafts cause nothing: no live event, no notification, nothing counted.
 */
/** Past days' check-in note drafts are looked for at most this often by each server (a save runs the sweep). */
const SWEEP_EVERY_MS = 60 * 60 * 1000;

export class DraftService {
  /** Where a draft that could not be deleted after its text was sent is reported (app.ts logs it; never any text). */
  onUntold: (what: string, error: unknown) => void = () => {};
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly deps: {
      drafts: DraftStore;
      spaces: SpaceService;
      clock: Clock;
    },
  ) {}

  private place(key: string): DraftPlace {
    const place = parsePlace(key);
    if (!place) fail('invalid_input', { place: 'This names no form Mend keeps drafts for (see core/drafts/places.ts).' });
    return place;
  }

  /** The space the place is in, when the author is a partner there (404 for a stranger, 403 for a therapist). */
  private async spaceFor(author: DraftAuthor, place: DraftPlace): Promise<string> {
    const spaceId = await this.deps.drafts.spaceOf(place.parent, place.parentId);
    if (spaceId === null) fail('not_found');
    const view = await spaceView(this.deps.spaces, author.id, spaceId);
    if (!view.isPartner) refuse('partners_only');
    return spaceId;
  }

  /** The author's draft for a place; 404 when they have none (there is no one else's to find). */
  async get(author: DraftAuthor, key: string): Promise<Draft> {
    const draft = await this.deps.drafts.get(author.id, this.place(key).key);
    if (!draft) fail('not_found');
    return draft;
  }

  /**
   * Keeps what was sent as the author's draft for the place. `strict` (the API) refuses a field
   * the place has no box for; a page form sends all its fields and only the place's own are kept.
   * A draft with no words is no draft: it is deleted, and null returned.
   */
  async put(author: DraftAuthor, key: string, sent: Readonly<Record<string, unknown>>, o: { strict: boolean }): Promise<Draft | null> {
    const place = this.place(key);
    const { fields, problems } = draftFields(place.kind, sent, o);
    if (Object.keys(problems).length > 0) fail('invalid_input', problems);
    const spaceId = await this.spaceFor(author, place);
    if (!hasWords(fields)) {
      await this.deps.drafts.delete(author.id, place.key);
      return null;
    }
    const now = this.deps.clock.now();
    await this.forgetPastDayNotes(now);
    return this.deps.drafts.put({ id: newId(), accountId: author.id, spaceId, place: place.key, fields, now: now.toISOString() });
  }

  /** Day notes no form can show any more are deleted, everyone's, at most once an hour per server. */
  private async forgetPastDayNotes(now: Date): Promise<void> {
    const at = now.getTime();
    if (at - this.lastSweep < SWEEP_EVERY_MS && at >= this.lastSweep) return;
    this.lastSweep = at;
    const cutoff = new Date(at - DAY_NOTE_DRAFT_KEPT_DAYS * 24 * 60 * 60 * 1000).toISOString();
    await this.deps.drafts.forgetUntouched(DAY_NOTE_PLACE_PATTERN, cutoff);
  }

  /** Discards the author's draft for a place; false when they had none there (there is no one else's to discard). */
  discard(author: DraftAuthor, key: string): Promise<boolean> {
    return this.deps.drafts.delete(author.id, this.place(key).key);
  }

  /**
   * The text was sent: its draft goes, in the action that sent it. The text is saved by then, so a
   * failure here is not the person's: it is reported, and the draft is offered again next time
   * (with "Discard draft").
   */
  async sent(accountId: string, key: string): Promise<void> {
    try {
      await this.deps.drafts.delete(accountId, key);
    } catch (error) {
      this.onUntold('draft:sent', error);
    }
  }

  /** The author's drafts in a space, for a page to draw in its forms. */
  async book(author: DraftAuthor, spaceId: string): Promise<DraftBook> {
    const drafts = await this.deps.drafts.inSpace(author.id, spaceId);
    return { timezone: author.timezone, byPlace: new Map(drafts.map((d) => [d.place, d])) };
  }

  /** The author's drafts, a page at a time, newest first (their export, the API's list). */
  list(accountId: string, at: PageRequest = FIRST_PAGE): Promise<Page<Draft>> {
    return this.deps.drafts.page(accountId, at.after, at.size);
  }
}
