import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { localDate } from '../../src/core/time.js';
import { describeEachDatabase, json, type Response } from '../support/app.js';
import { couple, type Person } from '../support/api-client.js';
import { activeTherapist, journeyAndAgreement, pagesAs } from '../support/live-people.js';

/**
 * Every read by a therapist of a couple's data, by any route, is in the couple's access log
 * before the answer leaves (SPEC section 7). The walk covers every GET route the app registers —
 * a route added later is walked too — plus the export's POST, and judges a route by what it
 * answers: a body that carries anything of the couple (their names, their shared words) must
 * have written a log row for it.
 */

const SHARED = [
  'CANARY-SHARED-CHECKIN',
  'CANARY-SHARED-REASSURE',
  'CANARY-SHARED-BREACH',
  'CANARY-SHARED-QUESTION',
  'CANARY-AGREEMENT',
  'Quillonne',
  'Marisoleil',
];
const PRIVATE = ['CANARY-PRIVATE-CHECKIN', 'CANARY-PRIVATE-BREACH', 'CANARY-PRIVATE-DRAFT'];

/** What each route parameter is filled with; a new parameter makes the walk fail until taught. */
function fill(url: string, ids: Record<string, string>): string[] {
  const names = [...url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  for (const name of names) assert.ok(name in ids || name === 'n', `teach the walk a value for :${name} (${url})`);
  const filled = url.replace(/:(\w+)/g, (_, name: string) => ids[name] ?? `:${name}`).replace('*', 'favicon.svg');
  return names.includes('n') ? [1, 2, 3, 4, 5, 6, 7].map((n) => filled.replace(':n', String(n))) : [filled];
}

async function logRows(app: FastifyInstance, spaceId: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from therapist_access_log where space_id = ${spaceId}`.execute(
    app.mend.store.db,
  );
  return Number(rows[0]!.n);
}

async function aCoupleWithEverything(
  app: FastifyInstance,
): Promise<{ a: Person; b: Person; t: Person; spaceId: string; ids: Record<string, string> }> {
  const { a, b, spaceId } = await couple(app, ['Quillonne', 'Marisoleil']);
  const { agreementId } = await journeyAndAgreement(a, b, spaceId, 'CANARY-AGREEMENT every evening');
  const breach = await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, {
    kind: 'infidelity',
    brokeTrust: [a.id],
    description: { text: 'CANARY-SHARED-BREACH', visibility: 'shared' },
  });
  assert.equal(breach.statusCode, 201, breach.body);
  const journeyId = json(breach).journey.id as string;
  await a.api.post(`/api/v1/spaces/${spaceId}/breaches`, {
    kind: 'lying',
    brokeTrust: [b.id],
    description: { text: 'CANARY-PRIVATE-BREACH', visibility: 'private' },
  });
  assert.equal(
    (await b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'question', text: 'CANARY-SHARED-QUESTION' })).statusCode,
    201,
  );
  const today = localDate(new Date(), 'UTC');
  await a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today}`, {
    safety: 4,
    trust: 4,
    closeness: 4,
    note: { text: 'CANARY-SHARED-CHECKIN', visibility: 'shared' },
  });
  await b.api.put(`/api/v1/spaces/${spaceId}/checkins/${today}`, {
    safety: 6,
    trust: 6,
    closeness: 6,
    note: { text: 'CANARY-PRIVATE-CHECKIN', visibility: 'private' },
  });
  assert.equal(
    (await a.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text: 'CANARY-SHARED-REASSURE', visibility: 'shared' } }))
      .statusCode,
    201,
  );
  // A partner's drafts are theirs alone (issue #18): never in anything a therapist is answered.
  for (const [place, fields] of [
    [`apology:${journeyId}`, { 'parts.regret': 'CANARY-PRIVATE-DRAFT apology' }],
    [`checkin-note:${spaceId}`, { note: 'CANARY-PRIVATE-DRAFT note' }],
  ] as const)
    assert.equal((await a.api.put(`/api/v1/drafts/${place}`, { fields })).statusCode, 200);
  const t = await activeTherapist(app, a, b, spaceId);
  return {
    a,
    b,
    t,
    spaceId,
    ids: {
      spaceId,
      journeyId,
      agreementId,
      apologyId: 'no-such-apology',
      code: 'no-such-code',
      token: 'no-such-token',
      file: 'no-such-feed.ics',
      place: `apology:${journeyId}`,
      // A guide (issue #25) holds nothing of the couple's: read, it must carry none of their data.
      section: 'affair',
      name: 'triggers',
      // The daily question is the partners' own (issue #25): a therapist is refused any day's.
      day: '2026-01-01',
    },
  };
}

const carriesCouple = (res: Response) => res.statusCode < 400 && SHARED.some((c) => res.body.includes(c));

