import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, json, succeeded } from '../support/app.js';
import { couple, sharingNumbers, signUp } from '../support/api-client.js';
import { pagesAs } from '../support/live-people.js';

/**
 * Therapist pages speak as the therapist (issue #19, item 6): the space names the couple ("Alex
 * and Sam share this space", never "You and Alex"), the caseload names each couple by its
 * partners, and the partners' own forms — the check-in, the monthly review — are not offered to
 * someone who only reads. Before both partners agree, the caseload still names only the space.
 */

const main = (body: string): string => /<main[^>]*>([\s\S]*)<\/main>/.exec(body)?.[1] ?? '';

describeEachDatabase('a therapist’s pages speak as the therapist', (get) => {
  test('the space, the caseload, the check-in and the monthly review, as the couple’s therapist', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app, ['Alex', 'Sam']);
    await sharingNumbers(a, b);
    const today = new Date().toISOString().slice(0, 10);
    await succeeded(b.api.put(`/api/v1/spaces/${spaceId}/checkins/${today}`, { safety: 6, trust: 5, closeness: 7 }), 'check in');
    await succeeded(
      b.api.put(`/api/v1/spaces/${spaceId}/monthly-reviews/${today.slice(0, 7)}`, { communicate: 4, closer: 3, respect: 5 }),
      'review',
    );

    // Waiting for consent: the caseload names the space only.
    const waiting = await signUp(app, 'Dr Lee');
    const { code } = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' })).invitation;
    assert.equal((await waiting.api.post(`/api/v1/invitations/${code}/accept`)).statusCode, 200);
    const waitingPages = await pagesAs(app, waiting);
    const before = main((await waitingPages.get('/caseload')).body);
    assert.match(before, /<h2>Us<\/h2>/);
    assert.doesNotMatch(before, /Alex|Sam|session-summary/);

    for (const p of [a, b])
      assert.ok(
        (await p.api.post(`/api/v1/spaces/${spaceId}/therapists/${waiting.id}/consent`, { password: p.password })).statusCode < 300,
      );
    const caseload = main((await waitingPages.get('/caseload')).body);
    assert.match(caseload, new RegExp(`<h2><a href="/spaces/${spaceId}">Alex and Sam</a></h2>`));
    assert.match(caseload, /Their space: Us/);
    assert.match(caseload, new RegExp(`href="/spaces/${spaceId}/session-summary">Since your last visit`));

    const space = main((await waitingPages.get(`/spaces/${spaceId}`)).body);
    assert.match(space, /Alex and Sam share this space\. You are their couples therapist/);
    assert.doesNotMatch(space, /You and (Alex|Sam)/);
    assert.doesNotMatch(space, /A record of this space, to read or print/, 'the partners’ link; the therapist has their own');

    const checkin = main((await waitingPages.get(`/spaces/${spaceId}/check-in`)).body);
    assert.match(checkin, /<h1>The partners’ check-ins<\/h1>/);
    assert.doesNotMatch(checkin, /<form|Save check-in|How safe do you feel/);
    assert.match(checkin, /Sam checked in today: safety 6, trust 5, closeness 7/);

    const review = main((await waitingPages.get(`/spaces/${spaceId}/monthly-review`)).body);
    assert.match(review, /<h1>The partners’ monthly reviews<\/h1>/);
    assert.doesNotMatch(review, /<form|Save this month/);
    assert.match(review, /<td>4<\/td><td>3<\/td><td>5<\/td>/);

    const progress = main((await waitingPages.get(`/spaces/${spaceId}/progress`)).body);
    assert.doesNotMatch(progress, /Do this month’s review|a private guide/);
    // The guide is offered as what it is for a therapist: what each partner is asked (issue #20).
    assert.match(
      progress,
      /Mend offers them <a href="\/spaces\/[^"]+\/decision-guide">a decision guide<\/a>; you can read what it asks each of them\./,
    );

    // The partners' own pages still speak to them.
    const alex = await pagesAs(app, a);
    assert.match(main((await alex.get(`/spaces/${spaceId}`)).body), /You and Sam share this space/);
    assert.match(main((await alex.get(`/spaces/${spaceId}/check-in`)).body), /Save check-in/);
  });
});
