/**
 * Page weights and Core Web Vitals (issue #7: no page ships more than 30 KB of JavaScript gzip;
 * LCP under 1 s on loopback). Seeds a small data dir, starts the built server, signs in one seeded
 * partner, then for each core page:
 * - the bytes of the HTML and of every stylesheet and script it references, raw and gzip
 *   (zlib level 6, what a reverse proxy typically sends);
 * - in Debian's Chromium (playwright-core, the same launch flags as the browser tests): LCP, CLS
 *   and FCP and the time to the first byte, each the median of three loads, with the browser cache
 *   kept between pages as a visitor's would be;
 * - on today's check-in page, the latency of using the form: choosing scores, opening the note,
 *   typing into it (the coach island analyses the text), and saving it (click → next page loaded).
 * Interaction latency is INP-like: the longest Event Timing entry (≥ 16 ms, the API's floor) and,
 * for every interaction, the time from the event to the next frame after it.
 * Figures are printed, never asserted. Builds nothing: run `npm run build` first.
 *
 * Alone: `node --import tsx bench/pages.ts`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { exited, freePort, HOST, stop, serverEnv } from './processes.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Loads of each page in Chromium; the median is reported. */
const LOADS = 3;
const CHROMIUM = process.env.MEND_CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface WeightRow {
  page: string;
  'HTML B': number;
  'HTML gz': number;
  'CSS B': number;
  'CSS gz': number;
  'JS B': number;
  'JS gz': number;
  scripts: string;
}

export interface VitalsRow {
  page: string;
  'TTFB ms': number;
  'FCP ms': number;
  'LCP ms': number;
  CLS: number;
}

export interface InteractionRow {
  interaction: string;
  'to next frame ms': number;
  'longest event entry ms': string;
}

export interface PagesBenchResult {
  weights: WeightRow[];
  vitals: VitalsRow[];
  interactions: InteractionRow[];
}

interface Seeded {
  password: string;
  sample: Array<{ spaceId: string; journeyId: string; emails: [string, string] }>;
}

async function seed(dataDir: string): Promise<Seeded> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/mend.js'), 'seed', '--couples', '2', '--days', '120', '--json'], {
    cwd: ROOT,
    env: { ...process.env, MEND_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let out = '';
  child.stdout?.on('data', (c) => (out += String(c)));
  const code = await exited(child);
  if (code !== 0) throw new Error(`mend seed failed (exit ${code}).`);
  return JSON.parse(out) as Seeded;
}

async function waitReady(base: string, child: ChildProcess): Promise<void> {
  const since = Date.now();
  while (Date.now() - since < 30_000) {
    if (child.exitCode !== null) throw new Error(`the server stopped while starting (exit ${child.exitCode}).`);
    const ok = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('Mend did not become ready within 30 s.');
}

/** The core pages, as the partner who was hurt sees them (the journey's steps are theirs to write). */
function corePages(space: string, journey: string): Array<{ name: string; path: string; signedOut?: true }> {
  return [
    { name: 'sign-in', path: '/sign-in', signedOut: true },
    { name: 'sign-up', path: '/sign-up', signedOut: true },
    { name: 'home', path: '/' },
    { name: 'space', path: `/spaces/${space}` },
    { name: "today's check-in", path: `/spaces/${space}/check-in` },
    { name: 'progress', path: `/spaces/${space}/progress` },
    { name: 'journey', path: `/journeys/${journey}` },
    ...[1, 2, 3, 4, 5, 6, 7].map((n) => ({ name: `journey step ${n}`, path: `/journeys/${journey}/steps/${n}` })),
    { name: 'apology builder', path: `/journeys/${journey}/apology` },
    { name: 'new agreement', path: `/journeys/${journey}/agreements/new` },
    { name: 'agreement log', path: `/spaces/${space}/agreement-log` },
    { name: 'meetings', path: `/spaces/${space}/meetings` },
    { name: 'new meeting', path: `/spaces/${space}/meetings/new` },
    { name: 'hard day', path: `/journeys/${journey}/hard-day` },
    { name: 'safety', path: '/safety' },
    { name: 'settings', path: '/account/settings' },
    { name: 'notifications', path: '/notifications' },
  ];
}

const gz = (b: Buffer): number => zlib.gzipSync(b, { level: 6 }).length;
const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** The stylesheets and scripts a page's HTML references. */
export function referencedAssets(html: string): { styles: string[]; scripts: string[] } {
  const styles = [...html.matchAll(/<link\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((t) => attr(t, 'rel') === 'stylesheet')
    .map((t) => attr(t, 'href')!);
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => attr(m[0], 'src')).filter((s): s is string => !!s);
  return { styles, scripts };
}

async function weigh(base: string, pages: Array<{ name: string; path: string; signedOut?: true }>, cookie: string): Promise<WeightRow[]> {
  const assets = new Map<string, Buffer>();
  const asset = async (url: string): Promise<Buffer> => {
    if (!assets.has(url)) {
      const res = await fetch(new URL(url, base));
      if (!res.ok) throw new Error(`${url} answered ${res.status}`);
      assets.set(url, Buffer.from(await res.arrayBuffer()));
    }
    return assets.get(url)!;
  };
  const rows: WeightRow[] = [];
  for (const p of pages) {
    const res = await fetch(`${base}${p.path}`, { headers: p.signedOut ? {} : { cookie } });
    if (res.status !== 200) throw new Error(`${p.path} answered ${res.status}`);
    const html = Buffer.from(await res.arrayBuffer());
    const { styles, scripts } = referencedAssets(html.toString('utf8'));
    const css = await Promise.all(styles.map(asset));
    const js = await Promise.all(scripts.map(asset));
    const sum = (bs: Buffer[], f: (b: Buffer) => number) => bs.reduce((n, b) => n + f(b), 0);
    rows.push({
      page: p.name,
      'HTML B': html.length,
      'HTML gz': gz(html),
      'CSS B': sum(css, (b) => b.length),
      'CSS gz': sum(css, gz),
      'JS B': sum(js, (b) => b.length),
      'JS gz': sum(js, gz),
      scripts: scripts.map((s) => s.replace('/static/', '').replace(/\.[0-9a-f]{12}\.js$/, '.js')).join(' '),
    });
  }
  return rows;
}

/** LCP, CLS and FCP of the page just loaded, read once the page has settled for a moment. */
async function vitalsOf(page: Page): Promise<{ ttfb: number; fcp: number; lcp: number; cls: number }> {
  return page.evaluate(
    () =>
      new Promise<{ ttfb: number; fcp: number; lcp: number; cls: number }>((resolve) => {
        let lcp = 0;
        let cls = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) lcp = Math.max(lcp, e.startTime);
        }).observe({ type: 'largest-contentful-paint', buffered: true });
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>)
            if (!e.hadRecentInput) cls += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
        let fcp = NaN;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') fcp = e.startTime;
        }).observe({ type: 'paint', buffered: true });
        const ttfb = (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.responseStart ?? NaN;
        setTimeout(() => resolve({ ttfb, fcp, lcp, cls }), 300);
      }),
  );
}