describeEachDatabase('every read by a therapist is in the access log', (get) => {
  test('walking every GET route as the therapist: each answer with the couple’s data wrote a log row first; nothing private is ever in one', async () => {
    const { app } = get();
    const { t, spaceId, ids } = await aCoupleWithEverything(app);
    assert.equal((await t.api.post('/api/v1/sessions/current/reauthenticate', { password: t.password })).statusCode < 300, true);
    const pages = await pagesAs(app, t);
    const unlogged: string[] = [];
    const withData = new Set<string>();
    const routes = app.mendRoutes.filter((r) => r.method === 'GET');
    assert.ok(routes.length > 50, 'the route table was read');
    for (const route of routes) {
      for (const url of fill(route.url, ids)) {
        const before = await logRows(app, spaceId);
        const res = url.startsWith('/api/') ? await t.api.get(url) : await pages.get(url);
        for (const p of PRIVATE) assert.ok(!res.body.includes(p), `${url} shows the therapist ${p}`);
        if (!carriesCouple(res)) continue;
        withData.add(route.url);
        if ((await logRows(app, spaceId)) === before) unlogged.push(`${route.url} (${res.statusCode})`);
      }
    }
    assert.deepEqual(unlogged, [], 'routes that showed the therapist the couple’s data without logging it');
    // The walk reached the reads the audit named, and the ordinary ones.
    for (const url of [
      '/api/v1/me/caseload',
      '/caseload',
      '/api/v1/me/export',
      '/spaces/:spaceId',
      '/api/v1/spaces/:spaceId/checkins',
      '/journeys/:journeyId',
    ]) {
      assert.ok(withData.has(url), `${url} showed the couple's data in the walk`);
    }
  });

  test('the export page (report and data file) writes the log before it answers', async () => {
    const { app } = get();
    const { a, t, spaceId } = await aCoupleWithEverything(app);
    const pages = await pagesAs(app, t);
    for (const format of ['report', 'json']) {
      await pages.get('/account/export');
      const before = await logRows(app, spaceId);
      const res = await pages.post('/account/export', { password: t.password, format });
      assert.equal(res.statusCode, 200, res.body);
      assert.ok(res.body.includes('CANARY-SHARED-CHECKIN'), `${format}: the export carries the couple's shared words`);
      for (const p of PRIVATE) assert.ok(!res.body.includes(p));
      assert.equal(await logRows(app, spaceId), before + 1, format);
    }
    const entries = json(await a.api.get(`/api/v1/spaces/${spaceId}/therapist-access-log`)).entries as Array<{ what: string }>;
    assert.ok(entries.some((e) => e.what === '/account/export (report)'));
    assert.ok(entries.some((e) => e.what === '/account/export (data file)'));
  });

  test('when the log cannot be written, the export and the caseload fail closed: none of the couple’s data', async () => {
    const { app } = get();
    const { t, spaceId } = await aCoupleWithEverything(app);
    await t.api.post('/api/v1/sessions/current/reauthenticate', { password: t.password });
    const pages = await pagesAs(app, t);
    await refuseLogWrites(app);
    try {
      const answers = [await t.api.get('/api/v1/me/export'), await t.api.get('/api/v1/me/caseload'), await pages.get('/caseload')];
      await pages.get('/account/export');
      answers.push(await pages.post('/account/export', { password: t.password, format: 'report' }));
      for (const res of answers) {
        assert.ok(res.statusCode >= 500, `${res.statusCode} ${res.body.slice(0, 200)}`);
        for (const c of [...SHARED, ...PRIVATE]) assert.ok(!res.body.includes(c), c);
      }
      assert.equal(await logRows(app, spaceId), 0);
    } finally {
      await allowLogWrites(app);
    }
  });
});

/** The database itself refuses every new access-log row (a real failed write, not a stand-in). */
async function refuseLogWrites(app: FastifyInstance): Promise<void> {
  const db = app.mend.store.db;
  if (app.mend.store.dialect === 'sqlite') {
    await sql`create trigger refuse_log before insert on therapist_access_log begin select raise(abort, 'refused by the test'); end`.execute(
      db,
    );
  } else {
    await sql
      .raw(`create function refuse_log() returns trigger language plpgsql as $$ begin raise exception 'refused by the test'; end $$`)
      .execute(db);
    await sql`create trigger refuse_log before insert on therapist_access_log for each row execute function refuse_log()`.execute(db);
  }
}

async function allowLogWrites(app: FastifyInstance): Promise<void> {
  const db = app.mend.store.db;
  if (app.mend.store.dialect === 'sqlite') await sql`drop trigger refuse_log`.execute(db);
  else {
    await sql`drop trigger refuse_log on therapist_access_log`.execute(db);
    await sql`drop function refuse_log()`.execute(db);
  }
}
