import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { addDays, localDate } from '../../src/core/time.js';
import { loadConfig } from '../../src/platform/config.js';
import { createContext, type AppContext } from '../../src/context.js';
import { addCouple, emptyRows } from '../../src/cli/commands/seed-rows.js';
import { seedWriter } from '../../src/cli/commands/seed-writer.js';
import { BOUND } from '../../src/platform/vault/bound-fields.js';
import { ProgressService } from '../../src/features/progress/service.js';
import { ProgressFactsStore } from '../../src/features/progress/facts-store.js';
import { spaceView } from '../../src/features/spaces/index.js';
import { raiseRevisionsOf, SpaceRevisionStore } from '../../src/features/spaces/space-revisions.js';
import { createTestDatabase, DIALECTS, skipReason, type TestDatabase } from '../support/databases.js';

/**
 * Issue #24: progress keeps the settled part of a space's history per process (migration 0026,
 * features/progress/settled-history.ts, chart-checkins.ts, contempt.ts). Two app contexts over one
 * database stand for two servers; after every write of a random sequence — check-ins on any day
 * (back-dated far past what the app allows, written straight to the database as another server or
 * a manual fix would), deletions, notes whose visibility changes, logged occasions with their
 * reviews, commitments, the choice to share numbers — each server's progress, for either partner
 * in their own time zone and on the days around today, equals progress computed from scratch.
 */

const ZONES = ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Europe/Berlin', 'America/Los_Angeles'];

type Op =
  | { kind: 'checkin'; who: number; day: number; score: number; note: null | 'shared' | 'private' }
  | { kind: 'deleteCheckin'; pick: number }
  | { kind: 'noteVisibility'; pick: number }
  | { kind: 'log'; who: number; day: number; kept: boolean; pick: number }
  | { kind: 'review'; pick: number; review: null | 'confirmed' | 'disputed'; kept: boolean }
  | { kind: 'deleteLog'; pick: number }
  | { kind: 'commitment'; who: number; pick: number }
  | { kind: 'share'; who: number }
  | { kind: 'compare'; server: number; who: number; shift: number };

const who = fc.integer({ min: 0, max: 1 });
const pick = fc.nat({ max: 10_000 });
const day = fc.integer({ min: -50, max: 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('checkin' as const),
      who,
      // Mostly the days the app allows (today and the two before), sometimes any day.
      day: fc.oneof(fc.integer({ min: -2, max: 0 }), day),
      score: fc.integer({ min: 0, max: 10 }),
      note: fc.constantFrom(null, 'shared' as const, 'private' as const),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('deleteCheckin' as const), pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('noteVisibility' as const), pick }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('log' as const),
      who,
      day: fc.oneof(fc.integer({ min: -1, max: 0 }), day),
      kept: fc.boolean(),
      pick,
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('review' as const),
      pick,
      review: fc.constantFrom(null, 'confirmed' as const, 'disputed' as const),
      kept: fc.boolean(),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('deleteLog' as const), pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('commitment' as const), who, pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('share' as const), who }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('compare' as const), server: who, who, shift: fc.integer({ min: -1, max: 1 }) }),
    weight: 4,
  },
);

