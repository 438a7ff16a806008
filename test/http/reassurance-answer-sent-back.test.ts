import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase, json } from '../support/app.js';
import { couple, type Person } from '../support/api-client.js';
import { pagesAs } from '../support/live-people.js';
import { assertSoundIds } from '../support/unique-ids.js';

/**
 * An answer to a call for reassurance sent back, as a browser without JavaScript sends it. When
 * the call was answered meanwhile (another tab, an older page), its answer box is no longer drawn:
 * the page says so in words, whatever was sent (even nothing), and never links to a box that is not
 * there; the words sent are shown to their writer only, and nothing is saved. A problem with a box
 * still on the page links to it. Neither partner's private note reaches the other on the way.
 */

const CANARY = { a: 'PRIVATE-CANARY-ALEX-answer-7c2', b: 'PRIVATE-CANARY-SAM-answer-d05' };

async function ask(person: Person, spaceId: string, text: string): Promise<string> {
  const res = await person.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text, visibility: 'private' } });
  assert.equal(res.statusCode, 201, res.body);
  return json(res).reassuranceRequest.id as string;
}

/** The space's calls as `who` reads them through the API: id, who answered and what. */
async function calls(who: Person, spaceId: string): Promise<string> {
  const res = await who.api.get(`/api/v1/spaces/${spaceId}/reassurance-requests`);
  assert.equal(res.statusCode, 200, res.body);
  return (json(res).reassuranceRequests as Array<{ id: string; answeredBy: string | null; answer: string | null }>)
    .map((r) => `${r.id} ${r.answeredBy} ${r.answer}`)
    .join('\n');
}

/** Sam and Alex each asked, with a private note; Alex has Sam's call open on the page. */
async function callingCouple(app: FastifyInstance) {
  const { a, b, spaceId } = await couple(app);
  const samsCall = await ask(b, spaceId, `${CANARY.b} I saw the message on your phone`);
  const alexsCall = await ask(a, spaceId, `${CANARY.a} I keep going back to that night`);
  return { a, b, spaceId, samsCall, alexsCall, url: `/spaces/${spaceId}/reassurance` };
}

/** The error summary of a page, start tag to end tag. */
function summaryOf(html: string): string {
  const start = html.indexOf('<div class="error-summary"');
  assert.ok(start >= 0, 'an error summary');
  return html.slice(start, html.indexOf('</div>', start));
}

describeEachDatabase('an answer to a call for reassurance sent back', (get) => {
  test('a call answered meanwhile: the conflict said in words (even for an empty answer), no dead link, nothing saved', async () => {
    const { app } = get();
    const o = await callingCouple(app);
    const alex = await pagesAs(app, o.a);
    const page = await alex.get(o.url);
    assert.ok(page.body.includes(`id="field-answer-${o.samsCall}"`), 'Sam’s call has its answer box');

    // Answered in another tab; the first page's form is still open.
    assert.equal(
      (await o.a.api.post(`/api/v1/reassurance-requests/${o.samsCall}/answer`, { text: 'I am here. It was my sister.' })).statusCode,
      200,
    );
    const before = await calls(o.b, o.spaceId);

    for (const answer of ['', '   ', `Nothing is going on, I promise. unsent-${o.samsCall}`]) {
      const sent = await alex.post(`${o.url}/${o.samsCall}/answer`, { answer });
      assert.equal(sent.statusCode, 409, JSON.stringify(answer));
      assertSoundIds(sent.body, 'Alex’s reassurance page with a call answered meanwhile');
      const summary = summaryOf(sent.body);
      assert.match(summary, /This call for reassurance was already answered\./, 'the conflict is said');
      assert.ok(!summary.includes('<a '), 'no link: the box is not on the page');
      assert.ok(!sent.body.includes(`field-answer-${o.samsCall}`), 'nor any trace of the box');
      assert.ok(!sent.body.includes('Write a few words'), 'not asked to write something');
      assert.ok(!sent.body.includes('aria-invalid'), 'no field is marked');
      // What Alex wrote is shown back to Alex, not kept anywhere.
      if (answer.trim())
        assert.match(sent.body, new RegExp(`Your words, not sent[\\s\\S]*<blockquote class="quoted">${answer.trim()}</blockquote>`));
      else assert.ok(!sent.body.includes('Your words, not sent'));
      assert.ok(!sent.body.includes(CANARY.b), 'Sam’s private note is not on Alex’s page');
      await alex.get(o.url); // a fresh form token, as a person going back would have
    }
    assert.equal(await calls(o.b, o.spaceId), before, 'the first answer stands; nothing else saved');

    const sam = await pagesAs(app, o.b);
    const samsPage = (await sam.get(o.url)).body;
    assert.ok(samsPage.includes('I am here. It was my sister.'), 'Sam reads the answer');
    assert.ok(!samsPage.includes('unsent-'), 'the unsent words never reach Sam');
    assert.ok(!samsPage.includes(CANARY.a), 'Alex’s private note never reaches Sam');
  });

  test('an answer to one’s own call is refused in words; an empty answer to an open call links to its box', async () => {
    const { app } = get();
    const o = await callingCouple(app);
    const sam = await pagesAs(app, o.b);
    await sam.get(o.url);
    const before = await calls(o.b, o.spaceId);

    // Sam has no box for Sam's own call (an old page, a crafted form): said in words.
    const own = await sam.post(`${o.url}/${o.samsCall}/answer`, { answer: 'I answer myself' });
    assert.equal(own.statusCode, 403);
    assertSoundIds(own.body, 'Sam’s reassurance page answering Sam’s own call');
    assert.match(summaryOf(own.body), /Your partner answers your call for reassurance\./);
    assert.ok(!summaryOf(own.body).includes('<a '), 'no link to a box that is not there');
    assert.ok(!own.body.includes(CANARY.a), 'Alex’s private note is not on Sam’s page');

    // Alex's call is open for Sam: an empty answer links to its box, which carries the error.
    await sam.get(o.url);
    const empty = await sam.post(`${o.url}/${o.alexsCall}/answer`, { answer: '  ' });
    assert.equal(empty.statusCode, 400);
    assertSoundIds(empty.body, 'Sam’s reassurance page with an answer to write');
    const box = `field-answer-${o.alexsCall}`;
    assert.match(summaryOf(empty.body), new RegExp(`<a href="#${box}">Write a few words for your partner.</a>`));
    assert.match(empty.body, new RegExp(`<textarea[^>]*id="${box}"[^>]*aria-invalid="true"`));
    assert.ok(!empty.body.includes('Your words, not sent'));
    assert.ok(!empty.body.includes(CANARY.a), 'Alex’s private note is not on Sam’s page');
    assert.equal(await calls(o.b, o.spaceId), before, 'nothing saved');
  });
});
