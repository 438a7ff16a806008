import {
  changedSince,
  datedSince,
  logByMonth,
  verdictChanges,
  type AgreementMonths,
  type VerdictChange,
  type Visits,
} from '../../core/report/index.js';
import { localDate } from '../../core/time.js';
import { PULSE_MEASURES, type RedFlag, type Verdict } from '../../core/progress/index.js';
import type { PromptKey, BreachKind } from '../../core/journey/index.js';
import type { Account } from '../../core/accounts/account.js';
import type { AppContext } from '../../context.js';
import type { AgreementView } from '../agreements/index.js';
import type { Meeting } from '../meetings/index.js';
import type { Progress } from '../progress/index.js';
import { spaceView } from '../spaces/index.js';
import { spaceReport, type SpaceReport } from './gather.js';
import type { JourneyStory } from '../journey/index.js';

type Entry = JourneyStory['model']['entries'][number];
export type ShownEntry = Exclude<Entry, { sealed: true }>;

/** What changed in a couple's space since their therapist's last visit, as the therapist may see it. */
export interface SessionSummary {
  /** The same record the report draws (so the same visibility), which the summary selects from. */
  report: SpaceReport;
  visits: Visits;
  /** The instant "since" counts from: the end of the last visit; null on a first visit (everything is new). */
  since: string | null;
  journeysOpened: Array<{ kind: BreachKind; openedAt: string; brokeTrust: string[] }>;
  entries: Array<{ kind: BreachKind; entry: ShownEntry }>;
  pairsOpened: Array<{ kind: BreachKind; prompt: PromptKey; openedAt: string; halves: ShownEntry[] }>;
  apologies: Array<{
    kind: BreachKind;
    authorId: string;
    deliveredAt: string | null;
    answeredAt: string | null;
    answeredBy: string | null;
  }>;
  /** Each agreement that changed since, where it stands now; `proposedSince`: it is new, too. */
  agreements: Array<{ agreement: AgreementView; change: 'proposed' | 'agreed' | 'withdrawn'; at: string; proposedSince: boolean }>;
  /** Occasions logged since, per agreement and partner, counted as the consistency score counts them. */
  log: AgreementMonths[];
  /** Occasions confirmed or seen differently since. */
  logReviews: { confirmed: number; disputed: number };
  meetings: Meeting[];
  reassurance: SpaceReport['reassurance'];
  reviews: Array<{ accountId: string; month: string; at: string }>;
  /** Check-ins since, per partner (the dates only), when the last visit is within the charts' reach. */
  checkins: Array<{ accountId: string; count: number }> | null;
  verdictChanges: VerdictChange<Verdict>[];
  redFlagsNew: RedFlag[];
  redFlagsOngoing: RedFlag[];
  progress: Progress;
}

/**
 * The therapist's session summary. "Last visit" is defined in core/report/last-visit.ts: views of
 * this couple's space (their access-log rows, the caseload left out) less than two hours apart
 * are one visit; the summary counts from the end of the visit before the one going on now. Each
 * list is selected from what the therapist may see now, through the same services as the report.
 */
