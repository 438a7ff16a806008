/**
 * Phone figures (issue #24): LCP of the core pages in Chromium with the CPU slowed 4× and a 3G-like
 * network (400 ms round trip, 400 kbit/s each way), for a visitor who comes back more than an hour
 * after their last visit: the browser cache holds every asset, received two hours ago.
 *
 * The cache is aged on a warming visit: a small proxy between Chromium and Mend adds `Age: 7200` to
 * each /static/ answer, as if it had been sent two hours earlier. An asset with the hour's cache
 * (`max-age=3600`, every asset before issue #24) is then stale, and the browser asks the server
 * again before using it (a conditional request answered 304: a round trip on 3G before the
 * render-blocking stylesheet can be used); a hashed asset (`immutable`, a year) is fresh and comes
 * from the cache unasked. Each row counts the stylesheet and script requests that reached the server
 * on the measured loads.
 *
 * Each load is a returning visit of its own: a new browser profile (an empty cache), the page
 * visited once unthrottled with its assets aged, then the measured load in a new tab, throttled. The
 * median of `LOADS` is kept. Mend is measured behind a compressing proxy, as docs/deployment.md runs
 * it (Caddy's `encode`, nginx's `gzip`), and straight (the proxy passing bytes as they are). The
 * check-in save (post → 303 → the page) is measured too: click to the answer's LCP.
 *
 * Figures are printed, never asserted; the machine may be shared, so read them as rough.
 * `MEND_BENCH_ROOT` runs another build (an older checkout) for a before/after in the same run.
 * Alone: `node --import tsx bench/phone.ts`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { freePort, HOST, seedCouples, serverEnv, signInToken, stop, waitReady } from './processes.js';

const ROOT = process.env.MEND_BENCH_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.MEND_CHROMIUM_PATH ?? '/usr/bin/chromium';
const LOADS = Number(process.env.MEND_BENCH_LOADS ?? 3);
/** 3G-like, as issue #24's run had it: 400 ms round trip, 400 kbit/s each way (bytes per second here). */
const NETWORK = { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 };
const CPU_SLOWDOWN = 4;
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
/** How old the warm cache's assets are made to look, in seconds: more than the hour of the old cache. */
const CACHE_AGE = 7200;
/** `MEND_PHONE_TABS=new` or `open` measures one way of opening the page only (both by default). */
const TABS: Tab[] = (['new tab', 'open tab'] as const).filter(
  (t) => !process.env.MEND_PHONE_TABS || t.startsWith(process.env.MEND_PHONE_TABS!),
);

export interface PhoneRow {
  page: string;
  via: string;
  tab: Tab;
  'LCP ms': number;
  'FCP ms': number;
  'TTFB ms': number;
  /** The HTML's bytes on the wire (after any compression): at 400 kbit/s each KB costs 20 ms. */
  'HTML KB': number;
  'assets asked': number;
}

export interface PhoneResult {
  rows: PhoneRow[];
  save: Array<{ via: string; 'click → answer LCP ms': number; 'assets asked': number; requests: string }>;
}

/** Slows the tab down like a mid-range phone on 3G, and counts its stylesheet and script requests that reach the server. */
async function asPhone(page: Page): Promise<{ cdp: CDPSession; asked: () => number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  // A request that goes out on the network (a revalidation too) has its raw headers reported
  // (`requestWillBeSentExtraInfo`); one answered from the cache has none. The favicon is left out:
  // the browser fetches it on its own terms, after the paint.
  const assets = new Set<string>();
  const sent = new Set<string>();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (/^\/static\/.*\.(css|js)$/.test(new URL(e.request.url).pathname)) assets.add(e.requestId);
  });
  cdp.on('Network.requestWillBeSentExtraInfo', (e) => sent.add(e.requestId));
  return { cdp, asked: () => [...assets].filter((id) => sent.has(id)).length };
}

async function vitals(page: Page): Promise<{ ttfb: number; fcp: number; lcp: number; htmlBytes: number }> {
  return page.evaluate(
    () =>
      new Promise<{ ttfb: number; fcp: number; lcp: number; htmlBytes: number }>((resolve) => {
        let lcp = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) lcp = Math.max(lcp, e.startTime);
        }).observe({ type: 'largest-contentful-paint', buffered: true });
        let fcp = NaN;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') fcp = e.startTime;
        }).observe({ type: 'paint', buffered: true });
        const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        const ttfb = navigation?.responseStart ?? NaN;
        const htmlBytes = navigation?.encodedBodySize ?? NaN;
        setTimeout(() => resolve({ ttfb, fcp, lcp, htmlBytes }), 300);
      }),
  );
}

