import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSmtp } from '../../../test/support/smtp.js';
import { smtpMailer } from './mailer.js';
import { sendSoon, type SendOutcome } from './send-soon.js';

const smtp = await startSmtp();
const mailer = smtpMailer(smtp.env.MEND_SMTP_URL!, 'Mend <mend@example.org>');
after(async () => {
  mailer.close();
  await smtp.close();
});

const email = (to: string) => ({ to, subject: 'Choosing a new Mend password', text: 'A link.' });

test('a mail server that refuses twice gets the email on the third try, each try counted', async () => {
  const outcomes: SendOutcome[] = [];
  smtp.refuseNext(2);
  const before = smtp.attempts;
  await sendSoon(mailer, email('kit@example.org'), { waitsMs: [10, 10, 10], outcome: (o) => outcomes.push(o) });
  assert.deepEqual(outcomes, ['retry', 'retry', 'sent']);
  assert.equal(smtp.attempts - before, 3);
  assert.equal(smtp.countTo('kit@example.org'), 1, 'sent once, not three times');
});

test('after the last wait it gives up and says why', async () => {
  const outcomes: SendOutcome[] = [];
  smtp.refuseNext(3);
  await assert.rejects(
    sendSoon(mailer, email('lou@example.org'), { waitsMs: [10, 10], outcome: (o) => outcomes.push(o) }),
    (error: { responseCode?: number }) => error.responseCode === 451,
  );
  assert.deepEqual(outcomes, ['retry', 'retry', 'failed']);
  assert.equal(smtp.countTo('lou@example.org'), 0);
});
