/**
 * The hot queries whose plans bench/plans.ts records, taken from the code itself: each entry calls
 * the store method the server calls on that path, on a Kysely that records every statement it
 * sends (its `log`), so the SQL and its parameters are exactly what the server runs — including
 * the texts `reusableQuery` compiles once. test/store/plans-sql.test.ts checks that every one of
 * them is a statement the server runs for a signed-in person's requests.
 */
import { randomUUID } from 'node:crypto';
import { Kysely, type CompiledQuery, type Dialect, type LogEvent } from 'kysely';
import { AccountStore } from '../src/features/accounts/store.js';
import { AgreementLogStore } from '../src/features/agreement-log/store.js';
import { AgreementStore } from '../src/features/agreements/store.js';
import { CheckinStore } from '../src/features/checkin/store.js';
import type { DialectName } from '../src/platform/db/database.js';
import { ApologyStore } from '../src/features/journey/apologies-store.js';
import { EntryStore } from '../src/features/journey/entries-store.js';
import { JourneyFactsStore } from '../src/features/journey/facts-store.js';
import { JourneyStore } from '../src/features/journey/store.js';
import { MeetingStore } from '../src/features/meetings/store.js';
import { NotificationStore } from '../src/features/notifications/store.js';
import { ProgressFactsStore } from '../src/features/progress/facts-store.js';
import { ReassuranceStore } from '../src/features/reassurance/store.js';
import { ReviewStore } from '../src/features/monthly-review/store.js';
import { SafetyStore } from '../src/features/safety/store.js';
import type { Database } from '../src/platform/db/schema.js';
import { SessionStore } from '../src/features/accounts/sessions-store.js';
import { SpaceStore } from '../src/features/spaces/store.js';
import { TherapistStore } from '../src/features/therapists/store.js';
import type { Vault } from '../src/platform/vault/vault.js';

/** One seeded couple: the parameters every hot query is run with. */
export interface Couple {
  spaceId: string;
  accountId: string;
  journeyId: string;
  agreementIds: string[];
  emailIndex: string;
}

/** A statement as the server sends it, under the name its plan is printed with. */
export interface HotStatement {
  name: string;
  sql: string;
  parameters: readonly unknown[];
  /** Not a read: explained inside a transaction that is rolled back. */
  write: boolean;
}

/**
 * Plans never need a text: nothing is decrypted and nothing sealed. `{}` stands in for every text
 * (some stores read a sealed JSON document). The one keyed index a query takes is the person's
 * email index, which is read from the database.
 */
function benchVault(couple: Couple): Vault {
  return { open: () => '{}', seal: () => '{}', index: () => couple.emailIndex };
}

function storesOn(db: Kysely<Database>, dialect: DialectName, couple: Couple) {
  const vault = benchVault(couple);
  return {
    db,
    sessions: new SessionStore(db),
    accounts: new AccountStore(db, vault),
    spaces: new SpaceStore(db, vault, dialect),
    notifications: new NotificationStore(db),
    facts: new ProgressFactsStore(db, vault),
    checkins: new CheckinStore(db, vault),
    reviews: new ReviewStore(db),
    agreementLog: new AgreementLogStore(db, vault),
    agreements: new AgreementStore(db, vault),
    journeys: new JourneyStore(db, vault),
    journeyFacts: new JourneyFactsStore(db),
    entries: new EntryStore(db, vault),
    apologies: new ApologyStore(db, vault),
    meetings: new MeetingStore(db, vault),
    reassurance: new ReassuranceStore(db, vault),
    safety: new SafetyStore(db),
    therapists: new TherapistStore(db, vault),
  };
}
type Stores = ReturnType<typeof storesOn>;

interface HotCall {
  /**
   * The name of the one statement the call sends; or, for a call that sends several, a name for
   * each by `statementKey` (some are sent only when the couple has the rows they follow from).
   */
  names: string | Record<string, string>;
  call: (s: Stores, c: Couple) => Promise<unknown>;
  /** Run in a transaction that is rolled back; `s.db` is that transaction. */
  write?: true;
}

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
/** No session has this token: the read is planned and run, and finds nothing, like a stale cookie. */
const tokenHash = randomUUID().replaceAll('-', '').repeat(2);

