/**
 * The cold progress path (issue #24): a partner checks in, then views progress, so the view is
 * never served from the revision cache. Seeds one couple per history length into a temporary
 * SQLite data dir (`mend seed --days N`), then in this process alternates `CheckinService.put` and
 * `ProgressService.current` and measures the CPU time (user + system, `process.cpuUsage`) and wall
 * time of the progress call alone. HTTP adds about 140 µs a request on top (docs/performance.md).
 * Run alone: `node --import tsx bench/progress-cold.ts [--rounds 60] [--warm-up 30] [--days 30,365,1095]`
 * (after `npm run build`). Figures are printed, never asserted.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadConfig } from '../src/platform/config.js';
import { createContext } from '../src/context.js';
import { AccountStore, publicAccount } from '../src/features/accounts/store.js';
import { exited } from './processes.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ProgressColdRow {
  history: string;
  'check-ins in the space': number;
  'cold CPU ms, median': number;
  'cold CPU ms, p90': number;
  'cold wall ms, median': number;
  'cached CPU µs, median': number;
}

async function seed(dataDir: string, days: number): Promise<void> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/mend.js'), 'seed', '--couples', '2', '--days', String(days), '--json'], {
    cwd: ROOT,
    env: { ...process.env, MEND_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const code = await exited(child);
  if (code !== 0) throw new Error(`mend seed failed (exit ${code}).`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)] ?? 0;
const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;

async function one(days: number, rounds: number, warmUp: number): Promise<ProgressColdRow> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-bench-cold-'));
  try {
    await seed(dataDir, days);
    const ctx = await createContext(loadConfig({ MEND_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
    try {
      const { db } = ctx.store;
      const member = await db
        .selectFrom('space_members')
        .select(['account_id', 'space_id'])
        .where('role', '=', 'partner')
        .where('status', '=', 'active')
        .orderBy('space_id')
        .executeTakeFirstOrThrow();
      const account = publicAccount((await new AccountStore(db, ctx.vault).byId(member.account_id))!);
      const spaceId = member.space_id;
      const count = await db
        .selectFrom('checkins')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('space_id', '=', spaceId)
        .executeTakeFirstOrThrow();
      const { checkins, progress } = ctx.rhythm;
      const dates = checkins.allowedDates(account);
      const cold: number[] = [];
      const wall: number[] = [];
      const cached: number[] = [];
      for (let i = 0; i < rounds + warmUp; i++) {
        await checkins.put(account, spaceId, dates[i % dates.length]!, {
          safety: i % 11,
          trust: (i * 3) % 11,
          closeness: (i * 7) % 11,
          day: 'mixed',
          note: null,
        });
        const t = performance.now();
        const c = process.cpuUsage();
        await progress.current(account, spaceId);
        const used = process.cpuUsage(c);
        const w = performance.now() - t;
        const c2 = process.cpuUsage();
        await progress.current(account, spaceId);
        const usedCached = process.cpuUsage(c2);
        // The first rounds warm the JIT and the statement cache: a running server has long done so.
        // Five were too few for the first history measured in a process (it read ~1.5× high).
        if (i < warmUp) continue;
        cold.push((used.user + used.system) / 1000);
        wall.push(w);
        cached.push(usedCached.user + usedCached.system);
      }
      return {
        history: days >= 365 ? `${round(days / 365, 1)} year${days >= 730 ? 's' : ''}` : `${days} days`,
        'check-ins in the space': Number(count.n),
        'cold CPU ms, median': round(median(cold)),
        'cold CPU ms, p90': round(p90(cold)),
        'cold wall ms, median': round(median(wall)),
        'cached CPU µs, median': Math.round(median(cached)),
      };
    } finally {
      await ctx.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runProgressColdBench(options: { rounds: number; days: number[]; warmUp?: number }): Promise<ProgressColdRow[]> {
  const rows: ProgressColdRow[] = [];
  for (const days of options.days) rows.push(await one(days, options.rounds, options.warmUp ?? 30));
  return rows;
}

export function parseProgressColdArgs(argv: string[]): { rounds: number; days: number[]; warmUp: number } {
  const options = { rounds: 60, days: [30, 365, 1095], warmUp: 30 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--rounds') options.rounds = Math.max(1, Math.min(10_000, Number(argv[++i]) || 60));
    else if (argv[i] === '--warm-up') options.warmUp = Math.max(0, Math.min(10_000, Number(argv[++i]) || 0));
    else if (argv[i] === '--days')
      options.days = String(argv[++i])
        .split(',')
        .map(Number)
        .filter((n) => Number.isInteger(n) && n > 0 && n <= 3650);
  }
  return options;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const options = parseProgressColdArgs(process.argv.slice(2));
  console.log(`Cold progress (right after a check-in), ${options.rounds} rounds, in-process, SQLite:`);
  console.table(await runProgressColdBench(options));
}
