import type { Locator } from 'playwright-core';
import { NUMBERS_QUESTION } from '../support/partners.js';
import { PASSWORD, follow, submit, type Walk, type Walker } from './walk.js';

/**
 * The steps of the walkthroughs that more than one persona takes, each by the page: signing up,
 * inviting and joining, recording what broke trust, step 1's sealed half and acknowledgement, the
 * apology and its answer, and a check-in.
 */

/**
 * Today's check-in on its page: the three numbers, the numbers shared, and a note if given (only
 * for the person who writes it).
 */
export async function checkInByPage(w: Walker, values: [number, number, number], privateNote?: string): Promise<void> {
  const { page } = w;
  const groups = page.locator('main fieldset').filter({ has: page.getByRole('radio', { name: '1', exact: true }) });
  for (const [i, value] of values.entries())
    await groups
      .nth(i)
      .getByRole('radio', { name: String(value), exact: true })
      .check();
  await page.getByRole('group', { name: NUMBERS_QUESTION }).getByRole('radio', { name: 'My partner too' }).check();
  if (privateNote) {
    await page.getByText('Add a note (optional)').click();
    await page.getByRole('textbox', { name: 'Your note' }).fill(privateNote);
    await page.getByRole('group', { name: 'Who can read this note?' }).getByRole('radio', { name: 'Only me' }).check();
  }
  await submit(w, 'Save check-in');
  await page.getByText('your check-in is saved').waitFor();
  if (privateNote) await page.getByText(privateNote).waitFor();
}

/** The sign-up form, filled on the page it is on (the welcome page's, or an invitation's). */
async function fillSignUp(walk: Walk, w: Walker): Promise<void> {
  const { page } = w;
  await page.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor();
  await page.getByLabel('Your name').fill(w.name);
  await page.getByLabel('Email address').fill(w.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  // The recovery code comes first, once (issue #23): read, kept, continued.
  await page.getByRole('heading', { level: 1, name: 'Your recovery code' }).waitFor();
  await walk.look(w, 'recovery code', 'I have kept it safe. Continue');
  w.recoveryCode = (await page.locator('.recovery-code code').textContent()) ?? '';
  await page.getByRole('button', { name: 'I have kept it safe. Continue' }).click();
}

/** Opens Mend, creates an account through the sign-up page and creates a space by its form. */
export async function signUpWithSpace(walk: Walk, w: Walker, spaceName: string): Promise<string> {
  const { page } = w;
  await page.goto(`${walk.origin}/`);
  await walk.look(w, 'welcome', 'Create an account');
  await follow(w, 'Create an account');
  await fillSignUp(walk, w);
  await page.waitForURL(`${walk.origin}/`);
  await walk.look(w, 'no space yet', 'Create our space');
  await page.getByLabel('Name of your space (optional)').fill(spaceName);
  await follow(w, 'Create our space');
  return page.url();
}

/** Another device of someone who has an account: signed in through the sign-in page. */
export async function signIn(walk: Walk, w: Walker): Promise<void> {
  await walk.session.signIn(w, { email: w.email, password: PASSWORD });
}

/** The record of a space, from a page that offers it: opened with the password, as it asks (403 until then). */
export async function openRecord(walk: Walk, w: Walker, link: string | RegExp): Promise<void> {
  w.problems.expectStatus(/\/report$/, 403);
  await follow(w, link);
  await walk.look(w, 'record asks for the password', 'Open the record');
  await w.page.getByLabel('Your password').fill(PASSWORD);
  await submit(w, 'Open the record');
  await w.page.getByRole('button', { name: 'Open the record' }).waitFor({ state: 'detached' });
}

/** The inviter presses the button and reads the link the invitation page shows. */
export async function invite(walk: Walk, w: Walker, button: string, where: Locator = w.page.locator('main')): Promise<string> {
  const { page } = w;
  await Promise.all([page.waitForURL(/\/invitation\?code=/), where.getByRole('button', { name: button }).click()]);
  await walk.look(w, 'invitation', 'Back to your space');
  return page.getByLabel('Invitation link').inputValue();
}

/** The invited person opens the link (pasted into their browser), creates an account and joins. */
export async function join(walk: Walk, w: Walker, link: string, inviter: string): Promise<void> {
  const { page } = w;
  await page.goto(link);
  await walk.look(w, 'join', 'Create an account to join');
  await follow(w, 'Create an account to join');
  await fillSignUp(walk, w);
  await page.waitForURL(link);
  await follow(w, `Join ${inviter}`);
}

/** The breach form, filled by the partner on it: the kind, who broke trust, and private words of their own. */
export async function recordBreach(
  walk: Walk,
  w: Walker,
  o: { kind: string; who: string; cameOut: string; privateWords: string },
): Promise<void> {
  const { page } = w;
  await follow(w, 'Record what broke trust');
  await walk.look(w, 'breach form', 'Record it and begin');
  await page.getByLabel('What kind of breach was it?').selectOption(o.kind);
  await page.getByLabel(o.who).check();
  await page.getByLabel('Month', { exact: true }).selectOption(String(Number(o.cameOut.slice(5, 7))));
  await page.getByLabel('Year').fill(o.cameOut.slice(0, 4));
  await page.getByLabel('In your own words (optional)').fill(w.privately(o.privateWords));
  await page
    .getByRole('group', { name: /^Who can read your words/ })
    .getByLabel('Only me')
    .check();
  await follow(w, 'Record it and begin');
  await page.getByText(w.privateWords.at(-1)!).waitFor();
}

/** Step 1 from the journey page: the sealed half written, and trust said to be broken. */
export async function step1(w: Walker, sealed: string): Promise<void> {
  await follow(w, 'Acknowledge the problem');
  await w.page.getByRole('textbox', { name: 'What happened, and how it affected me' }).fill(sealed);
  await submit(w, 'Seal and save');
  await submit(w, 'I acknowledge that trust was broken');
}

/** The apology builder from step 2: each part typed and coached, then delivered. */
export async function deliverApology(walk: Walk, w: Walker, parts: Array<[string, string]>): Promise<void> {
  await follow(w, 'Open the apology builder');
  const { page } = w;
  for (const [label, words] of parts) await page.getByLabel(label, { exact: true }).fill(words);
  // Each box's coach speaks of that box: as typed with JavaScript, after "Check my apology" without.
  if (!w.javaScript) await submit(w, 'Check my apology');
  await page
    .locator('#field-parts\\.impact-coach')
    .getByText(/^This says what it did to /)
    .waitFor();
  await walk.look(w, 'apology builder', 'Deliver my apology');
  await follow(w, 'Deliver my apology');
}

/** The hurt partner's answer from step 2: sincere or not yet, and what is missing in their words. */
export async function answerApology(walk: Walk, w: Walker, sincere: 'Yes, it felt sincere' | 'Not yet', missing: string): Promise<void> {
  await follow(w, 'Answer this apology');
  await w.page.getByLabel(sincere).check();
  await w.page.getByLabel('What is missing, in your own words (optional)').fill(missing);
  await walk.look(w, 'apology answer', 'Send my answer');
  await follow(w, 'Send my answer');
}