export const HOT_CALLS: HotCall[] = [
  // who is asking: every signed-in request runs one of the two
  { names: 'session and account (a request about no space)', call: (s) => s.sessions.withAccount(tokenHash) },
  {
    names: 'session, account and membership of the space in the path (every request about a space)',
    call: (s, c) => s.sessions.withAccountForSpace(tokenHash, c.spaceId),
  },
  { names: 'account by email (sign-in)', call: (s) => s.accounts.byEmail('someone@example.org') },
  { names: 'spaces of an account', call: (s, c) => s.spaces.listForAccount(c.accountId) },
  { names: 'space with its members (an active member asking)', call: (s, c) => s.spaces.forActiveMember(c.spaceId, c.accountId) },
  // progress (API and page)
  // what is settled is read once per space and day (settled-history.ts); the newer days at each cold view
  { names: 'progress: settled-history counter', call: (s, c) => s.facts.settledHistory(c.spaceId) },
  { names: 'progress: settled check-in scores', call: (s, c) => s.facts.checkinScores(c.spaceId, { before: day(4) }) },
  { names: 'progress: newer check-in scores', call: (s, c) => s.facts.checkinScores(c.spaceId, { from: day(4) }) },
  {
    names: 'progress: settled agreement log of commitments',
    call: (s, c) => s.facts.committedLogFacts(c.spaceId, { before: day(4) }),
  },
  { names: 'progress: newer agreement log of commitments', call: (s, c) => s.facts.committedLogFacts(c.spaceId, { from: day(4) }) },
  { names: 'progress: monthly reviews', call: (s, c) => s.reviews.list(c.spaceId) },
  {
    names: {
      breaches: 'progress: breaches',
      journeys: 'progress: journeys',
      journey_acknowledgements: 'progress: acknowledgements',
      apologies: 'progress: delivered apologies',
      apology_responses: 'progress: apology responses',
      agreements: 'progress: accepted agreements',
    },
    call: (s, c) => s.facts.journeyFacts(c.spaceId),
  },
  { names: 'progress: meetings', call: (s, c) => s.facts.meetingDays(c.spaceId) },
  { names: 'progress: reassurance', call: (s, c) => s.facts.reassuranceAnswers(c.spaceId) },
  {
    names: {
      journey_entries: 'red flags: entries of the last month',
      checkins: 'red flags: check-in notes of the last month',
      reassurance_requests: 'red flags: reassurance of the last month',
      agreement_log_entries: 'red flags: log notes of the last month',
      meetings: 'red flags: meetings of the last month',
    },
    call: (s, c) => s.facts.messagesSince(c.spaceId, `${day(31)}T00:00:00.000Z`),
  },
  { names: 'progress page: check-ins of 90 days', call: (s, c) => s.checkins.list(c.spaceId, day(89), day(0)) },
  // the agreement log, meetings and reassurance pages
  {
    names: { agreements: 'agreements of the space', agreement_commitments: 'commitments of agreements' },
    call: (s, c) => s.agreementLog.agreements(c.spaceId),
  },
  // the agreement log page: the newest month with an occasion, that month, the month before it with one
  { names: 'agreement log: newest day of an occasion', call: (s, c) => s.agreementLog.newestDay(c.spaceId, null, 'active') },
  { names: 'agreement log: the occasions of a month', call: (s, c) => s.agreementLog.inDays(c.spaceId, day(30), day(-1)) },
  {
    names: 'agreement log: newest day of an occasion before a month',
    call: (s, c) => s.agreementLog.newestDay(c.spaceId, day(30), 'active'),
  },
  { names: 'meetings of the space', call: (s, c) => s.meetings.page(c.spaceId, null, 50) },
  { names: 'reassurance of the space', call: (s, c) => s.reassurance.page(c.spaceId, null, 50) },
  // journey page (services/journeys-facts.ts loadJourney)
  { names: { journeys: 'journey by id', breaches: 'breach by id' }, call: (s, c) => s.journeys.byId(c.journeyId) },
  { names: 'journey entries', call: (s, c) => s.entries.listForJourney(c.journeyId) },
  { names: 'apologies', call: (s, c) => s.apologies.listForJourney(c.journeyId) },
  { names: 'apology responses', call: (s, c) => s.apologies.responsesForJourney(c.journeyId) },
  {
    names: { agreements: 'agreements of the journey', agreement_commitments: 'commitments of agreements' },
    call: (s, c) => s.agreements.listForJourney(c.journeyId),
  },
  { names: 'acknowledgements', call: (s, c) => s.journeys.acknowledgements(c.journeyId) },
  { names: 'forgiveness opt-ins', call: (s, c) => s.journeys.forgivenessOptIns(c.journeyId) },
  { names: 'question deferrals', call: (s, c) => s.journeys.deferrals(c.journeyId) },
  // a journey write checks its rules against facts without text (services/journeys-facts.ts loadRuleFacts)
  { names: 'journey write: journey and breach', call: (s, c) => s.journeyFacts.head(c.journeyId) },
  { names: 'journey write: entries', call: (s, c) => s.journeyFacts.entries(c.journeyId) },
  { names: 'journey write: apologies', call: (s, c) => s.journeyFacts.apologies(c.journeyId) },
  {
    names: { agreements: 'journey write: agreements', agreement_commitments: 'journey write: commitments' },
    call: (s, c) => s.journeyFacts.agreements(c.journeyId),
  },
  {
    names: 'first occasion of each agreement (step 7 gate; journey page and writes)',
    call: (s, c) => s.journeyFacts.firstOccasions(c.agreementIds),
  },
  // check-in write: the read and the insert of services' group commit (a day with no check-in yet)
  {
    names: { checkins: 'check-in upsert: existing row', 'insert checkins': 'check-in upsert: insert' },
    write: true,
    call: (s, c) =>
      s.checkins.write(s.db, randomUUID(), {
        spaceId: c.spaceId,
        accountId: c.accountId,
        date: '1999-01-01',
        safety: 5,
        trust: 5,
        closeness: 5,
        day: 'mixed',
        note: null,
        now: new Date().toISOString(),
      }),
  },
  // the reminders' round (services/reminders.ts tick), every minute for every account with a daily reminder
  { names: 'accounts with a daily reminder', call: (s) => s.notifications.dailyReminderAccounts() },
  { names: 'account by id (reminders)', call: (s, c) => s.accounts.byId(c.accountId) },
  { names: 'check-in of an account on a day (reminders)', call: (s, c) => s.checkins.hasCheckedIn(c.accountId, day(0)) },
  { names: 'safety check', call: (s, c) => s.safety.lastCompletedAt(c.accountId) },
  { names: 'space notices', call: (s, c) => s.spaces.notices(c.spaceId) },
  {
    names: { space_members: 'therapists of a space', therapist_consents: 'therapist consents' },
    call: (s, c) => s.therapists.forSpace(c.spaceId),
  },
];

