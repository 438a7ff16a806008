import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { describeEachDatabase, json, succeeded, type TestApp } from '../support/app.js';
import { couple, signUp, type Person } from '../support/api-client.js';
import { pagesAs } from '../support/live-people.js';
import { allStoredTexts } from '../support/stored-texts.js';

/**
 * Leaving well, and a record worth reading (issue #19, items 1 and 2): leaving is confirmed with
 * the password and says what happens; the partner who stays is told, in calm words, and keeps
 * every state reached; a partner who left can come back; deleting an account removes the
 * person's words for good (the ciphertext too) while the partner's history says where they were.
 */

let run = 0;

/** A shared history of Alex (who broke trust) and Sam, with a distinct word in each text. */
async function history(testApp: TestApp, withTherapist = false) {
  const { app } = testApp;
  const { a, b, spaceId } = await couple(app);
  run += 1;
  const w = (name: string) => `${name}${run}x${process.pid}`;
  const words = {
    alexSealed: w('AlexSealedHalf'),
    alexApology: w('AlexApologyWords'),
    alexAgreement: w('AlexAgreementWords'),
    alexWhy: w('AlexSharedWhy'),
    alexPrivate: w('AlexPrivateWhy'),
    alexLogNote: w('AlexLogNote'),
    alexAnswer: w('AlexAnswerWords'),
    alexReassures: w('AlexTriggerReassurance'),
    alexCallAnswer: w('AlexCallAnswer'),
    alexMeeting: w('AlexMeetingWords'),
    samBreach: w('SamBreachWords'),
    samSealed: w('SamSealedHalf'),
    samQuestion: w('SamQuestion'),
    samTrigger: w('SamTrigger'),
    samCall: w('SamCallNote'),
    samReview: w('SamReviewNote'),
  };
  const ok = (p: Promise<import('../support/app.js').Response>, what: string) => succeeded(p, what);
  const journeyId = json(
    await ok(
      b.api.post(`/api/v1/spaces/${spaceId}/breaches`, {
        kind: 'infidelity',
        brokeTrust: [a.id],
        description: { text: words.samBreach, visibility: 'shared' },
      }),
      'breach',
    ),
  ).journey.id as string;
  const j = `/api/v1/journeys/${journeyId}`;
  await ok(a.api.post(`${j}/entries`, { prompt: 'what_happened', text: words.alexSealed }), 'sealed a');
  await ok(b.api.post(`${j}/entries`, { prompt: 'what_happened', text: words.samSealed }), 'sealed b');
  for (const p of [a, b]) await ok(p.api.post(`${j}/acknowledgements`), 'acknowledge');
  const apology = json(await ok(a.api.post(`${j}/apologies`, { text: words.alexApology }), 'apology')).apology;
  await ok(b.api.post(`/api/v1/apologies/${apology.id}/responses`, { received: true, sincere: true }), 'answer the apology');
  const agreementId = json(
    await ok(
      a.api.post(`/api/v1/spaces/${spaceId}/agreements`, { text: words.alexAgreement, committedBy: [a.id], cadence: 'daily' }),
      'propose',
    ),
  ).agreement.id as string;
  await ok(b.api.post(`/api/v1/agreements/${agreementId}/accept`), 'accept');
  await ok(a.api.post(`${j}/entries`, { prompt: 'why_im_doing_this', text: words.alexWhy, visibility: 'shared' }), 'shared why');
  await ok(a.api.post(`${j}/entries`, { prompt: 'why_im_doing_this', text: words.alexPrivate, visibility: 'private' }), 'private why');
  const today = new Date().toISOString().slice(0, 10);
  const logEntry = json(
    await ok(
      a.api.post(`/api/v1/agreements/${agreementId}/log`, {
        occurredOn: today,
        kept: true,
        note: { text: words.alexLogNote, visibility: 'shared' },
      }),
      'log',
    ),
  ).logEntry;
  await ok(
    b.api.post(`/api/v1/agreement-log/${logEntry.id}/confirm`, { note: { text: words.samReview, visibility: 'shared' } }),
    'confirm',
  );
  const question = json(await ok(b.api.post(`${j}/entries`, { prompt: 'question', text: words.samQuestion }), 'question')).entry;
  await ok(a.api.post(`${j}/entries`, { prompt: 'answer', text: words.alexAnswer, replyTo: question.id }), 'answer');
  const trigger = json(await ok(b.api.post(`${j}/entries`, { prompt: 'trigger', text: words.samTrigger }), 'trigger')).entry;
  await ok(a.api.post(`${j}/entries`, { prompt: 'trigger_response', text: words.alexReassures, replyTo: trigger.id }), 'reassure');
  const call = json(
    await ok(b.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text: words.samCall, visibility: 'shared' } }), 'call'),
  ).reassuranceRequest;
  await ok(a.api.post(`/api/v1/reassurance-requests/${call.id}/answer`, { text: words.alexCallAnswer }), 'answer the call');
  await ok(a.api.post(`/api/v1/spaces/${spaceId}/meetings`, { appreciations: words.alexMeeting }), 'meeting');
  for (const p of [a, b])
    await ok(p.api.put(`/api/v1/spaces/${spaceId}/checkins/${today}`, { safety: 6, trust: 5, closeness: 5 }), 'check in');

  let therapist: Person | null = null;
  if (withTherapist) {
    therapist = await signUp(app, 'Dr Lee');
    const { code } = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' })).invitation;
    await ok(therapist.api.post(`/api/v1/invitations/${code}/accept`), 'therapist joins');
    for (const p of [a, b])
      await ok(p.api.post(`/api/v1/spaces/${spaceId}/therapists/${therapist.id}/consent`, { password: p.password }), 'consent');
  }
  return { a, b, spaceId, journeyId, agreementId, words, therapist };
}

