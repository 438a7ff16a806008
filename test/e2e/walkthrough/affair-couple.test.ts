import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, localDate } from '../../../src/core/time.js';
import { browserSkipReason } from '../support/browser.js';
import { DESKTOP, PHONE, follow, home, submit, walkthrough, type Walker } from './walk.js';
import { answerApology, checkInByPage, deliverApology, invite, join, recordBreach, signUpWithSpace, step1 } from './steps.js';

/**
 * Issue #20's walkthrough, for a couple after an affair: Alex (who broke trust) on a desktop with
 * JavaScript, Sam (who was hurt) on a 390 px phone without it. Only clicks and typing after
 * sign-up, from recording the breach to a transparency agreement, the log, a dispute and its
 * answer, reassurance, progress and the weekly meeting.
 */
const skip = browserSkipReason();

describe('walkthrough: a couple after an affair [sqlite]', { skip }, () => {
  const walk = walkthrough('affair-couple');
  let alex: Walker;
  let sam: Walker;
  let spaceUrl = '';
  const today = localDate(new Date(), 'Europe/London');
  /** How the agreement log's buttons name an occasion: “Saturday 5 December, <the agreement>”. */
  const occasion = (day: string) =>
    new Date(`${day}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });

  test('Alex signs up, makes the space and invites Sam, who joins from the link on a phone', async () => {
    alex = await walk().person('Alex', { viewport: DESKTOP, javaScript: true });
    sam = await walk().person('Sam', { viewport: PHONE, javaScript: false });
    spaceUrl = await signUpWithSpace(walk(), alex, 'Alex and Sam');
    await walk().look(alex, 'space alone', 'Invite your partner');
    const link = await invite(walk(), alex, 'Invite your partner');
    await join(walk(), sam, link, 'Alex');
    assert.equal(sam.page.url(), spaceUrl);
    await walk().look(sam, 'space together', 'Record what broke trust');
  });

  test('Sam records the affair, with private words of their own, and begins', async () => {
    await recordBreach(walk(), sam, {
      kind: 'infidelity',
      who: 'Alex did',
      cameOut: addDays(today, -75),
      privateWords: 'I found the messages on a Sunday',
    });
    await walk().look(sam, 'journey', /Acknowledge/);
  });

  test('step 1: each writes a sealed half and acknowledges; Alex reads nothing of Sam’s until writing theirs', async () => {
    const sealedBySam = 'It felt like the floor went from under me.';
    await step1(sam, sealedBySam);
    await walk().look(sam, 'step 1', 'Go to step 2');

    await follow(alex, 'Back to your space');
    await walk().look(alex, 'space with a journey', /An affair|Affair|infidelity/i);
    await follow(alex, /An affair|Affair|infidelity/i);
    await follow(alex, 'Acknowledge the problem');
    assert.ok(!(await alex.page.content()).includes(sealedBySam), 'Sam’s sealed half stays sealed');
    await follow(alex, /all steps/);
    await step1(alex, 'I lied to you for a year and chose to.');
    await alex.page.getByText(sealedBySam).waitFor();
    await walk().look(alex, 'step 1 opened', 'Go to step 2');
  });

  test('step 2: Alex builds and delivers an apology; Sam writes what hurts, only for themself, and answers', async () => {
    await follow(alex, 'Go to step 2');
    const parts: Array<[string, string]> = [
      ['What I regret', 'I am sorry that I had an affair and hid it from you.'],
      ['What I take responsibility for', 'It was my choice, every time, and nobody else’s.'],
      ['What it did to you', 'You stopped sleeping and doubted everything I said.'],
      ['What will change', 'I have ended all contact and I will tell you if they reach me.'],
      ['What I offer to make it right', 'I will go to counselling with you, and on my own.'],
    ];
    await deliverApology(walk(), alex, parts);
    await walk().look(alex, 'step 2 delivered', /all steps/);

    await follow(sam, 'Go to step 2');
    await sam.page.getByRole('textbox', { name: 'What hurts, and what I need' }).fill(sam.privately('I need to stop checking your phone'));
    await sam.page
      .getByRole('group', { name: 'Who can read it' })
      .getByRole('radio', { name: /Only me/ })
      .check();
    await submit(sam, 'Save');
    await sam.page.getByText(sam.privateWords[1]!).waitFor();
    await walk().look(sam, 'step 2', 'Answer this apology');
    await answerApology(walk(), sam, 'Yes, it felt sincere', 'I need to hear what you will do when they write.');

    await follow(alex, /all steps/);
    await follow(alex, 'Take responsibility');
    await alex.page.getByText('I need to hear what you will do when they write.').waitFor();
    await walk().look(alex, 'step 2 answered', /all steps/);
  });

  test('step 3: Sam proposes a transparency agreement from a template without JavaScript; Alex accepts it', async () => {
    await follow(sam, /all steps/);
    await walk().look(sam, 'journey after step 2', 'Set clear expectations');
    await follow(sam, 'Set clear expectations');
    await walk().look(sam, 'step 3', 'Telling about contact');
    await follow(sam, 'Telling about contact');
    const { page } = sam;
    await page.getByLabel('Alex does').check();
    await page.getByLabel('It ends on').fill(addDays(today, 42));
    await walk().look(sam, 'transparency agreement form', 'Propose it');
    await follow(sam, 'Propose it');
    await walk().look(sam, 'step 3 proposed', /Withdraw/);

    await follow(alex, /all steps/);
    await follow(alex, 'Set clear expectations');
    await alex.page
      .getByText(/When I am in contact with that person/)
      .first()
      .waitFor();
    await walk().look(alex, 'step 3 to accept', 'Accept this agreement');
    await submit(alex, 'Accept this agreement');
    await walk().look(alex, 'step 3 accepted', 'the agreement log');
  });

  test('the log: Alex logs a miss (and a private note on a kept day); Sam disputes without JavaScript; Alex answers once', async () => {
    await follow(alex, 'the agreement log');
    const { page } = alex;
    await page.getByRole('radio', { name: 'Kept' }).first().check();
    await page
      .getByText(/Add a note/)
      .first()
      .click();
    await page.getByRole('textbox', { name: /^Note/ }).first().fill(alex.privately('I nearly wrote back and did not'));
    await page.getByRole('radio', { name: 'Only me' }).first().check();
    await submit(alex, /^Log this occasion/);
    await page.getByText(alex.privateWords[0]!).waitFor();
    await page
      .getByLabel(/^Which day/)
      .first()
      .fill(addDays(today, -1));
    await page.getByRole('radio', { name: 'Missed' }).first().check();
    await page
      .getByText(/Add a note/)
      .first()
      .click();
    await page.getByRole('textbox', { name: /^Note/ }).first().fill('They wrote to me and I told you two days later.');
    await page.getByRole('radio', { name: 'My partner too' }).first().check();
    await submit(alex, /^Log this occasion/);
    await walk().look(alex, 'agreement log', /^Log this occasion/);

    await home(sam);
    await follow(sam, 'How things are going');
    await follow(sam, 'Agreement log');
    await sam.page.getByText('They wrote to me and I told you two days later.').waitFor();
    await walk().look(sam, 'agreement log to review', /^I saw it differently/);
    const missed = occasion(addDays(today, -1));
    await sam.page.getByRole('textbox', { name: `Note (optional) on ${missed},` }).fill('It was four days, not two.');
    await submit(sam, new RegExp(`^I saw it differently \\(${missed},`));
    await walk().look(sam, 'agreement log disputed', 'Check in');

    // Alex's page, with JavaScript, comes to show Sam's dispute by itself.
    await page.getByText('It was four days, not two.').waitFor();
    await page.getByRole('textbox', { name: /^Your answer to how your partner saw it/ }).fill('You are right, it was four. I am sorry.');
    await submit(alex, /^Send my answer/);
    await page.getByText('You are right, it was four. I am sorry.').waitFor();
    assert.equal(await page.getByRole('button', { name: /^Send my answer/ }).count(), 0, 'answered once');
    await walk().look(alex, 'agreement log answered', 'Check in');
  });

  test('check-ins: Sam’s without JavaScript with a private note, Alex’s with it', async () => {
    await follow(sam, 'Check in');
    await checkInByPage(sam, [2, 2, 3], sam.privately('I cried in the car again'));
    await walk().look(sam, 'check-in saved', 'I need reassurance');
    await follow(alex, 'Check in');
    await checkInByPage(alex, [3, 4, 3]);
    await walk().look(alex, 'check-in saved', 'I need reassurance');
  });

  test('reassurance: Sam asks without JavaScript; Alex answers', async () => {
    await follow(sam, 'I need reassurance');
    await sam.page.getByLabel('What would help right now? (optional)').fill('Tell me you are not in touch with them.');
    await sam.page.getByRole('group', { name: 'Who can read this note?' }).getByRole('radio', { name: 'My partner too' }).check();
    await walk().look(sam, 'reassurance', 'Ask for reassurance');
    await submit(sam, 'Ask for reassurance');
    await walk().look(sam, 'reassurance asked', /Progress/);

    await follow(alex, 'Reassurance');
    await alex.page.getByText('Tell me you are not in touch with them.').waitFor();
    await alex.page
      .getByRole('textbox', { name: /^Your answer to Sam/ })
      .fill('I am not. I blocked them on everything, and I will tell you if that changes.');
    await walk().look(alex, 'reassurance to answer', 'Send your answer');
    await submit(alex, 'Send your answer');
    await walk().look(alex, 'reassurance answered', 'Progress');
  });

  test('progress, the weekly meeting and the decision guide, for each of them', async () => {
    for (const w of [sam, alex]) {
      await follow(w, 'Progress');
      await walk().look(w, 'progress', 'a private guide');
      await follow(w, 'a private guide');
      await walk().look(w, 'decision guide', 'Back to progress');
      await home(w);
    }
    await follow(alex, 'How things are going');
    await follow(alex, 'Weekly meeting');
    const { page } = alex;
    await walk().look(alex, 'meetings', 'Start this week’s meeting');
    await follow(alex, 'Start this week’s meeting');
    await page.getByText('You are right, it was four. I am sorry.').waitFor();
    await page.getByRole('textbox', { name: 'Appreciations' }).fill('You told me about the message the same day.');
    await page.getByRole('textbox', { name: 'One concern, raised gently' }).fill('I feel shut out when you go quiet after work.');
    await walk().look(alex, 'new meeting', 'Save the meeting');
    await follow(alex, 'Save the meeting');
    await alex.page.getByRole('status').filter({ hasText: 'Your meeting record is saved.' }).waitFor();
    await walk().look(alex, 'meeting saved', 'Read this week’s record');
    await follow(sam, 'How things are going');
    await follow(sam, 'Weekly meeting');
    await sam.page.getByText('You told me about the message the same day.').waitFor();
    await walk().look(sam, 'meetings', 'Read this week’s record');
  });
});
