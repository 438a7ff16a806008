import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, localDate } from '../../../src/core/time.js';
import { browserSkipReason } from '../support/browser.js';
import { DESKTOP, PHONE, follow, home, submit, walkthrough, type Walker } from './walk.js';
import { answerApology, checkInByPage, deliverApology, invite, join, recordBreach, signUpWithSpace, step1 } from './steps.js';

/**
 * Issue #20's walkthrough, for a couple after a lie: Sam (who was hurt) on a desktop with
 * JavaScript, Alex (who lied) on a 390 px phone without it, so the apology, the agreement, the log,
 * the check-in, the answer to a call for reassurance and the weekly meeting are each done without
 * JavaScript. Only clicks and typing after sign-up.
 */
const skip = browserSkipReason();

describe('walkthrough: a couple after a lie [sqlite]', { skip }, () => {
  const walk = walkthrough('lie-couple');
  let alex: Walker;
  let sam: Walker;
  const today = localDate(new Date(), 'Europe/London');
  const AGREEMENT = 'I tell you the same evening when I have spent money from our joint account.';

  test('Sam signs up and invites Alex, who joins on a phone; Sam records the lie', async () => {
    sam = await walk().person('Sam', { viewport: DESKTOP, javaScript: true });
    alex = await walk().person('Alex', { viewport: PHONE, javaScript: false });
    await signUpWithSpace(walk(), sam, 'Our home');
    const link = await invite(walk(), sam, 'Invite your partner');
    await join(walk(), alex, link, 'Sam');
    await walk().look(alex, 'space together', 'Today’s check-in');
    await follow(sam, 'Back to your space');
    await recordBreach(walk(), sam, {
      kind: 'lying',
      who: 'Alex did',
      cameOut: addDays(today, -20),
      privateWords: 'The bank letter was in his coat',
    });
    await walk().look(sam, 'journey', 'Acknowledge the problem');
  });

  test('step 1 for both; step 2: Alex’s apology without JavaScript, and Sam’s “not yet”', async () => {
    await step1(sam, 'I felt stupid for believing you.');
    await walk().look(sam, 'step 1', 'Go to step 2');
    await home(alex);
    await follow(alex, 'Lying or deception');
    await step1(alex, 'I hid the debts because I was ashamed.');
    await alex.page.getByText('I felt stupid for believing you.').waitFor();
    await walk().look(alex, 'step 1 opened', 'Go to step 2');
    await follow(alex, 'Go to step 2');
    await deliverApology(walk(), alex, [
      ['What I regret', 'I am sorry I lied to you about the money for two years.'],
      ['What I take responsibility for', 'I chose to hide the letters; you did nothing to cause it.'],
      ['What it did to you', 'You could not trust a word I said, or plan anything.'],
      ['What will change', 'I will show you every statement on the first of the month.'],
      ['What I offer to make it right', 'I will pay back what I took, from my own wages.'],
    ]);
    await walk().look(alex, 'step 2 delivered', /all steps/);

    await follow(sam, 'Go to step 2');
    await answerApology(walk(), sam, 'Not yet', 'You have not said how you will pay it back.');
    await walk().look(sam, 'step 2 answered', /all steps/);
  });

  test('step 3: no transparency templates after a lie; Alex proposes an agreement without JavaScript and Sam accepts', async () => {
    await follow(alex, /all steps/);
    await follow(alex, 'Take responsibility');
    await alex.page.getByText('You have not said how you will pay it back.').waitFor();
    await follow(alex, /all steps/);
    await follow(alex, 'Set clear expectations');
    assert.equal(await alex.page.getByRole('heading', { name: 'Transparency agreements' }).count(), 0, 'offered after an affair only');
    await walk().look(alex, 'step 3', 'Propose an agreement');
    await follow(alex, 'Propose an agreement');
    await alex.page.getByLabel('I do').check();
    await alex.page.getByLabel('What will be done').fill(AGREEMENT);
    await walk().look(alex, 'agreement form', 'Propose it');
    await follow(alex, 'Propose it');

    await follow(sam, /all steps/);
    await follow(sam, 'Set clear expectations');
    await sam.page.getByText(AGREEMENT).waitFor();
    await submit(sam, 'Accept this agreement');
    await walk().look(sam, 'step 3 accepted', 'the agreement log');
  });

  test('step 4: Alex writes why, only for themself; the log without JavaScript, and Sam confirms', async () => {
    await follow(alex, /all steps/);
    await follow(alex, 'Practice patience');
    await alex.page.getByRole('textbox', { name: 'Why I am doing this' }).fill(alex.privately('Because I want my kids to see us mend'));
    await alex.page
      .getByRole('group', { name: 'Who can read it' })
      .getByRole('radio', { name: /Only me/ })
      .check();
    await submit(alex, 'Save');
    await alex.page.getByText(alex.privateWords[0]!).waitFor();
    await walk().look(alex, 'step 4', /all steps/);

    await follow(alex, /all steps/);
    await follow(alex, 'Set clear expectations');
    await follow(alex, 'the agreement log');
    const { page } = alex;
    await page.getByRole('radio', { name: 'Kept' }).check();
    await page.getByText(/Add a note/).click();
    await page.getByRole('textbox', { name: /^Note/ }).fill(alex.privately('It was hard to say the number out loud'));
    await page.getByRole('radio', { name: 'Only me' }).check();
    await submit(alex, /^Log this occasion/);
    await page.getByText(alex.privateWords[1]!).waitFor();
    await walk().look(alex, 'agreement log', /^Log this occasion/);

    await follow(sam, 'the agreement log');
    await walk().look(sam, 'agreement log to review', /^Confirm/);
    await submit(sam, /^Confirm/);
    assert.equal(await sam.page.getByRole('button', { name: /^Confirm/ }).count(), 0, 'confirmed once');
    await walk().look(sam, 'agreement log confirmed', 'Check in');
  });

  test('check-ins, reassurance asked with JavaScript and answered without', async () => {
    await follow(alex, 'Check in');
    await checkInByPage(alex, [4, 3, 3], alex.privately('Slept badly, kept thinking about the call'));
    await walk().look(alex, 'check-in saved', 'I need reassurance');
    await follow(sam, 'Check in');
    await checkInByPage(sam, [2, 1, 2]);
    await follow(sam, 'I need reassurance');
    await sam.page.getByLabel('What would help right now? (optional)').fill('Tell me there is nothing else I do not know.');
    await sam.page.getByRole('group', { name: 'Who can read this note?' }).getByRole('radio', { name: 'My partner too' }).check();
    await submit(sam, 'Ask for reassurance');
    await walk().look(sam, 'reassurance asked', 'Progress');

    await follow(alex, 'I need reassurance');
    await alex.page.getByText('Tell me there is nothing else I do not know.').waitFor();
    await alex.page.getByRole('textbox', { name: /^Your answer to Sam/ }).fill('There is nothing else. Ask me anything, any time.');
    await walk().look(alex, 'reassurance to answer', 'Send your answer');
    await submit(alex, 'Send your answer');
    await walk().look(alex, 'reassurance answered', 'Progress');
    await sam.page.getByText('There is nothing else. Ask me anything, any time.').waitFor();
  });

  test('progress and the decision guide for each; Alex holds the weekly meeting without JavaScript', async () => {
    for (const w of [alex, sam]) {
      await follow(w, 'Progress');
      await walk().look(w, 'progress', 'a private guide');
      await follow(w, 'a private guide');
      await walk().look(w, 'decision guide', 'Back to progress');
      await home(w);
    }
    await follow(alex, 'How things are going');
    await follow(alex, 'Weekly meeting');
    await follow(alex, 'Start this week’s meeting');
    await alex.page.getByRole('textbox', { name: 'What went well' }).fill('We talked about money without shouting.');
    await walk().look(alex, 'new meeting', 'Save the meeting');
    await follow(alex, 'Save the meeting');
    await alex.page.getByRole('status').filter({ hasText: 'Your meeting record is saved.' }).waitFor();
    await walk().look(alex, 'meeting saved', 'Read this week’s record');
    await follow(sam, 'How things are going');
    await follow(sam, 'Weekly meeting');
    await sam.page.getByText('We talked about money without shouting.').waitFor();
    await walk().look(sam, 'meetings', 'Read this week’s record');
  });
});