for (const dialect of DIALECTS) {
  describe(`progress kept incrementally equals progress from scratch [${dialect}]`, async () => {
    const skip = await skipReason(dialect);
    let database: TestDatabase | null = null;
    const contexts: AppContext[] = [];
    after(async () => {
      for (const c of contexts) await c.close();
      await database?.drop();
    });

    test('for random histories and random writes in random order, on two servers', { skip }, async () => {
      database = await createTestDatabase(dialect);
      const config = loadConfig({
        MEND_DATA_DIR: database.dataDir,
        ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
        LOG_LEVEL: 'silent',
      });
      const one = await createContext(config);
      contexts.push(one);
      const two = await createContext(config);
      contexts.push(two);
      const { db } = one.store;
      const vault = one.vault;
      const scratch = new ProgressService({
        spaces: one.spaces,
        checkins: one.rhythm.checkins,
        monthlyReviews: one.rhythm.monthlyReviews,
        facts: new ProgressFactsStore(db, vault),
        revisions: new SpaceRevisionStore(db),
        clock: one.clock,
        settledSpaces: 0,
      });
      const write = await seedWriter(one.store);
      let couples = 0;

      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 10, max: 60 }),
          fc.constantFrom(...ZONES),
          fc.constantFrom(...ZONES),
          fc.array(op, { minLength: 5, maxLength: 30 }),
          async (days, zoneA, zoneB, ops) => {
            const now = one.clock.now();
            const rows = emptyRows();
            const run = { tag: `t${randomUUID().slice(0, 8)}`, passwordHash: 'not-used', today: now.toISOString().slice(0, 10), days };
            const { couple } = addCouple(rows, vault, run, couples++);
            await write(rows);
            const spaceId = couple.spaceId;
            const partners = (
              await db.selectFrom('space_members').select('account_id').where('space_id', '=', spaceId).orderBy('account_id').execute()
            ).map((m) => m.account_id);
            const zones = [zoneA, zoneB];
            for (const [i, id] of partners.entries())
              await db.updateTable('accounts').set({ timezone: zones[i]! }).where('id', '=', id).execute();
            const agreements = (await db.selectFrom('agreements').select('id').where('space_id', '=', spaceId).orderBy('id').execute()).map(
              (a) => a.id,
            );
            const nth = async <T>(list: T[], n: number): Promise<T | undefined> => (list.length ? list[n % list.length] : undefined);
            const utcToday = now.toISOString().slice(0, 10);

            for (const o of ops) {
              const stamp = new Date().toISOString();
              if (o.kind === 'checkin') {
                const accountId = partners[o.who]!;
                const date = addDays(utcToday, o.day);
                const existing = await db
                  .selectFrom('checkins')
                  .select('id')
                  .where('space_id', '=', spaceId)
                  .where('account_id', '=', accountId)
                  .where('date', '=', date)
                  .executeTakeFirst();
                const id = existing?.id ?? randomUUID();
                const note_enc =
                  o.note === null
                    ? null
                    : vault.seal(
                        `a note of ${date}`,
                        BOUND.checkinNote.of({ id, account_id: accountId, note_visibility: o.note, space_id: spaceId }),
                      );
                const values = {
                  safety: o.score,
                  trust: 10 - o.score,
                  closeness: (o.score * 3) % 11,
                  note_enc,
                  note_visibility: o.note,
                  updated_at: stamp,
                };
                if (existing) await db.updateTable('checkins').set(values).where('id', '=', id).execute();
                else
                  await db
                    .insertInto('checkins')
                    .values({ id, space_id: spaceId, account_id: accountId, date, day: null, created_at: stamp, ...values })
                    .execute();
              } else if (o.kind === 'deleteCheckin') {
                const all = await db
                  .selectFrom('checkins')
                  .select('id')
                  .where('space_id', '=', spaceId)
                  .orderBy('date')
                  .orderBy('id')
                  .execute();
                const row = await nth(all, o.pick);
                if (row) await db.deleteFrom('checkins').where('id', '=', row.id).execute();
              } else if (o.kind === 'noteVisibility') {
                const withNotes = await db
                  .selectFrom('checkins')
                  .selectAll()
                  .where('space_id', '=', spaceId)
                  .where('note_enc', 'is not', null)
                  .orderBy('date')
                  .orderBy('id')
                  .execute();
                const row = await nth(withNotes, o.pick);
                if (row) {
                  const text = vault.open(row.note_enc!, BOUND.checkinNote.of(row));
                  const note_visibility = row.note_visibility === 'shared' ? 'private' : 'shared';
                  await db
                    .updateTable('checkins')
                    .set({
                      note_visibility,
                      note_enc: vault.seal(text ?? 'a note', BOUND.checkinNote.of({ ...row, note_visibility })),
                      updated_at: stamp,
                    })
                    .where('id', '=', row.id)
                    .execute();
                }
              } else if (o.kind === 'log') {
                const agreementId = await nth(agreements, o.pick);
                if (!agreementId) continue;
                await db
                  .insertInto('agreement_log_entries')
                  .values({
                    id: randomUUID(),
                    agreement_id: agreementId,
                    space_id: spaceId,
                    occurred_on: addDays(utcToday, o.day),
                    kept: o.kept ? 1 : 0,
                    logged_by: partners[o.who]!,
                    note_enc: null,
                    note_visibility: null,
                    created_at: stamp,
                    review: null,
                    reviewed_by: null,
                    reviewed_at: null,
                    review_note_enc: null,
                    review_note_visibility: null,
                  })
                  .execute();
              } else if (o.kind === 'review' || o.kind === 'deleteLog') {
                const all = await db
                  .selectFrom('agreement_log_entries')
                  .select(['id', 'logged_by'])
                  .where('space_id', '=', spaceId)
                  .orderBy('occurred_on')
                  .orderBy('id')
                  .execute();
                const row = await nth(all, o.pick);
                if (!row) continue;
                if (o.kind === 'deleteLog') await db.deleteFrom('agreement_log_entries').where('id', '=', row.id).execute();
                else {
                  const other = partners.find((p) => p !== row.logged_by) ?? partners[0]!;
                  await db
                    .updateTable('agreement_log_entries')
                    .set({
                      review: o.review,
                      reviewed_by: o.review ? other : null,
                      reviewed_at: o.review ? stamp : null,
                      kept: o.kept ? 1 : 0,
                    })
                    .where('id', '=', row.id)
                    .execute();
                }
              } else if (o.kind === 'commitment') {
                const agreementId = await nth(agreements, o.pick);
                if (!agreementId) continue;
                const accountId = partners[o.who]!;
                const found = await db
                  .selectFrom('agreement_commitments')
                  .select('account_id')
                  .where('agreement_id', '=', agreementId)
                  .where('account_id', '=', accountId)
                  .executeTakeFirst();
                if (found)
                  await db
                    .deleteFrom('agreement_commitments')
                    .where('agreement_id', '=', agreementId)
                    .where('account_id', '=', accountId)
                    .execute();
                else await db.insertInto('agreement_commitments').values({ agreement_id: agreementId, account_id: accountId }).execute();
              } else if (o.kind === 'share') {
                const accountId = partners[o.who]!;
                const account = await db
                  .selectFrom('accounts')
                  .select('checkin_numbers_shared')
                  .where('id', '=', accountId)
                  .executeTakeFirstOrThrow();
                await db
                  .updateTable('accounts')
                  .set({ checkin_numbers_shared: account.checkin_numbers_shared === 1 ? 0 : 1 })
                  .where('id', '=', accountId)
                  .execute();
                await raiseRevisionsOf(db, accountId);
              } else {
                const server = o.server === 0 ? one : two;
                const viewerId = partners[o.who]!;
                const view = await spaceView(server.spaces, viewerId, spaceId);
                const today = addDays(localDate(now, zones[o.who]!), o.shift);
                const kept = await server.rhythm.progress.compute(view, today);
                const fresh = await scratch.compute(await spaceView(one.spaces, viewerId, spaceId), today);
                assert.deepEqual(kept, fresh);
              }
            }
            // Both servers, both partners, at the end.
            for (const server of [one, two])
              for (const [i, viewerId] of partners.entries()) {
                const today = localDate(now, zones[i]!);
                const kept = await server.rhythm.progress.compute(await spaceView(server.spaces, viewerId, spaceId), today);
                assert.deepEqual(kept, await scratch.compute(await spaceView(one.spaces, viewerId, spaceId), today));
              }
          },
        ),
        { numRuns: dialect === 'sqlite' ? 25 : 12 },
      );
    });
  });
}
