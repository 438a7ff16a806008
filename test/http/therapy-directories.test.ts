import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, json, succeeded } from '../support/app.js';
import { couple, signUp } from '../support/api-client.js';
import { activeTherapist, pagesAs } from '../support/live-people.js';

/**
 * Issue #20, item 6: the therapy page helps find a couples therapist — the person's own country's
 * directories first, each with its source and checked date, a no-JS picker for another country —
 * and invites one into Mend through the real invitation, not "space settings" that do not exist.
 */

const CANARY = 'CANARY-THERAPY-PRIVATE-ENTRY';

describeEachDatabase('the therapy page: directories by country and a way to invite', (get) => {
  test('own country first, another on request, the invitation works; nothing private on anyone’s page', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app, ['Alex', 'Sam']);
    await app.mend.accounts.updateSettings(a.id, { displayName: 'Alex', timezone: 'Europe/Dublin', country: 'IE' });
    await app.mend.accounts.updateSettings(b.id, { displayName: 'Sam', timezone: 'UTC', country: 'FR' });
    const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'infidelity', brokeTrust: [a.id] })).journey
      .id as string;
    await succeeded(
      b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: `${CANARY} only mine`, visibility: 'sealed' }),
      'a sealed entry',
    );
    const t = await activeTherapist(app, a, b, spaceId);

    const alex = await pagesAs(app, a);
    const own = await alex.get(`/journeys/${journeyId}/therapy`);
    assert.equal(own.statusCode, 200);
    assert.match(own.body, /Where to look in Ireland/);
    assert.match(own.body, /IACP — Find a Therapist/);
    assert.match(own.body, /href="https:\/\/iacp\.ie\/"/);
    assert.match(
      own.body,
      /Checked on [^<]+ against <a href="https:\/\/eolasmagazine\.ie\/[^"]*" rel="noreferrer">a page on eolasmagazine\.ie/,
      'its source and checked date',
    );
    assert.match(own.body, /ICEEFT/, 'and the international directory');
    assert.ok(own.body.indexOf('IACP') < own.body.indexOf('ICEEFT'), 'the person’s country comes first');
    assert.match(own.body, /<option value="IE" selected>Ireland<\/option>/);
    assert.doesNotMatch(own.body, /space settings/);
    assert.match(own.body, /<form method="post" action="\/spaces\/[^"]+\/invitations">/);
    assert.match(own.body, /href="\/spaces\/[^"]+#therapist-heading"/);

    // Another country by the plain GET picker: the UK's directories, and nothing is saved.
    const uk = await alex.get(`/journeys/${journeyId}/therapy?country=GB`);
    assert.match(uk.body, /Where to look in United Kingdom/);
    assert.match(uk.body, /BACP — Find a therapist/);
    assert.match(uk.body, /Relate/);
    assert.doesNotMatch(uk.body, /IACP/);
    assert.match((await alex.get(`/journeys/${journeyId}/therapy`)).body, /Where to look in Ireland/, 'the choice was not saved');

    // A country with nothing checked says so and still offers the international directory.
    const sam = await pagesAs(app, b);
    const fr = await sam.get(`/journeys/${journeyId}/therapy`);
    assert.match(fr.body, /Mend does not yet list a directory for France that we could check/);
    assert.match(fr.body, /ICEEFT/);

    // The invitation from the therapy page is the real one.
    const invited = await alex.post(`/spaces/${spaceId}/invitations`, { role: 'therapist' });
    assert.equal(invited.statusCode, 303);
    assert.match(String(invited.headers.location), /\/invitation\?code=/);

    // The therapist reads where to look, without an invitation form; no one sees Sam's private entry.
    const lee = await (await pagesAs(app, t)).get(`/journeys/${journeyId}/therapy`);
    assert.equal(lee.statusCode, 200);
    assert.doesNotMatch(lee.body, /action="\/spaces\/[^"]+\/invitations"/);
    for (const body of [own.body, uk.body, lee.body]) assert.ok(!body.includes(CANARY), 'no private entry');
    const stranger = await pagesAs(app, await signUp(app, 'Quinn'));
    assert.equal((await stranger.get(`/journeys/${journeyId}/therapy`)).statusCode, 404);
  });
});
