import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, json } from '../support/app.js';
import { couple } from '../support/api-client.js';
import { activeTherapist, journeyAndAgreement, pagesAs } from '../support/live-people.js';

/**
 * A therapist is shown no forms on the partners' pages. One who sends every partner form of a
 * space's and a journey's pages anyway (made by hand, or from an old tab) gets the error page or a
 * redirect — never a page redrawn around the refusal, which would show the partners' words in
 * answer to a POST, a view the access log (it records reads) never holds — and nothing is written.
 * The partners' shared words carry a canary, and the therapist's own reads show it, so the checks
 * can fail. Rule: src/platform/http/refusals.ts.
 */
/** A form that writes in the space (the header's sign-out form is not one). */
const PARTNER_FORM = /<form[^>]*action="\/(spaces|journeys|entries|agreements)\//;

describeEachDatabase('a therapist sending the partners’ forms', (get) => {
  test('gets the error page or a redirect, never the partners’ words; nothing is written', async () => {
    const app = get().app;
    const { a, b, spaceId } = await couple(app);
    const canary = `canary-refusal-${Date.now()}`;
    const today = new Date().toISOString().slice(0, 10);
    const { agreementId } = await journeyAndAgreement(a, b, spaceId, `${canary} we call when late`);
    const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'infidelity', brokeTrust: [a.id] })).journey
      .id as string;
    const written = await a.api.post(`/api/v1/journeys/${journeyId}/entries`, {
      prompt: 'what_happened',
      text: `${canary} Alex on what happened`,
    });
    assert.equal(written.statusCode, 201, written.body);
    const entryId = json(written).entry.id as string;
    assert.equal(
      (await b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: `${canary} Sam on what happened` }))
        .statusCode,
      201,
    );
    const asked = await b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'question', text: `${canary} a question` });
    assert.equal(asked.statusCode, 201, asked.body);
    const questionId = json(asked).entry.id as string;
    for (const p of [a, b]) assert.equal((await p.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`)).statusCode, 201);
    const apology = await a.api.post(`/api/v1/journeys/${journeyId}/apologies`, {
      parts: {
        regret: `${canary} I am sorry`,
        responsibility: 'It was my doing.',
        impact: 'It hurt you.',
        change: 'I will tell you.',
        repair: 'Ask me anything.',
      },
    });
    assert.equal(apology.statusCode, 201, apology.body);
    const apologyId = json(apology).apology.id as string;
    // Sam's answer opens step 3, where an agreement of the journey can be proposed.
    assert.equal((await b.api.post(`/api/v1/apologies/${apologyId}/responses`, { received: true, sincere: true })).statusCode, 201);
    const proposed = await a.api.post(`/api/v1/spaces/${spaceId}/agreements`, {
      text: `${canary} I tell you where I am`,
      committedBy: [a.id],
      cadence: 'daily',
      journeyId,
    });
    assert.equal(proposed.statusCode, 201, proposed.body);
    const journeyAgreementId = json(proposed).agreement.id as string;
    const logged = await a.api.post(`/api/v1/agreements/${agreementId}/log`, {
      occurredOn: today,
      kept: true,
      note: { text: `${canary} log note`, visibility: 'shared' },
    });
    assert.equal(logged.statusCode, 201, logged.body);
    const logEntryId = json(logged).logEntry.id as string;
    const checkin = await b.api.put(`/api/v1/spaces/${spaceId}/checkins/${today}`, {
      safety: 6,
      trust: 5,
      closeness: 4,
      note: { text: `${canary} check-in note`, visibility: 'shared' },
    });
    assert.ok(checkin.statusCode < 300, checkin.body);
    const meeting = await a.api.post(`/api/v1/spaces/${spaceId}/meetings`, { appreciations: `${canary} thank you` });
    assert.equal(meeting.statusCode, 201, meeting.body);
    const call = await a.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, {
      note: { text: `${canary} call`, visibility: 'shared' },
    });
    assert.equal(call.statusCode, 201, call.body);
    const callId = json(call).reassuranceRequest.id as string;

    const t = await activeTherapist(app, a, b, spaceId);
    const pages = await pagesAs(app, t);
    // The therapist reads the partners' shared words on these pages: a redraw of any of them would show the canary.
    for (const url of [
      `/spaces/${spaceId}/agreement-log`,
      `/spaces/${spaceId}/meetings`,
      `/spaces/${spaceId}/reassurance`,
      `/journeys/${journeyId}/steps/1`,
      `/journeys/${journeyId}/steps/2`,
      `/journeys/${journeyId}/steps/3`,
      `/journeys/${journeyId}/questions`,
    ]) {
      const res = await pages.get(url);
      assert.equal(res.statusCode, 200, url);
      assert.ok(res.body.includes(canary), `the therapist reads ${url} (so the checks below can fail)`);
    }

    const snapshot = async () => {
      const reads = [
        `/api/v1/spaces/${spaceId}`,
        `/api/v1/spaces/${spaceId}/journeys`,
        `/api/v1/journeys/${journeyId}`,
        `/api/v1/journeys/${journeyId}/entries`,
        `/api/v1/spaces/${spaceId}/agreements`,
        `/api/v1/spaces/${spaceId}/agreement-log`,
        `/api/v1/spaces/${spaceId}/checkins`,
        `/api/v1/spaces/${spaceId}/meetings`,
        `/api/v1/spaces/${spaceId}/meeting-schedule`,
        `/api/v1/spaces/${spaceId}/reassurance-requests`,
        `/api/v1/spaces/${spaceId}/therapists`,
        `/api/v1/spaces/${spaceId}/progress`,
      ];
      const out: Record<string, unknown> = {};
      for (const url of reads) {
        // A status too: no meeting time yet is 404, and must stay so.
        const res = await a.api.get(url);
        assert.ok([200, 404].includes(res.statusCode), `${url}: ${res.body.slice(0, 200)}`);
        out[url] = { status: res.statusCode, body: json(res) };
      }
      return out;
    };
    const before = await snapshot();

    const j = `/journeys/${journeyId}`;
    const s = `/spaces/${spaceId}`;
    const forms: Array<[string, Record<string, string>]> = [
      [`${s}/breaches`, { kind: '', who: 'partner' }],
      [`${s}/breaches`, { kind: 'lying', who: 'me', description: 'x', descriptionVisibility: 'shared' }],
      [`${j}/steps/1/entries`, { prompt: 'what_happened', text: 'x', visibility: 'shared' }],
      [`${j}/steps/1/entries`, { prompt: 'what_happened', text: ' ', visibility: 'shared' }],
      [`${j}/steps/1/entries`, { prompt: 'question', text: 'x', visibility: 'shared' }],
      [`${j}/steps/1/entries`, { prompt: 'trigger', text: 'x', visibility: 'shared' }],
      [`${j}/acknowledge`, {}],
      [`${j}/breach-dates`, { occurredOn: '', cameOutYear: '2026', cameOutMonth: '1', cameOutDay: '' }],
      [`${j}/breach-dates`, { occurredOn: '', cameOutYear: '2026', cameOutMonth: '', cameOutDay: '' }],
      [`${j}/forgiveness/open`, {}],
      [`/entries/${entryId}/share`, { back: `${j}/steps/1` }],
      [`/entries/${entryId}/delete`, { back: `${j}/steps/1` }],
      [`/entries/${questionId}/defer`, { [`until-${questionId}`]: today }],
      [`/entries/${questionId}/defer`, { [`until-${questionId}`]: 'not a day' }],
      [`${j}/apology`, { action: 'check', 'parts.regret': 'x' }],
      [`${j}/apology`, { action: 'deliver', 'parts.regret': 'x' }],
      [`${j}/apologies/${apologyId}/answer`, { sincere: 'yes' }],
      [`${j}/apologies/${apologyId}/answer`, { sincere: 'no', missing: 'regret' }],
      [`${j}/agreements`, { who: 'me', text: '', cadence: 'daily' }],
      [`${j}/agreements`, { who: 'me', text: 'I tell you my plans a day ahead', cadence: 'each_time' }],
      [`/agreements/${journeyAgreementId}/counter`, { who: 'me', text: '', cadence: 'daily' }],
      [`/agreements/${journeyAgreementId}/counter`, { who: 'me', text: 'I call within the hour', cadence: 'each_time' }],
      [`/agreements/${journeyAgreementId}/accept`, {}],
      [`/agreements/${journeyAgreementId}/withdraw`, {}],
      [`/agreements/${agreementId}/counter`, { who: 'me', text: 'I call within the hour', cadence: 'each_time' }],
      [`${s}/check-in`, { date: today, safety: '', trust: '', closeness: '' }],
      [`${s}/check-in`, { date: today, safety: '6', trust: '5', closeness: '4', note: 'x', visibility: 'shared' }],
      [`${s}/reassurance`, { note: 'x', visibility: 'shared' }],
      [`${s}/reassurance/${callId}/answer`, { answer: 'I am here' }],
      [`${s}/reassurance/${callId}/answer`, { answer: '' }],
      [`${s}/meetings`, { appreciations: 'x' }],
      [`${s}/meetings`, { heldOn: 'not a day', appreciations: 'x' }],
      [`${s}/meetings/schedule`, { weekday: '5', time: '20:00' }],
      [`${s}/meetings/schedule`, { weekday: '5', time: 'late' }],
      [`${s}/monthly-review`, { communicate: '9', closer: '', respect: '' }],
      [`${s}/monthly-review`, { communicate: '4', closer: '4', respect: '4' }],
      [`${s}/agreement-log/${agreementId}`, { occurredOn: today, kept: 'yes', note: 'x' }],
      [`${s}/agreement-log/${agreementId}`, { occurredOn: '', kept: '', note: '' }],
      [`${s}/agreement-log/entries/${logEntryId}/review`, { review: 'confirmed', note: '' }],
      [`${s}/invitations`, { role: 'partner' }],
      [`${s}/therapists/${t.id}/consent`, { password: 'not the password' }],
      [`${s}/therapists/${t.id}/consent`, { password: t.password }],
      [`${s}/therapists/${t.id}/revoke`, {}],
    ];
    for (const [url, fields] of forms) {
      await pages.get(`${s}/meetings`); // a page with a CSRF token, as a browser would have
      const res = await pages.post(url, fields);
      const said = `${url} ${JSON.stringify(fields)}: ${res.statusCode}`;
      assert.ok(res.statusCode >= 300 && res.statusCode < 500, `${said} ${res.body.slice(0, 300)}`);
      if (res.statusCode < 400)
        assert.ok(!String(res.headers.location ?? '').startsWith('http'), `${said}: a redirect within Mend, to a page read by GET`);
      assert.ok(!res.body.includes(canary), `${said}: no page redrawn around the refusal`);
      assert.ok(!res.body.includes('data-live-fragment'), `${said}: no live section of a page either`);
      // A form redrawn before any service is asked holds no canary (a breach's, a check-in's): the form itself tells.
      assert.doesNotMatch(res.body, PARTNER_FORM, `${said}: no partner's form redrawn`);
    }
    assert.deepEqual(await snapshot(), before, 'nothing was written');

    // What a therapist does use still works: leaving the space.
    await pages.get(`${s}/leave`);
    const left = await pages.post(`${s}/leave`, { password: t.password });
    assert.equal(left.statusCode, 303, left.body.slice(0, 300));
    const members = json(await a.api.get(`/api/v1/spaces/${spaceId}`)).space.members as Array<{ accountId: string; status: string }>;
    assert.notEqual(members.find((m) => m.accountId === t.id)?.status, 'active', 'the therapist left');
  });

  test('a therapist’s new calendar address comes on the meetings page, and that view is in the access log', async () => {
    const app = get().app;
    const { a, b, spaceId } = await couple(app);
    const canary = `canary-feed-${Date.now()}`;
    assert.equal((await a.api.post(`/api/v1/spaces/${spaceId}/meetings`, { appreciations: `${canary} thank you` })).statusCode, 201);
    const t = await activeTherapist(app, a, b, spaceId);
    const pages = await pagesAs(app, t);
    await pages.get(`/spaces/${spaceId}/meetings`);
    const logOf = async () => json(await a.api.get(`/api/v1/spaces/${spaceId}/therapist-access-log`)).entries as Array<{ what: string }>;
    const before = (await logOf()).length;
    const res = await pages.post('/calendar-feed', { spaceId });
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    assert.ok(res.body.includes(canary), 'the meetings page, with the partners’ record');
    const after = await logOf();
    assert.equal(after.length, before + 1, 'one more view in the access log');
    assert.ok(JSON.stringify(after).includes('/spaces/:spaceId/meetings'));
  });
  test('the new-breach and new-meeting forms are a partner’s: a therapist gets 403 without a form, a stranger 404', async () => {
    const app = get().app;
    const { a, b, spaceId } = await couple(app);
    const t = await activeTherapist(app, a, b, spaceId);
    const stranger = (await couple(app, ['Noor', 'Ravi'])).a;
    const [partnerPages, therapistPages, strangerPages] = await Promise.all([pagesAs(app, a), pagesAs(app, t), pagesAs(app, stranger)]);
    for (const path of [`/spaces/${spaceId}/breaches/new`, `/spaces/${spaceId}/meetings/new`]) {
      const partner = await partnerPages.get(path);
      assert.equal(partner.statusCode, 200, path);
      assert.match(partner.body, PARTNER_FORM, `${path}: the partner gets the form (so the check below can fail)`);
      const therapist = await therapistPages.get(path);
      assert.equal(therapist.statusCode, 403, path);
      assert.doesNotMatch(therapist.body, PARTNER_FORM, `${path}: no form for the therapist`);
      assert.equal((await strangerPages.get(path)).statusCode, 404, path);
    }
  });
});
