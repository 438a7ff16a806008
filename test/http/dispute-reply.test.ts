import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase, json } from '../support/app.js';
import { acceptedAgreement, couple, type Person } from '../support/api-client.js';
import { activeTherapist, pagesAs } from '../support/live-people.js';
import { localDate } from '../../src/core/time.js';
import { onlyTold, snapshot } from '../support/told.js';

/**
 * A dispute replied to (issue #18): the partner who logged an occasion may answer how the other
 * saw it — only they, only once, only a disputed occasion — through the API and the log page.
 * The answer is stored encrypted, shared like the dispute (both partners and an active therapist
 * read it, nobody else), and the partner who disputed is told in fixed words.
 */
const today = () => localDate(new Date(), 'UTC');

/** Alex committed and logs; Sam confirms or disputes; an active therapist; another couple. */
async function setUp(app: FastifyInstance) {
  const { a, b, spaceId } = await couple(app, ['Alex', 'Sam']);
  const t = await activeTherapist(app, a, b, spaceId);
  const other = await couple(app, ['Kim', 'Lou']);
  const agreementId = await acceptedAgreement(a, b, spaceId, 'I call when I am late.', [a.id]);
  const log = async (note: string): Promise<string> => {
    const res = await a.api.post(`/api/v1/agreements/${agreementId}/log`, {
      occurredOn: today(),
      kept: true,
      note: { text: note, visibility: 'shared' },
    });
    assert.equal(res.statusCode, 201, res.body);
    return json(res).logEntry.id;
  };
  return { a, b, t, spaceId, strangers: [other.a, other.b], otherSpace: other.spaceId, log };
}

const reply = (p: Person, id: string, text: string) => p.api.post(`/api/v1/agreement-log/${id}/reply`, { text });

