import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { localDate } from '../../src/core/time.js';
import { describeEachDatabase } from '../support/app.js';
import { couple } from '../support/api-client.js';
import { pagesAs } from '../support/live-people.js';

/**
 * The check-in page draws "Add a note" open whenever it holds a note — a form sent back to be
 * corrected, or the day's own check-in — so a note is never hidden in a closed box; empty, it
 * stays closed. The partner's page holds neither the note nor an open box.
 */

const today = () => localDate(new Date(), 'UTC');
const noteBox = (html: string): string => /<details class="checkin-note"[^>]*>/.exec(html)?.[0] ?? '';

describeEachDatabase('the check-in page opens "Add a note" when it holds a note', (get) => {
  test('re-drawn with values, with the day’s check-in, and not for the partner', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const alex = await pagesAs(app, a);
    const sam = await pagesAs(app, b);
    const canary = `NOTE-OPEN-CANARY-${randomUUID()}`;

    const empty = await alex.get(`/spaces/${spaceId}/check-in`);
    assert.equal(empty.statusCode, 200);
    assert.match(noteBox(empty.body), /data-open-when-filled/, 'the island can find it');
    assert.doesNotMatch(noteBox(empty.body), /\sopen[\s>]/, 'no note: closed');

    // Sent without the scores: drawn again with what was written, the box open.
    const corrected = await alex.post(`/spaces/${spaceId}/check-in`, { date: today(), note: canary, visibility: 'private' });
    assert.equal(corrected.statusCode, 400);
    assert.match(noteBox(corrected.body), /\sopen[\s>]/);
    assert.ok(corrected.body.includes(canary));

    const saved = await alex.post(`/spaces/${spaceId}/check-in`, {
      date: today(),
      safety: '6',
      trust: '5',
      closeness: '4',
      note: canary,
      visibility: 'private',
      numbers: 'private',
    });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
    const again = await alex.get(`/spaces/${spaceId}/check-in`);
    assert.match(noteBox(again.body), /\sopen[\s>]/, 'the day’s own note: open');
    assert.ok(again.body.includes(canary));

    const partner = await sam.get(`/spaces/${spaceId}/check-in`);
    assert.equal(partner.statusCode, 200);
    assert.ok(!partner.body.includes(canary), 'the partner’s page does not hold the private note');
    assert.doesNotMatch(noteBox(partner.body), /\sopen[\s>]/, 'nor an open box for it');
  });
});
