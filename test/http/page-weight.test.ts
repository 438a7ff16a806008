import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase, json } from '../support/app.js';
import { couple, type Person } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';

/** Issue #7: no page ships more than 30 KB of JavaScript, gzip (every core flow also works without any). */
const JS_BUDGET_GZIP_BYTES = 30 * 1024;

const gzipSize = (body: Buffer): number => zlib.gzipSync(body, { level: 6 }).length;

/** Script URLs a page references, and the modules those scripts import (split chunks count too). */
function scriptsOf(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!);
}
function importsOf(js: string, from: string): string[] {
  return [...js.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+\.js)["']/g)].map((m) => new URL(m[1]!, `http://mend${from}`).pathname);
}

async function signedIn(app: FastifyInstance, person: Person): Promise<PageClient> {
  const client = new PageClient(app);
  await client.get('/sign-in');
  const res = await client.post('/sign-in', { email: person.email, password: person.password });
  assert.equal(res.statusCode, 303);
  return client;
}

describeEachDatabase('page weight', (get) => {
  test(`every page's scripts together stay within ${JS_BUDGET_GZIP_BYTES / 1024} KB gzip`, async () => {
    const app = get().app;
    const { a, b, spaceId } = await couple(app, ['Alex', 'Sam']);
    const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).journey
      .id as string;
    const visitors = [new PageClient(app), await signedIn(app, a), await signedIn(app, b)];

    // Every HTML page the app registers, with this couple's ids; routes needing other ids are skipped.
    const fill: Record<string, string[]> = { spaceId: [spaceId], journeyId: [journeyId], n: ['1', '2', '3', '4', '5', '6', '7'] };
    const urls = new Set<string>();
    for (const route of app.mendRoutes) {
      if (route.method !== 'GET' || /^\/(api|static|healthz|readyz)\b/.test(route.url) || route.url.includes('*')) continue;
      let expanded = [route.url];
      for (const [, name] of route.url.matchAll(/:(\w+)/g)) {
        const values = fill[name!];
        expanded = values ? expanded.flatMap((u) => values.map((v) => u.replace(`:${name}`, v))) : [];
      }
      for (const u of expanded) urls.add(u);
    }

    const assets = new Map<string, Buffer>();
    const asset = async (url: string): Promise<Buffer> => {
      if (!assets.has(url)) {
        const res = await app.inject({ method: 'GET', url });
        assert.equal(res.statusCode, 200, `${url} is referenced by a page but answers ${res.statusCode} (run npm run build)`);
        assets.set(url, res.rawPayload);
      }
      return assets.get(url)!;
    };

    const weights: Array<{ url: string; bytes: number; scripts: string[] }> = [];
    for (const url of urls) {
      for (const visitor of visitors) {
        const res = await visitor.get(url);
        if (res.statusCode !== 200 || !String(res.headers['content-type']).startsWith('text/html')) continue;
        const scripts = new Set<string>();
        const queue = scriptsOf(res.body);
        while (queue.length > 0) {
          const src = queue.shift()!;
          if (scripts.has(src)) continue;
          assert.match(src, /^\/static\//, `${url} loads a script from elsewhere: ${src}`);
          scripts.add(src);
          queue.push(...importsOf((await asset(src)).toString('utf8'), src));
        }
        let bytes = 0;
        for (const src of scripts) bytes += gzipSize(await asset(src));
        weights.push({ url, bytes, scripts: [...scripts] });
      }
    }

    // The walk must really have seen the core pages, including those with the largest island.
    const seen = new Set(weights.map((w) => w.url));
    for (const core of [
      '/sign-in',
      '/',
      `/spaces/${spaceId}`,
      `/spaces/${spaceId}/check-in`,
      `/spaces/${spaceId}/progress`,
      `/journeys/${journeyId}`,
      `/journeys/${journeyId}/steps/2`,
      `/journeys/${journeyId}/hard-day`,
      '/safety',
      '/account/settings',
    ]) {
      assert.ok(seen.has(core), `${core} was not rendered`);
    }
    const checkin = weights.find((w) => w.url === `/spaces/${spaceId}/check-in`)!;
    assert.ok(
      checkin.scripts.some((s) => /^\/static\/coach\.[0-9a-f]{12}\.js$/.test(s)),
      'the check-in page loads the coach island, by its hashed name',
    );
    // The coach itself (rules and model) is fetched when a coached box is first used, never with the page.
    assert.ok(!checkin.scripts.some((s) => s.includes('coach-model')), 'the coach is not part of the page load');

    const over = weights.filter((w) => w.bytes > JS_BUDGET_GZIP_BYTES);
    assert.deepEqual(
      over.map((w) => `${w.url}: ${w.bytes} bytes (${w.scripts.join(', ')})`),
      [],
      'pages over the JavaScript budget',
    );
  });
});
