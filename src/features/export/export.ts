import { addDays, localDate } from '../../core/time.js';
import { MAX_PAGE_SIZE, type Page, type PageRequest } from '../../core/paging/cursor.js';
import type { Account } from '../../core/accounts/account.js';
import type { AppContext } from '../../context.js';

/** A value written a piece at a time: a list read page by page, so no list is ever held whole. */
type Pieces = () => AsyncGenerator<string>;
const streamed = Symbol('streamed');
interface Streamed {
  [streamed]: Pieces;
}
const lazily = (pieces: Pieces): Streamed => ({ [streamed]: pieces });

async function* objectOf(fields: Array<[string, unknown]>): AsyncGenerator<string> {
  let first = true;
  for (const [key, value] of fields) {
    const head = `${first ? '{' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (value && typeof value === 'object' && streamed in value) {
      yield head;
      yield* (value as Streamed)[streamed]();
    } else yield head + JSON.stringify(value);
  }
  yield first ? '{}' : '}';
}

/** A JSON array whose items come in batches (pages of a list, years of check-ins). */
async function* arrayOf(batches: AsyncGenerator<unknown[]>): AsyncGenerator<string> {
  let first = true;
  for await (const batch of batches) {
    if (batch.length === 0) continue;
    yield (first ? '[' : ',') + batch.map((item) => JSON.stringify(item)).join(',');
    first = false;
  }
  yield first ? '[]' : ']';
}

/** Every page of a list, following its cursor to the end. */
async function* everyPage<T>(read: (at: PageRequest) => Promise<Page<T>>): AsyncGenerator<T[]> {
  let at: PageRequest = { after: null, size: MAX_PAGE_SIZE };
  for (;;) {
    const page = await read(at);
    yield page.items;
    if (!page.next) return;
    at = { after: page.next, size: MAX_PAGE_SIZE };
  }
}

/** Every check-in since the space began, a year at a time (the service's page size). */
async function* allCheckins(
  ctx: AppContext,
  accountId: string,
  spaceId: string,
  createdAt: string,
  today: string,
): AsyncGenerator<unknown[]> {
  // A check-in may be dated up to two days back, so start a little before the space existed.
  for (let from = addDays(createdAt.slice(0, 10), -3); from <= today; from = addDays(from, 366)) {
    const to = addDays(from, 365) < today ? addDays(from, 365) : today;
    yield await ctx.rhythm.checkins.list(accountId, spaceId, from, to);
  }
}

async function* spaceOf(ctx: AppContext, account: Account, m: { id: string; role: string }): AsyncGenerator<string> {
  const actor = { id: account.id, timezone: account.timezone };
  const today = localDate(ctx.clock.now(), account.timezone);
  const { rhythm } = ctx;
  const space = await ctx.spaces.forMember(account.id, m.id);
  const journeys = [];
  for (const summary of await ctx.journeys.list(actor, space.id)) {
    journeys.push({
      journey: await ctx.journeys.journey(actor, summary.id),
      entries: (await ctx.journeys.entries(actor, summary.id)).entries,
      apologies: (await ctx.journeys.apologies(actor, summary.id)).apologies,
    });
  }
  yield* objectOf([
    ['id', space.id],
    ['name', space.name],
    ['createdAt', space.createdAt],
    ['yourRole', m.role],
    ['members', space.members.map((p) => ({ accountId: p.accountId, displayName: p.displayName, role: p.role, joinedAt: p.joinedAt }))],
    // Partners who left; a text of one whose account was deleted reads "" where their words were removed.
    ['formerPartners', await ctx.spaces.formerPartners(account.id, space.id)],
    ['journeys', journeys],
    ['agreements', lazily(() => arrayOf(everyPage((at) => ctx.agreements.list(actor, space.id, at))))],
    ['agreementLog', lazily(() => arrayOf(everyPage((at) => rhythm.agreementLog.list(account.id, space.id, at))))],
    ['checkins', lazily(() => arrayOf(allCheckins(ctx, account.id, space.id, space.createdAt, today)))],
    ['reassuranceRequests', lazily(() => arrayOf(everyPage((at) => rhythm.reassurance.list(account.id, space.id, at))))],
    ['meetings', lazily(() => arrayOf(everyPage((at) => rhythm.meetings.list(account.id, space.id, at))))],
    ['progress', await rhythm.progress.forSpace(account, space.id)],
    // The exporter's own daily answers and skips, with a partner's answer only where both answered
    // (issue #25); none for a therapist.
    [
      'dailyQuestions',
      (await ctx.dailyQuestions.history(actor, space.id)).map((d) => ({
        day: d.day,
        mode: d.mode,
        question: { id: d.question.id, phase: d.question.phase, kind: d.question.kind, text: d.question.text },
        own: d.own,
        open: d.open,
        partners: d.partners.flatMap((p) =>
          p.state === 'open' ? [{ accountId: p.accountId, displayName: p.displayName, text: p.text, at: p.at }] : [],
        ),
      })),
    ],
  ]);
}

/**
 * The account's export as JSON, in pieces: only what this account may see, gathered through the
 * same services as the screens (and so through the same visibility rules), every list read page
 * by page to its end so the export is complete at any size and memory stays flat. The safety
 * screening is left out on purpose: Mend keeps no answers, and even the date of the last
 * screening could tell someone who forces an export more than the person wants (docs/safety.md).
 */
export async function exportPieces(ctx: AppContext, account: Account, what: string): Promise<AsyncGenerator<string>> {
  const memberships = await ctx.spaces.listForAccount(account.id);
  // A therapist's export is a view of every couple in it: each goes into that couple's access log
  // (`what`: the route) before anything of it is read — awaited here, before the first byte is
  // streamed, so a log that cannot be written fails the export with an error answer
  // (features/therapists/service.ts).
  for (const m of memberships) if (m.role === 'therapist') await ctx.therapists.noteView(account.id, m.id, what);
  const sessions = await ctx.accounts.listSessions(account.id);
  return objectOf([
    ['format', 'mend-export'],
    ['version', 1],
    ['exportedAt', ctx.clock.now().toISOString()],
    [
      'account',
      {
        id: account.id,
        email: account.email,
        displayName: account.displayName,
        timezone: account.timezone,
        country: account.country,
        checkinNumbersShared: account.checkinNumbersShared,
        createdAt: account.createdAt,
      },
    ],
    ['sessions', sessions.map((s) => ({ id: s.id, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt }))],
    [
      'spaces',
      lazily(async function* () {
        for (const [i, m] of memberships.entries()) {
          yield i === 0 ? '[' : ',';
          yield* spaceOf(ctx, account, m);
        }
        yield memberships.length ? ']' : '[]';
      }),
    ],
    ['notifications', lazily(() => arrayOf(everyPage((at) => ctx.rhythm.notifications.list(account.id, at))))],
    // The account's own drafts, what it was writing and has not sent (issue #18): theirs to take
    // with them. Only ever the exporter's: nobody's export holds another person's drafts.
    [
      'drafts',
      lazily(() =>
        arrayOf(
          everyPage(async (at) => {
            const page = await ctx.drafts.list(account.id, at);
            return {
              ...page,
              items: page.items.map((d) => ({
                place: d.place,
                spaceId: d.spaceId,
                fields: d.fields,
                createdAt: d.createdAt,
                updatedAt: d.updatedAt,
              })),
            };
          }),
        ),
      ),
    ],
  ]);
}
