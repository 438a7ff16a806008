import { logByMonth, type AgreementMonths } from '../../core/report/index.js';
import { MAX_PAGE_SIZE, type Page, type PageRequest } from '../../core/paging/cursor.js';
import type { Account } from '../../core/accounts/account.js';
import type { AppContext } from '../../context.js';
import { loadJourneyStory, type JourneyStory } from '../journey/index.js';
import type { AgreementView } from '../agreements/index.js';
import type { Meeting } from '../meetings/index.js';
import type { Progress } from '../progress/index.js';
import type { ReassuranceView } from '../reassurance/index.js';
import type { StoredNote } from '../checkin/index.js';
import { addDays, localDate } from '../../core/time.js';
import { spaceView, withFormerPartners, type FormerPartner } from '../spaces/index.js';

/** Who reads the report: their name, their time zone (every date is theirs), and their place in the space. */
export interface ReportReader {
  accountId: string;
  displayName: string;
  timezone: string;
  relation: 'partner' | 'therapist';
}

/**
 * One space's record as one reader may see it. Everything in it comes through the services the
 * pages use — the journey's page loader, the agreements, the agreement log, progress, meetings —
 * so it holds exactly what the reader's screens show: their own private writing, what the partner
 * shared, never the partner's private or still-sealed writing, a draft, or anything of a safety
 * check (docs/privacy-rules.md).
 */
export interface SpaceReport {
  reader: ReportReader;
  preparedAt: string;
  space: { id: string; name: string; createdAt: string };
  partners: Array<{ accountId: string; displayName: string; joinedAt: string }>;
  therapists: Array<{ accountId: string; displayName: string; joinedAt: string }>;
  /** The partners who left the space: one is named; where a deleted one's words were, the record says they were removed. */
  formerPartners: readonly FormerPartner[];
  /** Newest first, as the space page lists them. */
  journeys: JourneyStory[];
  /** Every agreement, newest first, every status. */
  agreements: AgreementView[];
  /** Each agreement's log by month. */
  log: AgreementMonths[];
  progress: Progress;
  /** Newest first. */
  meetings: Meeting[];
  /** Check-ins with a note the reader may read, oldest first (the numbers are in `progress`). */
  checkinNotes: Array<{ accountId: string; date: string; note: StoredNote }>;
  /** Calls for reassurance and their answers, newest first; a note the reader may not read is null. */
  reassurance: ReassuranceView[];
}

/** The partners of a progress in the order they joined the space, as the record names them. */
function inJoinOrder(progress: Progress, order: readonly string[]): Progress {
  return { ...progress, partners: [...progress.partners].sort((a, b) => order.indexOf(a.accountId) - order.indexOf(b.accountId)) };
}

/** Every page of a list, following its cursor to the end. */
async function everything<T>(read: (at: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  let at: PageRequest = { after: null, size: MAX_PAGE_SIZE };
  for (;;) {
    const page = await read(at);
    out.push(...page.items);
    if (!page.next) return out;
    at = { after: page.next, size: MAX_PAGE_SIZE };
  }
}

/** The space's record as `account` may see it; "not found" for anyone who is not a partner or an active therapist. */
export async function spaceReport(ctx: AppContext, account: Account, spaceId: string): Promise<SpaceReport> {
  const view = await withFormerPartners(ctx.spaces, await spaceView(ctx.spaces, account.id, spaceId));
  const actor = { id: account.id, timezone: account.timezone };
  const members = view.space.members;
  const person = (m: (typeof members)[number]) => ({ accountId: m.accountId, displayName: m.displayName, joinedAt: m.joinedAt });
  const journeys: JourneyStory[] = [];
  for (const summary of await ctx.journeys.list(actor, spaceId)) journeys.push(await loadJourneyStory(ctx, actor, summary.id));
  const { entries } = await ctx.rhythm.agreementLog.history(account.id, spaceId);
  const partners = members
    .filter((m) => m.role === 'partner')
    .map(person)
    .sort((x, y) => x.joinedAt.localeCompare(y.joinedAt) || x.displayName.localeCompare(y.displayName));
  return {
    reader: {
      accountId: account.id,
      displayName: account.displayName,
      timezone: account.timezone,
      relation: view.isPartner ? 'partner' : 'therapist',
    },
    preparedAt: ctx.clock.now().toISOString(),
    space: { id: view.space.id, name: view.space.name, createdAt: view.space.createdAt },
    partners,
    therapists: members.filter((m) => m.role === 'therapist').map(person),
    formerPartners: view.former ?? [],
    journeys,
    agreements: await everything((at) => ctx.agreements.list(actor, spaceId, at)),
    log: logByMonth(
      entries.map((e) => ({
        agreementId: e.agreementId,
        loggedBy: e.loggedBy,
        occurredOn: e.occurredOn,
        kept: e.kept,
        review: e.review,
      })),
    ),
    progress: inJoinOrder(
      await ctx.rhythm.progress.forSpace(account, spaceId),
      partners.map((p) => p.accountId),
    ),
    meetings: await everything((at) => ctx.rhythm.meetings.list(account.id, spaceId, at)),
    // Every check-in since the space began (one may be dated two days back, so a little before).
    checkinNotes: (
      await ctx.rhythm.checkins.visibleCheckins(
        view,
        addDays(view.space.createdAt.slice(0, 10), -3),
        localDate(ctx.clock.now(), account.timezone),
      )
    ).flatMap((c) => (c.note ? [{ accountId: c.accountId, date: c.date, note: c.note }] : [])),
    reassurance: await everything((at) => ctx.rhythm.reassurance.list(account.id, spaceId, at)),
  };
}

/**
 * The report of every space the account is in as a partner or an active therapist, for the
 * export page. A therapist's report is a view of each couple in it: each goes into that couple's
 * access log (`what`: the route) before anything of it is read, so a log that cannot be written
 * fails the answer (as the export does, features/export/export.ts).
 */
export async function accountReports(ctx: AppContext, account: Account, what: string): Promise<SpaceReport[]> {
  const memberships = await ctx.spaces.listForAccount(account.id);
  for (const m of memberships) if (m.role === 'therapist') await ctx.therapists.noteView(account.id, m.id, what);
  const reports: SpaceReport[] = [];
  for (const m of memberships) reports.push(await spaceReport(ctx, account, m.id));
  return reports;
}
