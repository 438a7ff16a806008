import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config.js';
import { localDate } from '../../src/core/time.js';
import { AUTHOR_ONLY_FIELDS, isAuthorOnly } from '../../src/platform/vault/bound-fields.js';
import { reencryptAll } from '../../src/platform/vault/reencrypt.js';
import { DIALECTS, createTestDatabase, skipReason, type TestDatabase } from '../support/databases.js';
import { json, succeeded } from '../support/app.js';
import { ApiClient, couple, signUp, type Person } from '../support/api-client.js';
import { activeTherapist } from '../support/live-people.js';
import { cli } from '../support/cli.js';
import { attack, CANARY, DATABASE, type Loot } from '../support/at-rest-attacker.js';

/**
 * Issue #23, "Done when": a realistic Mend — a couple and their therapist, who wrote private and
 * shared texts of every kind the API offers — is stopped, and whoever runs the server takes the
 * data folder (the database, the key file, the logs), every backup, and the code
 * (test/support/at-rest-attacker.ts). They recover every shared text, which shows they are
 * strong, and no private one. The same after a key rotation, a password change, a reset with and
 * without the recovery code, an account deletion, and after an account from before the upgrade
 * first signs in. Meanwhile each person reads their own private texts back whole.
 *
 * Mend is started and stopped here (not by describeEachDatabase, which keeps one app running for
 * the whole suite), on a database made the same way.
 */

const today = (): string => localDate(new Date(), 'UTC');
const daysAgo = (n: number): string => localDate(new Date(Date.now() - n * 86_400_000), 'UTC');

