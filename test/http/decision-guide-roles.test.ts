import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, json, succeeded } from '../support/app.js';
import { couple, signUp, type Person } from '../support/api-client.js';
import { activeTherapist, pagesAs } from '../support/live-people.js';
import { DECISION_GUIDE } from '../../src/core/journey/index.js';
import { escapeHtml } from '../../src/platform/web/html.js';

/**
 * Issue #20, item 6: the decision guide speaks to each reader in their own words — the partner who
 * was hurt, the partner who broke trust, someone alone, and a therapist — and shows no one anything
 * private of anyone else.
 */

const CANARY = 'CANARY-GUIDE-PRIVATE-NOTE';

async function guide(app: Parameters<typeof pagesAs>[0], who: Person, spaceId: string): Promise<string> {
  const res = await (await pagesAs(app, who)).get(`/spaces/${spaceId}/decision-guide`);
  assert.equal(res.statusCode, 200, res.body.slice(0, 300));
  return res.body;
}

const has = (body: string, text: string) => body.includes(escapeHtml(text));

describeEachDatabase('the decision guide for each reader', (get) => {
  test('the hurt partner, the partner who broke trust and the therapist each read their own guide; nothing private crosses', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app, ['Alex', 'Sam']);
    // Sam records that Alex broke trust: Alex broke it, Sam was hurt.
    await succeeded(b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] }), 'breach');
    const today = new Date().toISOString().slice(0, 10);
    for (const p of [a, b])
      await succeeded(
        p.api.put(`/api/v1/spaces/${spaceId}/checkins/${today}`, {
          safety: 3,
          trust: 2,
          closeness: 4,
          note: { text: `${CANARY} ${p.displayName}`, visibility: 'private' },
        }),
        'check-in',
      );
    const t = await activeTherapist(app, a, b, spaceId);

    const alex = await guide(app, a, spaceId);
    const sam = await guide(app, b, spaceId);
    const lee = await guide(app, t, spaceId);

    // One day of check-ins: "not enough yet" is said once for all three numbers, not three times.
    for (const body of [alex, sam]) {
      assert.equal(body.split(/not enough check-ins yet/i).length - 1, 1, 'said once');
      assert.match(body, /Not enough check-ins yet for a trend in your numbers \(10 over at least 4 of the last 8 weeks\)\./);
      assert.doesNotMatch(body, /Your sense of safety: not enough/);
    }
    assert.ok(has(alex, DECISION_GUIDE.broke_trust.intro), 'Alex reads the words for the partner who broke trust');
    assert.ok(has(alex, DECISION_GUIDE.broke_trust.questions[0]!));
    assert.ok(!has(alex, DECISION_GUIDE.hurt.intro), 'not the hurt partner’s');
    assert.ok(!has(alex, DECISION_GUIDE.hurt.questions[1]!));

    assert.ok(has(sam, DECISION_GUIDE.hurt.intro), 'Sam reads the words for the partner who was hurt');
    assert.ok(has(sam, DECISION_GUIDE.hurt.questions[1]!));
    assert.ok(!has(sam, DECISION_GUIDE.broke_trust.intro), 'not the words for the partner who broke trust');
    assert.ok(!has(sam, DECISION_GUIDE.broke_trust.questions[0]!));

    assert.ok(has(lee, DECISION_GUIDE.therapist.intro), 'the therapist reads what the guide is for');
    assert.ok(
      has(lee, DECISION_GUIDE.hurt.questions[0]!) && has(lee, DECISION_GUIDE.broke_trust.questions[0]!),
      'and what each partner is asked',
    );
    assert.doesNotMatch(
      lee,
      /Your sense of safety|consistency score|leave this space/,
      'no one’s numbers, no way out of a space the therapist is not a partner in',
    );

    // Each private note stays with its author; nobody's guide shows one.
    for (const body of [alex, sam, lee]) assert.ok(!body.includes(CANARY), 'no private note on any guide');
    // A stranger gets nothing.
    const stranger = await signUp(app, 'Quinn');
    assert.equal((await (await pagesAs(app, stranger)).get(`/spaces/${spaceId}/decision-guide`)).statusCode, 404);
  });

  test('someone alone reads the guide for one person, with no partner to be told', async () => {
    const { app } = get();
    const jo = await signUp(app, 'Jo');
    const spaceId = json(await jo.api.post('/api/v1/spaces', { name: 'Mine' })).space.id as string;
    await succeeded(
      jo.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'broken_promise', brokeTrust: ['absent-partner'] }),
      'breach',
    );
    const body = await guide(app, jo, spaceId);
    assert.ok(has(body, DECISION_GUIDE.alone.intro));
    assert.ok(!has(body, DECISION_GUIDE.hurt.intro));
    assert.doesNotMatch(body, /your partner is never told|the record your partner keeps/);
  });
});
