/**
 * Where a phone load's time goes (issue #24): one returning visit per core page, as `bench/phone.ts`
 * makes it (4× CPU, 400 ms round trip, 400 kbit/s, every asset cached), with a Chrome trace of the
 * measured load. Prints, per page, the HTML's size on the wire, when its first and last bytes came,
 * and the renderer's main-thread work before the largest contentful paint, by kind (HTML parsing,
 * stylesheet parsing, style, layout, paint, script) — and which element the LCP was.
 *
 * A diagnosis, not a benchmark: read it next to `bench/phone.ts`'s medians. `MEND_BENCH_LOADS`
 * loads per page (1; the median LCP is printed last); `MEND_PHONE_DATA` keeps the seeded data dir
 * between runs; `MEND_PHONE_TASKS=1` lists the renderer's tasks; `MEND_PHONE_TAB=open` measures in
 * the tab of the warming visit, gone on to another page of Mend, instead of a new tab (as
 * `bench/phone.ts`'s "open tab"); `MEND_PHONE_PAGES=today,space` only the pages whose names start
 * so; `MEND_PHONE_SAVE=<dir>` keeps each raw trace; `MEND_PHONE_VARIANT` tries a page changed on its
 * way (`gzip` or `br`: compressed by the proxy, `noscripts`: without its scripts, `boot`: its
 * islands imported by one module after the first frame, `one`: its islands as one module, `cv`:
 * `content-visibility: auto` on what is below the first screen; joined with `+`, and without `br`
 * or `gzip` the page goes uncompressed). Alone: `node --import tsx bench/phone-trace.ts`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { freePort, HOST, seedCouples, serverEnv, signInToken, stop, waitReady, type SeededCouples } from './processes.js';

const ROOT = process.env.MEND_BENCH_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.MEND_CHROMIUM_PATH ?? '/usr/bin/chromium';
const NETWORK = { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: Record<string, unknown>; frame?: string } & Record<string, unknown>;
}

/** Main-thread work by kind, in ms of the throttled renderer, from navigation start to the LCP. */
const KINDS: Record<string, string> = {
  ParseHTML: 'parse HTML',
  ParseAuthorStyleSheet: 'parse CSS',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  'v8.compileModule': 'script',
  'v8.evaluateModule': 'script',
  EvaluateScript: 'script',
  FunctionCall: 'script',
  TimerFire: 'script',
  EventDispatch: 'script',
};

/** A proxy in front of Mend; `variant` (an experiment) may gzip the HTML or strip its scripts. */
function variantProxy(target: string, variant: string): Promise<{ base: string; close: () => void }> {
  return freePort().then(
    (port) =>
      new Promise((resolve) => {
        const server = http.createServer((req, res) => {
          if (req.url?.startsWith('/__one.js?')) {
            // `one`: the page's island files run as one module, each in its own block.
            const files = decodeURIComponent(req.url.slice('/__one.js?'.length)).split(' ');
            Promise.all(files.map((f) => fetch(`${target}${f}`).then((r) => r.text()))).then(
              (texts) => {
                res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'public, max-age=31536000, immutable' });
                res.end(texts.map((t) => `{\n${t}\n}`).join('\n'));
              },
              () => res.destroy(),
            );
            return;
          }
          if (req.url === '/__cv.css') {
            // `cv`: what is below the first screen is not laid out or painted until it comes near.
            res.writeHead(200, { 'content-type': 'text/css', 'cache-control': 'public, max-age=31536000, immutable' });
            res.end(
              'main>section,main>form,main>.card,main>figure,.site-footer{content-visibility:auto;contain-intrinsic-size:auto 320px}',
            );
            return;
          }
          if (req.url === '/__boot.js') {
            // `boot`: one small module that imports the islands after the first frame.
            res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'public, max-age=31536000, immutable' });
            res.end(
              `const s=document.querySelector('script[data-islands]');const go=()=>{for(const f of s.dataset.islands.split(' '))import(f)};` +
                `if(document.visibilityState==='visible')requestAnimationFrame(()=>setTimeout(go,0));else go();`,
            );
            return;
          }
          const headers = { ...req.headers };
          if (variant !== '') delete headers['accept-encoding'];
          const up = http.request(`${target}${req.url}`, { method: req.method, headers }, (answer) => {
            const type = String(answer.headers['content-type'] ?? '');
            const headers = { ...answer.headers };
            if (!/^text\/html/.test(type) || answer.headers['content-encoding'] || variant === '') {
              res.writeHead(answer.statusCode ?? 502, headers);
              answer.pipe(res);
              return;
            }
            const chunks: Buffer[] = [];
            answer.on('data', (c: Buffer) => chunks.push(c));
            answer.on('end', () => {
              let body = Buffer.concat(chunks).toString('utf8');
              const islands = [...body.matchAll(/<script type="module" src="([^"]+)"><\/script>/g)].map((m) => m[1]!);
              if (variant.includes('noscripts') || variant.includes('boot') || variant.includes('one'))
                body = body.replace(/<script [^>]*><\/script>\n?/g, '');
              if (variant.includes('cv')) body = body.replace('</head>', '<link rel="stylesheet" href="/__cv.css">\n</head>');
              if (variant.includes('boot'))
                body = body.replace(
                  '</head>',
                  `<script type="module" src="/__boot.js" data-islands="${islands.join(' ')}"></script>\n</head>`,
                );
              if (variant.includes('one'))
                body = body.replace(
                  '</head>',
                  `<script type="module" src="/__one.js?${encodeURIComponent(islands.join(' '))}"></script>\n</head>`,
                );
              let bytes = Buffer.from(body);
              delete headers['content-length'];
              if (variant.includes('br')) {
                bytes = zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } });
                headers['content-encoding'] = 'br';
              } else if (variant.includes('gzip')) {
                bytes = zlib.gzipSync(bytes, { level: 6 });
                headers['content-encoding'] = 'gzip';
              }
              headers['content-length'] = String(bytes.length);
              res.writeHead(answer.statusCode ?? 502, headers);
              res.end(bytes);
            });
          });
          req.pipe(up);
        });
        server.listen(port, HOST, () => resolve({ base: `http://${HOST}:${port}`, close: () => server.close() }));
      }),
  );
}

