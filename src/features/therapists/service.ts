import { FIRST_PAGE, type Page, type PageRequest } from '../../core/paging/cursor.js';
import { fail, refuse } from '../../platform/errors.js';
import type { Space, SpaceStore } from '../spaces/index.js';
import { ACCESS_LOG_KEY, THERAPIST_KEY, type AccessLogEntry, type TherapistRecord, type TherapistStore } from './store.js';

/** How many values a page of therapists, and of the access log, is keyed by (an API cursor carries them). */
export const THERAPIST_PAGE_KEY_LENGTH = THERAPIST_KEY.length;
export const ACCESS_LOG_PAGE_KEY_LENGTH = ACCESS_LOG_KEY.length;
import type { Authenticated } from '../accounts/index.js';
import type { AccountService } from '../accounts/index.js';
import type { Clock } from '../../platform/clock.js';
import { visitsOf, type Visits } from '../../core/report/index.js';

/** Reads that span every couple (their names only) are not a visit to one couple. */
const NOT_A_VISIT = ['/caseload', '/api/v1/me/caseload'];
/** How many of a therapist's views are read at a time, and at most, looking for their last visit. */
const VIEWS_BATCH = 500;
const VIEWS_MAX = 10_000;

export interface CaseloadEntry {
  spaceId: string;
  spaceName: string;
  status: 'active' | 'pending';
  partnerNames: string[];
}

/**
 * A couples therapist's access: it is active only while every current partner of the space has
 * consented (confirming their password) — a partner who joins later is asked too, and the
 * therapist waits until they agree — ends the moment either partner revokes it, and every view
 * is written to an access log both partners can read.
 */
export class TherapistService {
  constructor(private readonly deps: { therapists: TherapistStore; spaces: SpaceStore; accounts: AccountService; clock: Clock }) {}

  /**
   * The partners a therapist who has just joined waits for: every active partner who has not
   * consented. Read for the joining action only; the therapist is shown none of it.
   */
  async waitingFor(spaceId: string, therapistId: string): Promise<{ partnerIds: string[]; waiting: string[] }> {
    const space = await this.deps.spaces.byId(spaceId);
    const partnerIds = (space?.members ?? []).filter((m) => m.role === 'partner' && m.status === 'active').map((m) => m.accountId);
    const record = (await this.deps.therapists.forSpace(spaceId)).find((t) => t.accountId === therapistId);
    const consented = new Set(record?.consentedBy ?? []);
    return { partnerIds, waiting: record?.status === 'pending' ? partnerIds.filter((id) => !consented.has(id)) : [] };
  }

  /** The space, for one of its active partners; anyone else gets "not found". */
  private async asPartner(accountId: string, spaceId: string): Promise<Space> {
    const space = await this.deps.spaces.forActiveMember(spaceId, accountId);
    if (!space) fail('not_found');
    if (space.members.find((m) => m.accountId === accountId)?.role !== 'partner') refuse('partners_only');
    return space;
  }

  async list(accountId: string, spaceId: string): Promise<TherapistRecord[]> {
    await this.asPartner(accountId, spaceId);
    return (await this.deps.therapists.forSpace(spaceId)).filter((t) => t.status !== 'revoked');
  }

  /** The same therapists as `list`, newest first, a page at a time. */
  async listPage(accountId: string, spaceId: string, at: PageRequest): Promise<Page<TherapistRecord>> {
    await this.asPartner(accountId, spaceId);
    return this.deps.therapists.pageForSpace(spaceId, at.after, at.size);
  }

  private async therapistIn(spaceId: string, therapistId: string): Promise<TherapistRecord> {
    const therapist = (await this.deps.therapists.forSpace(spaceId)).find((t) => t.accountId === therapistId);
    if (!therapist || therapist.status === 'revoked') fail('not_found');
    return therapist;
  }

  /**
   * `began`: this consent was the last one awaited and turned the access on (the store's guarded
   * update says so once, even when both partners consent at the same moment), with the partners
   * as they are then, for the therapist's one notification (therapists/actions.ts).
   */
  async consent(
    auth: Authenticated,
    spaceId: string,
    therapistId: string,
    password: string,
  ): Promise<{ therapist: TherapistRecord; began: { partnerIds: string[] } | null }> {
    await this.asPartner(auth.account.id, spaceId);
    await this.therapistIn(spaceId, therapistId);
    await this.deps.accounts.reauthenticate(auth, password);
    await this.deps.therapists.addConsent(spaceId, therapistId, auth.account.id, this.deps.clock.now().toISOString());
    // Every partner of the space as it is now, not as it was read above: one may have joined since.
    const activated = await this.deps.therapists.activateIfEveryPartnerConsented(spaceId, therapistId);
    const therapist = await this.therapistIn(spaceId, therapistId);
    if (!activated) return { therapist, began: null };
    const space = await this.deps.spaces.byId(spaceId);
    const partnerIds = (space?.members ?? []).filter((m) => m.role === 'partner' && m.status === 'active').map((m) => m.accountId);
    return { therapist, began: { partnerIds } };
  }

