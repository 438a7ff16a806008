/**
 * Query plans of the hot paths on PostgreSQL (issue #7): runs `EXPLAIN (ANALYZE, BUFFERS)` for
 * every query the server sends for a signed-in person's session check, progress (API and page),
 * the journey page and a check-in write, with the parameters of one seeded couple. The SQL is the
 * server's own, copied from PostgreSQL's statement log of those requests (`log_statement = all`);
 * writes run inside a transaction that is rolled back. Usage:
 *
 *   DATABASE_URL=postgres://…/mend_bench100k node --import tsx bench/plans.ts [--only checkins]
 *
 * Prints each plan; docs/performance.md keeps the relevant lines of a recorded run.
 */
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';

interface Couple {
  spaceId: string;
  accountId: string;
  partnerId: string;
  journeyId: string;
  breachId: string;
  agreementIds: string[];
  emailIndex: string;
}

interface Planned {
  name: string;
  sql: string;
  params: (c: Couple) => unknown[];
  write?: boolean;
}

const today = new Date().toISOString().slice(0, 10);
const monthAgo = `${new Date(Date.now() - 31 * 86_400_000).toISOString().slice(0, 10)}T00:00:00.000Z`;
const ninetyDaysAgo = new Date(Date.now() - 89 * 86_400_000).toISOString().slice(0, 10);
const tokenHash = createHash('sha256').update(randomUUID()).digest('hex');

