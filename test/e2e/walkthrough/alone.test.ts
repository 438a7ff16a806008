import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, localDate } from '../../../src/core/time.js';
import { DECISION_GUIDE } from '../../../src/core/journey/index.js';
import { browserSkipReason } from '../support/browser.js';
import { DESKTOP, PHONE, follow, home, submit, walkthrough, type Walker } from './walk.js';
import { checkInByPage, invite, join, recordBreach, signIn, signUpWithSpace, step1 } from './steps.js';

/**
 * Issue #20's walkthrough, for one person alone: Jo on a 390 px phone with JavaScript and on a
 * desktop without it. Words for one person, no reassurance form that sends to nobody, a
 * commitment to oneself logged without JavaScript; then a partner joins, and none of what Jo kept
 * private reaches them. Only clicks and typing after sign-up.
 */
const skip = browserSkipReason();

describe('walkthrough: one person alone [sqlite]', { skip }, () => {
  const walk = walkthrough('alone');
  let jo: Walker;
  let desk: Walker;
  const today = localDate(new Date(), 'Europe/London');
  const COMMITMENT = 'I go for a walk when it gets loud, before I answer.';
  const sealedByJo = 'I keep replaying the night I found out.';

  const mainText = (w: Walker) => w.page.locator('main').innerText();

  test('Jo signs up on a phone, reads once what changes when a partner joins, and records what happened', async () => {
    jo = await walk().person('Jo', { viewport: PHONE, javaScript: true });
    await signUpWithSpace(walk(), jo, 'Just me');
    await walk().look(jo, 'space alone', 'Record what broke trust');
    assert.equal(await jo.page.getByRole('heading', { name: 'What changes when your partner joins' }).count(), 1, 'said once');
    await recordBreach(walk(), jo, {
      kind: 'infidelity',
      who: 'My partner did',
      cameOut: addDays(today, -40),
      privateWords: 'Her texts said she loved him',
    });
    await walk().look(jo, 'journey', 'Acknowledge the problem');
    await step1(jo, sealedByJo);
    await walk().look(jo, 'step 1', 'Go to step 2');
    assert.match(await mainText(jo), /When they write theirs, both open at the same moment/);
    await follow(jo, 'Go to step 2');
    await jo.page.getByRole('textbox', { name: 'What hurts, and what I need' }).fill(jo.privately('I am scared I will never trust anyone'));
    await jo.page
      .getByRole('group', { name: 'Who can read it' })
      .getByRole('radio', { name: /Only me/ })
      .check();
    await submit(jo, 'Save');
    await jo.page.getByText(jo.privateWords[1]!).waitFor();
    await walk().look(jo, 'step 2', /all steps/);
  });

  test('on a desktop without JavaScript: a commitment to oneself, and its log', async () => {
    desk = await walk().person('Jo', { viewport: DESKTOP, javaScript: false });
    await signIn(walk(), desk);
    await follow(desk, /Infidelity/);
    await follow(desk, 'Set clear expectations');
    assert.equal(
      await desk.page.getByRole('heading', { name: 'Transparency agreements' }).count(),
      0,
      'nothing that needs two people’s consent',
    );
    await walk().look(desk, 'step 3', 'Make a commitment');
    await follow(desk, 'Make a commitment');
    await desk.page.getByLabel('What will be done').fill(COMMITMENT);
    await walk().look(desk, 'commitment form', 'Make this commitment');
    await follow(desk, 'Make this commitment');
    await desk.page.getByText('Your own commitment', { exact: true }).first().waitFor();
    assert.doesNotMatch(await mainText(desk), /\bAgreed\b/);
    await walk().look(desk, 'step 3 committed', 'the agreement log');

    await follow(desk, 'the agreement log');
    const { page } = desk;
    await page.getByRole('radio', { name: 'Kept' }).check();
    await page.getByText(/Add a note/).click();
    await page.getByRole('textbox', { name: /^Note/ }).fill(desk.privately('Walked round the block twice, it helped'));
    await page.getByRole('radio', { name: 'Only me' }).check();
    await submit(desk, /^Log this occasion/);
    await page.getByText(desk.privateWords.at(-1)!).waitFor();
    await walk().look(desk, 'agreement log', 'Check in');
  });

  test('on the phone: a check-in, reassurance with no one to ask, progress and Jo’s own guide', async () => {
    await home(jo);
    await follow(jo, 'Today’s check-in');
    await checkInByPage(jo, [3, 2, 2], jo.privately('Could not eat today'));
    await walk().look(jo, 'check-in saved', 'See how things are going');
    await follow(jo, 'Reassurance');
    const words = await mainText(jo);
    assert.match(words, /asking opens when your partner joins this space/);
    assert.doesNotMatch(words, /Your partner will be told/);
    assert.equal(await jo.page.getByRole('button', { name: 'Ask for reassurance' }).count(), 0, 'no form that sends to nobody');
    await walk().look(jo, 'reassurance', 'A hard day');
    await follow(jo, 'Progress');
    await walk().look(jo, 'progress', 'a private guide');
    await follow(jo, 'a private guide');
    await jo.page.getByText(DECISION_GUIDE.alone.intro).waitFor();
    await walk().look(jo, 'decision guide', 'Back to progress');
  });

  test('a partner joins later: they see Jo’s shared things, never what Jo kept private', async () => {
    await home(jo);
    const link = await invite(walk(), jo, 'Invite your partner');
    const sam = await walk().person('Sam', { viewport: PHONE, javaScript: false });
    await join(walk(), sam, link, 'Jo');
    await walk().look(sam, 'space together', /Infidelity/);
    await follow(sam, /Infidelity/);
    await walk().look(sam, 'journey', 'Acknowledge the problem');
    await follow(sam, 'Acknowledge the problem');
    assert.ok(!(await sam.page.content()).includes(sealedByJo), 'Jo’s sealed half stays sealed until Sam writes theirs');
    await walk().look(sam, 'step 1', 'Seal and save');
    await follow(sam, 'Go to step 2');
    await walk().look(sam, 'step 2', /all steps/);
    await follow(sam, /all steps/);
    await follow(sam, 'Set clear expectations');
    await sam.page.getByText(COMMITMENT).waitFor();
    await walk().look(sam, 'step 3', 'the agreement log');
    await follow(sam, 'the agreement log');
    await walk().look(sam, 'agreement log', 'Check in');
    await follow(sam, 'Check in');
    await walk().look(sam, 'check-in', 'Save check-in');
    await follow(sam, 'Progress');
    await walk().look(sam, 'progress', 'a private guide');
  });
});