/** Every name of the list: a name not among `hotStatements`' answer was not sent for that couple. */
export const HOT_NAMES: readonly string[] = [
  ...new Set(HOT_CALLS.flatMap((hot) => (typeof hot.names === 'string' ? [hot.names] : Object.values(hot.names)))),
];

/** What names a statement among those of one call: the table a read reads first, or the write and its table. */
export function statementKey(sql: string): string {
  const write = /^\s*(insert into|update|delete from)\s+"(\w+)"/i.exec(sql);
  if (write) return `${write[1]!.split(' ')[0]!.toLowerCase()} ${write[2]}`;
  return /\bfrom\s+"(\w+)"/i.exec(sql)?.[1] ?? sql;
}

/** The names of a call's statements; a statement it does not name is an error (the code changed). */
function named(hot: HotCall, seen: CompiledQuery[]): string[] {
  const fail = () =>
    new Error(`${JSON.stringify(hot.names)}: the code sent ${seen.length} statement(s):\n${seen.map((q) => q.sql).join('\n')}`);
  if (typeof hot.names === 'string') {
    if (seen.length > 1) throw fail();
    return seen.length ? [hot.names] : [];
  }
  const names = hot.names;
  const keys = seen.map((q) => statementKey(q.sql));
  if (keys.some((k) => !(k in names)) || new Set(keys).size !== keys.length) throw fail();
  return keys.map((k) => names[k]!);
}

