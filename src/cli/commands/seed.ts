import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { loadConfig } from '../../config.js';
import { addDays } from '../../core/time.js';
import type { PromptKey } from '../../core/journey/prompts.js';
import type { Visibility } from '../../core/visibility/index.js';
import { PasswordHasher } from '../../services/password-hasher.js';
import { AccountStore } from '../../store/accounts.js';
import { AgreementLogStore } from '../../store/agreement-log.js';
import { AgreementStore } from '../../store/agreements.js';
import { CheckinStore } from '../../store/checkins.js';
import { openStore } from '../../store/database.js';
import { newId, newInvitationCode, sha256 } from '../../store/ids.js';
import { EntryStore } from '../../store/journeys-entries.js';
import { JourneyStore } from '../../store/journeys.js';
import { migrateToLatest } from '../../store/migrator.js';
import { openVault } from '../../store/open-vault.js';
import type { Database } from '../../store/schema.js';
import { SpaceStore } from '../../store/spaces.js';
import type { Vault } from '../../store/vault.js';
import type { CliIo } from '../main.js';
import { clamp, prng } from './demo.js';

export const SEED_USAGE = 'Usage: mend seed [--couples N] [--days N] [--json]\n';
const MAX_COUPLES = 1_000_000;
const MAX_DAYS = 3660;
/** How many couples go into one transaction: large enough to batch, small enough to keep memory flat. */
const COUPLES_PER_TRANSACTION = 10;
const PROGRESS_EVERY_MS = 3000;

/** One seeded couple: enough for a benchmark to sign in and reach their pages. */
export interface SeededCouple {
  spaceId: string;
  journeyId: string;
  /** [partner who broke trust, partner who was hurt] */
  emails: [string, string];
}

export interface SeedSummary {
  where: string;
  couples: number;
  days: number;
  /** The one password every seeded account shares (made up per run). */
  password: string;
  checkins: number;
  logEntries: number;
  entries: number;
  seconds: number;
  /** The first few couples (at most 50), for sign-ins. */
  sample: SeededCouple[];
}

function parseArgs(args: string[]): { couples: number; days: number; json: boolean } | null {
  const out = { couples: 1000, days: 365, json: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') {
      out.json = true;
      continue;
    }
    if (arg !== '--couples' && arg !== '--days') return null;
    const raw = args[++i] ?? '';
    const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
    const max = arg === '--couples' ? MAX_COUPLES : MAX_DAYS;
    if (!Number.isInteger(value) || value < 1 || value > max) return null;
    if (arg === '--couples') out.couples = value;
    else out.days = value;
  }
  return out;
}

/**
 * The stores each open their own transaction for multi-row writes; Kysely does not nest them. To
 * batch many couples into one transaction, the stores are given a view of the open transaction
 * whose `transaction()` simply joins it.
 */