export const HOT_QUERIES: Planned[] = [
  // session and account
  { name: 'session by token', sql: 'select * from "sessions" where "token_hash" = $1', params: () => [tokenHash] },
  {
    name: 'session, account and membership of the space in the path (every request about a space)',
    sql: 'select "sessions"."id", "sessions"."account_id", "sessions"."kind", "sessions"."created_at", "sessions"."last_seen_at", "sessions"."expires_at", "sessions"."reauthenticated_at", "accounts"."email_enc", "accounts"."display_name_enc", "accounts"."timezone", "accounts"."country", "accounts"."created_at" as "account_created_at", exists (select "space_members"."account_id" from "space_members" where "space_members"."account_id" = "sessions"."account_id" and "space_members"."role" = $1) as "may_be_therapist", "member"."role" as "member_role", "member"."status" as "member_status", "space_revision"."revision" as "space_revision" from "sessions" inner join "accounts" on "accounts"."id" = "sessions"."account_id" left join "space_members" as "member" on "member"."account_id" = "sessions"."account_id" and "member"."space_id" = $2 left join "space_revisions" as "space_revision" on "space_revision"."space_id" = "member"."space_id" where "sessions"."token_hash" = $3',
    params: (c) => ['therapist', c.spaceId, tokenHash],
  },
  { name: 'account by email (sign-in)', sql: 'select * from "accounts" where "email_index" = $1', params: (c) => [c.emailIndex] },
  { name: 'account by id', sql: 'select * from "accounts" where "id" = $1', params: (c) => [c.accountId] },
  {
    name: 'spaces of an account',
    sql: 'select "spaces"."id", "spaces"."name_enc", "space_members"."role", "space_members"."status" from "space_members" inner join "spaces" on "spaces"."id" = "space_members"."space_id" where "space_members"."account_id" = $1 order by "space_members"."joined_at"',
    params: (c) => [c.accountId],
  },
  // membership
  {
    name: 'membership with revision',
    sql: 'select "space_members"."role", "space_members"."status", "space_revisions"."revision" from "space_members" left join "space_revisions" on "space_revisions"."space_id" = "space_members"."space_id" where "space_members"."space_id" = $1 and "space_members"."account_id" = $2',
    params: (c) => [c.spaceId, c.accountId],
  },
  {
    name: 'members of a space',
    sql: 'select "space_members"."account_id", "space_members"."role", "space_members"."status", "space_members"."joined_at", "accounts"."display_name_enc" from "space_members" inner join "accounts" on "accounts"."id" = "space_members"."account_id" where "space_members"."space_id" = $1 order by "space_members"."joined_at"',
    params: (c) => [c.spaceId],
  },
  // progress facts
  {
    name: 'progress: check-in scores',
    sql: 'select "account_id", "date", "safety", "trust", "closeness" from "checkins" where "space_id" = $1 order by "date", "account_id"',
    params: (c) => [c.spaceId],
  },
  {
    name: 'progress: agreement log of commitments',
    sql: 'select "e"."logged_by", "e"."occurred_on", "e"."kept", "e"."review" from "agreement_log_entries" as "e" inner join "agreements" as "a" on "a"."id" = "e"."agreement_id" and "a"."space_id" = "e"."space_id" inner join "agreement_commitments" as "c" on "c"."agreement_id" = "e"."agreement_id" and "c"."account_id" = "e"."logged_by" where "e"."space_id" = $1 order by "e"."occurred_on", "e"."created_at"',
    params: (c) => [c.spaceId],
  },
  { name: 'progress: monthly reviews', sql: 'select * from "monthly_reviews" where "space_id" = $1 order by "month"', params: (c) => [c.spaceId] },
  { name: 'progress: breaches', sql: 'select "id", "kind", "recorded_at", "occurred_on", "broke_trust" from "breaches" where "space_id" = $1', params: (c) => [c.spaceId] },
  { name: 'progress: journeys', sql: 'select "id", "breach_id", "opened_at", "closed_at" from "journeys" where "space_id" = $1', params: (c) => [c.spaceId] },
  { name: 'progress: accepted agreements', sql: 'select "accepted_at" from "agreements" where "space_id" = $1 and "accepted_at" is not null', params: (c) => [c.spaceId] },
  {
    name: 'progress: meetings',
    sql: 'select "held_on" from "meetings" where "space_id" = $1 order by "held_on" desc, "created_at" desc limit $2',
    params: (c) => [c.spaceId, 1000],
  },
  {
    name: 'progress: reassurance',
    sql: 'select "answered_at" from "reassurance_requests" where "space_id" = $1 order by "created_at" desc limit $2',
    params: (c) => [c.spaceId, 1000],
  },
  {
    name: 'red flags: check-in notes of the last month',
    sql: 'select "id", "account_id", "note_enc", "note_visibility", "updated_at" from "checkins" where "space_id" = $1 and "note_enc" is not null and "updated_at" >= $2',
    params: (c) => [c.spaceId, monthAgo],
  },
  {
    name: 'red flags: log notes of the last month',
    sql: 'select "id", "logged_by", "note_enc", "note_visibility", "created_at" from "agreement_log_entries" where "space_id" = $1 and "note_enc" is not null and "created_at" >= $2',
    params: (c) => [c.spaceId, monthAgo],
  },
  {
    name: 'red flags: entries of the last month',
    sql: 'select "id", "author_id", "visibility", "text_enc", "created_at" from "journey_entries" where "journey_id" in ($1) and "created_at" >= $2',
    params: (c) => [c.journeyId, monthAgo],
  },
  {
    name: 'progress page: check-ins of 90 days',
    sql: 'select * from "checkins" where "space_id" = $1 and "date" >= $2 and "date" <= $3 order by "date", "account_id"',
    params: (c) => [c.spaceId, ninetyDaysAgo, today],
  },
  {
    name: 'agreement log of the space',
    sql: 'select * from "agreement_log_entries" where "space_id" = $1 order by "occurred_on", "created_at"',
    params: (c) => [c.spaceId],
  },
  // journey page
  { name: 'journey by id', sql: 'select * from "journeys" where "id" = $1', params: (c) => [c.journeyId] },
  { name: 'breach by id', sql: 'select * from "breaches" where "id" = $1', params: (c) => [c.breachId] },
  { name: 'journey entries', sql: 'select * from "journey_entries" where "journey_id" = $1 order by "created_at", "id"', params: (c) => [c.journeyId] },
  { name: 'question deferrals', sql: 'select * from "question_deferrals" where "journey_id" = $1', params: (c) => [c.journeyId] },
  { name: 'apologies', sql: 'select * from "apologies" where "journey_id" = $1 order by "created_at", "id"', params: (c) => [c.journeyId] },
  { name: 'agreements of the journey', sql: 'select * from "agreements" where "journey_id" = $1 order by "proposed_at", "id"', params: (c) => [c.journeyId] },
  {
    name: 'apology responses',
    sql: 'select "apology_responses".* from "apology_responses" inner join "apologies" on "apologies"."id" = "apology_responses"."apology_id" where "apologies"."journey_id" = $1 order by "apology_responses"."created_at"',
    params: (c) => [c.journeyId],
  },
  { name: 'forgiveness opt-ins', sql: 'select "account_id", "created_at" from "forgiveness_opt_ins" where "journey_id" = $1', params: (c) => [c.journeyId] },
  {
    name: 'commitments of agreements',
    sql: 'select "agreement_id", "account_id" from "agreement_commitments" where "agreement_id" = any($1)',
    params: (c) => [c.agreementIds],
  },
  { name: 'acknowledgements', sql: 'select "account_id", "created_at" from "journey_acknowledgements" where "journey_id" = $1 order by "created_at"', params: (c) => [c.journeyId] },
  {
    name: 'occasions of agreements (step 7 gate)',
    sql: 'select "agreement_id", "occurred_on" from "agreement_log_entries" where "agreement_id" = any($1)',
    params: (c) => [c.agreementIds],
  },
  // check-in write
  {
    name: 'check-in upsert: existing row',
    sql: 'select "id", "created_at" from "checkins" where "space_id" = $1 and "account_id" = $2 and "date" = $3',
    params: (c) => [c.spaceId, c.accountId, today],
  },
  {
    name: 'check-in upsert: insert',
    sql: 'insert into "checkins" ("id", "space_id", "account_id", "date", "created_at", "safety", "trust", "closeness", "day", "note_enc", "note_visibility", "updated_at") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)',
    params: (c) => [randomUUID(), c.spaceId, c.accountId, '1999-01-01', new Date().toISOString(), 5, 5, 5, 'mixed', null, null, new Date().toISOString()],
    write: true,
  },
  {
    name: 'check-in of an account on a day (reminders)',
    sql: 'select "id" from "checkins" where "account_id" = $1 and "date" = $2',
    params: (c) => [c.accountId, today],
  },
  { name: 'safety check', sql: 'select "last_completed_at" from "safety_checks" where "account_id" = $1', params: (c) => [c.accountId] },
  { name: 'space notices', sql: 'select "kind", "created_at" from "space_notices" where "space_id" = $1 order by "created_at" desc', params: (c) => [c.spaceId] },
  { name: 'therapist consents', sql: 'select "therapist_id", "partner_id" from "therapist_consents" where "space_id" = $1', params: (c) => [c.spaceId] },
];