  async revoke(accountId: string, spaceId: string, therapistId: string): Promise<void> {
    await this.asPartner(accountId, spaceId);
    await this.therapistIn(spaceId, therapistId);
    await this.deps.therapists.setStatus(spaceId, therapistId, 'revoked');
    await this.deps.therapists.clearConsents(spaceId, therapistId);
  }

  async accessLog(accountId: string, spaceId: string, at: PageRequest = FIRST_PAGE): Promise<Page<AccessLogEntry>> {
    await this.asPartner(accountId, spaceId);
    return this.deps.therapists.accessLog(spaceId, at.after, at.size);
  }

  /** Records that an active therapist viewed something in the space; a no-op for anyone else. */
  /**
   * `known`: the membership read with the request's session, when its path names the space — the
   * one the view was granted on, so a view granted just before an access ended is still logged.
   */
  async noteView(
    accountId: string,
    spaceId: string,
    what: string,
    known?: { spaceId: string; member: { role: string; status: string } | null },
  ): Promise<void> {
    const membership = known?.spaceId === spaceId ? known.member : await this.deps.spaces.membership(spaceId, accountId);
    if (membership?.role === 'therapist' && membership.status === 'active') {
      await this.deps.therapists.logView(spaceId, accountId, what, this.deps.clock.now().toISOString());
    }
  }

  /**
   * An active therapist's visits to a couple's space, from their own access-log rows
   * (core/report/last-visit.ts): the visit going on now and when the one before it ended.
   * Anyone else — a partner, a pending or revoked therapist — gets "not found".
   */
  async visits(accountId: string, spaceId: string): Promise<Visits> {
    const member = await this.deps.spaces.membership(spaceId, accountId);
    if (member?.role !== 'therapist' || member.status !== 'active') fail('not_found');
    const now = this.deps.clock.now().toISOString();
    const views: string[] = [];
    let before: string | null = null;
    for (;;) {
      const batch = await this.deps.therapists.viewTimes(spaceId, accountId, NOT_A_VISIT, before, VIEWS_BATCH);
      views.push(...batch);
      const found = visitsOf(views, now);
      if (found.lastVisitEnded !== null || batch.length < VIEWS_BATCH || views.length >= VIEWS_MAX) return found;
      before = batch.at(-1)!;
    }
  }

  /** True when the account is some space's therapist, active or waiting (nothing of a space is read). */
  async hasCaseload(accountId: string): Promise<boolean> {
    return (await this.deps.spaces.listForAccount(accountId)).some((s) => s.role === 'therapist' && s.status !== 'revoked');
  }

  /**
   * The therapist's couples. The partners' names of a space are a view of it, so each active
   * space is written to its access log (`what`: the route) before its names are read; a log
   * that cannot be written fails the whole answer.
   */
  async caseload(accountId: string, what: string): Promise<CaseloadEntry[]> {
    const spaces = await this.deps.spaces.listForAccount(accountId);
    const out: CaseloadEntry[] = [];
    for (const s of spaces) {
      if (s.role !== 'therapist' || s.status === 'revoked') continue;
      const entry = await this.caseloadEntry(accountId, { id: s.id, name: s.name, status: s.status }, what);
      if (entry) out.push(entry);
    }
    return out;
  }

  /** The same couples, newest first, a page at a time: only the spaces on the page are viewed and logged. */
  async caseloadPage(accountId: string, what: string, at: PageRequest): Promise<Page<CaseloadEntry>> {
    const page = await this.deps.spaces.therapistOfPage(accountId, at.after, at.size);
    const items: CaseloadEntry[] = [];
    for (const s of page.items) {
      const entry = await this.caseloadEntry(accountId, s, what);
      if (entry) items.push(entry);
    }
    return { items, next: page.next };
  }

  private async caseloadEntry(
    accountId: string,
    s: { id: string; name: string; status: 'active' | 'pending' },
    what: string,
  ): Promise<CaseloadEntry | null> {
    if (s.status === 'active') await this.noteView(accountId, s.id, what);
    const space = await this.deps.spaces.byId(s.id);
    if (!space) return null;
    return {
      spaceId: s.id,
      spaceName: s.name,
      status: s.status,
      // Before consent the therapist learns only the name of the space they were invited to.
      partnerNames:
        s.status === 'active'
          ? space.members
              .filter((m) => m.role === 'partner' && m.status === 'active')
              // In the order they joined, as the couple's record names them.
              .sort((x, y) => x.joinedAt.localeCompare(y.joinedAt) || x.displayName.localeCompare(y.displayName))
              .map((m) => m.displayName)
          : [],
    };
  }
}