const steps = async (p: Person, journeyId: string) => {
  const res = await p.api.get(`/api/v1/journeys/${journeyId}`);
  assert.equal(res.statusCode, 200, res.body);
  return json(res).journey;
};

/** Every row of every table that holds `value` in a column. */
async function rowsHolding(db: Kysely<any>, value: string): Promise<string[]> {
  const found: string[] = [];
  for (const table of await db.introspection.getTables()) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(db);
    for (const row of rows) if (Object.values(row).some((v) => v === value)) found.push(table.name);
  }
  return found;
}

/** The ciphertexts of every text Alex wrote on the couple's shared record, as stored. */
async function alexCiphertexts(db: Kysely<any>, alex: string): Promise<string[]> {
  const reads = [
    sql<{ v: string }>`select text_enc as v from journey_entries where author_id = ${alex}`,
    sql<{ v: string }>`select text_enc as v from apologies where author_id = ${alex}`,
    sql<{ v: string }>`select text_enc as v from agreements where proposed_by = ${alex}`,
    sql<{ v: string }>`select note_enc as v from agreement_log_entries where logged_by = ${alex} and note_enc is not null`,
    sql<{ v: string }>`select agenda_enc as v from meetings where created_by = ${alex}`,
    sql<{ v: string }>`select answer_enc as v from reassurance_requests where answered_by = ${alex} and answer_enc is not null`,
  ];
  const out: string[] = [];
  for (const read of reads) out.push(...(await read.execute(db)).rows.map((r) => r.v));
  return out;
}

const DAY = String.raw`\d{1,2} [A-Z][a-z]+ \d{4}`;