/** A couple from the middle of the data set (not the first rows written, which may be cached). */
async function pickCouple(client: pg.Client): Promise<Couple> {
  const { rows: counted } = await client.query<{ n: string }>('select count(*) as n from spaces');
  const offset = Math.floor(Number(counted[0]!.n) / 2);
  const { rows: spaces } = await client.query<{ id: string }>('select id from spaces order by created_at, id offset $1 limit 1', [offset]);
  const spaceId = spaces[0]!.id;
  const { rows: members } = await client.query<{ account_id: string; email_index: string }>(
    'select m.account_id, a.email_index from space_members m join accounts a on a.id = m.account_id where m.space_id = $1 order by m.joined_at, m.account_id',
    [spaceId],
  );
  const { rows: journeys } = await client.query<{ id: string; breach_id: string }>('select id, breach_id from journeys where space_id = $1 limit 1', [spaceId]);
  const { rows: agreements } = await client.query<{ id: string }>('select id from agreements where space_id = $1', [spaceId]);
  return {
    spaceId,
    accountId: members[0]!.account_id,
    partnerId: members[1]?.account_id ?? members[0]!.account_id,
    journeyId: journeys[0]!.id,
    breachId: journeys[0]!.breach_id,
    agreementIds: agreements.map((a) => a.id),
    emailIndex: members[0]!.email_index,
  };
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL to the seeded PostgreSQL database.');
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const couple = await pickCouple(client);
    for (const q of HOT_QUERIES) {
      if (only && !q.name.includes(only)) continue;
      if (q.write) await client.query('begin');
      try {
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${q.sql}`, q.params(couple));
        console.log(`\n### ${q.name}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
      } finally {
        if (q.write) await client.query('rollback');
      }
    }
  } finally {
    await client.end();
  }
}

await main();
