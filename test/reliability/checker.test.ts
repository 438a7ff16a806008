// The crash checker is not vacuous: with Mend running, one acknowledged write is deleted (and,
// separately, one stored value is changed) behind Mend's back, straight in the database, and the
// checker must report exactly that write as lost (or corrupted) — and nothing once it is put back.
// On SQLite and on PostgreSQL (a per-test database on the shared server).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/platform/http/paths.js';
import { openStore, type Store } from '../../src/platform/db/database.js';
import { openVault } from '../../src/platform/vault/open-vault.js';
import { loadKeyring } from '../../src/platform/vault/index.js';
import { BOUND, spaceOfJourney } from '../../src/platform/vault/bound-fields.js';
import { verify, type CheckResult } from '../../scripts/reliability/checker.js';
import { signUpCouples, type Person } from '../../scripts/reliability/couples.js';
import { freePort, MendServer } from '../../scripts/reliability/mend-server.js';
import { random, sleep } from '../../scripts/reliability/random.js';
import { Ledger, startWorkers, type Round } from '../../scripts/reliability/writes.js';
import { createTestDatabase, DIALECTS, skipReason, type TestDatabase } from '../support/databases.js';

const built = fs.existsSync(path.join(projectRoot(), 'dist', 'main.js'));

const summary = (r: CheckResult) => ({
  lost: r.lost.map((f) => `${f.kind} ${f.id}`),
  corrupted: r.corrupted.map((f) => `${f.kind} ${f.id}`),
});

for (const dialect of DIALECTS) {
  describe(
    `the crash checker catches a lost or changed write (${dialect})`,
    { skip: !built && 'run `npm run build` first (npm test does)' },
    async () => {
      const reason = await skipReason(dialect);
      let database: TestDatabase;
      let server: MendServer;
      let store: Store;
      let people: Person[];
      const ledger = new Ledger();

      test(
        'setup: Mend takes a short burst of check-ins and entries, and the checker finds everything',
        { skip: reason, timeout: 60_000 },
        async () => {
          database = await createTestDatabase(dialect);
          server = new MendServer({ port: await freePort(), dataDir: database.dataDir, databaseUrl: database.databaseUrl });
          await server.start();
          people = await signUpCouples(server.base, 1);
          const round: Round = { stop: false, faulted: false };
          const workers = startWorkers(server.base, people, ledger, random(Date.now()), round, { max: 40 });
          await sleep(1500);
          round.stop = true;
          await workers;
          assert.deepEqual(ledger.unexpected, []);
          assert.ok(ledger.ackedCheckins > 0 && ledger.entries.size > 1, JSON.stringify(ledger.acknowledged));
          store = openStore({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
          const clean = await verify(server.base, people, ledger);
          assert.deepEqual(summary(clean), { lost: [], corrupted: [] });
          assert.equal(clean.verified, ledger.checkins.size + ledger.entries.size);
        },
      );

      const ackedCheckinKeys = () => [...ledger.checkins.entries()].filter(([, h]) => h.some((s) => s.ackedAt !== null)).map(([k]) => k);
      const checkinWhere = (key: string) => {
        const [spaceId, accountId, date] = key.split('|') as [string, string, string];
        return store.db
          .selectFrom('checkins')
          .selectAll()
          .where('space_id', '=', spaceId)
          .where('account_id', '=', accountId)
          .where('date', '=', date);
      };

      test('a deleted acknowledged check-in is reported missing, and only it', { skip: reason, timeout: 30_000 }, async () => {
        const key = ackedCheckinKeys()[0]!;
        const row = await checkinWhere(key).executeTakeFirstOrThrow();
        await store.db.deleteFrom('checkins').where('id', '=', row.id).execute();
        const result = await verify(server.base, people, ledger);
        assert.deepEqual(summary(result), { lost: [`check-in ${key}`], corrupted: [] });
        assert.equal(result.lost[0]!.problem, 'missing');
        await store.db.insertInto('checkins').values(row).execute();
        assert.deepEqual(summary(await verify(server.base, people, ledger)), { lost: [], corrupted: [] });
      });

      test('a deleted acknowledged journey entry is reported missing, and only it', { skip: reason, timeout: 30_000 }, async () => {
        // An entry nothing replies to, so the deletion is one row.
        const repliedTo = new Set(
          (await store.db.selectFrom('journey_entries').select('reply_to').where('reply_to', 'is not', null).execute()).map(
            (r) => r.reply_to,
          ),
        );
        const id = [...ledger.entries.keys()].find((k) => !repliedTo.has(k))!;
        const row = await store.db.selectFrom('journey_entries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        await store.db.deleteFrom('journey_entries').where('id', '=', id).execute();
        const result = await verify(server.base, people, ledger);
        assert.deepEqual(summary(result), { lost: [`entry ${id}`], corrupted: [] });
        await store.db.insertInto('journey_entries').values(row).execute();
        assert.deepEqual(summary(await verify(server.base, people, ledger)), { lost: [], corrupted: [] });
      });

      test('a changed score in a stored check-in is reported corrupted, and only it', { skip: reason, timeout: 30_000 }, async () => {
        const key = ackedCheckinKeys().at(-1)!;
        const row = await checkinWhere(key).executeTakeFirstOrThrow();
        await store.db
          .updateTable('checkins')
          .set({ trust: (row.trust + 1) % 11 })
          .where('id', '=', row.id)
          .execute();
        const result = await verify(server.base, people, ledger);
        assert.deepEqual(summary(result), { lost: [], corrupted: [`check-in ${key}`] });
        await store.db.updateTable('checkins').set({ trust: row.trust }).where('id', '=', row.id).execute();
        assert.deepEqual(summary(await verify(server.base, people, ledger)), { lost: [], corrupted: [] });
      });

      test(
        'an entry whose stored text was replaced (validly encrypted) is reported corrupted, and only it',
        { skip: reason, timeout: 30_000 },
        async () => {
          const id = [...ledger.entries.keys()].at(-1)!;
          const row = await store.db.selectFrom('journey_entries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
          const vault = openVault(loadKeyring({ dataDir: database.dataDir }));
          const forged = vault.seal(
            'a different text, written behind Mend’s back',
            BOUND.entryText.of({ ...row, journey_space_id: await spaceOfJourney(store.db, row.journey_id) }),
          );
          await store.db.updateTable('journey_entries').set({ text_enc: forged }).where('id', '=', id).execute();
          const result = await verify(server.base, people, ledger);
          assert.deepEqual(summary(result), { lost: [], corrupted: [`entry ${id}`] });
          await store.db.updateTable('journey_entries').set({ text_enc: row.text_enc }).where('id', '=', id).execute();
          assert.deepEqual(summary(await verify(server.base, people, ledger)), { lost: [], corrupted: [] });
        },
      );

      after(async () => {
        await store?.close();
        await server?.kill('SIGKILL');
        await database?.drop();
      });
    },
  );
}
