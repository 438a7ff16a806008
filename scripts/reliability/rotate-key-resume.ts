// An interrupted `mend rotate-key`, resumed. Couples write through the built server (SQLite) on
// top of `mend seed` data, so there is much to re-encrypt; the server is stopped (as the command
// asks), then `mend rotate-key` runs as its own process and gets SIGKILL at a random moment, and
// again for each later round `mend rotate-key --reencrypt-only` (the resume) is killed. After
// every kill: `PRAGMA integrity_check`, every encrypted value counted by key (some moved to the new
// key, some not yet), and the server started on the half-rotated database must read every
// acknowledged write back intact. A last resume runs to its end; then every value must be under
// the newest key of the key file, and everything is read back once more.
//
//   npm run reliability -- rotate-key        (full run: 6 interruptions, 50 seeded couples)
//   node --import tsx scripts/reliability/rotate-key-resume.ts --kills 2 --seed-couples 5
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, verify } from './checker.js';
import { signUpCouples, type Person } from './couples.js';
import { integrityCheck } from './crash.js';
import { freePort, MEND_CLI, mendEnv, MendServer, requireBuild, runMendCli } from './mend-server.js';
import { argNumber, random, sleep } from './random.js';
import { runAsScript } from './run-as-script.js';
import { Ledger, startWorkers, type Round } from './writes.js';

export interface RotateOptions {
  kills: number;
  seedCouples: number;
  couples: number;
  /** Each run of the command is killed a random time in [minKillMs, maxKillMs] after it named its key. */
  minKillMs: number;
  maxKillMs: number;
  seed: number;
  log?: (line: string) => void;
}

export const FULL_ROTATE: RotateOptions = { kills: 6, seedCouples: 50, couples: 2, minKillMs: 20, maxKillMs: 800, seed: Date.now() };
export const FAST_ROTATE: RotateOptions = { kills: 2, seedCouples: 10, couples: 1, minKillMs: 20, maxKillMs: 300, seed: Date.now() };

export interface RotateReport {
  kills: number;
  seed: number;
  /** Per interrupted run: whether it was killed before its end, and the values under the newest key then. */
  interruptions: Array<{ command: string; killedAfterMs: number; finishedFirst: boolean; onNewest: number; onOlder: number }>;
  /** Encrypted values in the database at the end, and how many are under the newest key. */
  values: { total: number; onNewest: number };
  acknowledged: { checkins: number; entries: number; total: number };
  integrityChecks: string[];
  lost: string[];
  corrupted: string[];
  unexpected: string[];
  finalRun: string;
  durationMs: number;
}

/** Encrypted values under a server key (`v1.`/`v2.<keyId>.…` in `*_enc` columns) by whether they are under `keyId`. */
function valuesByKey(file: string, keyId: string): { onNewest: number; onOlder: number } {
  const db = new SQLite(file, { readonly: true });
  try {
    let onNewest = 0;
    let onOlder = 0;
    const tables = db.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[];
    for (const table of tables) {
      const columns = (db.prepare(`select name from pragma_table_info(?)`).pluck().all(table) as string[]).filter((c) =>
        c.endsWith('_enc'),
      );
      for (const column of columns) {
        for (const value of db.prepare(`select "${column}" from "${table}" where "${column}" is not null`).pluck().all() as string[]) {
          // A text sealed under its author's own key (`p1.`, issue #23) is under no server key: rotation leaves it.
          if (value.startsWith('p1.')) continue;
          if (value.split('.')[1] === keyId) onNewest += 1;
          else onOlder += 1;
        }
      }
    }
    return { onNewest, onOlder };
  } finally {
    db.close();
  }
}

const currentKeyId = (dataDir: string): string => JSON.parse(fs.readFileSync(path.join(dataDir, 'mend.key'), 'utf8')).current as string;

/**
 * Runs `mend <args>` and SIGKILLs it `afterMs` after it said which key it re-encrypts with (the
 * key file is written by then; starting Node takes longer than the work on a small database, so a
 * timer from the spawn would mostly kill it before it began). Resolves with whether it had ended
 * by itself first.
 */
function killedAfter(args: string[], dataDir: string, afterMs: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MEND_CLI, ...args], { env: mendEnv(dataDir, null), stdio: ['ignore', 'pipe', 'ignore'] });
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk) => {
      if (timer === undefined && /Added a new key|Re-encrypting with/.test(String(chunk)))
        timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal === null && code === 0);
    });
  });
}