/** Installs the interaction probes on the check-in page (Event Timing entries and event → next frame). */
async function installProbes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as {
      __mendLatency: Array<{ type: string; ms: number }>;
      __mendEvents: Array<{ name: string; duration: number }>;
    };
    w.__mendLatency = [];
    w.__mendEvents = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__mendEvents.push({ name: e.name, duration: e.duration });
    }).observe({ type: 'event', buffered: true, durationThreshold: 16 } as PerformanceObserverInit);
    for (const type of ['click', 'input', 'keydown']) {
      document.addEventListener(
        type,
        (event) => {
          const start = event.timeStamp;
          requestAnimationFrame(() => setTimeout(() => w.__mendLatency.push({ type, ms: performance.now() - start }), 0));
        },
        { capture: true },
      );
    }
  });
}

async function takeProbes(page: Page): Promise<{ nextFrame: number; longest: number | null }> {
  await page.waitForTimeout(100);
  return page.evaluate(() => {
    const w = window as unknown as {
      __mendLatency: Array<{ type: string; ms: number }>;
      __mendEvents: Array<{ name: string; duration: number }>;
    };
    const nextFrame = Math.max(0, ...w.__mendLatency.map((l) => l.ms));
    const longest = w.__mendEvents.length ? Math.max(...w.__mendEvents.map((e) => e.duration)) : null;
    w.__mendLatency = [];
    w.__mendEvents = [];
    return { nextFrame, longest };
  });
}