describeEachDatabase('answering a dispute of the agreement log', (get) => {
  test('only the partner who logged it, only a disputed occasion, only once; shared like the dispute (API)', async () => {
    const { a, b, t, spaceId, strangers, log } = await setUp(get().app);
    const disputed = await log('LOG-CANARY');
    const confirmed = await log('LOG-CANARY-2');
    assert.equal((await reply(a, disputed, 'EARLY-CANARY')).statusCode, 409, 'not disputed yet');
    assert.equal((await b.api.post(`/api/v1/agreement-log/${confirmed}/confirm`, {})).statusCode, 200);
    assert.equal((await reply(a, confirmed, 'CONFIRMED-CANARY')).statusCode, 409, 'a confirmed occasion is not answered');
    assert.equal(
      (await b.api.post(`/api/v1/agreement-log/${disputed}/dispute`, { note: { text: 'DISPUTE-CANARY', visibility: 'shared' } }))
        .statusCode,
      200,
    );
    await b.api.post('/api/v1/me/notifications/read', {});

    const refused = await reply(b, disputed, 'SAM-CANARY');
    assert.equal(refused.statusCode, 403, 'the partner who disputed does not answer their own dispute');
    assert.equal(json(refused).error.code, 'forbidden');
    assert.equal((await reply(t, disputed, 'THERAPIST-CANARY')).statusCode, 403, 'a therapist never writes');
    for (const s of strangers) assert.equal((await reply(s, disputed, 'STRANGER-CANARY')).statusCode, 404);
    assert.equal((await reply(a, disputed, '')).statusCode, 400);
    assert.equal((await reply(a, disputed, '   ')).statusCode, 400);
    assert.equal((await reply(a, disputed, 'x'.repeat(2001))).statusCode, 400);

    const answered = await reply(a, disputed, 'REPLY-CANARY');
    assert.equal(answered.statusCode, 200, answered.body);
    assert.equal(json(answered).logEntry.reply.text, 'REPLY-CANARY');
    assert.equal(json(answered).logEntry.status, 'disputed', 'the dispute stands; the answer is beside it');
    const again = await reply(a, disputed, 'SECOND-CANARY');
    assert.equal(again.statusCode, 409, 'once');
    assert.equal(json(again).error.code, 'already_done');

    // Both partners and the active therapist read it; another couple cannot even find the log.
    for (const p of [a, b, t]) {
      const entries = json(await p.api.get(`/api/v1/spaces/${spaceId}/agreement-log`)).logEntries as Array<{
        id: string;
        reply: { text: string } | null;
      }>;
      assert.equal(entries.find((e) => e.id === disputed)?.reply?.text, 'REPLY-CANARY', p.displayName);
      assert.equal(entries.find((e) => e.id === confirmed)?.reply, null);
    }
    for (const s of strangers) assert.equal((await s.api.get(`/api/v1/spaces/${spaceId}/agreement-log`)).statusCode, 404);

    // Stored encrypted: the words are nowhere in the database's row.
    const row = await get()
      .app.mend.store.db.selectFrom('agreement_log_entries')
      .selectAll()
      .where('id', '=', disputed)
      .executeTakeFirstOrThrow();
    assert.ok(row.reply_enc && !row.reply_enc.includes('REPLY-CANARY'));

    // Sam is told, once, with a link to the occasion; nobody else; no words.
    const words = ['LOG-CANARY', 'DISPUTE-CANARY', 'REPLY-CANARY', 'SAM-CANARY', 'THERAPIST-CANARY', 'STRANGER-CANARY'];
    await onlyTold(b, 'agreement_log_replied', [a, t, ...strangers], words, {
      link: `/spaces/${spaceId}/agreement-log?month=${today().slice(0, 7)}#occasion-${disputed}`,
    });
  });

  test('through the log page: the form is only on a disputed occasion of one’s own, errors keep what was written', async () => {
    const { app } = get();
    const { a, b, t, spaceId, strangers, otherSpace, log } = await setUp(app);
    const disputed = await log('LOG-CANARY');
    const unreviewed = await log('LOG-CANARY-2');
    assert.equal((await b.api.post(`/api/v1/agreement-log/${disputed}/dispute`, {})).statusCode, 200);
    await b.api.post('/api/v1/me/notifications/read', {});

    const pa = await pagesAs(app, a);
    const page = await pa.get(`/spaces/${spaceId}/agreement-log`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(`action="/spaces/${spaceId}/agreement-log/entries/${disputed}/reply"`));
    assert.ok(!page.body.includes(`entries/${unreviewed}/reply`), 'no form on an occasion not disputed');
    assert.match(page.body, new RegExp(`id="occasion-${disputed}"`));
    const pb = await pagesAs(app, b);
    assert.ok(!(await pb.get(`/spaces/${spaceId}/agreement-log`)).body.includes('/reply"'), 'the partner who disputed has no reply form');
    const pt = await pagesAs(app, t);
    assert.ok(!(await pt.get(`/spaces/${spaceId}/agreement-log`)).body.includes('/reply"'), 'a therapist has no forms');

    // Empty: said beside the box. Too long: said, and every word kept.
    await pa.get(`/spaces/${spaceId}/agreement-log`);
    const empty = await pa.post(`/spaces/${spaceId}/agreement-log/entries/${disputed}/reply`, { reply: '  ' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, new RegExp(`id="field-reply-${disputed}-error"`));
    assert.match(empty.body, new RegExp(`href="#field-reply-${disputed}"`));
    const long = `LONG-CANARY ${'y'.repeat(2100)}`;
    const tooLong = await pa.post(`/spaces/${spaceId}/agreement-log/entries/${disputed}/reply`, { reply: long });
    assert.equal(tooLong.statusCode, 400);
    assert.ok(tooLong.body.includes(long), 'what was written is kept');

    // At another space's address the occasion is not found; Sam's reply is refused.
    const elsewhere = await pa.post(`/spaces/${otherSpace}/agreement-log/entries/${disputed}/reply`, { reply: 'ELSEWHERE' });
    assert.equal(elsewhere.statusCode, 404);
    await pb.get(`/spaces/${spaceId}/agreement-log`);
    assert.equal((await pb.post(`/spaces/${spaceId}/agreement-log/entries/${disputed}/reply`, { reply: 'SAM-CANARY' })).statusCode, 403);
    const quiet = await snapshot([a, b, t]);

    await pa.get(`/spaces/${spaceId}/agreement-log`);
    const sent = await pa.post(`/spaces/${spaceId}/agreement-log/entries/${disputed}/reply`, { reply: 'PAGE-REPLY-CANARY' });
    assert.equal(sent.statusCode, 303, sent.body);
    assert.equal(sent.headers.location, `/spaces/${spaceId}/agreement-log#occasion-${disputed}`);
    const after = await pa.get(`/spaces/${spaceId}/agreement-log`);
    assert.match(after.body, /You answered:/);
    assert.ok(after.body.includes('PAGE-REPLY-CANARY'));
    assert.ok(!after.body.includes(`entries/${disputed}/reply"`), 'answered once: the form is gone');
    assert.ok((await pb.get(`/spaces/${spaceId}/agreement-log`)).body.includes('PAGE-REPLY-CANARY'), 'Sam reads it');
    assert.ok((await pt.get(`/spaces/${spaceId}/agreement-log`)).body.includes('PAGE-REPLY-CANARY'), 'the active therapist reads it');
    assert.equal((await pa.post(`/spaces/${spaceId}/agreement-log/entries/${disputed}/reply`, { reply: 'AGAIN' })).statusCode, 409);

    assert.deepEqual(await snapshot([a, b, t]), [quiet[0], quiet[1]! + 1, quiet[2]], 'only Sam is told');
    await onlyTold(b, 'agreement_log_replied', [a, t, ...strangers], ['LOG-CANARY', 'PAGE-REPLY-CANARY', 'LONG-CANARY', 'SAM-CANARY'], {
      link: `/spaces/${spaceId}/agreement-log?month=${today().slice(0, 7)}#occasion-${disputed}`,
    });
    assert.ok(!(await pb.get('/notifications')).body.includes('PAGE-REPLY-CANARY'));
  });
});
