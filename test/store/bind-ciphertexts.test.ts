// Migration 0011's start-up step: values written before they were bound (format v1, sealed with
// their place only) are sealed again under their binding. Interrupted part-way, it carries on
// when run again: no value lost, none done twice; it reads in batches, never every row at once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  sql,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import { encryptTextAs, Keyring, generateKey, keyIdOf } from '../../src/platform/vault/index.js';
import { AccountStore } from '../../src/features/accounts/store.js';
import { bindCiphertexts } from '../../src/platform/vault/bind-ciphertexts.js';
import { BOUND_FIELDS, placeContext } from '../../src/platform/vault/bound-fields.js';
import { CheckinStore } from '../../src/features/checkin/store.js';
import { openStore, type Store } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrator.js';
import { MIGRATIONS } from '../../src/platform/db/migrations/index.js';
import { recordedKeyIds } from '../../src/platform/vault/encryption-keys.js';
import { openVault } from '../../src/platform/vault/open-vault.js';
import { SpaceStore } from '../../src/features/spaces/store.js';
import { JourneyStore } from '../../src/features/journey/store.js';
import { EntryStore } from '../../src/features/journey/entries-store.js';
import { ApologyStore } from '../../src/features/journey/apologies-store.js';
import type { Vault } from '../../src/platform/vault/vault.js';
import { createTestDatabase, DIALECTS, skipReason, type TestDatabase } from '../support/databases.js';

const keyring = new Keyring([{ id: 'kupgrade', key: generateKey() }], 'kupgrade', generateKey(), 'env');
const now = () => new Date().toISOString();

/** Seals as Mend did before migration 0011: format v1, with the place-only context. */
const legacyVault = (): Vault => {
  const vault = openVault(keyring);
  return { ...vault, seal: (text, b) => encryptTextAs('v1', keyring, text, placeContext(b.table, b.column, b.rowId)) };
};

/** Fails the `failAt`-th update (a crash part-way), and notes the most rows any query returned. */
class Interrupting implements KyselyPlugin {
  updates = 0;
  largestRead = 0;
  constructor(private readonly failAt: number) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node as { kind: string; sqlFragments?: readonly string[] };
    if (node.kind === 'RawNode' && node.sqlFragments?.[0]?.trimStart().startsWith('update') && ++this.updates === this.failAt)
      throw new Error('interrupted');
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.largestRead = Math.max(this.largestRead, args.result.rows.length);
    return args.result;
  }
}

async function formats(store: Store): Promise<{ v1: number; v2: number }> {
  const out = { v1: 0, v2: 0 };
  for (const f of BOUND_FIELDS) {
    const { rows } = await sql<{
      value: string;
    }>`select ${sql.ref(`${f.column}_enc`)} as value from ${sql.table(f.table)} where ${sql.ref(`${f.column}_enc`)} is not null`.execute(
      store.db,
    );
    for (const r of rows) out[r.value.startsWith('v1.') ? 'v1' : 'v2'] += 1;
  }
  return out;
}

