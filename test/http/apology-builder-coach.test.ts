import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/app.js';
import { journeyAtStep2 } from '../support/api-client.js';
import { pagesAs } from '../support/live-people.js';

const PARTS = {
  regret: 'I am sorry if you felt hurt by what I did.',
  responsibility: 'It was my choice to hide the messages, and nobody else’s.',
  impact: 'Months of nights on your own, wondering what else was untrue.',
  change: 'From now on I will show you my phone when you ask.',
  repair: 'I will pay for the counselling you choose.',
  forgiveness: 'If one day you feel able to forgive me, I will be grateful; it is yours to decide.',
};

/** The coach's words beside one box of the builder (its output element). */
function besideBox(body: string, part: string): string {
  const start = body.indexOf(`id="field-parts.${part}-coach"`);
  assert.ok(start > 0, `the ${part} box has its coach output`);
  return body.slice(start, body.indexOf('</div></div>', start));
}

describeEachDatabase('the apology builder coaches each box on its own words', (get) => {
  test('after "Check my apology" each filled box is credited with its own part; a non-apology is shown beside its box only', async () => {
    const { a, journeyId } = await journeyAtStep2(get().app);
    const pages = await pagesAs(get().app, a);
    await pages.get(`/journeys/${journeyId}/apology`);
    const fields = Object.fromEntries(Object.entries(PARTS).map(([k, v]) => [`parts.${k}`, v]));
    const checked = await pages.post(`/journeys/${journeyId}/apology`, { ...fields, action: 'check' });
    assert.equal(checked.statusCode, 303, checked.body);
    const page = await pages.get(`/journeys/${journeyId}/apology?checked=1`);
    assert.equal(page.statusCode, 200);
    const body = page.body;

    assert.match(body, /Your apology has each of the parts that help\./);
    assert.doesNotMatch(body, /Not written yet/);
    assert.match(besideBox(body, 'impact'), /This says what it did to Sam\./);
    assert.match(besideBox(body, 'repair'), /This offers Sam a way to make it right\./);
    assert.match(besideBox(body, 'responsibility'), /This owns what you did\./);
    // "sorry if you felt" is the regret box's, and said nowhere else
    assert.match(besideBox(body, 'regret'), /Conditional/);
    for (const part of ['responsibility', 'impact', 'change', 'repair', 'forgiveness']) {
      assert.doesNotMatch(besideBox(body, part), /Conditional|take away/, part);
    }
    // No box repeats the hints of the others.
    for (const part of Object.keys(PARTS)) {
      assert.doesNotMatch(besideBox(body, part), /Offering repair:|The impact on your partner:|Taking responsibility:/, part);
    }
    // The island reads each box as the server did.
    assert.match(body, /data-coach-part="impact" data-coach-partner="Sam"/);
  });

  test("an empty box says so, and no other part's hint", async () => {
    const { a, journeyId } = await journeyAtStep2(get().app);
    const pages = await pagesAs(get().app, a);
    await pages.get(`/journeys/${journeyId}/apology`);
    await pages.post(`/journeys/${journeyId}/apology`, { 'parts.regret': 'I am sorry that I lied to you.', action: 'check' });
    const body = (await pages.get(`/journeys/${journeyId}/apology?checked=1`)).body;
    assert.match(besideBox(body, 'repair'), /Not written yet\.[\s\S]*matter most/);
    assert.doesNotMatch(besideBox(body, 'repair'), /What will change|Regret/);
    assert.match(besideBox(body, 'regret'), /This says that you are sorry\./);
  });
});
