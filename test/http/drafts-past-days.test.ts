import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { fixedClock } from '../../src/platform/clock.js';
import { DAY_NOTE_DRAFT_KEPT_DAYS } from '../../src/core/drafts/places.js';
import { CHECKIN_BACKDATE_DAYS } from '../../src/features/checkin/service.js';
import { describeEachDatabase, succeeded } from '../support/app.js';
import { couple } from '../support/api-client.js';

/**
 * A day's check-in note draft is kept only while some form could still show it: the day can be
 * checked in for (today and CHECKIN_BACKDATE_DAYS before, in the writer's own time zone). After
 * that its unsent private words are deleted; every other draft stays until it is sent or discarded.
 */
const clock = fixedClock(new Date('2026-03-10T12:00:00Z'));
const DAY_MS = 24 * 60 * 60 * 1000;

test('a day note is kept for longer than any time zone can still check in for its day', () => {
  // The day's last allowed check-in comes CHECKIN_BACKDATE_DAYS days after it ends, and a time zone
  // can be up to 14 hours ahead of or 12 behind UTC: the draft must outlive that.
  assert.ok(DAY_NOTE_DRAFT_KEPT_DAYS * 24 >= (CHECKIN_BACKDATE_DAYS + 1) * 24 + 26);
});

describeEachDatabase(
  "past days' check-in note drafts",
  (get) => {
    test('are deleted once no form can show them; other drafts and recent days stay', async () => {
      const { app } = get();
      const { a, b, spaceId } = await couple(app, ['Ines', 'Tom']);
      const keep = (who: typeof a, place: string, note: string) =>
        succeeded(who.api.put(`/api/v1/drafts/${place}`, { fields: { note } }), `draft ${place}`);
      const places = async (who: typeof a) =>
        (
          await sql<{ place: string }>`select place from drafts where account_id = ${who.id} order by place`.execute(app.mend.store.db)
        ).rows.map((r) => r.place);

      await keep(a, `checkin-note:${spaceId}:2026-03-10`, 'old day note');
      await keep(b, `checkin-note:${spaceId}:2026-03-09`, 'old day note of the partner');
      await keep(a, `checkin-note:${spaceId}`, 'a note kept before day notes existed');
      await keep(a, `reassurance:${spaceId}`, 'an unsent call for reassurance');

      clock.advance(DAY_NOTE_DRAFT_KEPT_DAYS * DAY_MS - 60_000);
      await keep(a, `checkin-note:${spaceId}:2026-03-14`, 'still young');
      assert.equal((await places(a)).length, 4, 'nothing is deleted before its time');

      // More than an hour later (a server looks at most once an hour), and past the old notes' time.
      clock.advance(2 * 60 * 60 * 1000);
      await keep(b, `checkin-note:${spaceId}:2026-03-15`, 'today');
      assert.deepEqual(await places(a), [`checkin-note:${spaceId}`, `checkin-note:${spaceId}:2026-03-14`, `reassurance:${spaceId}`]);
      assert.deepEqual(await places(b), [`checkin-note:${spaceId}:2026-03-15`], "the partner's past day went too");
    });
  },
  { clock },
);