describeEachDatabase('leaving a space well', (get) => {
  test('leaving is confirmed with the password, on the page and in the API; a stranger cannot make anyone leave', async () => {
    const testApp = get();
    const { a, b, spaceId } = await couple(testApp.app);
    const leave = `/api/v1/spaces/${spaceId}/leave`;

    const bare = await a.api.post(leave);
    assert.equal(bare.statusCode, 403, bare.body);
    assert.equal(json(bare).error.code, 'reauthentication_required', 'no password, no recent confirmation');
    const wrong = await a.api.post(leave, { password: 'not my password at all' });
    assert.equal(wrong.statusCode, 403, wrong.body);
    assert.equal(json(wrong).error.details.password, 'That password is not right.');
    const stranger = await signUp(testApp.app, 'Kim');
    assert.equal((await stranger.api.post(leave, { password: stranger.password })).statusCode, 404, 'not their space');
    assert.equal((await a.api.get(`/api/v1/spaces/${spaceId}`)).statusCode, 200, 'still in the space');

    // The page: what happens, the export first, the password; a wrong one is said beside the field.
    const pages = await pagesAs(testApp.app, a);
    const page = await pages.get(`/spaces/${spaceId}/leave`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /First, if you want a copy/);
    assert.match(page.body, /href="\/account\/export"/);
    assert.match(page.body, /What you kept private<\/dt><dd><strong>Deleted<\/strong>/);
    assert.match(page.body, /What you shared<\/dt><dd><strong>Stays<\/strong>/);
    assert.match(page.body, /Sam sees that you left and on which day/);
    assert.match(page.body, /name="password"/);
    const refused = await pages.post(`/spaces/${spaceId}/leave`, { password: '' });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /That password is not right/);
    assert.match(refused.body, /aria-invalid="true"/);
    assert.equal((await a.api.get(`/api/v1/spaces/${spaceId}`)).statusCode, 200, 'still in the space');

    const left = await pages.post(`/spaces/${spaceId}/leave`, { password: a.password });
    assert.equal(left.statusCode, 303, left.body.slice(0, 300));
    assert.equal(left.headers.location, '/left-space');
    const after = await pages.get('/left-space');
    assert.match(after.body, /You have left the space/);
    assert.equal((await a.api.get(`/api/v1/spaces/${spaceId}`)).statusCode, 404, 'gone for the one who left');
    assert.equal((await b.api.get(`/api/v1/spaces/${spaceId}`)).statusCode, 200, 'there for the one who stays');

    // An API client may confirm first (reauthenticate), then leave within ten minutes.
    const other = await couple(testApp.app);
    await succeeded(other.b.api.post('/api/v1/sessions/current/reauthenticate', { password: other.b.password }), 'reauthenticate');
    assert.equal((await other.b.api.post(`/api/v1/spaces/${other.spaceId}/leave`)).statusCode, 204);

    // Alone in a space, the page says leaving deletes it.
    const solo = await pagesAs(testApp.app, other.a);
    assert.match((await solo.get(`/spaces/${other.spaceId}/leave`)).body, /the space and everything in it is deleted/);
  });

  test('the partner who stays (and the therapist) see who left and when; every state reached stays, and nothing is said as if they had not joined yet', async () => {
    const testApp = get();
    const h = await history(testApp, true);
    const { a, b, spaceId, journeyId, words } = h;
    const before = await steps(b, journeyId);
    assert.deepEqual(
      before.steps.slice(0, 3).map((s: { status: string }) => s.status),
      ['done', 'done', 'done'],
    );

    assert.equal((await a.api.post(`/api/v1/spaces/${spaceId}/leave`, { password: a.password })).statusCode, 204);

    const stored = await allStoredTexts(testApp);
    assert.ok(!stored.includes(words.alexPrivate), 'what Alex kept private left with him');
    for (const shared of [words.alexApology, words.alexWhy, words.alexAnswer, words.alexAgreement, words.alexSealed, words.alexMeeting])
      assert.ok(stored.includes(shared), `${shared} stays for Sam`);
    const alexCheckins = await sql<{ n: number }>`select count(*) as n from checkins where account_id = ${a.id}`.execute(
      testApp.app.mend.store.db,
    );
    assert.equal(Number(alexCheckins.rows[0]!.n), 0, "Alex's check-ins here went with him");

    const space = json(await b.api.get(`/api/v1/spaces/${spaceId}`));
    assert.equal(space.formerPartners.length, 1);
    assert.equal(space.formerPartners[0].accountId, a.id);
    assert.equal(space.formerPartners[0].displayName, 'Alex');
    assert.equal(space.formerPartners[0].accountDeletedAt, null);

    const after = await steps(b, journeyId);
    assert.deepEqual(
      after.steps.map((s: { status: string }) => s.status),
      before.steps.map((s: { status: string }) => s.status),
      'every step stands where it stood',
    );
    assert.equal(after.questions[0].state, 'answered');
    assert.equal(after.triggers[0].state, 'reassured');

    for (const viewer of [b, h.therapist!]) {
      const pages = await pagesAs(testApp.app, viewer);
      const home = (await pages.get(`/spaces/${spaceId}`)).body;
      assert.match(home, new RegExp(`Alex left the space on ${DAY}\\.`));
      assert.match(home, /What Alex shared stays here/);
      assert.doesNotMatch(home, /join whenever they are ready/);
      const journey = (await pages.get(`/journeys/${journeyId}`)).body;
      assert.match(journey, new RegExp(`Alex left the space on ${DAY}\\. Everything reached together stays as it was`));
      assert.doesNotMatch(journey, /When your partner joins/);
      assert.doesNotMatch(journey, /has not joined yet/);
      const step2 = (await pages.get(`/journeys/${journeyId}/steps/2`)).body;
      assert.ok(step2.includes(words.alexApology), 'the apology stays readable');
      assert.doesNotMatch(step2, /When your partner joins/);
      const questions = (await pages.get(`/journeys/${journeyId}/questions`)).body;
      assert.ok(questions.includes(words.alexAnswer));
      assert.match(questions, /Answered/);
      assert.doesNotMatch(questions, /Waiting for an answer/);
      if (viewer === b) {
        const checkin = (await pages.get(`/spaces/${spaceId}/check-in`)).body;
        assert.match(checkin, /Your partner left the space\. If they join again, their check-in will show here\./);
        assert.doesNotMatch(checkin, /When your partner joins/);
        assert.match(home, /You can carry on alone/);
        assert.match(home, /Invite your partner again/);
        assert.match(journey, /Carrying on alone/);
        assert.doesNotMatch(journey, /Doing this on your own for now/);
      }
    }
  });

  test('a partner who left can be invited again: they find the shared history, not what was deleted when they left', async () => {
    const testApp = get();
    const { a, b, spaceId, journeyId, words } = await history(testApp);
    assert.equal((await a.api.post(`/api/v1/spaces/${spaceId}/leave`, { password: a.password })).statusCode, 204);
    // Sam's own question, still waiting for Alex, says he left before answering.
    const again = json(await b.api.post(`/api/v1/spaces/${spaceId}/invitations`, {})).invitation;
    assert.equal((await a.api.post(`/api/v1/invitations/${again.code}/accept`)).statusCode, 200);

    const space = json(await b.api.get(`/api/v1/spaces/${spaceId}`));
    assert.deepEqual(space.formerPartners, [], 'a partner again, no longer one who left');
    assert.deepEqual(space.space.members.map((m: { accountId: string }) => m.accountId).sort(), [a.id, b.id].sort());
    const entries = JSON.stringify(json(await a.api.get(`/api/v1/journeys/${journeyId}/entries?limit=200`)).entries);
    assert.ok(entries.includes(words.alexWhy) && entries.includes(words.alexAnswer), 'his shared writing is there');
    assert.ok(!entries.includes(words.alexPrivate), 'what he kept private was deleted when he left, and stays deleted');
    assert.deepEqual(
      (await steps(a, journeyId)).steps.slice(0, 3).map((s: { status: string }) => s.status),
      ['done', 'done', 'done'],
    );
    const pages = await pagesAs(testApp.app, b);
    const home = (await pages.get(`/spaces/${spaceId}`)).body;
    assert.doesNotMatch(home, /left the space on/);
    assert.match(home, /You and Alex share this space/);
  });
});