async function main(): Promise<void> {
  const keep = process.env.MEND_PHONE_DATA;
  const dataDir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mend-phone-trace-'));
  const seedFile = path.join(dataDir, 'bench-seed.json');
  let seeded: SeededCouples;
  if (fs.existsSync(seedFile)) seeded = JSON.parse(fs.readFileSync(seedFile, 'utf8')) as SeededCouples;
  else {
    fs.mkdirSync(dataDir, { recursive: true });
    seeded = await seedCouples(ROOT, dataDir, 2, 120);
    fs.writeFileSync(seedFile, JSON.stringify(seeded));
  }
  const couple = seeded.sample[0]!;
  const port = await freePort();
  const direct = `http://${HOST}:${port}`;
  const server: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'dist/main.js')], {
    cwd: ROOT,
    env: serverEnv(port, dataDir),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const via = await variantProxy(direct, process.env.MEND_PHONE_VARIANT ?? '');
  const base = via.base;
  try {
    await waitReady(direct, server);
    const token = await signInToken(direct, couple.emails[1], seeded.password);
    const pages = [
      { name: 'space home', path: `/spaces/${couple.spaceId}` },
      { name: "today's check-in", path: `/spaces/${couple.spaceId}/check-in` },
      { name: 'progress', path: `/spaces/${couple.spaceId}/progress` },
      { name: 'agreement log', path: `/spaces/${couple.spaceId}/agreement-log` },
      { name: 'journey', path: `/journeys/${couple.journeyId}` },
    ];
    const OPEN_TAB = process.env.MEND_PHONE_TAB === 'open';
    const BEFORE = '/account';
    const lcps = new Map<string, number[]>();
    const works = new Map<string, number[]>();
    const LOADS = Number(process.env.MEND_BENCH_LOADS ?? 1);
    const only = process.env.MEND_PHONE_PAGES?.split(',');
    for (let i = 0; i < LOADS; i++)
      for (const p of pages.filter((q) => !only || only.some((o) => q.name.startsWith(o)))) {
        const context = await browser.newContext(PHONE);
        await context.addCookies([{ name: 'mend_session', value: token, url: base }]);
        const warm = await context.newPage();
        await warm.goto(`${base}${p.path}`, { waitUntil: 'load' });
        // `open`: the measured load follows another Mend page in the same tab, as when a person taps a
        // link in the tab they have open (the renderer process is already there); otherwise a new tab.
        let tab = warm;
        if (OPEN_TAB) await warm.goto(`${base}${BEFORE}`, { waitUntil: 'load' });
        else {
          await warm.close();
          tab = await context.newPage();
        }
        const cdp = await context.newCDPSession(tab);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', NETWORK);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        let wire = 0;
        cdp.on('Network.loadingFinished', (e) => {
          if (e.requestId && wire === 0) wire = e.encodedDataLength;
        });
        await browser.startTracing(tab, {
          categories: ['devtools.timeline', 'loading', 'blink.user_timing', 'v8', 'disabled-by-default-devtools.timeline'],
        });
        await tab.goto(`${base}${p.path}`, { waitUntil: 'load' });
        await tab.waitForTimeout(300);
        const raw = await browser.stopTracing();
        if (process.env.MEND_PHONE_SAVE)
          fs.writeFileSync(path.join(process.env.MEND_PHONE_SAVE, `${p.name.replace(/\W+/g, '-')}-${i}.json`), raw);
        const lcpElement = await tab.evaluate(
          () =>
            new Promise<string>((resolve) => {
              new PerformanceObserver((list) => {
                const last = list.getEntries().at(-1) as (PerformanceEntry & { element?: Element | null; size?: number }) | undefined;
                const el = last?.element;
                resolve(
                  el ? `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''} (${last.size}px²)` : '?',
                );
              }).observe({ type: 'largest-contentful-paint', buffered: true });
            }),
        );
        const nav = await tab.evaluate(() => {
          const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          return {
            ttfb: n.responseStart,
            htmlDone: n.responseEnd,
            interactive: n.domInteractive,
            dcl: n.domContentLoadedEventEnd,
            bytes: n.encodedBodySize,
            decoded: n.decodedBodySize,
            assets: performance
              .getEntriesByType('resource')
              .map(
                (r) =>
                  `${r.name.replace(/^.*\//, '').replace(/\.[0-9a-f]{12}\./, '.')} ${Math.round(r.startTime)}→${Math.round((r as PerformanceResourceTiming).responseEnd)}`,
              )
              .join(', '),
          };
        });
        const events = (JSON.parse(raw.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
        const navStart = events.find((e) => e.name === 'navigationStart' && e.args?.data?.['isLoadingMainFrame'] === true);
        const lcp = events.filter((e) => e.name === 'largestContentfulPaint::Candidate').at(-1);
        const fcp = events.find((e) => e.name === 'firstContentfulPaint');
        if (!navStart || !lcp) {
          console.log(`${p.name}: no navigationStart or LCP in the trace`);
          await context.close();
          continue;
        }
        const rendererMain = events.find((e) => e.pid === navStart.pid && e.name === 'ParseHTML')?.tid ?? navStart.tid;
        const work: Record<string, number> = {};
        const firstOf: Record<string, number> = {};
        for (const e of events) {
          const kind = KINDS[e.name];
          if (!kind || e.ph !== 'X' || e.pid !== navStart.pid || e.tid !== rendererMain) continue;
          if (e.ts < navStart.ts || e.ts > lcp.ts) continue;
          work[kind] = (work[kind] ?? 0) + (e.dur ?? 0) / 1000;
          firstOf[kind] ??= (e.ts - navStart.ts) / 1000;
        }
        const ms = (n: number) => Math.round(n);
        lcps.set(p.name, [...(lcps.get(p.name) ?? []), (lcp.ts - navStart.ts) / 1000]);
        works.set(p.name, [...(works.get(p.name) ?? []), Object.values(work).reduce((a, b) => a + b, 0)]);
        console.log(
          `\n${p.name}: LCP ${ms((lcp.ts - navStart.ts) / 1000)} ms (${lcpElement}), FCP ${fcp ? ms((fcp.ts - navStart.ts) / 1000) : '?'} ms; ` +
            `HTML ${(nav.decoded / 1024).toFixed(1)} KB, ${(nav.bytes / 1024).toFixed(1)} KB on the wire; ` +
            `first byte ${ms(nav.ttfb)} ms, last ${ms(nav.htmlDone)} ms, DOM interactive ${ms(nav.interactive)} ms, DOMContentLoaded done ${ms(nav.dcl)} ms`,
        );
        if (process.env.MEND_PHONE_TASKS) {
          const mine = events.filter(
            (e) => e.pid === navStart.pid && e.tid === rendererMain && e.ph === 'X' && e.ts >= navStart.ts && e.ts <= lcp.ts + 50_000,
          );
          for (const t of mine.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > 1000)) {
            const inside = mine.filter((e) => e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + (t.dur ?? 0) && (e.dur ?? 0) > 1000);
            const top = inside
              .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
              .slice(0, 4)
              .map((e) => `${e.name} ${ms((e.dur ?? 0) / 1000)}`);
            console.log(`    task at ${ms((t.ts - navStart.ts) / 1000)} ms, ${ms((t.dur ?? 0) / 1000)} ms: ${top.join(', ')}`);
          }
        }
        console.log(`  assets (start→end ms): ${nav.assets}`);
        console.log(
          `  main thread before the LCP: ${Object.entries(work)
            .map(([k, v]) => `${k} ${ms(v)} ms (from ${ms(firstOf[k] ?? 0)})`)
            .join(', ')}`,
        );
        await context.close();
      }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    console.log(`\nmedian LCP of ${LOADS}: ${[...lcps].map(([k, v]) => `${k} ${Math.round(median(v))}`).join(', ')}`);
    console.log(`median main-thread work before the LCP: ${[...works].map(([k, v]) => `${k} ${Math.round(median(v))}`).join(', ')}`);
  } finally {
    await browser.close();
    via.close();
    await stop(server);
    if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