const DATA_STATEMENT = /^\s*(select|insert|update|delete|with)\b/i;

/** A Kysely on `dialect` that can record the statements a piece of code sends through it. */
export function recordingKysely(dialect: Dialect): { db: Kysely<Database>; record(run: () => Promise<unknown>): Promise<CompiledQuery[]> } {
  let sink: CompiledQuery[] | null = null;
  const log = (event: LogEvent) => {
    // `begin` and `rollback` go through the same log; only the data statements are the query's.
    if (event.level === 'query' && sink && DATA_STATEMENT.test(event.query.sql)) sink.push(event.query);
  };
  const db = new Kysely<Database>({ dialect, log });
  return {
    db,
    async record(run) {
      const seen: CompiledQuery[] = [];
      sink = seen;
      try {
        await run();
      } finally {
        sink = null;
      }
      return seen;
    },
  };
}

class RolledBack extends Error {}

/**
 * Runs every hot call on `recording`'s Kysely with the couple's parameters and returns its
 * statements under their names. A call that sends a statement it does not name fails: the code
 * changed, and the list must say what its statements are now.
 */
export async function hotStatements(
  recording: ReturnType<typeof recordingKysely>,
  dialect: DialectName,
  couple: Couple,
  only?: string,
): Promise<HotStatement[]> {
  const out: HotStatement[] = [];
  for (const hot of HOT_CALLS) {
    if (only && !Object.values(typeof hot.names === 'string' ? [hot.names] : hot.names).some((n) => n.includes(only))) continue;
    const seen = await recording.record(async () => {
      if (!hot.write) return hot.call(storesOn(recording.db, dialect, couple), couple);
      await recording.db
        .transaction()
        .execute(async (trx) => {
          await hot.call(storesOn(trx, dialect, couple), couple);
          throw new RolledBack();
        })
        .catch((e: unknown) => {
          if (!(e instanceof RolledBack)) throw e;
        });
    });
    const names = named(hot, seen);
    seen.forEach((q, i) => out.push({ name: names[i]!, sql: q.sql, parameters: q.parameters, write: !/^\s*(select|with)\b/i.test(q.sql) }));
  }
  return out;
}

/**
 * The couple the plans are run for: one from the middle of the data set (not the first rows
 * written, which may be cached), with a journey. `spaceId` picks one instead.
 */
export async function pickCouple(db: Kysely<Database>, spaceId?: string): Promise<Couple> {
  const withJourney = db.selectFrom('spaces').where('id', 'in', db.selectFrom('journeys').select('space_id'));
  if (!spaceId) {
    const { n } = await withJourney.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(n) === 0) throw new Error('No space with a journey in this database: seed it first (mend seed).');
    const middle = await withJourney
      .select('id')
      .orderBy('created_at')
      .orderBy('id')
      .offset(Math.floor(Number(n) / 2))
      .limit(1)
      .executeTakeFirstOrThrow();
    spaceId = middle.id;
  }
  const member = await db
    .selectFrom('space_members')
    .innerJoin('accounts', 'accounts.id', 'space_members.account_id')
    .select(['space_members.account_id', 'accounts.email_index'])
    .where('space_members.space_id', '=', spaceId)
    .where('space_members.role', '=', 'partner')
    .orderBy('space_members.joined_at')
    .orderBy('space_members.account_id')
    .executeTakeFirstOrThrow();
  const journey = await db
    .selectFrom('journeys')
    .select('id')
    .where('space_id', '=', spaceId)
    .orderBy('opened_at')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const agreements = await db
    .selectFrom('agreements')
    .select('id')
    .where('journey_id', '=', journey.id)
    .orderBy('proposed_at')
    .orderBy('id')
    .execute();
  return {
    spaceId,
    accountId: member.account_id,
    journeyId: journey.id,
    agreementIds: agreements.map((a) => a.id),
    emailIndex: member.email_index,
  };
}
