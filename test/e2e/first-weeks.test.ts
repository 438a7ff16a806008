import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { acceptedAgreement, couple, type Person } from '../support/api-client.js';
import { json } from '../support/app.js';
import { activeTherapist } from '../support/live-people.js';
import { addDays, localDate } from '../../src/core/time.js';
import { browserSkipReason } from './support/browser.js';
import { startBrowserApp, type BrowserApp, type Profile, type ProfileOptions } from './support/session.js';

/**
 * Issue #20, items 1 and 4, in a real browser, on a 390 px phone and a desktop, with and without
 * JavaScript: the breach form asks when it came out, step 4 says and draws where the couple is
 * against the usual range, the other partner corrects the date; the weekly meeting lists the
 * week's agreement log (a private note never crossing) and its link leads to answering a dispute.
 * Every page is checked with axe-core where scripts run. Set MEND_SHOTS to a folder to keep
 * screenshots of each page.
 */
const skip = browserSkipReason();
const PHONE: ProfileOptions = { viewport: { width: 390, height: 844 } };
const shots = process.env.MEND_SHOTS;

describe('the first weeks: time in the journey and the week’s log [sqlite]', { skip }, () => {
  let session: BrowserApp;
  let origin = '';
  let people: { a: Person; b: Person; spaceId: string };
  let therapist: Person;
  let journeyUrl = '';
  const today = () => localDate(new Date(), 'UTC');

  async function as(person: Person, options: ProfileOptions = {}): Promise<Profile> {
    const profile = await session.newProfile(options);
    await session.signIn(profile, person);
    return profile;
  }

  async function look(p: Profile, label: string): Promise<void> {
    await session.checkPage(p, label);
    if (!shots) return;
    await mkdir(shots, { recursive: true });
    const width = p.page.viewportSize()?.width ?? 0;
    await p.page.screenshot({
      path: `${shots}/${label.replace(/[^a-z0-9]+/gi, '-')}-${width}${p.javaScript ? '' : '-nojs'}.png`,
      fullPage: true,
    });
  }

  before(async () => {
    session = await startBrowserApp();
    ({ origin } = session);
    people = await couple(session.testApp.app, ['Alex', 'Sam']);
    therapist = await activeTherapist(session.testApp.app, people.a, people.b, people.spaceId);
  });

  after(async () => {
    await session?.close();
  });

  test('Sam, on a phone, records when it came out; step 4 says and draws where they are', async () => {
    const sam = await as(people.b, PHONE);
    const { page } = sam;
    const cameOut = addDays(today(), -130);
    await page.goto(`${origin}/spaces/${people.spaceId}/breaches/new`);
    await page.getByRole('group', { name: 'When did it come out? (optional)' }).waitFor();
    await look(sam, 'breach form');
    await page.getByLabel('What kind of breach was it?').selectOption('infidelity');
    await page.getByLabel('Alex did').check();
    // Half a date: said beside the boxes, with what was chosen kept.
    await page.getByLabel('Year').fill(cameOut.slice(0, 4));
    sam.problems.expectStatus(/\/breaches$/, 400);
    await page.getByRole('button', { name: 'Record it and begin' }).click();
    await page.locator('#field-cameOutOn-error').waitFor();
    assert.equal(await page.getByLabel('Year').inputValue(), cameOut.slice(0, 4));
    await look(sam, 'breach form with a half date');
    await page.getByLabel('Month', { exact: true }).selectOption(String(Number(cameOut.slice(5, 7))));
    await page.getByLabel('Day (optional)').fill(String(Number(cameOut.slice(8, 10))));
    await page.getByRole('button', { name: 'Record it and begin' }).click();
    await page.waitForURL(/\/journeys\/[^/]+$/);
    journeyUrl = page.url();
    await page.getByRole('term').filter({ hasText: 'When it came out' }).waitFor();

    await page.goto(`${journeyUrl}/steps/4`);
    const words = page.locator('#timeline-words');
    assert.equal(
      (await words.textContent())?.trim(),
      '4 months since it came out. After an affair, many couples take 1 to 3 years; you are early in that.',
    );
    const drawing = page.getByRole('img', { name: /4 months since it came out/ });
    await drawing.waitFor();
    const box = await drawing.boundingBox();
    assert.ok(box && box.width > 250 && box.width <= 390, `the band fits the phone (${box?.width})`);
    await page.getByText('Hatched: the time many couples take (1 to 3 years)').waitFor();
    assert.equal(await page.locator('meter').count(), 0, 'no empty grey strip');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, 'nothing wider than the phone');
    await look(sam, 'step 4');
  });

  test('Alex, on a desktop without JavaScript, corrects the date; the therapist reads the band and cannot change it', async () => {
    const alex = await as(people.a, { javaScriptEnabled: false });
    const { page } = alex;
    await page.goto(journeyUrl);
    await page.getByText('Correct when it happened or came out').click();
    const earlier = addDays(today(), -200);
    await page.getByLabel('Month', { exact: true }).selectOption(String(Number(earlier.slice(5, 7))));
    await page.getByLabel('Year').fill(earlier.slice(0, 4));
    await page.getByLabel('Day (optional)').fill('');
    await look(alex, 'journey page correcting the date');
    await page.getByRole('button', { name: 'Save the dates' }).click();
    await page.waitForURL(/\/journeys\/[^/]+(#breach-heading)?$/);
    await page.goto(`${journeyUrl}/steps/4`);
    const text = (await page.locator('#timeline-words').textContent())?.trim() ?? '';
    assert.match(text, /^[67] months since it came out\. After an affair, many couples take 1 to 3 years; you are early in that\.$/);
    await page.getByText(/the month is enough: it counts from its first day/).waitFor();
    await look(alex, 'step 4 after the correction');

    const desk = await as(people.a);
    await desk.page.goto(`${journeyUrl}/steps/4`);
    await desk.page.getByRole('img', { name: /since it came out/ }).waitFor();
    await look(desk, 'step 4 desktop');

    const t = await as(therapist, PHONE);
    await t.page.goto(`${journeyUrl}/steps/4`);
    await t.page.getByRole('img', { name: /since it came out/ }).waitFor();
    assert.equal(await t.page.getByRole('link', { name: 'Correct the date' }).count(), 0);
    await t.page.goto(journeyUrl);
    assert.equal(await t.page.getByText('Correct when it happened or came out').count(), 0);
    await look(t, 'journey page as the therapist');
  });

  test('the weekly meeting lists the week’s log; a private note never crosses; the dispute is answered from its link', async () => {
    // A couple of their own: with no journey yet, an agreement needs no step 3 first.
    const { a, b, spaceId } = await couple(session.testApp.app, ['Alex', 'Sam']);
    const therapist = await activeTherapist(session.testApp.app, a, b, spaceId);
    const agreementId = await acceptedAgreement(a, b, spaceId, 'I tell you when I will be home late.', [a.id]);
    const log = async (kept: boolean, note: { text: string; visibility: 'private' | 'shared' }) => {
      const res = await a.api.post(`/api/v1/agreements/${agreementId}/log`, { occurredOn: today(), kept, note });
      assert.equal(res.statusCode, 201, res.body);
      return json(res).logEntry.id as string;
    };
    await log(true, { text: 'PRIVATE-CANARY only for me', visibility: 'private' });
    const missed = await log(false, { text: 'The train was late and my phone was flat.', visibility: 'shared' });
    const disputed = await b.api.post(`/api/v1/agreement-log/${missed}/dispute`, {
      note: { text: 'I heard nothing until nine.', visibility: 'shared' },
    });
    assert.equal(disputed.statusCode, 200, disputed.body);

    // Alex (desktop, with JavaScript) starts the meeting, and follows the link to answer Sam.
    const alex = await as(a);
    await alex.page.goto(`${origin}/spaces/${spaceId}/meetings/new`);
    const week = alex.page.getByRole('region', { name: 'What was logged this week' });
    // A page read together at one screen names Alex's own private note without showing it.
    await week.getByText('Your note, kept private, is not shown here, since you may be reading this together.').waitFor();
    assert.equal(await alex.page.getByText(/PRIVATE-CANARY/).count(), 0);
    await look(alex, 'new meeting with the week log');
    await alex.page.goto(`${origin}/spaces/${spaceId}/meetings`);
    await alex.page.getByRole('link', { name: 'Answer how Sam saw it' }).click();
    await alex.page.waitForURL(new RegExp(`/agreement-log\\?month=\\d{4}-\\d{2}#occasion-${missed}$`));
    await alex.page.getByLabel(/Your answer to how your partner saw it/).fill('I am sorry. I will charge my phone before I leave.');
    await alex.page.getByRole('button', { name: /Send my answer/ }).click();
    await alex.page.waitForURL(/\/agreement-log/);
    await alex.page.goto(`${origin}/spaces/${spaceId}/meetings`);
    await alex.page.getByText('I am sorry. I will charge my phone before I leave.').waitFor();
    assert.equal(await alex.page.getByRole('link', { name: 'Answer how Sam saw it' }).count(), 0, 'answered once');
    await look(alex, 'meetings page');

    // Sam (phone, no JavaScript): the week's log with the answer, never Alex's private note.
    const sam = await as(b, { ...PHONE, javaScriptEnabled: false });
    for (const path of ['meetings', 'meetings/new']) {
      await sam.page.goto(`${origin}/spaces/${spaceId}/${path}`);
      await sam.page.getByText('I am sorry. I will charge my phone before I leave.').waitFor();
      assert.equal(await sam.page.getByText(/PRIVATE-CANARY/).count(), 0, `no private note on ${path}`);
      assert.match((await sam.page.content()) ?? '', /seen differently by you/);
      const overflow = await sam.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `nothing wider than the phone on ${path}`);
      await look(sam, path === 'meetings' ? 'meetings page' : 'new meeting with the week log');
    }
    await sam.page.goto(`${origin}/spaces/${spaceId}/meetings`);
    await sam.page.getByRole('link', { name: 'Confirm it, or say you saw it differently' }).click();
    await sam.page.getByRole('heading', { level: 1, name: 'Agreement log' }).waitFor();

    // The therapist reads the week's log, never the private note, and has no links to act.
    const t = await as(therapist);
    await t.page.goto(`${origin}/spaces/${spaceId}/meetings`);
    await t.page.getByText('I am sorry. I will charge my phone before I leave.').waitFor();
    assert.equal(await t.page.getByText(/PRIVATE-CANARY/).count(), 0);
    assert.equal(await t.page.getByRole('link', { name: /Confirm it|Answer how/ }).count(), 0);
    await look(t, 'meetings page as the therapist');
  });
});