export async function sessionSummary(ctx: AppContext, account: Account, spaceId: string): Promise<SessionSummary> {
  const visits = await ctx.therapists.visits(account.id, spaceId);
  const since = visits.lastVisitEnded;
  const report = await spaceReport(ctx, account, spaceId);
  const view = await spaceView(ctx.spaces, account.id, spaceId);

  const journeysOpened = changedSince(report.journeys, (j) => j.model.view.openedAt, since).map((j) => ({
    kind: j.model.view.kind,
    openedAt: j.model.view.openedAt,
    brokeTrust: j.model.view.breach.brokeTrust,
  }));
  const shown = (j: JourneyStory) => j.model.entries.filter((e): e is ShownEntry => !('sealed' in e && e.sealed === true));
  // A sealed pair that opened since: both halves are new to the therapist, however old they are.
  const pairsOpened = report.journeys.flatMap((j) =>
    changedSince(j.model.view.openedPairs, (p) => p.openedAt, since).map((p) => ({
      kind: j.model.view.kind,
      prompt: p.prompt,
      openedAt: p.openedAt,
      halves: shown(j).filter((e) => e.prompt === p.prompt && e.visibility === 'sealed'),
    })),
  );
  const inOpenedPairs = new Set(pairsOpened.flatMap((p) => p.halves.map((e) => e.id)));
  const entries = report.journeys.flatMap((j) =>
    changedSince(
      shown(j).filter((e) => !inOpenedPairs.has(e.id)),
      (e) => e.createdAt,
      since,
    ).map((entry) => ({ kind: j.model.view.kind, entry })),
  );
  const apologies = report.journeys.flatMap((j) =>
    j.model.apologies
      .filter((a) => a.deliveredAt !== null)
      .map((a) => {
        const answer = a.responses[0] ?? null;
        return {
          kind: j.model.view.kind,
          authorId: a.authorId,
          deliveredAt: changedSince([a.deliveredAt], (x) => x, since).length ? a.deliveredAt : null,
          answeredAt: answer && changedSince([answer.createdAt], (x) => x, since).length ? answer.createdAt : null,
          answeredBy: answer?.by ?? null,
        };
      })
      .filter((a) => a.deliveredAt !== null || a.answeredAt !== null),
  );
  // One line per agreement: where it stands now, and whether it was proposed since as well.
  const agreements = report.agreements
    .filter((a) => a.status !== 'countered')
    .flatMap((agreement) => {
      const proposed = changedSince([agreement.proposedAt], (x) => x, since).length > 0;
      const [latest] = [
        { change: 'withdrawn' as const, at: agreement.withdrawnAt },
        { change: 'agreed' as const, at: agreement.acceptedAt },
        { change: 'proposed' as const, at: proposed ? agreement.proposedAt : null },
      ].filter(
        (c): c is { change: 'withdrawn' | 'agreed' | 'proposed'; at: string } =>
          c.at !== null && changedSince([c.at], (x) => x, since).length > 0,
      );
      return latest ? [{ agreement, change: latest.change, at: latest.at, proposedSince: proposed }] : [];
    })
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  const { entries: logEntries } = await ctx.rhythm.agreementLog.history(account.id, spaceId);
  const logged = changedSince(logEntries, (e) => e.createdAt, since);
  const reviewed = changedSince(logEntries, (e) => e.reviewedAt, since);

  const today = localDate(ctx.clock.now(), account.timezone);
  const sinceDay = since === null ? null : localDate(new Date(since), account.timezone);
  const progress = report.progress;
  const now = progress.partners
    .filter((p) => p.numbersVisible)
    .map((p) => ({ partnerId: p.accountId, verdicts: Object.fromEntries(PULSE_MEASURES.map((m) => [m, p.trends[m].verdict])) }));
  const then = sinceDay === null || sinceDay >= today ? [] : await ctx.rhythm.progress.verdictsOn(account, spaceId, sinceDay);
  const oldestCheckin = progress.checkins.reduce<string | null>((min, c) => (min === null || c.date < min ? c.date : min), null);
  const checkinsKnown = sinceDay !== null && oldestCheckin !== null && oldestCheckin <= sinceDay;

  const flagsNew = datedSince(progress.redFlags, (f) => f.raisedOn, since);
  return {
    report,
    visits,
    since,
    journeysOpened,
    entries,
    pairsOpened,
    apologies,
    agreements,
    log: logByMonth(
      logged.map((e) => ({ agreementId: e.agreementId, loggedBy: e.loggedBy, occurredOn: e.occurredOn, kept: e.kept, review: e.review })),
    ),
    logReviews: {
      confirmed: reviewed.filter((e) => e.review === 'confirmed').length,
      disputed: reviewed.filter((e) => e.review === 'disputed').length,
    },
    meetings: changedSince(report.meetings, (m) => m.createdAt, since),
    reassurance: changedSince(report.reassurance, (c) => c.answeredAt ?? c.createdAt, since),
    reviews: changedSince(await ctx.rhythm.monthlyReviews.list(view), (r) => r.updatedAt, since).map((r) => ({
      accountId: r.accountId,
      month: r.month,
      at: r.updatedAt,
    })),
    checkins:
      since === null || !checkinsKnown
        ? null
        : report.partners.map((p) => ({
            accountId: p.accountId,
            count: progress.checkins.filter((c) => c.accountId === p.accountId && c.date > sinceDay!).length,
          })),
    verdictChanges: verdictChanges(then, now),
    redFlagsNew: flagsNew,
    redFlagsOngoing: progress.redFlags.filter((f) => !flagsNew.includes(f)),
    progress,
  };
}
