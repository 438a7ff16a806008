// Makes test/fixtures/upgrade-0001/: a SQLite database with ONLY migration 0001-foundation applied,
// holding realistic rows written through the store classes that 0001 shipped with (accounts,
// sessions, spaces, members, invitations), plus fixture.json describing what must survive.
//
//   MEND_ENCRYPTION_KEY="$(cat test/fixtures/upgrade-0001/TEST-ONLY-encryption-key.txt)" \
//     node --import tsx scripts/make-fixture-0001.ts
//
// The key is a test-only key committed beside the fixture; it protects nothing real.
// The committed mend.db was made before values were bound (format v1): it is what the start-up
// step of migration 0011 upgrades. Made again with today's stores, it would hold v2 values.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/platform/config.js';
import { AccountStore } from '../src/features/accounts/store.js';
import { openStore } from '../src/platform/db/database.js';
import { newId, newInvitationCode, newToken, normaliseInvitationCode, sha256 } from '../src/platform/db/ids.js';
import { migrateToLatest } from '../src/platform/db/migrator.js';
import * as foundation from '../src/platform/db/migrations/0001-foundation.js';
import { openVault } from '../src/platform/vault/open-vault.js';
import { loadKeyring } from '../src/platform/vault/index.js';
import { SessionStore } from '../src/features/accounts/sessions-store.js';
import { SpaceStore } from '../src/features/spaces/store.js';
import { PasswordHasher } from '../src/features/accounts/password-hasher.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'test/fixtures/upgrade-0001');
const key = process.env.MEND_ENCRYPTION_KEY?.trim();
if (!key) {
  process.stderr.write('Set MEND_ENCRYPTION_KEY to the test-only key in test/fixtures/upgrade-0001/TEST-ONLY-encryption-key.txt.\n');
  process.exit(2);
}

// Everything is dated in one fixed week, so the test can set its clock to match.
const DAY = 24 * 60 * 60 * 1000;
const at = (day: number, hour = 9): string => new Date(Date.UTC(2025, 5, 1 + day, hour)).toISOString();

const people = [
  {
    key: 'alex',
    email: 'Alex.Rivera@example.org',
    password: 'quiet harbour lantern meadow 1',
    displayName: 'Alex Rivera',
    timezone: 'Europe/London',
  },
  {
    key: 'sam',
    email: 'sam@example.org',
    password: 'copper kettle morning fog 2',
    displayName: 'Sam Ōtake-Żuławski',
    timezone: 'Pacific/Auckland',
  },
  {
    key: 'robin',
    email: 'robin@example.org',
    password: 'seven linen kites drifting 3',
    displayName: 'Robin 🌱',
    timezone: 'America/New_York',
  },
  { key: 'kai', email: 'kai@example.org', password: 'amber tram windows slowly 4', displayName: 'Kai', timezone: 'Asia/Kolkata' },
];

async function main(): Promise<void> {
  const dbFile = path.join(out, 'mend.db');
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true });
  fs.mkdirSync(out, { recursive: true });

  const config = loadConfig({ MEND_DATA_DIR: out, MEND_ENCRYPTION_KEY: key, LOG_LEVEL: 'silent' });
  const store = openStore({ databaseUrl: null, dataDir: out });
  const vault = openVault(loadKeyring({ dataDir: out, envKey: key }));
  try {
    const report = await migrateToLatest(store, { migrations: { '0001-foundation': foundation } });
    if (report.applied.join() !== '0001-foundation') throw new Error(`expected only 0001, applied ${report.applied.join()}`);

    const accounts = new AccountStore(store.db, vault);
    const sessions = new SessionStore(store.db);
    const spaces = new SpaceStore(store.db, vault, 'sqlite');
    const hasher = new PasswordHasher(config.argon2);

    const ids: Record<string, string> = {};
    const tokens: Record<string, string> = {};
    for (const [i, p] of people.entries()) {
      const id = newId();
      ids[p.key] = id;
      const ok = await accounts.insert({
        id,
        email: p.email,
        displayName: p.displayName,
        timezone: p.timezone,
        passwordHash: await hasher.hash(p.password),
        now: at(i),
      });
      if (!ok) throw new Error(`could not insert ${p.key}`);
      // A bearer session that stays valid for the fixture's week (the test's clock sits inside it).
      const token = newToken();
      tokens[p.key] = token;
      await sessions.insert({
        id: newId(),
        accountId: id,
        kind: 'bearer',
        tokenHash: sha256(token),
        createdAt: at(i),
        lastSeenAt: at(i),
        expiresAt: new Date(Date.parse(at(i)) + 30 * DAY).toISOString(),
      });
      // And an old cookie session, already expired.
      await sessions.insert({
        id: newId(),
        accountId: id,
        kind: 'cookie',
        tokenHash: sha256(newToken()),
        createdAt: at(-60),
        lastSeenAt: at(-40),
        expiresAt: at(-10),
      });
    }

    // Alex and Sam: one space, Sam joined by invitation.
    const shared = { id: newId(), name: 'Our second start — ünser Raum' };
    await spaces.create({ id: shared.id, name: shared.name, creatorId: ids.alex!, now: at(4) });
    const joinCode = newInvitationCode();
    const joinInvitation = {
      id: newId(),
      spaceId: shared.id,
      role: 'partner' as const,
      createdBy: ids.alex!,
      createdAt: at(4),
      expiresAt: at(11),
      acceptedAt: null,
    };
    await spaces.insertInvitation({ ...joinInvitation, codeHash: sha256(normaliseInvitationCode(joinCode)) });
    const joined = await spaces.acceptInvitation(joinInvitation, ids.sam!, at(5));
    if (joined !== 'joined') throw new Error(`accept: ${joined}`);

    // Robin: alone in a space with an invitation still open; Kai has no space.
    const solo = { id: newId(), name: 'Robin & ?' };
    await spaces.create({ id: solo.id, name: solo.name, creatorId: ids.robin!, now: at(5) });
    const openCode = newInvitationCode();
    await spaces.insertInvitation({
      id: newId(),
      spaceId: solo.id,
      role: 'partner',
      createdBy: ids.robin!,
      createdAt: at(5),
      expiresAt: at(12),
      acceptedAt: null,
      codeHash: sha256(normaliseInvitationCode(openCode)),
    });

    const counts: Record<string, number> = {};
    for (const table of ['accounts', 'sessions', 'spaces', 'space_members', 'invitations'] as const) {
      const row = await store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      counts[table] = Number(row.n);
    }

    const fixture = {
      note: 'Made by scripts/make-fixture-0001.ts with only migration 0001-foundation. TEST-ONLY data and key.',
      madeWithMigrations: ['0001-foundation'],
      clock: at(6, 12),
      counts,
      people: people.map((p) => ({ ...p, id: ids[p.key], bearerToken: tokens[p.key] })),
      spaces: [
        { id: shared.id, name: shared.name, members: [ids.alex, ids.sam] },
        { id: solo.id, name: solo.name, members: [ids.robin] },
      ],
      openInvitationCode: openCode,
      usedInvitationCode: joinCode,
    };
    fs.writeFileSync(path.join(out, 'fixture.json'), JSON.stringify(fixture, null, 2) + '\n');
  } finally {
    await store.close();
  }
  // Closing checkpoints the WAL into mend.db; nothing else must be left beside it.
  for (const suffix of ['-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true });
  process.stdout.write(`Wrote ${path.relative(root, out)}/mend.db and fixture.json\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
