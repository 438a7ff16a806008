import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, json } from '../support/app.js';
import { couple, POSITIVE_SCREENING } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';

describeEachDatabase('export', (get) => {
  test("holds everything the account may see, and nothing of the partner's private or unopened writing", async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const today = new Date().toISOString().slice(0, 10);
    const journeyId = json(
      await a.api.post(`/api/v1/spaces/${spaceId}/breaches`, {
        kind: 'infidelity',
        brokeTrust: [a.id],
        description: { text: 'AlexPrivateDescription', visibility: 'private' },
      }),
    ).journey.id;
    await b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'question', text: 'SamSharedQuestion', visibility: 'shared' });
    await b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: 'SamUnopenedSealed', visibility: 'sealed' });
    await a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today}`, {
      safety: 7,
      trust: 4,
      closeness: 5,
      note: { text: 'AlexPrivateCheckin', visibility: 'private' },
    });
    await b.api.put(`/api/v1/spaces/${spaceId}/checkins/${today}`, {
      safety: 3,
      trust: 2,
      closeness: 2,
      note: { text: 'SamPrivateCheckin', visibility: 'private' },
    });
    await b.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text: 'SamSharedRequest', visibility: 'shared' } });
    await a.api.post('/api/v1/me/safety-screenings', POSITIVE_SCREENING);

    await a.api.post('/api/v1/sessions/current/reauthenticate', { password: a.password });
    const res = await a.api.get('/api/v1/me/export');
    assert.equal(res.statusCode, 200);
    const body = res.body;
    for (const mine of ['AlexPrivateDescription', 'AlexPrivateCheckin', 'SamSharedQuestion', 'SamSharedRequest'])
      assert.ok(body.includes(mine), `${mine} is in the export`);
    for (const theirs of ['SamUnopenedSealed', 'SamPrivateCheckin']) assert.ok(!body.includes(theirs), `${theirs} is not`);
    assert.doesNotMatch(body, /safety-screening|afraid|positive/i, 'nothing about the safety screening');
    const doc = json(res);
    const space = doc.spaces[0];
    assert.equal(space.journeys.length, 1);
    assert.ok(
      space.journeys[0].entries.some((e: { sealed?: boolean; authorId: string }) => e.sealed === true && e.authorId === b.id),
      'an unopened sealed entry appears only as a stub',
    );
    assert.equal(space.checkins.length, 2, "both partners' scores are part of the record");
    assert.ok(space.progress.partners.length === 2);
  });

  test('the printable report shows the same record after the password is confirmed', async () => {
    const { app } = get();
    const { a, spaceId } = await couple(app);
    await a.api.post(`/api/v1/spaces/${spaceId}/breaches`, {
      kind: 'lying',
      brokeTrust: [a.id],
      description: { text: 'ReportDescription', visibility: 'shared' },
    });
    const page = new PageClient(app);
    await page.get('/sign-in');
    await page.post('/sign-in', { email: a.email, password: a.password });
    await page.get('/account/export');
    const wrong = await page.post('/account/export', { password: 'definitely wrong', format: 'report' });
    assert.equal(wrong.statusCode, 403);
    await page.get('/account/export');
    const report = await page.post('/account/export', { password: a.password, format: 'report' });
    assert.equal(report.statusCode, 200);
    assert.match(report.body, /Your Mend record/);
    assert.match(report.body, /ReportDescription/);
    await page.get('/account/export');
    const file = await page.post('/account/export', { password: a.password, format: 'json' });
    assert.match(String(file.headers['content-disposition']), /attachment; filename="mend-export.json"/);
    assert.equal(JSON.parse(file.body).format, 'mend-export');
  });

  test('the format choice is inside the form that is sent, and a wrong password keeps the choice (issue #19)', async () => {
    const { app } = get();
    const { a } = await couple(app);
    const page = new PageClient(app);
    await page.get('/sign-in');
    await page.post('/sign-in', { email: a.email, password: a.password });
    const form = /<form method="post" action="\/account\/export"[\s\S]*?<\/form>/.exec((await page.get('/account/export')).body)?.[0] ?? '';
    assert.match(form, /<legend>How you would like it<\/legend>/);
    assert.match(form, /<input type="radio" name="format" value="report" checked>/, 'the report is the default');
    assert.match(form, /<input type="radio" name="format" value="json">/);
    const wrong = await page.post('/account/export', { password: 'definitely wrong', format: 'json' });
    assert.equal(wrong.statusCode, 403);
    assert.match(wrong.body, /<input type="radio" name="format" value="json" checked>/, 'still the data file');
    assert.doesNotMatch(wrong.body, /value="report" checked/);
  });
});
