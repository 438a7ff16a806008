import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { describeEachDatabase, succeeded } from '../support/app.js';
import { couple } from '../support/api-client.js';
import { localDate } from '../../src/core/time.js';

const today = () => localDate(new Date(), 'UTC');

/**
 * Writes of two people that land in the same moment are committed together (SQLite's group
 * commit, platform/db/group-commit.ts). Each must still be sealed with its own author's key: a
 * private note sealed in the other's context would fall back to the server's key (issue #23).
 */
describeEachDatabase('private notes written at the same moment', (get) => {
  test("each is sealed under its own author's key, and reads back for its author only", async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app, ['Ada', 'Ben']);
    for (let round = 0; round < 3; round++) {
      const day = today();
      await Promise.all(
        [a, b].map((p, i) =>
          succeeded(
            p.api.put(`/api/v1/spaces/${spaceId}/checkins/${day}`, {
              safety: 5,
              trust: 5,
              closeness: 5,
              note: { text: `PRIVATE-${i}-${round}`, visibility: 'private' },
            }),
            'check-in',
          ),
        ),
      );
      const { rows } = await sql<{
        account_id: string;
        note_enc: string;
      }>`select account_id, note_enc from checkins where space_id = ${spaceId}`.execute(app.mend.store.db);
      assert.equal(rows.length, 2);
      for (const row of rows) assert.match(row.note_enc, /^p1\./, `round ${round}: a private note under its author's own key`);
      const mine = await a.api.get(`/api/v1/spaces/${spaceId}/checkins?from=${day}&to=${day}`);
      assert.ok(mine.body.includes(`PRIVATE-0-${round}`) && !mine.body.includes(`PRIVATE-1-${round}`));
    }
  });
});