interface Proxy {
  base: string;
  /** While on, every /static/ answer carries `Age: CACHE_AGE`: it enters the cache as if sent that long ago. */
  aging: boolean;
  close: () => Promise<void>;
}

/**
 * A reverse proxy in front of Mend; with `gzip`, it compresses text as docs/deployment.md's Caddy
 * and nginx blocks do (level 6). Since issue #24 Mend compresses its pages itself, and the proxy
 * passes an encoded answer on as it is; an older build's pages (`MEND_BENCH_ROOT`) it compresses.
 */
async function proxy(target: string, gzip: boolean): Promise<Proxy> {
  const port = await freePort();
  const server = http.createServer((req, res) => {
    const upstream = http.request(
      `${target}${req.url}`,
      { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
      (up) => {
        const type = String(up.headers['content-type'] ?? '');
        const zip =
          gzip &&
          /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) &&
          /^(text\/(html|css|javascript)|application\/(json|javascript|manifest\+json))/.test(type) &&
          !up.headers['content-encoding'];
        const headers = { ...up.headers };
        if (self.aging && req.url?.startsWith('/static/')) headers.age = String(CACHE_AGE);
        if (zip) {
          delete headers['content-length'];
          headers['content-encoding'] = 'gzip';
          headers.vary = headers.vary ? `${String(headers.vary)}, Accept-Encoding` : 'Accept-Encoding';
        }
        res.writeHead(up.statusCode ?? 502, headers);
        if (zip) up.pipe(zlib.createGzip({ level: 6 })).pipe(res);
        else up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(port, HOST, resolve));
  const self: Proxy = {
    base: `http://${HOST}:${port}`,
    aging: false,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return self;
}

/**
 * A new profile with the session's cookie, `url` visited once unthrottled with its assets aged.
 * With `stayOn`, the tab is kept, left on that page of Mend (its assets aged too).
 */
async function returningPhone(
  browser: Browser,
  via: Proxy,
  token: string,
  url: string,
  stayOn?: string,
): Promise<{ context: BrowserContext; tab: Page | null }> {
  const context = await browser.newContext(PHONE);
  await context.addCookies([{ name: 'mend_session', value: token, url: via.base }]);
  const page = await context.newPage();
  via.aging = true;
  try {
    await page.goto(`${via.base}${url}`, { waitUntil: 'load' });
    if (stayOn !== undefined) await page.goto(`${via.base}${stayOn}`, { waitUntil: 'load' });
  } finally {
    via.aging = false;
    if (stayOn === undefined) await page.close();
  }
  return { context, tab: stayOn === undefined ? null : page };
}

type Load = { ttfb: number; fcp: number; lcp: number; htmlBytes: number; asked: number };

/**
 * How the measured load is opened. `new tab`: in a tab of its own (the figure kept since the
 * benchmark began), so the load also pays for a document in a renderer process that has not run
 * this site yet. `open tab`: in the tab the warming visit used, which has gone on to another page
 * of Mend (`OPEN_TAB_FROM`) — as when a person follows a link, or a bookmark, in the tab they have
 * Mend open in: the renderer process is there already. Both are returning visits with the same
 * aged cache; the browser is the same.
 */
type Tab = 'new tab' | 'open tab';
const OPEN_TAB_FROM = '/account';

/**
 * One returning visit to `url`, measured. A profile per load: a revalidation makes an asset fresh
 * again for the next load (V8's code cache goes with the profile, for every build alike).
 */
async function returningVisit(browser: Browser, via: Proxy, token: string, url: string, how: Tab): Promise<Load> {
  const { context, tab: open } = await returningPhone(browser, via, token, url, how === 'open tab' ? OPEN_TAB_FROM : undefined);
  try {
    const tab = open ?? (await context.newPage());
    const phone = await asPhone(tab);
    await tab.goto(`${via.base}${url}`, { waitUntil: 'load' });
    return { ...(await vitals(tab)), asked: phone.asked() };
  } finally {
    await context.close();
  }
}

/** Saving today's check-in on a returning phone: click → the page the redirect leads to, painted. */
async function saveCheckin(browser: Browser, via: Proxy, token: string, checkin: string): Promise<PhoneResult['save'][number]> {
  const { context } = await returningPhone(browser, via, token, checkin);
  try {
    const tab = await context.newPage();
    await tab.goto(`${via.base}${checkin}`, { waitUntil: 'load' });
    const phone = await asPhone(tab);
    const documents: string[] = [];
    phone.cdp.on('Network.requestWillBeSent', (e) => {
      if (e.type === 'Document')
        documents.push(`${e.request.method} ${new URL(e.request.url).pathname.replace(/\/spaces\/[^/]+/, '/spaces/…')}`);
    });
    for (const [i, name] of (['safety', 'trust', 'closeness'] as const).entries())
      await tab.locator(`input[name="${name}"][value="${6 + i}"]`).check({ force: true });
    await tab.locator('input[name="day"][value="good"]').check({ force: true });
    await tab.evaluate(() =>
      document.addEventListener('click', (e) => sessionStorage.setItem('mend-bench-click', String(performance.timeOrigin + e.timeStamp)), {
        capture: true,
      }),
    );
    await Promise.all([
      tab.waitForNavigation({ waitUntil: 'load' }),
      tab.locator('button[type="submit"]', { hasText: 'Save check-in' }).click(),
    ]);
    const answer = await vitals(tab);
    const sinceClick = await tab.evaluate(
      (lcp) => performance.timeOrigin + lcp - Number(sessionStorage.getItem('mend-bench-click')),
      answer.lcp,
    );
    return { via: '', 'click → answer LCP ms': Math.round(sinceClick), 'assets asked': phone.asked(), requests: documents.join(' → ') };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

export async function runPhoneBench(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<PhoneResult> {
  if (!fs.existsSync(path.join(ROOT, 'dist/main.js'))) throw new Error(`${ROOT}/dist/main.js is missing: run \`npm run build\` first.`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-phone-'));
  let server: ChildProcess | null = null;
  const proxies: Proxy[] = [];
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
    log(`Seeding 2 couples into ${dataDir} for the phone benchmark …`);
    const seeded = await seedCouples(ROOT, dataDir, 2, 120);
    const couple = seeded.sample[0]!;
    const port = await freePort();
    const direct = `http://${HOST}:${port}`;
    server = spawn(process.execPath, [path.join(ROOT, 'dist/main.js')], {
      cwd: ROOT,
      env: serverEnv(port, dataDir),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitReady(direct, server);
    const token = await signInToken(direct, couple.emails[1], seeded.password);
    const ways = [
      { via: 'behind a gzip proxy', proxy: await proxy(direct, true) },
      { via: 'straight to Mend', proxy: await proxy(direct, false) },
    ];
    proxies.push(...ways.map((w) => w.proxy));
    const pages = [
      { name: 'space home', path: `/spaces/${couple.spaceId}` },
      { name: "today's check-in", path: `/spaces/${couple.spaceId}/check-in` },
      { name: 'progress', path: `/spaces/${couple.spaceId}/progress` },
      { name: 'agreement log', path: `/spaces/${couple.spaceId}/agreement-log` },
      { name: 'journey', path: `/journeys/${couple.journeyId}` },
    ];

    const rows: PhoneRow[] = [];
    const save: PhoneResult['save'] = [];
    for (const way of ways) {
      for (const how of TABS)
        for (const p of pages) {
          const runs: Load[] = [];
          for (let i = 0; i < LOADS; i++) runs.push(await returningVisit(browser, way.proxy, token, p.path, how));
          rows.push({
            page: p.name,
            via: way.via,
            tab: how,
            'LCP ms': Math.round(median(runs.map((r) => r.lcp))),
            'FCP ms': Math.round(median(runs.map((r) => r.fcp))),
            'TTFB ms': Math.round(median(runs.map((r) => r.ttfb))),
            'HTML KB': Math.round(median(runs.map((r) => r.htmlBytes)) / 102.4) / 10,
            'assets asked': runs.reduce((n, r) => n + r.asked, 0),
          });
        }
      save.push({ ...(await saveCheckin(browser, way.proxy, token, `/spaces/${couple.spaceId}/check-in`)), via: way.via });
    }
    return { rows, save };
  } finally {
    await browser.close();
    for (const p of proxies) await p.close();
    await stop(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runAndPrintPhoneBench(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`\nPhone figures: skipped, Chromium not found at ${CHROMIUM} (Debian's "chromium" package, or MEND_CHROMIUM_PATH).`);
    return;
  }
  const { rows, save } = await runPhoneBench();
  console.log(
    `\nOn a phone: CPU ${CPU_SLOWDOWN}× slower, ${NETWORK.latency} ms round trip, ${(NETWORK.downloadThroughput * 8) / 1000} kbit/s; ` +
      `assets cached ${CACHE_AGE / 3600} hours before; median of ${LOADS} loads (assets asked: stylesheet and script requests that reached the server, over all loads):`,
  );
  console.table(rows);
  console.log('Saving the check-in on that phone:');
  console.table(save);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runAndPrintPhoneBench();
}
