import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkinReminderEmail, meetingReminderEmail, waitingEmail } from './emails.js';

const builders = [waitingEmail, checkinReminderEmail, meetingReminderEmail];

test('every email carries its link and the way to stop it, and nothing else filled in', () => {
  const links = { open: 'https://mend.example.org/notifications', stop: 'https://mend.example.org/email/stop/abc.w.0f' };
  for (const build of builders) {
    const { subject, text } = build(links);
    assert.ok(text.includes(links.open) && text.includes(links.stop));
    assert.ok(!/undefined|null|\$\{|partner/i.test(subject + text), 'no hole, and no partner mentioned');
    assert.ok(subject.length < 60);
  }
  assert.equal(waitingEmail(links).subject, 'Something is waiting for you in Mend');
});

test('property: the words are fixed — only the two links change between emails', () => {
  fc.assert(
    fc.property(fc.webUrl(), fc.webUrl(), (open, stop) => {
      fc.pre(!open.includes(stop) && !stop.includes(open));
      return builders.every((build) => {
        const a = build({ open, stop });
        const b = build({ open: 'O', stop: 'S' });
        return a.subject === b.subject && a.text.split(open).join('O').split(stop).join('S') === b.text;
      });
    }),
  );
});