const round = (n: number, digits = 0): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Runs the whole pages benchmark; everything it starts is stopped and its temp dir removed. */
export async function runPagesBench(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<PagesBenchResult> {
  if (!fs.existsSync(path.join(ROOT, 'dist/main.js'))) throw new Error('dist/main.js is missing: run `npm run build` first.');
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is needed at ${CHROMIUM} (Debian's "chromium" package, or MEND_CHROMIUM_PATH).`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-pages-'));
  let server: ChildProcess | null = null;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    log(`Seeding 2 couples into ${dataDir} for the pages benchmark …`);
    const seeded = await seed(dataDir);
    const couple = seeded.sample[0]!;
    const port = await freePort();
    const base = `http://${HOST}:${port}`;
    server = spawn(process.execPath, [path.join(ROOT, 'dist/main.js')], {
      cwd: ROOT,
      env: serverEnv(port, dataDir),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitReady(base, server);
    const signIn = await fetch(`${base}/api/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: couple.emails[1], password: seeded.password }),
    });
    if (signIn.status !== 201) throw new Error(`signing in answered ${signIn.status}`);
    const { token } = (await signIn.json()) as { token: string };
    const pages = corePages(couple.spaceId, couple.journeyId);

    const weights = await weigh(base, pages, `mend_session=${token}`);

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addCookies([{ name: 'mend_session', value: token, url: base }]);
    const page = await context.newPage();
    // One unmeasured visit so the stylesheet and islands are in the browser cache, as for a returning visitor.
    await page.goto(`${base}/`, { waitUntil: 'load' });
    const vitals: VitalsRow[] = [];
    // Each page is loaded LOADS times and the median of each figure kept: one slow answer on a busy
    // shared machine should not stand for the page.
    const measure = async (p: { name: string; path: string }): Promise<VitalsRow> => {
      const runs: Array<{ ttfb: number; fcp: number; lcp: number; cls: number }> = [];
      for (let i = 0; i < LOADS; i++) {
        await page.goto(`${base}${p.path}`, { waitUntil: 'load' });
        runs.push(await vitalsOf(page));
      }
      const med = (key: 'ttfb' | 'fcp' | 'lcp' | 'cls') => runs.map((r) => r[key]).sort((x, y) => x - y)[Math.floor(runs.length / 2)]!;
      return {
        page: p.name,
        'TTFB ms': round(med('ttfb')),
        'FCP ms': round(med('fcp')),
        'LCP ms': round(med('lcp')),
        CLS: round(med('cls'), 3),
      };
    };
    for (const p of pages) if (!p.signedOut) vitals.push(await measure(p));
    await context.clearCookies();
    for (const p of pages.filter((x) => x.signedOut)) vitals.unshift(await measure(p));
    await context.addCookies([{ name: 'mend_session', value: token, url: base }]);

    // Using today's check-in form.
    const interactions: InteractionRow[] = [];
    const record = (interaction: string, r: { nextFrame: number; longest: number | null }) =>
      interactions.push({
        interaction,
        'to next frame ms': round(r.nextFrame, 1),
        'longest event entry ms': r.longest === null ? '< 16 (none reported)' : String(round(r.longest)),
      });
    await page.goto(`${base}/spaces/${couple.spaceId}/check-in`, { waitUntil: 'load' });
    await installProbes(page);
    for (const [i, name] of (['safety', 'trust', 'closeness'] as const).entries()) {
      await page.locator(`input[name="${name}"][value="${6 + i}"]`).check({ force: true });
    }
    record('choose three scores (clicks)', await takeProbes(page));
    await page.locator('input[name="day"][value="mixed"]').check({ force: true });
    await page.locator('.checkin-note summary').click();
    record('choose the day, open the note', await takeProbes(page));
    await page.locator('textarea[name="note"]').fill('');
    await page.locator('textarea[name="note"]').pressSequentially('You never listen to me and I am tired of it.', { delay: 15 });
    await page.waitForTimeout(600); // the coach runs 400 ms after the last keystroke
    record('type a 45-character note (coach runs)', await takeProbes(page));
    // The click's time in the page's own clock (kept across the navigation in sessionStorage), so
    // the figure is click → the answer's largest paint, without the test driver's round trips.
    await page.evaluate(() =>
      document.addEventListener('click', (e) => sessionStorage.setItem('mend-bench-click', String(performance.timeOrigin + e.timeStamp)), {
        capture: true,
      }),
    );
    // A note with coach findings is answered in place (200) rather than redirected, so wait for the navigation itself.
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.locator('button[type="submit"]', { hasText: 'Save check-in' }).click(),
    ]);
    if (!(await page.locator('text=saved').count())) throw new Error('the check-in was not saved');
    const saved = await vitalsOf(page);
    const sinceClick = await page.evaluate(
      (lcp) => performance.timeOrigin + lcp - Number(sessionStorage.getItem('mend-bench-click')),
      saved.lcp,
    );
    interactions.push({
      interaction: 'save the check-in (click → the answer page painted)',
      'to next frame ms': round(sinceClick),
      'longest event entry ms': `answer: TTFB ${round(saved.ttfb)}, LCP ${round(saved.lcp)}`,
    });
    await context.close();
    return { weights, vitals, interactions };
  } finally {
    await browser.close();
    await stop(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function printPagesBench(result: PagesBenchResult): void {
  console.log('\nPage weights (bytes; gzip at level 6; the stylesheet and scripts each page references):');
  console.table(result.weights);
  console.log('Core Web Vitals in Chromium on 127.0.0.1 (warm browser cache, signed in as a seeded partner; TTFB is the server’s part):');
  console.table(result.vitals);
  console.log("Using today's check-in form:");
  console.table(result.interactions);
}

/** For `npm run bench`: runs and prints the pages benchmark, or says why not (no Chromium here). */
export async function runAndPrintPagesBench(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`\nPages: skipped, Chromium not found at ${CHROMIUM} (Debian's "chromium" package, or MEND_CHROMIUM_PATH).`);
    return;
  }
  printPagesBench(await runPagesBench());
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runAndPrintPagesBench();
}