for (const dialect of DIALECTS) {
  describe(`private texts at rest, against whoever runs the server [${dialect}]`, async () => {
    const skip = await skipReason(dialect);
    if (skip) {
      test('skipped', { skip }, () => {});
      return;
    }
    let database: TestDatabase;
    let app: FastifyInstance | null = null;
    let logFile = '';
    let backups = 0;
    const people: Person[] = [];
    /** Canary → who wrote it. */
    const privateTexts = new Map<string, Person>();
    const sharedTexts = new Map<string, Person>();
    /** Everything that must never be in a file: passwords, session tokens, recovery codes. */
    const secrets = new Set<string>();
    const deleted = new Set<Person>();
    /** Every recovery code ever given: sealed under the personal key they open, in personal_keys.recovery_code_enc. */
    const recoveryCodes = new Set<string>();
    let a!: Person;
    let b!: Person;
    let therapist!: Person;
    let legacy!: Person;
    let legacySessions: ApiClient[] = [];
    let spaceId = '';
    let backupsBeforeUpgrade: string[] = [];
    /** From the upgrade on: the legacy account's texts may be read in backups taken before it, nowhere else. */
    let mayReadLegacy = (_c: string, _where: string): boolean => false;

    const canary = (author: Person, what: string, kind: 'PRIV' | 'SHAR'): string => {
      const word = `${kind}CANARY${what}${author.displayName.replace(/\W/g, '')}${randomBytes(4).toString('hex')}`;
      (kind === 'PRIV' ? privateTexts : sharedTexts).set(word, author);
      return word;
    };
    const priv = (author: Person, what: string) => `Only mine: ${canary(author, what, 'PRIV')}, kept to myself.`;
    const shared = (author: Person, what: string) => `For us both: ${canary(author, what, 'SHAR')}, said openly.`;
    const env = () => ({
      MEND_DATA_DIR: database.dataDir,
      ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
      MEND_BASE_URL: 'https://mend.example.org',
      LOG_LEVEL: 'trace',
    });

    /** Starts Mend on the data folder, logging everything it logs to a file there, as a host would keep it. */
    async function start(): Promise<FastifyInstance> {
      const config = loadConfig({ ...env(), MEND_SIGN_UP_PER_HOUR: '1000000' });
      app = await buildApp(config, { logStream: { write: (line) => fs.appendFileSync(logFile, line) } });
      await app.ready();
      for (const p of people) p.api = new ApiClient(app, p.api.token);
      legacySessions = legacySessions.map((s) => new ApiClient(app!, s.token));
      return app;
    }
    async function stop(): Promise<void> {
      await app?.close();
      app = null;
    }
    function remember(person: Person): Person {
      people.push(person);
      secrets.add(person.password);
      if (person.api.token) secrets.add(person.api.token);
      if (person.recoveryCode) secrets.add(person.recoveryCode);
      if (person.recoveryCode) recoveryCodes.add(person.recoveryCode);
      return person;
    }
    /** Runs the CLI as the operator would, its output kept with the logs. */
    async function mend(args: string[]): Promise<{ code: number; out: string; err: string }> {
      const run = await cli(args, env());
      fs.appendFileSync(logFile, `$ mend ${args.join(' ')}\n${run.out}${run.err}`);
      return run;
    }
    /** A backup, kept in the data folder's backups: `mend backup` on SQLite, pg_dump on PostgreSQL (as `mend backup` says). */
    async function backUp(): Promise<void> {
      backups += 1;
      const dir = path.join(database.dataDir, 'backups');
      fs.mkdirSync(dir, { recursive: true });
      if (!database.databaseUrl) {
        const run = await mend(['backup', path.join(dir, `mend-${backups}.db`)]);
        assert.equal(run.code, 0, run.err);
        return;
      }
      const dump = spawnSync('pg_dump', ['--format=plain', `--file=${path.join(dir, `mend-${backups}.sql`)}`, database.databaseUrl], {
        encoding: 'utf8',
      });
      assert.equal(dump.status, 0, dump.stderr);
    }

    /**
     * Stops Mend, backs it up and lets the host loose on everything; asserts that every shared
     * text in `shared` is recovered and no private text is, except where `mayRead` allows.
     */
    async function hostReadsEverything(
      when: string,
      expected: { shared?: Iterable<string>; mayRead?: (canary: string, where: string) => boolean } = {},
    ): Promise<Loot> {
      await stop();
      await backUp();
      const loot = await attack({ dataDir: database.dataDir, databaseUrl: database.databaseUrl, needles: [...recoveryCodes] });
      const codes = [...recoveryCodes].filter((code) => loot.found.has(code));
      assert.deepEqual(codes, [], `${when}: no recovery code opens`);
      // The operator's own tool: a person's export, made by the host (printed, not kept in the logs).
      for (const p of people.filter((p) => !deleted.has(p))) {
        const run = await cli(['export-user', p.email, '--yes-i-have-their-consent'], env());
        assert.equal(run.code, 0, run.err);
        for (const c of run.out.match(CANARY) ?? [])
          loot.found.set(c, new Set([...(loot.found.get(c) ?? []), `mend export-user ${p.displayName}`]));
      }
      const mayRead = expected.mayRead ?? (() => false);
      const leaked = [...loot.found].flatMap(([c, places]) =>
        privateTexts.has(c)
          ? [...places].filter((where) => !mayRead(c, where)).map((where) => `${c} (${privateTexts.get(c)!.displayName}) in ${where}`)
          : [],
      );
      assert.deepEqual(leaked, [], `${when}: no private text is recovered`);
      const missed = [...(expected.shared ?? sharedTexts.keys())].filter((c) => !loot.found.has(c));
      assert.deepEqual(missed, [], `${when}: every shared text is recovered, so the host is no weak one`);
      assert.ok(loot.serverValuesOpened > 0, `${when}: values under the server's key open without their tag`);
      assert.ok(loot.personalValues > 0, `${when}: there are values under personal keys to try`);
      // Nothing that would open a personal key is in any file.
      for (const { name, bytes } of loot.files) {
        for (const secret of secrets)
          assert.ok(!bytes.includes(Buffer.from(secret, 'utf8')), `${when}: a password, token or recovery code in ${name}`);
      }
      // The attacker had it all: the database, the key file, every backup and the logs.
      const names = loot.files.map((f) => path.relative(database.dataDir, f.name));
      for (const needed of ['mend.key', path.join('logs', 'mend.log')]) assert.ok(names.includes(needed), `${when}: ${needed} was read`);
      assert.equal(names.filter((n) => /^backups\/mend-\d+\.(db|sql)$/.test(n)).length, backups, `${when}: every backup was read`);
      assert.ok(fs.statSync(logFile).size > 0, 'Mend logged');
      const unknown = [...loot.found.keys()].filter((c) => !privateTexts.has(c) && !sharedTexts.has(c));
      assert.deepEqual(unknown, [], 'only canaries this test planted');
      return loot;
    }
    /** Whether a place the attacker names is the database as it is now (not a backup of it). */
    const isLiveDatabase = (where: string): boolean =>
      where === DATABASE || where.startsWith('pg dump') || where.startsWith(`${path.join(database.dataDir, 'mend.db')} `);

    /** Everything `person` can read of their own: their export (after their password) and their drafts. */
    async function ownReading(person: Person, api: ApiClient = person.api): Promise<string> {
      await succeeded(api.post('/api/v1/sessions/current/reauthenticate', { password: person.password }), 'reauthenticate');
      const exported = await succeeded(api.get('/api/v1/me/export'), 'export');
      const drafts = json(await succeeded(api.get('/api/v1/me/drafts'), 'drafts')).drafts as Array<{ place: string }>;
      const bodies = [exported.body];
      for (const d of drafts) bodies.push((await succeeded(api.get(`/api/v1/drafts/${d.place}`), 'draft')).body);
      return bodies.join('\n');
    }
    const privateOf = (person: Person) => [...privateTexts].filter(([, p]) => p === person).map(([c]) => c);
    const sharedOf = (person: Person) => [...sharedTexts].filter(([, p]) => p === person).map(([c]) => c);
    async function readsAllOwn(person: Person, how: string, api: ApiClient = person.api): Promise<void> {
      const text = await ownReading(person, api);
      const missing = privateOf(person).filter((c) => !text.includes(c));
      assert.deepEqual(missing, [], `${person.displayName} reads their own private texts ${how}`);
      assert.ok(privateOf(person).length > 0);
    }
    async function signIn(person: Person, password = person.password): Promise<ApiClient> {
      const res = json(await succeeded(new ApiClient(app!).post('/api/v1/sessions', { email: person.email, password }), 'sign in'));
      secrets.add(res.token);
      return new ApiClient(app!, res.token);
    }
    /**
     * The person's texts that only they may read: how many are under their key (p1), counted in
     * the tables, and how many under the server's, found by the walk that knows each binding.
     */
    async function authorOnlyCounts(person: Person): Promise<{ personal: number; server: number }> {
      const db = app!.mend.store.db;
      let personal = 0;
      for (const { field, author } of AUTHOR_ONLY_FIELDS) {
        const column = sql.ref(`${field.column}_enc`);
        const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(field.table)}
          where ${sql.ref(author)} = ${person.id} and substr(${column}, 1, 3) = 'p1.'`.execute(db);
        personal += Number(rows[0]!.n);
      }
      let server = 0;
      await reencryptAll(db, (stored, binding) => {
        if (binding.owner === person.id && isAuthorOnly(binding) && !stored.startsWith('p1.')) server += 1;
        return null;
      });
      return { personal, server };
    }

    before(async () => {
      database = await createTestDatabase(dialect);
      fs.mkdirSync(path.join(database.dataDir, 'logs'));
      logFile = path.join(database.dataDir, 'logs', 'mend.log');
    });
    after(async () => {
      await stop();
      await database.drop();
    });

    test('a couple and their therapist write private and shared texts of every kind', async () => {
      await start();
      const pair = await couple(app!, ['Alex', 'Sam']);
      [a, b, spaceId] = [remember(pair.a), remember(pair.b), pair.spaceId];
      therapist = remember(await activeTherapist(app!, a, b, spaceId, 'Dr Lee'));
      for (const p of people) assert.ok(p.recoveryCode, 'sign-up gives a recovery code');

      // An agreement and its log — notes, review notes and a reply, private and shared — before any journey
      // (once one is open, a new agreement belongs to its step 3).
      const agreementId = json(
        await succeeded(
          a.api.post(`/api/v1/spaces/${spaceId}/agreements`, { text: shared(a, 'agreement'), committedBy: [a.id, b.id], cadence: 'daily' }),
          'agreement',
        ),
      ).agreement.id as string;
      await succeeded(b.api.post(`/api/v1/agreements/${agreementId}/accept`), 'accept');
      const logOf = async (p: Person, note: { text: string; visibility: string }) =>
        json(await succeeded(p.api.post(`/api/v1/agreements/${agreementId}/log`, { occurredOn: today(), kept: true, note }), 'log'))
          .logEntry.id as string;
      const aLog = await logOf(a, { text: priv(a, 'lognote'), visibility: 'private' });
      const bLog = await logOf(b, { text: shared(b, 'lognote'), visibility: 'shared' });
      await succeeded(
        b.api.post(`/api/v1/agreement-log/${aLog}/confirm`, { note: { text: priv(b, 'review'), visibility: 'private' } }),
        'confirm',
      );
      await succeeded(
        a.api.post(`/api/v1/agreement-log/${bLog}/dispute`, { note: { text: shared(a, 'review'), visibility: 'shared' } }),
        'dispute',
      );
      await succeeded(b.api.post(`/api/v1/agreement-log/${bLog}/reply`, { text: shared(b, 'reply') }), 'reply');

      // Two breaches, Sam keeping one description to themself and sharing the other.
      const journeyId = json(
        await succeeded(
          b.api.post(`/api/v1/spaces/${spaceId}/breaches`, {
            kind: 'lying',
            brokeTrust: [a.id],
            description: { text: priv(b, 'breach'), visibility: 'private' },
          }),
          'breach',
        ),
      ).journey.id as string;
      const otherJourney = json(
        await succeeded(
          b.api.post(`/api/v1/spaces/${spaceId}/breaches`, {
            kind: 'financial',
            brokeTrust: [a.id],
            description: { text: shared(b, 'breach'), visibility: 'shared' },
          }),
          'breach',
        ),
      ).journey.id as string;

      // A sealed pair, opened; and a sealed half still waiting for its pair.
      for (const p of [a, b]) {
        await succeeded(
          p.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: shared(p, 'sealedpair') }),
          'sealed',
        );
        await succeeded(p.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`), 'acknowledge');
      }
      await succeeded(
        a.api.post(`/api/v1/journeys/${otherJourney}/entries`, { prompt: 'what_happened', text: shared(a, 'sealedhalf') }),
        'half',
      );

      // Private and shared entries; a private one sent with an Idempotency-Key (its kept answer repeats it).
      const kept = await b.api.request(
        'POST',
        `/api/v1/journeys/${journeyId}/entries`,
        { prompt: 'what_hurts', text: priv(b, 'entry'), visibility: 'private' },
        { 'idempotency-key': randomBytes(12).toString('hex') },
      );
      assert.equal(kept.statusCode, 201, kept.body);
      await succeeded(
        b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_hurts', text: shared(b, 'entry'), visibility: 'shared' }),
        'entry',
      );
      // A private entry shared later becomes readable to the partner, and so to the host's key.
      const laterShared = json(
        await succeeded(
          b.api.post(`/api/v1/journeys/${journeyId}/entries`, {
            prompt: 'what_hurts',
            text: shared(b, 'sharedlater'),
            visibility: 'private',
          }),
          'entry',
        ),
      ).entry.id as string;
      await succeeded(b.api.put(`/api/v1/entries/${laterShared}/visibility`, { visibility: 'shared' }), 'share it');
      const apologyId = json(
        await succeeded(a.api.post(`/api/v1/journeys/${journeyId}/apologies`, { text: shared(a, 'apology') }), 'apology'),
      ).apology.id as string;
      await succeeded(
        b.api.post(`/api/v1/apologies/${apologyId}/responses`, { received: true, sincere: false, missingWords: shared(b, 'missingwords') }),
        'answer the apology',
      );
      // The weekly meeting's record, shared; Sam's draft of the next one, theirs alone.
      await succeeded(
        a.api.post(`/api/v1/spaces/${spaceId}/meetings`, { heldOn: today(), appreciations: shared(a, 'meeting') }),
        'meeting',
      );
      await succeeded(b.api.put(`/api/v1/drafts/meeting:${spaceId}`, { fields: { concern: priv(b, 'draftmeeting') } }), 'draft');

      // Drafts: the apology Alex is still writing, Sam's unfinished check-in note.
      await succeeded(a.api.put(`/api/v1/drafts/apology:${journeyId}`, { fields: { 'parts.regret': priv(a, 'draftapology') } }), 'draft');
      await succeeded(
        b.api.put(`/api/v1/drafts/checkin-note:${spaceId}:${daysAgo(3)}`, { fields: { note: priv(b, 'draftnote') } }),
        'draft',
      );

      // Check-ins, a private and a shared note each.
      for (const p of [a, b]) {
        for (const [day, note] of [
          [daysAgo(1), { text: priv(p, 'checkin'), visibility: 'private' }],
          [today(), { text: shared(p, 'checkin'), visibility: 'shared' }],
        ] as const) {
          await succeeded(p.api.put(`/api/v1/spaces/${spaceId}/checkins/${day}`, { safety: 6, trust: 5, closeness: 7, note }), 'check-in');
        }
      }

      // Calls for reassurance, a private and a shared note, each answered.
      for (const [asker, answerer, note] of [
        [a, b, { text: priv(a, 'reassurance'), visibility: 'private' }],
        [b, a, { text: shared(b, 'reassurance'), visibility: 'shared' }],
      ] as const) {
        const id = json(await succeeded(asker.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note }), 'reassurance'))
          .reassuranceRequest.id as string;
        await succeeded(answerer.api.post(`/api/v1/reassurance-requests/${id}/answer`, { text: shared(answerer, 'answer') }), 'answer');
      }

      // The therapist reads what they may.
      const seen = (await succeeded(therapist.api.get(`/api/v1/journeys/${journeyId}/entries`), 'therapist reads')).body;
      assert.ok(sharedOf(b).some((c) => seen.includes(c)) && !privateOf(b).some((c) => seen.includes(c)));

      for (const p of people) {
        const counts = await authorOnlyCounts(p);
        assert.equal(counts.server, 0, `${p.displayName}: nothing of theirs alone is under the server's key`);
      }
      assert.ok((await authorOnlyCounts(a)).personal >= 3 && (await authorOnlyCounts(b)).personal >= 6);
    });

    test('each reads their own private texts back: on a second device, after signing out and in again', async () => {
      for (const p of [a, b]) {
        await readsAllOwn(p, 'in the session they wrote them in');
        const second = await signIn(p);
        await readsAllOwn(p, 'on a second device', second);
        await succeeded(p.api.delete('/api/v1/sessions/current'), 'sign out');
        assert.equal((await p.api.get('/api/v1/me')).statusCode, 401);
        p.api = await signIn(p);
        await readsAllOwn(p, 'after signing out and in again');
      }
      // Neither reads the other's private texts, nor does the therapist.
      for (const [reader, writer] of [
        [a, b],
        [b, a],
        [therapist, a],
        [therapist, b],
      ] as const) {
        const text = await ownReading(reader);
        assert.deepEqual(
          privateOf(writer).filter((c) => text.includes(c)),
          [],
        );
      }
    });

    test('an account from before the upgrade writes private texts under the server key, as Mend did then', async () => {
      legacy = remember(await signUp(app!, 'Casey'));
      const second = await signIn(legacy);
      // Before personal keys: no key, sessions with no wrap of one.
      const db = app!.mend.store.db;
      await db.deleteFrom('personal_keys').where('account_id', '=', legacy.id).execute();
      await db.updateTable('sessions').set({ personal_key_wrap: null }).where('account_id', '=', legacy.id).execute();
      legacySessions = [legacy.api, second];
      // Its sessions now hold no key: what it writes goes under the server key, as before the upgrade.
      const own = json(await succeeded(legacy.api.post('/api/v1/spaces', { name: 'Mine' }), 'space')).space.id as string;
      await succeeded(
        legacy.api.request(
          'POST',
          `/api/v1/spaces/${own}/breaches`,
          { kind: 'privacy', brokeTrust: [legacy.id], description: { text: priv(legacy, 'breach'), visibility: 'private' } },
          { 'idempotency-key': randomBytes(12).toString('hex') },
        ),
        'breach',
      );
      await succeeded(
        legacy.api.put(`/api/v1/spaces/${own}/checkins/${today()}`, {
          safety: 5,
          trust: 5,
          closeness: 5,
          note: { text: priv(legacy, 'checkin'), visibility: 'private' },
        }),
        'check-in',
      );
      await succeeded(second.put(`/api/v1/drafts/checkin-note:${own}:${daysAgo(1)}`, { fields: { note: priv(legacy, 'draft') } }), 'draft');
      const counts = await authorOnlyCounts(legacy);
      assert.deepEqual(counts, { personal: 0, server: 4 }, 'breach description, its kept answer, the check-in note, the draft');

      // The host reads them: until its owner signs in, nothing else could be done for them (docs/encryption.md).
      const legacyTexts = new Set(privateOf(legacy));
      const loot = await hostReadsEverything('before the upgrade', { mayRead: (c) => legacyTexts.has(c) });
      assert.deepEqual(
        privateOf(legacy).filter((c) => !loot.found.has(c)),
        [],
        'an attacker this strong does read texts under the server key',
      );
      backupsBeforeUpgrade = fs.readdirSync(path.join(database.dataDir, 'backups')).map((f) => path.join(database.dataDir, 'backups', f));
    });

    test('at its first sign-in its private texts are sealed under its new key and its older sessions end', async () => {
      await start();
      const before = await authorOnlyCounts(legacy);
      const signedIn = json(
        await succeeded(new ApiClient(app!).post('/api/v1/sessions', { email: legacy.email, password: legacy.password }), 'sign in'),
      );
      secrets.add(signedIn.token);
      assert.match(signedIn.recoveryCode, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/, 'its recovery code, shown once');
      secrets.add(signedIn.recoveryCode);
      recoveryCodes.add(signedIn.recoveryCode);
      legacy.recoveryCode = signedIn.recoveryCode;
      const after = await authorOnlyCounts(legacy);
      assert.deepEqual(after, { personal: before.server, server: 0 }, 'every private text is now under its key');
      for (const old of legacySessions) assert.equal((await old.get('/api/v1/me')).statusCode, 401, 'sessions from before the key end');
      legacySessions = [];
      legacy.api = new ApiClient(app!, signedIn.token);
      await readsAllOwn(legacy, 'after they were sealed again');
      // Backups taken before the sign-in still hold them under the server key: only there may the host read them.
      const legacyTexts = new Set(privateOf(legacy));
      const inOldBackup = (c: string, where: string) => legacyTexts.has(c) && backupsBeforeUpgrade.some((f) => where.startsWith(`${f} `));
      mayReadLegacy = inOldBackup;
      const loot = await hostReadsEverything('after the first sign-in since the upgrade', { mayRead: inOldBackup });
      assert.ok(
        privateOf(legacy).every((c) => !loot.found.has(c) || [...loot.found.get(c)!].every((w) => !isLiveDatabase(w))),
        'the database itself no longer opens them',
      );
    });

    test('after the server key is rotated', async () => {
      const rotated = await mend(['rotate-key']);
      assert.equal(rotated.code, 0, rotated.err);
      assert.match(rotated.out, /Added a new key/);
      await hostReadsEverything('after key rotation', { mayRead: mayReadLegacy });
      await start();
      for (const p of [a, b]) await readsAllOwn(p, 'after the server key was rotated');
    });

    test('after a password change', async () => {
      const newPassword = 'a calmer river under the old bridge';
      secrets.add(newPassword);
      await succeeded(a.api.put('/api/v1/me/password', { currentPassword: a.password, newPassword }), 'password');
      a.password = newPassword;
      await readsAllOwn(a, 'after changing their password, in the same session');
      a.api = await signIn(a);
      await readsAllOwn(a, 'after changing their password, signed in with it');
      await hostReadsEverything('after a password change', { mayRead: mayReadLegacy });
      await start();
    });

    test('after a reset with the recovery code', async () => {
      const link = await mend(['reset-password', b.email]);
      assert.equal(link.code, 0, link.err);
      const token = /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(link.out)![1]!;
      const newPassword = 'lanterns along the winter harbour';
      secrets.add(newPassword);
      const done = await new ApiClient(app!).post(`/api/v1/password-resets/${token}`, {
        password: newPassword,
        recoveryCode: b.recoveryCode,
      });
      assert.equal(done.statusCode, 204, done.body);
      assert.equal((await b.api.get('/api/v1/me')).statusCode, 401, 'every session ended');
      b.password = newPassword;
      b.api = await signIn(b);
      await readsAllOwn(b, 'after a reset with the recovery code');
      await hostReadsEverything('after a reset with the recovery code', { mayRead: mayReadLegacy });
      await start();
    });

    test('after a reset without it: the private texts are let go, also for their author; the shared kept', async () => {
      const link = await mend(['reset-password', a.email]);
      const token = /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(link.out)![1]!;
      const newPassword = 'a fresh orchard lantern at dusk';
      secrets.add(newPassword);
      const done = await new ApiClient(app!).post(`/api/v1/password-resets/${token}`, { password: newPassword, letGo: true });
      assert.equal(done.statusCode, 204, done.body);
      a.password = newPassword;
      const res = json(await succeeded(new ApiClient(app!).post('/api/v1/sessions', { email: a.email, password: newPassword }), 'sign in'));
      secrets.add(res.token);
      secrets.add(res.recoveryCode);
      recoveryCodes.add(res.recoveryCode);
      a.recoveryCode = res.recoveryCode;
      a.api = new ApiClient(app!, res.token);
      const own = await ownReading(a);
      assert.deepEqual(
        privateOf(a).filter((c) => own.includes(c)),
        [],
        'closed for good, for Alex too',
      );
      assert.ok(
        sharedOf(a).every((c) => own.includes(c)),
        'the shared texts are kept',
      );
      // What Alex writes privately from now on is under the new key.
      await succeeded(
        a.api.put(`/api/v1/spaces/${spaceId}/checkins/${daysAgo(2)}`, {
          safety: 4,
          trust: 4,
          closeness: 4,
          note: { text: priv(a, 'afterreset'), visibility: 'private' },
        }),
        'check-in',
      );
      assert.ok((await ownReading(a)).includes(privateOf(a).at(-1)!));
      await hostReadsEverything('after a reset without the recovery code', { mayRead: mayReadLegacy });
      await start();
    });

    test('after an account is deleted', async () => {
      await succeeded(b.api.delete('/api/v1/me', { password: b.password }), 'delete');
      deleted.add(b);
      // What Sam wrote is gone from the database; old backups still hold it, shared texts readable there.
      const remaining = [...sharedTexts].filter(([, p]) => p !== b).map(([c]) => c);
      const loot = await hostReadsEverything('after an account deletion', { shared: remaining, mayRead: mayReadLegacy });
      assert.deepEqual(
        sharedOf(b).flatMap((c) => [...(loot.found.get(c) ?? [])].filter(isLiveDatabase).map((where) => `${c} in ${where}`)),
        [],
        'the deleted account’s shared words are gone from the database itself',
      );
    });
  });
}