export async function runRotateKeyResume(options: RotateOptions): Promise<RotateReport> {
  requireBuild();
  const log = options.log ?? (() => {});
  const started = Date.now();
  const rng = random(options.seed);
  const ledger = new Ledger();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-rotate-'));
  const file = path.join(dataDir, 'mend.db');
  const server = new MendServer({ port: await freePort(), dataDir });
  const report: RotateReport = {
    kills: 0,
    seed: options.seed,
    interruptions: [],
    values: { total: 0, onNewest: 0 },
    acknowledged: { checkins: 0, entries: 0, total: 0 },
    integrityChecks: [],
    lost: [],
    corrupted: [],
    unexpected: ledger.unexpected,
    finalRun: '',
    durationMs: 0,
  };
  let people: Person[] = [];
  const readBack = async (when: string) => {
    await server.start();
    const check = await verify(server.base, people, ledger);
    report.lost.push(...check.lost.map((f) => `${when}: ${describe(f)}`));
    report.corrupted.push(...check.corrupted.map((f) => `${when}: ${describe(f)}`));
    await server.kill('SIGTERM');
  };
  try {
    const seeded = await runMendCli(['seed', '--couples', String(options.seedCouples), '--days', '365'], dataDir);
    if (seeded.code !== 0) throw new Error(`mend seed failed: ${seeded.stderr}`);
    await server.start();
    people = await signUpCouples(server.base, options.couples);
    const state: Round = { stop: false, faulted: false };
    const workers = startWorkers(server.base, people, ledger, rng, state, { max: 200 });
    await sleep(2000);
    state.stop = true;
    await workers;
    await server.kill('SIGTERM');
    for (let round = 1; round <= options.kills; round++) {
      const args = round === 1 ? ['rotate-key'] : ['rotate-key', '--reencrypt-only'];
      const afterMs = Math.round(options.minKillMs + rng() * (options.maxKillMs - options.minKillMs));
      const finishedFirst = await killedAfter(args, dataDir, afterMs);
      report.kills = round;
      report.integrityChecks.push(integrityCheck(file));
      const counts = valuesByKey(file, currentKeyId(dataDir));
      report.interruptions.push({ command: `mend ${args.join(' ')}`, killedAfterMs: afterMs, finishedFirst, ...counts });
      await readBack(`after interruption ${round}`);
      log(
        `interruption ${round}/${options.kills} (${args.join(' ')}, ${afterMs} ms${finishedFirst ? ', had already finished' : ''}): ${counts.onNewest} values on the newest key, ${counts.onOlder} on older ones; integrity ${report.integrityChecks.at(-1)}; lost ${report.lost.length}, corrupted ${report.corrupted.length}`,
      );
    }
    const last = await runMendCli(['rotate-key', '--reencrypt-only'], dataDir);
    report.finalRun = last.code === 0 ? last.stdout.trim().split('\n').at(-1)! : `exit ${last.code}: ${last.stderr}`;
    report.integrityChecks.push(integrityCheck(file));
    const counts = valuesByKey(file, currentKeyId(dataDir));
    report.values = { total: counts.onNewest + counts.onOlder, onNewest: counts.onNewest };
    await readBack('after the last resume');
  } finally {
    await server.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  report.acknowledged = ledger.acknowledged;
  report.durationMs = Date.now() - started;
  return report;
}

export const rotatePassed = (report: RotateReport, kills: number): boolean =>
  report.kills === kills &&
  report.values.total > 0 &&
  report.values.onNewest === report.values.total &&
  report.integrityChecks.every((r) => r === 'ok') &&
  report.lost.length === 0 &&
  report.corrupted.length === 0 &&
  report.unexpected.length === 0;

export async function main(argv: string[]): Promise<boolean> {
  const options: RotateOptions = {
    ...FULL_ROTATE,
    kills: argNumber(argv, 'kills') ?? FULL_ROTATE.kills,
    seedCouples: argNumber(argv, 'seed-couples') ?? FULL_ROTATE.seedCouples,
    seed: argNumber(argv, 'seed') ?? Date.now(),
    log: (line) => process.stdout.write(`${line}\n`),
  };
  process.stdout.write(
    `Interrupted mend rotate-key, resumed (SQLite): ${options.kills} interruptions, ${options.seedCouples} seeded couples, seed ${options.seed}\n`,
  );
  const report = await runRotateKeyResume(options);
  const ok = rotatePassed(report, options.kills);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    ok ? 'PASS: every interruption left a readable database, and the resume finished the rotation.\n' : 'FAIL: see above.\n',
  );
  return ok;
}

runAsScript(import.meta.url, main);
