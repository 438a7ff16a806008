import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { json, succeeded } from '../support/app.js';
import { couple, signUp, type Person } from '../support/api-client.js';
import { activeTherapist } from '../support/live-people.js';
import { emailStopToken } from '../../src/core/notifications/email-stop-token.js';
import { browserSkipReason } from './support/browser.js';
import { activeAgreement } from './support/partners.js';
import { startBrowserApp, type BrowserApp } from './support/session.js';

/**
 * Every form of every page, in a real browser (issue #19, item 3): the export page once drew its
 * format choice outside its form, so the choice was never sent. This walk visits every page the
 * app registers — as Alex and Sam (a couple with a journey, an agreement, a log, check-ins,
 * calls for reassurance, meetings, a review and a pending proposal), their therapist, Robin who is
 * alone in a space, and someone signed out — with and without JavaScript, and fails on:
 *  - a control (input, select, textarea, button) that belongs to no form — neither inside one nor
 *    naming one with form="…" — unless it is listed below as an island's own, with the reason:
 *    a field with a name there is one some route meant to read and never receives;
 *  - a form (or a button's formaction) that sends to no registered route for its method.
 * A page route the walk cannot reach fails it too, until it is taught how or listed with a reason,
 * so a page added later is walked as well; and it must have seen enough pages and forms.
 */

const skip = browserSkipReason();

/** Controls outside any form on purpose, each with the reason it needs none. */
const ISLAND_ONLY: Array<{ selector: string; reason: string }> = [
  {
    selector: '[data-push-controls] input[type="hidden"]',
    reason: 'tokens the push island reads and posts itself (its controls are drawn hidden; the island shows them)',
  },
  { selector: 'input[data-copy-source][readonly]', reason: 'a read-only link shown to be copied; sent nowhere' },
  { selector: 'button.copy-button[type="button"]', reason: 'the copy island puts the link on the clipboard' },
  {
    selector: 'button[data-push-turn-on][type="button"]',
    reason: 'the push island asks the browser first, then posts with the CSRF token itself',
  },
];