function joined(trx: Transaction<Database>): Kysely<Database> {
  const view: Kysely<Database> = new Proxy(trx, {
    get(target, prop) {
      if (prop === 'transaction') return () => ({ execute: <T>(fn: (t: Kysely<Database>) => Promise<T>) => fn(view) });
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return view;
}

function storesOver(db: Kysely<Database>, vault: Vault, dialect: 'sqlite' | 'postgres') {
  return {
    accounts: new AccountStore(db, vault),
    spaces: new SpaceStore(db, vault, dialect),
    journeys: new JourneyStore(db, vault),
    entries: new EntryStore(db, vault),
    agreements: new AgreementStore(db, vault),
    checkins: new CheckinStore(db, vault),
    log: new AgreementLogStore(db, vault),
  };
}

type Stores = ReturnType<typeof storesOver>;

const CHECKIN_NOTES = ['We walked after dinner and it felt easy.', 'A hard one. I kept thinking about the old excuses.', 'Quiet evening, no phones. It helped.'];
const MISSED_NOTE = 'I skipped the part about the phone call. Owning it.';

/**
 * One couple with `days` days of life, ending today: two accounts, their space, a breach and its
 * journey with sealed, shared and private entries, three accepted agreements, near-daily
 * check-ins (the same shape as `mend demo`), and the daily agreement's log with reviews.
 */
async function seedCouple(
  s: Stores,
  input: { index: number; tag: string; passwordHash: string; today: string; days: number; random: () => number },
): Promise<{ couple: SeededCouple; checkins: number; logEntries: number; entries: number }> {
  const { index, tag, passwordHash, today, days, random } = input;
  const start = addDays(today, -(days - 1));
  const at = (date: string, hour: number) => `${date}T${String(hour).padStart(2, '0')}:${String(index % 60).padStart(2, '0')}:00.000Z`;
  const opened = at(start, 8);
  const number = String(index + 1).padStart(6, '0');
  const emails: [string, string] = [`alex.${number}.${tag}@seed.mend.invalid`, `sam.${number}.${tag}@seed.mend.invalid`];
  const a = newId();
  const b = newId();
  await s.accounts.insert({ id: a, email: emails[0], displayName: `Alex ${number}`, timezone: 'UTC', passwordHash, now: opened });
  await s.accounts.insert({ id: b, email: emails[1], displayName: `Sam ${number}`, timezone: 'UTC', passwordHash, now: opened });

  const spaceId = newId();
  await s.spaces.create({ id: spaceId, name: `Alex & Sam ${number}`, creatorId: a, now: opened });
  const invitation = { id: newId(), spaceId, role: 'partner' as const, createdBy: a, createdAt: opened, expiresAt: at(addDays(start, 7), 8), acceptedAt: null };
  await s.spaces.insertInvitation({ ...invitation, codeHash: sha256(newInvitationCode()) });
  await s.spaces.acceptInvitation(invitation, b, opened);

  const journeyId = newId();
  const breachId = newId();
  await s.journeys.create(
    {
      id: breachId,
      spaceId,
      kind: 'lying',
      brokeTrust: [a],
      occurredOn: addDays(start, -20),
      cameOut: 'discovered',
      hurt: 4,
      description: { text: 'Months of saying work ran late when it did not.', visibility: 'shared' },
      recordedBy: b,
      recordedAt: opened,
    },
    { id: journeyId, spaceId, breachId, openedAt: opened, closedAt: null },
  );
  const entries: Array<{ prompt: PromptKey; by: string; visibility: Visibility; text: string; replyTo?: string }> = [
    { prompt: 'what_happened', by: b, visibility: 'sealed', text: 'I found out from a friend, not from you. I feel foolish and I feel alone.' },
    { prompt: 'what_happened', by: a, visibility: 'sealed', text: 'I know I hurt you when I kept lying about where I was, and I let it go on for months.' },
    { prompt: 'what_hurts', by: b, visibility: 'shared', text: 'That I doubted myself for months while you knew.' },
    { prompt: 'trust_looks_like', by: b, visibility: 'sealed', text: 'Knowing where you are without having to ask.' },
    { prompt: 'why_im_doing_this', by: a, visibility: 'private', text: 'Because I want us, and I want to be someone who tells the truth.' },
    { prompt: 'question', by: b, visibility: 'shared', text: 'Who else knew while I did not?' },
  ];
  let entryCount = 0;
  let questionId: string | null = null;
  for (const [i, e] of entries.entries()) {
    const id = newId();
    const when = at(addDays(start, Math.min(i, days - 1)), 20);
    await s.entries.insert({ id, journeyId, prompt: e.prompt, authorId: e.by, visibility: e.visibility, text: e.text, replyTo: null, createdAt: when, updatedAt: when });
    if (e.prompt === 'question') questionId = id;
    entryCount++;
  }
  if (questionId) {
    const when = at(addDays(start, Math.min(entries.length, days - 1)), 21);
    await s.entries.insert({ id: newId(), journeyId, prompt: 'answer', authorId: a, visibility: 'shared', text: 'One friend from work. I should have told you first.', replyTo: questionId, createdAt: when, updatedAt: when });
    entryCount++;
  }
  await s.journeys.acknowledge(journeyId, a, opened);
  await s.journeys.acknowledge(journeyId, b, opened);

  const agreement = (text: string, committedBy: string, by: string, cadence: 'each_time' | 'daily') => ({
    id: newId(),
    spaceId,
    journeyId,
    text,
    cadence,
    reviewOn: null,
    committedBy: [committedBy],
    status: 'active' as const,
    proposedBy: by,
    proposedAt: opened,
    acceptedBy: by === a ? b : a,
    acceptedAt: opened,
    replaces: null,
    replacedBy: null,
    withdrawnAt: null,
  });
  const late = agreement('When I will be more than 30 minutes later than I said, I text Sam before the time I said.', a, b, 'each_time');
  const daily = agreement('Each evening I tell Sam honestly how my day went, including anything I would rather skip.', a, a, 'daily');
  const pause = agreement('When an argument gets heated, I say "pause" and we come back to it within 24 hours.', b, a, 'each_time');
  for (const x of [late, daily, pause]) await s.agreements.insert(x);

  let checkins = 0;
  let logEntries = 0;
  for (let d = 0; d < days; d++) {
    const date = addDays(start, d);
    const progress = d / days;
    for (const [p, base, gain] of [[a, 6, 1.5], [b, 3, 4]] as const) {
      if (random() < 0.12) continue; // some days are skipped, as in life
      const hard = random() < 0.08;
      const v = (x: number) => clamp(x + (random() - 0.5) * 2.5 - (hard ? 3 : 0));
      const note = random() < 0.1 ? { text: CHECKIN_NOTES[Math.floor(random() * CHECKIN_NOTES.length)]!, visibility: random() < 0.5 ? ('shared' as const) : ('private' as const) } : null;
      await s.checkins.upsert(newId(), {
        spaceId,
        accountId: p,
        date,
        safety: v(base + 2 + gain * progress),
        trust: v(base + gain * progress),
        closeness: v(base + 1 + gain * progress),
        day: hard ? 'hard' : random() < 0.6 ? 'good' : 'mixed',
        note,
        now: at(date, 21),
      });
      checkins++;
    }
    const logOne = async (agreementId: string, kept: boolean, note: string | null) => {
      const id = newId();
      await s.log.add({ id, agreementId, spaceId, occurredOn: date, kept, loggedBy: a, note: note ? { text: note, visibility: 'shared' } : null, now: at(date, 22) });
      if (random() < 0.85) await s.log.review(id, { review: random() < 0.93 ? 'confirmed' : 'disputed', by: b, note: null, now: at(date, 23) });
      logEntries++;
    };
    if (random() < 0.9) {
      const kept = random() < 0.7 + 0.25 * progress;
      await logOne(daily.id, kept, kept ? null : MISSED_NOTE);
    }
    if (d % 9 === 4) await logOne(late.id, random() < 0.85, null);
  }
  return { couple: { spaceId, journeyId, emails }, checkins, logEntries, entries: entryCount };
}

/** Writes the data set; used by `mend seed` and by the benchmark. */
export async function seed(options: { couples: number; days: number; onProgress?: (done: number, total: number) => void }): Promise<SeedSummary> {
  const started = performance.now();
  const config = loadConfig();
  const vault = openVault(config);
  const store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(store);
    const password = `seed ${randomBytes(9).toString('base64url')} quiet lantern`;
    // One argon2 hash for every account: hashing is the slow part of signing up, not of seeding.
    const passwordHash = await new PasswordHasher(config.argon2).hash(password);
    const tag = randomBytes(3).toString('hex');
    const today = new Date().toISOString().slice(0, 10);
    const random = prng(20240611);
    const summary: SeedSummary = {
      where: config.databaseUrl ? 'the PostgreSQL database in DATABASE_URL' : (store.sqliteFile ?? config.dataDir),
      couples: options.couples,
      days: options.days,
      password,
      checkins: 0,
      logEntries: 0,
      entries: 0,
      seconds: 0,
      sample: [],
    };
    let lastReport = performance.now();
    for (let first = 0; first < options.couples; first += COUPLES_PER_TRANSACTION) {
      const last = Math.min(options.couples, first + COUPLES_PER_TRANSACTION);
      await store.db.transaction().execute(async (trx) => {
        const s = storesOver(joined(trx), vault, store.dialect);
        for (let index = first; index < last; index++) {
          const done = await seedCouple(s, { index, tag, passwordHash, today, days: options.days, random });
          summary.checkins += done.checkins;
          summary.logEntries += done.logEntries;
          summary.entries += done.entries;
          if (summary.sample.length < 50) summary.sample.push(done.couple);
        }
      });
      if (options.onProgress && (performance.now() - lastReport >= PROGRESS_EVERY_MS || last === options.couples)) {
        lastReport = performance.now();
        options.onProgress(last, options.couples);
      }
    }
    summary.seconds = Math.round((performance.now() - started) / 100) / 10;
    return summary;
  } finally {
    await store.close();
  }
}

/**
 * `mend seed`: a realistic data set for benchmarks — N couples (default 1,000) with a year of
 * daily check-ins, agreements and their log, and a journey with entries — written straight
 * through the store modules in batched transactions, not over HTTP. Every seeded account shares
 * one made-up password, printed at the end with one couple's sign-in.
 */
export async function runSeed(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args);
  if (!parsed) {
    io.stderr.write(SEED_USAGE);
    return 2;
  }
  const started = performance.now();
  const summary = await seed({
    couples: parsed.couples,
    days: parsed.days,
    onProgress: (done, total) => {
      const seconds = (performance.now() - started) / 1000;
      io.stderr.write(`seed: ${done} of ${total} couples written (${seconds.toFixed(1)} s)\n`);
    },
  });
  if (parsed.json) {
    io.stdout.write(`${JSON.stringify(summary)}\n`);
    return 0;
  }
  const one = summary.sample[0]!;
  io.stdout.write(
    `Seeded ${summary.couples} couples over ${summary.days} days in ${summary.seconds} s: ${summary.checkins} check-ins, ` +
      `${summary.logEntries} agreement log entries, ${summary.entries} journey entries.\n` +
      `Written to ${summary.where}.\n\n` +
      `Every seeded account's password: ${summary.password}\n` +
      `One couple for the benchmark:\n` +
      `  Alex (broke trust):  ${one.emails[0]}\n` +
      `  Sam  (was hurt):     ${one.emails[1]}\n` +
      `  space ${one.spaceId}, journey ${one.journeyId}\n` +
      'The data is made up. Use it only on a test installation.\n',
  );
  return 0;
}
