/**
 * Before and after on a shared machine: runs the HTTP benchmark of two built project trees in
 * turn (A, B, B, A, A, B, …) over fresh copies of one seeded SQLite data dir, so whatever else the
 * machine is doing weighs on both alike, and prints each route's medians per tree and after/before:
 * req/s, the ratio to the bare route of the same run, the server's CPU per request and p99.
 * Each tree runs its own `bench/http-only.ts`, so each starts its own built server.
 *
 *   node --import tsx bench/compare-trees.ts --before ../old-tree --after . [--rounds 2] [--seconds 5] [--couples 200] [--only journeys]
 *
 * Both trees must be built (`npm run build`). The seed is made once, by the after tree's CLI.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exited } from './processes.js';

interface Options {
  before: string;
  after: string;
  rounds: number;
  seconds: number;
  couples: number;
  /** Passed on to http-only.ts: only the routes whose name holds this word. */
  only: string | null;
}

function parse(argv: string[]): Options {
  const o: Partial<Options> = { rounds: 2, seconds: 5, couples: 200, only: null };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value.`);
    if (flag === '--only') o.only = value;
    else if (flag === '--before' || flag === '--after') o[flag.slice(2) as 'before' | 'after'] = path.resolve(value);
    else if (flag === '--rounds' || flag === '--seconds' || flag === '--couples') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new Error(`${flag} takes a whole number.`);
      o[flag.slice(2) as 'rounds' | 'seconds' | 'couples'] = n;
    } else throw new Error(`unknown option ${flag}`);
  }
  if (!o.before || !o.after) throw new Error('--before and --after are required: two built project roots.');
  return o as Options;
}

async function run(root: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (c) => (out += String(c)));
  const code = await exited(child);
  if (code !== 0) throw new Error(`${args.join(' ')} in ${root} failed (exit ${code}).`);
  return out;
}

/** The rows of the console.table that http-only.ts prints: route → [req/s, p99 ms]. */
interface Row {
  route: string;
  rps: number;
  p99: number;
  /** req/s as a share of the bare route loaded just before it, in the same run. */
  vsBare: number;
  /** The serving process's CPU per request, which moves much less with the machine's load than req/s. */
  cpu: number;
}

/** The rows of the console.table that http-only.ts prints (its columns, in order, after the index). */
function rowsOf(out: string): Row[] {
  const rows: Row[] = [];
  for (const line of out.split('\n')) {
    const cells = line.split('│').map((c) => c.trim().replace(/^'|'$/g, ''));
    if (cells.length < 10 || !/^\d+$/.test(cells[1] ?? '')) continue;
    const route = cells[2]!.replace(/: hand-written minimum.*$/, ' (not Mend)').replace(/ \(pipeline only.*$/, ' (pipeline only)');
    rows.push({ route, rps: Number(cells[3]), p99: Number(cells[5]), vsBare: Number(cells[6]!.replace('×', '')), cpu: Number(cells[9]) });
  }
  return rows;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const o = parse(process.argv.slice(2));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-compare-'));
try {
  const seeded = path.join(work, 'seeded');
  process.stderr.write(`Seeding ${o.couples} couples once into ${seeded} …\n`);
  await run(o.after, [path.join(o.after, 'bin/mend.js'), 'seed', '--couples', String(o.couples), '--json'], {
    MEND_DATA_DIR: seeded,
    LOG_LEVEL: 'silent',
    DATABASE_URL: '',
  });

  // route → tree → runs
  const results = new Map<string, { before: Row[]; after: Row[] }>();
  const bareOf = { before: [] as number[], after: [] as number[] };
  const startupOf = { before: [] as number[], after: [] as number[] };
  const rssOf = { before: [] as number[], after: [] as number[] };
  for (let round = 1; round <= o.rounds; round++) {
    // Odd rounds run the before tree first, even rounds the after tree (A B B A …), so that a trend
    // in the machine's load over the minutes does not favour whichever always runs second.
    const order = round % 2 === 1 ? (['before', 'after'] as const) : (['after', 'before'] as const);
    for (const which of order) {
      const copy = path.join(work, `${which}-${round}`);
      fs.cpSync(seeded, copy, { recursive: true });
      const started = new Date().toISOString().slice(11, 19);
      process.stderr.write(
        `Round ${round}, ${which} (${o[which]}), ${started} UTC, load average ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')} …\n`,
      );
      const out = await run(
        o[which],
        [
          '--import',
          'tsx',
          'bench/http-only.ts',
          '--data-dir',
          copy,
          '--no-seed',
          '--seconds',
          String(o.seconds),
          ...(o.only ? ['--only', o.only] : []),
        ],
        {},
      );
      fs.rmSync(copy, { recursive: true, force: true });
      for (const r of rowsOf(out)) {
        if (r.route.startsWith('bare')) {
          bareOf[which].push(r.rps);
          continue;
        }
        const entry = results.get(r.route) ?? { before: [], after: [] };
        entry[which].push(r);
        results.set(r.route, entry);
      }
      const startup = /first answered \/readyz: (\d+) ms; RSS after the load: ([\d.]+) MiB/.exec(out);
      if (startup) {
        startupOf[which].push(Number(startup[1]));
        rssOf[which].push(Number(startup[2]));
      }
      console.log(
        `round ${round} ${which} (${started} UTC, load average ${os.loadavg()[0]!.toFixed(1)} at the end): ${rowsOf(out)
          .filter((r) => !r.route.startsWith('bare'))
          .map((r) => `${r.route} ${r.rps} req/s, ${r.vsBare}× bare, ${r.cpu} µs CPU, p99 ${r.p99}`)
          .join('; ')}`,
      );
    }
  }
  const table = [...results].map(([route, { before, after }]) => {
    const [b, a] = [median(before.map((x) => x.rps)), median(after.map((x) => x.rps))];
    return {
      route,
      'before req/s (runs)': before.map((x) => Math.round(x.rps)).join(' / '),
      'after req/s (runs)': after.map((x) => Math.round(x.rps)).join(' / '),
      'before median': Math.round(b),
      'after median': Math.round(a),
      'after / before': `${(a / b).toFixed(2)}×`,
      'vs bare, before': median(before.map((x) => x.vsBare)).toFixed(3),
      'vs bare, after': median(after.map((x) => x.vsBare)).toFixed(3),
      'CPU µs/req before': median(before.map((x) => x.cpu)),
      'CPU µs/req after': median(after.map((x) => x.cpu)),
      'p99 ms before': median(before.map((x) => x.p99)),
      'p99 ms after': median(after.map((x) => x.p99)),
    };
  });
  console.log(`\nstart-up to /readyz ms, before runs: ${startupOf.before.join(', ')}; after runs: ${startupOf.after.join(', ')}`);
  console.log(`RSS after the load MiB, before runs: ${rssOf.before.join(', ')}; after runs: ${rssOf.after.join(', ')}`);
  console.log(
    `bare route req/s, before runs: ${bareOf.before.map(Math.round).join(', ')}; after runs: ${bareOf.after.map(Math.round).join(', ')}`,
  );
  console.table(table);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