/** GET routes that are not pages to walk, with the reason. Every other GET route must be reached. */
const NOT_PAGES: Array<{ url: RegExp; reason: string }> = [
  { url: /^\/api\//, reason: 'the JSON API' },
  { url: /^\/static\//, reason: 'files' },
  { url: /^\/(sw\.js|manifest\.webmanifest|healthz|readyz)$/, reason: 'not a page' },
  { url: /^\/calendar\/:file$/, reason: 'a calendar file' },
  { url: /^\/spaces\/:spaceId\/live$/, reason: 'the live event stream' },
  { url: /^\/live$/, reason: 'the account’s own live event stream (the unread count)' },
  { url: /\/live\//, reason: 'a live fragment: part of a page the walk visits whole' },
];

interface Found {
  forms: Array<{ action: string; method: string; controls: number }>;
  /** Each button's own destination (`formaction`), if any. */
  buttonActions: Array<{ action: string; method: string }>;
  outside: Array<{ html: string; named: boolean; allowed: boolean }>;
}

/** Reads the page as it stands: its forms, and every control that belongs to none. */
function inspect(page: Page): Promise<Found> {
  return page.evaluate(
    (allowed: string[]) => {
      const controls = [
        ...document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | HTMLButtonElement>(
          'input, select, textarea, button',
        ),
      ];
      return {
        forms: [...document.forms].map((f) => ({
          action: new URL(f.getAttribute('action') ?? '', location.href).pathname,
          method: (f.getAttribute('method') ?? 'get').toLowerCase(),
          controls: f.elements.length,
        })),
        buttonActions: [...document.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button[formaction], input[formaction]')].map(
          (b) => ({
            action: new URL(b.getAttribute('formaction') ?? '', location.href).pathname,
            method: (b.getAttribute('formmethod') ?? b.form?.getAttribute('method') ?? 'get').toLowerCase(),
          }),
        ),
        // `.form` is the owning form whether the control is inside it or names it with form="…".
        outside: controls
          .filter((c) => c.form === null)
          .map((c) => ({
            html: c.outerHTML.slice(0, 300),
            named: c.hasAttribute('name'),
            allowed: allowed.some((selector) => c.matches(selector)),
          })),
      };
    },
    ISLAND_ONLY.map((i) => i.selector),
  );
}

const asPattern = (route: string): RegExp => new RegExp(`^${route.replace(/:\w+/g, '[^/]+').replace('*', '.*')}$`);

describe('every form of every page [sqlite]', { skip }, () => {
  let session: BrowserApp;
  const people: Record<string, Person | null> = {};
  let ids: Record<string, string[]> = {};

  before(async () => {
    session = await startBrowserApp();
    const { app } = session.testApp;
    const { a, b, spaceId } = await couple(app, ['Alex', 'Sam']);
    const today = new Date().toISOString().slice(0, 10);
    const { journeyId, agreementId } = await activeAgreement(a, b, spaceId, 'I text Sam when I am late.');
    const logged = await succeeded(
      a.api.post(`/api/v1/agreements/${agreementId}/log`, { occurredOn: today, kept: true, note: null }),
      'log',
    );
    assert.ok(json(logged).logEntry.id);
    for (const [p, n] of [
      [a, 6],
      [b, 4],
    ] as const)
      await succeeded(p.api.put(`/api/v1/spaces/${spaceId}/checkins/${today}`, { safety: n, trust: n, closeness: n }), 'check in');
    // Alex answers the day's question, so its page for the day has something to read back.
    const daily = json(await succeeded(a.api.get(`/api/v1/spaces/${spaceId}/daily-question`), 'daily question')).dailyQuestion;
    await succeeded(
      a.api.post(`/api/v1/spaces/${spaceId}/daily-question/answer`, { questionId: daily.question.id, text: 'A quiet breakfast.' }),
      'daily answer',
    );
    await succeeded(
      b.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text: 'Can we talk tonight?', visibility: 'shared' } }),
      'reassurance',
    );
    await succeeded(a.api.post(`/api/v1/spaces/${spaceId}/meetings`, { appreciations: 'Thank you for listening.' }), 'meeting');
    await succeeded(
      b.api.put(`/api/v1/spaces/${spaceId}/monthly-reviews/${today.slice(0, 7)}`, { communicate: 3, closer: 4, respect: 5 }),
      'review',
    );
    const pending = json(
      await succeeded(
        a.api.post(`/api/v1/spaces/${spaceId}/agreements`, { text: 'We eat together on Sundays.', committedBy: [a.id], cadence: 'weekly' }),
        'a proposal Sam has not answered',
      ),
    ).agreement.id as string;
    // A second journey, after an affair, where Sam has asked a question Alex has not answered.
    const affair = json(
      await succeeded(b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'infidelity', brokeTrust: [a.id] }), 'affair'),
    ).journey.id as string;
    await succeeded(
      b.api.post(`/api/v1/journeys/${affair}/entries`, { prompt: 'question', text: 'Where were you that night?' }),
      'question',
    );
    const apologyId = json(await a.api.get(`/api/v1/journeys/${journeyId}/apologies`)).apologies[0].id as string;
    const t = await activeTherapist(app, a, b, spaceId);

    const robin = await signUp(app, 'Robin');
    const alone = json(await succeeded(robin.api.post('/api/v1/spaces', { name: 'Robin alone' }), 'space')).space.id as string;
    const code = json(await succeeded(robin.api.post(`/api/v1/spaces/${alone}/invitations`, {}), 'invitation')).invitation.code as string;

    // A link to choose a new password and a stop link of an email, as their owners would follow them.
    const jo = await signUp(app, 'Jo');
    const resetToken = new URL(await app.mend.passwordResets.linkFor(jo.email)).pathname.split('/').pop()!;
    const stopToken = emailStopToken(jo.id, 'reminders', (m) => app.mend.vault.index('email-stop', m));

    Object.assign(people, { Alex: a, Sam: b, 'the therapist': t, 'Robin, alone': robin, 'someone signed out': null });
    ids = {
      spaceId: [spaceId, alone],
      journeyId: [journeyId, affair],
      agreementId: [agreementId, pending],
      apologyId: [apologyId],
      n: ['1', '2', '3', '4', '5', '6', '7'],
      code: [code],
      token: [resetToken, stopToken],
      // The guides (issue #25): a step guide and one after an affair (the other pairings are 404s).
      section: ['step-1', 'affair'],
      name: ['alone', 'triggers'],
      day: [daily.day as string],
    };
  });
  after(async () => session?.close());

  test('no field outside its form, no form to nowhere, on every page for everyone, with and without JavaScript', async () => {
    const routes = session.testApp.app.mendRoutes;
    const receivers = routes.map((r) => ({ method: r.method.toLowerCase(), pattern: asPattern(r.url) }));
    const pageRoutes = [...new Set(routes.filter((r) => r.method === 'GET').map((r) => r.url))].filter(
      (url) => !NOT_PAGES.some((n) => n.url.test(url)),
    );
    assert.ok(pageRoutes.length >= 40, `the app registers its pages (${pageRoutes.length})`);

    const problems: string[] = [];
    const reached = new Set<string>();
    const formsSeen = new Set<string>();
    let formCount = 0;
    let pageCount = 0;

    const check = async (page: Page, where: string): Promise<void> => {
      pageCount += 1;
      const found = await inspect(page);
      for (const form of found.forms) {
        formCount += 1;
        formsSeen.add(`${form.method} ${form.action}`);
        if (!receivers.some((r) => r.method === form.method && r.pattern.test(form.action)))
          problems.push(`${where}: a form sends ${form.method.toUpperCase()} ${form.action}, which no route receives`);
      }
      for (const b of found.buttonActions)
        if (!receivers.some((r) => r.method === b.method && r.pattern.test(b.action)))
          problems.push(`${where}: a button sends ${b.method.toUpperCase()} ${b.action}, which no route receives`);
      for (const c of found.outside) {
        if (c.allowed) continue;
        if (c.named) problems.push(`${where}: a field outside every form is never sent: ${c.html}`);
        else problems.push(`${where}: a control outside every form (list it in ISLAND_ONLY with a reason if it needs none): ${c.html}`);
      }
    };

    for (const javaScriptEnabled of [false, true]) {
      for (const [who, person] of Object.entries(people)) {
        const profile = await session.newProfile({ viewport: { width: 390, height: 844 }, javaScriptEnabled });
        if (person) await session.signIn(profile, person);
        const { page } = profile;
        for (const route of pageRoutes) {
          const names = [...route.matchAll(/:(\w+)/g)].map((m) => m[1]!);
          for (const name of names) assert.ok(ids[name], `teach the walk a value for :${name} (${route}), or list the route in NOT_PAGES`);
          let urls = [route];
          for (const name of names) urls = urls.flatMap((u) => ids[name]!.map((v) => u.replace(`:${name}`, v)));
          for (const url of urls) {
            const response = await page.goto(`${session.origin}${url}`);
            if (!response || !/^text\/html/.test(response.headers()['content-type'] ?? '')) continue;
            // A page that said "not found" or sent the visitor elsewhere is not this route's page.
            if (response.status() === 404 || new URL(page.url()).pathname !== url) continue;
            reached.add(route);
            const where = `${route} as ${who} ${javaScriptEnabled ? 'with' : 'without'} JavaScript (${url})`;
            await check(page, where);
            // The pages behind a password step: the step is walked, then what it opens.
            if (
              person &&
              (route === '/spaces/:spaceId/report' || route === '/account/export') &&
              (await page.getByLabel('Your password').count())
            ) {
              await page.getByLabel('Your password').fill(person.password);
              await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: /Open the record|Download/ }).click()]);
              await page.waitForURL(`${session.origin}${url}`);
              await check(page, `${where}, once the password is given`);
            }
          }
        }
        await profile.context.close();
      }
    }

    assert.deepEqual(problems, [], `forms that would lose what people chose:\n${problems.join('\n')}`);
    const unreached = pageRoutes.filter((r) => !reached.has(r));
    assert.deepEqual(unreached, [], 'every page route was reached by someone (teach the walk, or list it in NOT_PAGES with a reason)');
    // Enough to mean something: a walk that saw nothing cannot pass.
    assert.ok(reached.size >= 40, `distinct pages reached: ${reached.size}`);
    assert.ok(pageCount >= 300, `pages checked: ${pageCount}`);
    assert.ok(formCount >= 600, `forms checked: ${formCount}`);
    assert.ok(formsSeen.size >= 45, `distinct form destinations: ${formsSeen.size} (${[...formsSeen].sort().join(', ')})`);
    assert.ok(formsSeen.has('post /account/export'), 'the export form was among them');
  });
});
