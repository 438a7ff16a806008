/**
 * Every email Mend sends about what happens in the app, in fixed words. None of them holds
 * anything anyone wrote, a name, a space's name, which partner did what, or what kind of thing it
 * is: a shared mailbox, a phone's lock screen or a family computer may show them to someone else
 * (docs/privacy-rules.md, "Email"). The only things filled in are Mend's own addresses.
 */
export interface EmailText {
  subject: string;
  text: string;
}

export interface EmailLinks {
  /** Where the email leads in Mend. */
  open: string;
  /** The page that stops this kind of email, without signing in. */
  stop: string;
}

const footer = (stop: string, what: string): string =>
  `\n--\nTo stop ${what}, open this link (no need to sign in):\n${stop}\nYou can turn them back on from Notifications in Mend.\n`;

/** Something waits for the person in Mend, and they have not been on Mend since it arrived. */
export function waitingEmail(links: EmailLinks): EmailText {
  return {
    subject: 'Something is waiting for you in Mend',
    text:
      `Hello,\n\nSomething is waiting for you in Mend. You can see what it is when you sign in:\n\n${links.open}\n\n` +
      `Mend sends at most one of these an hour, none in your quiet hours, and never says what anyone wrote.\n` +
      footer(links.stop, 'these emails'),
  };
}

/** The daily check-in reminder the person asked for. */
export function checkinReminderEmail(links: EmailLinks): EmailText {
  return {
    subject: 'Your daily check-in',
    text:
      `Hello,\n\nThis is the reminder you asked for: a moment for today's check-in. It takes about twenty seconds.\n\n${links.open}\n\n` +
      `You can change or turn off reminders from Notifications in Mend.\n` +
      footer(links.stop, 'reminder emails'),
  };
}

/** The weekly meeting reminder the person asked for. No time: a reader of the mailbox learns nothing of the couple's week. */
export function meetingReminderEmail(links: EmailLinks): EmailText {
  return {
    subject: 'Your weekly check-in is today',
    text:
      `Hello,\n\nYour weekly check-in meeting is today. The agenda is ready in Mend when you are.\n\n${links.open}\n\n` +
      `You can change or turn off reminders from Notifications in Mend.\n` +
      footer(links.stop, 'reminder emails'),
  };
}