describeEachDatabase('deleting an account never rewrites the partner’s history in silence', (get) => {
  test('every state reached stays, the words are gone from the database, and the partner and the therapist see where they were', async () => {
    const testApp = get();
    const { db } = testApp.app.mend.store;
    const h = await history(testApp, true);
    const { a, b, spaceId, journeyId, agreementId, words } = h;
    const ciphertexts = await alexCiphertexts(db, a.id);
    assert.ok(ciphertexts.length >= 8, `Alex's texts were found: ${ciphertexts.length}`);
    const before = await steps(b, journeyId);

    assert.equal((await a.api.delete('/api/v1/me', { password: a.password })).statusCode, 204);

    // Gone: not hidden. No text opens to his words, no stored value is his ciphertext, no row names him.
    const stored = await allStoredTexts(testApp);
    for (const [name, text] of Object.entries(words)) {
      if (name.startsWith('alex')) assert.ok(!stored.includes(text), `${name} is gone`);
      else assert.ok(stored.includes(text), `${name} stays with Sam`);
    }
    for (const value of ciphertexts) assert.deepEqual(await rowsHolding(db, value), [], 'the ciphertext is gone too');
    assert.deepEqual(await rowsHolding(db, a.id), [], 'no row holds his id');

    // States reached stay reached.
    const after = await steps(b, journeyId);
    assert.deepEqual(
      after.steps.map((s: { status: string }) => s.status),
      before.steps.map((s: { status: string }) => s.status),
    );
    assert.equal(after.questions[0].state, 'answered');
    assert.equal(after.triggers[0].state, 'reassured');
    const agreement = json(await b.api.get(`/api/v1/agreements/${agreementId}`)).agreement;
    assert.equal(agreement.status, 'active', 'an accepted agreement stays accepted');
    assert.equal(agreement.text, '', 'its words are removed');
    const call = json(await b.api.get(`/api/v1/spaces/${spaceId}/reassurance-requests`)).reassuranceRequests[0];
    assert.ok(call.answeredAt, 'an answered call stays answered');
    const space = json(await b.api.get(`/api/v1/spaces/${spaceId}`));
    const [gone] = space.formerPartners;
    assert.ok(gone.accountDeletedAt, 'the API says when');
    assert.notEqual(gone.accountId, a.id, 'a stand-in nothing links to him');
    assert.equal(gone.displayName, '');
    assert.equal(after.breach.brokeTrust[0], gone.accountId, 'the breach names the stand-in');
    const checkins = json(await b.api.get(`/api/v1/spaces/${spaceId}/checkins`)).checkins as Array<{ accountId: string }>;
    assert.ok(
      checkins.some((c) => c.accountId === b.id),
      "Sam's own check-ins stay",
    );

    const removed = new RegExp(`was removed by its author on ${DAY}, when they deleted their account`);
    for (const viewer of [b, h.therapist!]) {
      const pages = await pagesAs(testApp.app, viewer);
      const say = async (url: string, ...expected: Array<RegExp>) => {
        const res = await pages.get(url);
        assert.equal(res.statusCode, 200, `${url}: ${res.statusCode}`);
        for (const e of expected) assert.match(res.body, e, `${url} says ${e}`);
        for (const text of Object.values(words).filter((t) => t.startsWith('Alex'))) assert.ok(!res.body.includes(text), `${url}: ${text}`);
        return res.body;
      };
      const who = viewer === b ? 'Your partner' : 'A partner';
      await say(`/spaces/${spaceId}`, new RegExp(`${who} deleted their account on ${DAY}\\.`), /an answered question stays answered/);
      await say(`/journeys/${journeyId}`, new RegExp(`${who} deleted their account on ${DAY}`));
      await say(
        `/journeys/${journeyId}/steps/2`,
        /The apology was removed by its author on/,
        /answer:<\/strong>\s*received; it felt sincere/,
      );
      await say(`/journeys/${journeyId}/steps/3`, /What it said was removed by its author on/);
      const questions = await say(`/journeys/${journeyId}/questions`, /The answer was removed by its author on/, removed, /Answered/);
      assert.doesNotMatch(questions, /Waiting for an answer/);
      await say(`/journeys/${journeyId}/triggers`, /Their reassurance was removed by its author on/, /Reassured/);
      await say(`/spaces/${spaceId}/agreement-log`, /The note was removed by its author on/, /An agreement whose words were removed/);
      await say(`/spaces/${spaceId}/meetings`, /What was written was removed by its author on/);
      await say(`/spaces/${spaceId}/reassurance`, /The answer was removed by its author on/);
    }
  });

  test('a partner who left and later deletes their account: the partner sees both, and the words go then', async () => {
    const testApp = get();
    const { a, b, spaceId, journeyId, words } = await history(testApp);
    assert.equal((await a.api.post(`/api/v1/spaces/${spaceId}/leave`, { password: a.password })).statusCode, 204);
    assert.ok((await allStoredTexts(testApp)).includes(words.alexApology), 'kept while his account is there');
    assert.equal((await a.api.delete('/api/v1/me', { password: a.password })).statusCode, 204);

    assert.ok(!(await allStoredTexts(testApp)).includes(words.alexApology), 'removed with his account');
    assert.deepEqual(await rowsHolding(testApp.app.mend.store.db, a.id), []);
    const [gone] = json(await b.api.get(`/api/v1/spaces/${spaceId}`)).formerPartners;
    assert.ok(gone.leftAt <= gone.accountDeletedAt);
    const pages = await pagesAs(testApp.app, b);
    assert.match(
      (await pages.get(`/spaces/${spaceId}`)).body,
      new RegExp(`Your partner (deleted their account on|left the space on ${DAY} and deleted their account on) ${DAY}`),
    );
    assert.match((await pages.get(`/journeys/${journeyId}/steps/2`)).body, /The apology was removed by its author on/);

    assert.deepEqual(
      (await steps(b, journeyId)).steps.slice(0, 3).map((s: { status: string }) => s.status),
      ['done', 'done', 'done'],
    );

    // The stand-in keeps his place in this space only: when the last partner leaves, it goes too.
    const standIn = () => sql`select id from accounts where id = ${gone.accountId}`.execute(testApp.app.mend.store.db);
    assert.equal((await standIn()).rows.length, 1);
    assert.equal((await b.api.post(`/api/v1/spaces/${spaceId}/leave`, { password: b.password })).statusCode, 204);
    assert.equal((await standIn()).rows.length, 0, 'no stand-in outlives the space');
  });
});