for (const dialect of DIALECTS) {
  describe(`binding values written before migration 0011 [${dialect}]`, async () => {
    const skip = await skipReason(dialect);
    let database: TestDatabase;
    let store: Store;
    const people: Array<{ id: string; name: string }> = [];
    const notes = new Map<string, string>();

    before(async () => {
      if (skip) return;
      database = await createTestDatabase(dialect);
      store = openStore(database);
      // The schema as the last release left it: every migration before 0011.
      const before0011 = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '0011'));
      await migrateToLatest(store, { migrations: before0011 });
      const old = legacyVault();
      const accounts = new AccountStore(store.db, old);
      const spaces = new SpaceStore(store.db, old, dialect);
      const checkins = new CheckinStore(store.db, old);
      for (let i = 0; i < 3; i++) {
        const person = { id: `acct-${i}`, name: `Person ${i}` };
        people.push(person);
        await accounts.insert({
          id: person.id,
          email: `p${i}@example.org`,
          displayName: person.name,
          timezone: 'UTC',
          passwordHash: 'x',
          now: now(),
        });
      }
      await spaces.create({ id: 'space-1', name: 'Us', creatorId: 'acct-0', now: now() });
      // A breach with its description, a journey with entries and an apology: texts kept under a
      // journey are bound to its space too, which the walk reads beside them.
      const at = now();
      await new JourneyStore(store.db, old).create(
        {
          id: 'breach-1',
          spaceId: 'space-1',
          kind: 'lying',
          brokeTrust: ['acct-0'],
          occurredOn: null,
          cameOut: null,
          cameOutOn: null,
          hurt: null,
          description: { text: 'DESCRIPTION', visibility: 'private' },
          recordedBy: 'acct-1',
          recordedAt: at,
        },
        { id: 'journey-1', spaceId: 'space-1', breachId: 'breach-1', openedAt: at, closedAt: null },
      );
      const entries = new EntryStore(store.db, old);
      for (const [i, visibility] of (['private', 'shared', 'sealed'] as const).entries()) {
        await entries.insert({
          id: `entry-${i}`,
          journeyId: 'journey-1',
          prompt: i === 2 ? 'what_happened' : 'what_hurts',
          authorId: 'acct-1',
          visibility,
          text: `ENTRY-${i}`,
          replyTo: null,
          createdAt: at,
          updatedAt: at,
        });
      }
      await new ApologyStore(store.db, old).insert({
        id: 'apology-1',
        journeyId: 'journey-1',
        authorId: 'acct-0',
        text: 'APOLOGY',
        parts: null,
        createdAt: at,
        deliveredAt: at,
      });
      for (let day = 1; day <= 20; day++) {
        const date = `2026-01-${String(day).padStart(2, '0')}`;
        const text = `NOTE-${day}`;
        const { checkin } = await checkins.upsert(`checkin-${String(day).padStart(2, '0')}`, {
          spaceId: 'space-1',
          accountId: 'acct-0',
          date,
          safety: 5,
          trust: 5,
          closeness: 5,
          day: null,
          note: { text, visibility: day % 2 ? 'private' : 'shared' },
          now: now(),
        });
        notes.set(checkin.id, text);
      }
      // 0011 runs first; later migrations follow it.
      assert.equal((await migrateToLatest(store)).applied[0], '0011-bound-ciphertexts');
    });
    after(async () => {
      if (skip) return;
      await store.close();
      await database.drop();
    });

    test('migration 0011 records the key the values already stored were written with', { skip }, async () => {
      assert.deepEqual(await recordedKeyIds(store.db), ['kupgrade']);
    });

    test('every encrypted column of the schema is known to the binding list', { skip }, async () => {
      const known = new Set(BOUND_FIELDS.map((f) => `${f.table}.${f.column}_enc`));
      for (const table of await store.db.introspection.getTables()) {
        for (const column of table.columns)
          if (column.name.endsWith('_enc'))
            assert.ok(known.has(`${table.name}.${column.name}`), `${table.name}.${column.name} is not in store/bound-fields.ts`);
      }
    });

    test('interrupted part-way, the step records nothing; run again, it finishes every value exactly once', { skip }, async () => {
      const total = (await formats(store)).v1;
      assert.equal(total, 3 * 2 + 1 + 1 + 3 + 1 + 20, 'the old rows are all in format v1');

      const crash = new Interrupting(12);
      await assert.rejects(bindCiphertexts(store.db.withPlugin(crash), keyring, now, 5), /interrupted/);
      const partway = await formats(store);
      assert.ok(partway.v2 > 0 && partway.v1 > 0, `part done: ${JSON.stringify(partway)}`);
      assert.equal(partway.v1 + partway.v2, total, 'nothing lost');
      assert.equal(await store.db.selectFrom('data_upgrades').select('name').executeTakeFirst(), undefined, 'not recorded as finished');

      const watch = new Interrupting(Infinity);
      const resumed = await bindCiphertexts(store.db.withPlugin(watch), keyring, now, 5);
      assert.equal(resumed.ran, true);
      assert.deepEqual(resumed.unreadable, []);
      assert.equal(resumed.rebound, partway.v1, 'only what was left is done: nothing twice');
      assert.deepEqual(await formats(store), { v1: 0, v2: total });
      assert.ok(watch.largestRead <= 5, `read in batches, at most 5 rows at once (read ${watch.largestRead})`);

      const vault = openVault(keyring);
      const accounts = new AccountStore(store.db, vault);
      for (const p of people) assert.equal((await accounts.byId(p.id))?.displayName, p.name);
      const read = await new CheckinStore(store.db, vault).list('space-1', '2026-01-01', '2026-01-31');
      assert.equal(read.length, 20);
      for (const c of read) assert.equal(c.note?.text, notes.get(c.id));
      assert.equal((await new SpaceStore(store.db, vault, dialect).listForAccount('acct-0'))[0]?.name, 'Us');
      assert.deepEqual(
        (await new EntryStore(store.db, vault).listForJourney('journey-1')).map((e) => e.text),
        ['ENTRY-0', 'ENTRY-1', 'ENTRY-2'],
      );
      assert.deepEqual(
        (await new ApologyStore(store.db, vault).listForJourney('journey-1')).map((a) => a.text),
        ['APOLOGY'],
      );
      assert.equal((await new JourneyStore(store.db, vault).byId('journey-1'))?.breach.description?.text, 'DESCRIPTION');

      const again = await bindCiphertexts(store.db, keyring, now);
      assert.deepEqual(again, { ran: false, rebound: 0, unreadable: [] }, 'recorded: later starts skip it');
    });

    test('an old value that fails its check is left as it is and reported; every other value is bound', { skip }, async () => {
      await store.db.deleteFrom('data_upgrades').execute();
      const old = legacyVault();
      const checkins = new CheckinStore(store.db, old);
      for (const id of ['late-1', 'late-2']) {
        await checkins.upsert(id, {
          spaceId: 'space-1',
          accountId: 'acct-1',
          date: `2026-02-0${id.at(-1)}`,
          safety: 5,
          trust: 5,
          closeness: 5,
          day: null,
          note: { text: `LATE ${id}`, visibility: 'private' },
          now: now(),
        });
      }
      // One old value copied over another row's: it was sealed for late-1, not late-2.
      await sql`update checkins set note_enc = (select note_enc from checkins where id = 'late-1') where id = 'late-2'`.execute(store.db);
      const report = await bindCiphertexts(store.db, keyring, now);
      assert.deepEqual(report.unreadable, [{ table: 'checkins', column: 'note_enc', id: 'late-2', reason: 'tampered_ciphertext' }]);
      assert.equal(report.rebound, 1);
      const rows = await store.db
        .selectFrom('checkins')
        .select(['id', 'note_enc'])
        .where('id', 'in', ['late-1', 'late-2'])
        .orderBy('id')
        .execute();
      assert.match(rows[0]!.note_enc!, /^v2\./);
      assert.match(rows[1]!.note_enc!, /^v1\./, 'left as it was');
      assert.equal(keyIdOf(rows[0]!.note_enc!), 'kupgrade');
      const read = await new CheckinStore(store.db, openVault(keyring)).list('space-1', '2026-02-01', '2026-02-28');
      assert.deepEqual(
        read.map((c) => c.note?.text ?? null),
        ['LATE late-1', null],
        'the damaged note is shown to nobody',
      );
    });
  });
}
