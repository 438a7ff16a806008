import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../platform/config.js';
import { createContext, type AppContext } from '../../context.js';
import { fixedClock } from '../../platform/clock.js';
import { addDays } from '../../core/time.js';
import type { Account } from '../../core/accounts/account.js';
import type { CliIo } from '../io.js';
import { act } from '../../features/act.js';
import { acknowledge, deliverApology, recordBreach, respondToApology, writeEntry } from '../../features/journey/actions.js';
import { acceptAgreement, proposeAgreement } from '../../features/agreements/actions.js';
import { logOccasion, reviewOccasion } from '../../features/agreement-log/actions.js';

export const DEMO_DAYS = 90;

/** A small seeded generator (mulberry32), so a demo is realistic but not random noise. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const clamp = (v: number) => Math.max(0, Math.min(10, Math.round(v)));
const password = () => `demo ${randomBytes(9).toString('base64url')} quiet lantern`;

async function person(ctx: AppContext, name: string, tag: string): Promise<{ account: Account; email: string; password: string }> {
  const email = `${name.toLowerCase()}.${tag}@demo.mend.invalid`;
  const pw = password();
  const { account } = await ctx.accounts.signUp({ email, password: pw, displayName: name, timezone: 'UTC' }, 'bearer');
  // The made-up couple share their check-in numbers, so the dashboard shows both partners' lines.
  await ctx.rhythm.checkins.chooseNumbers(account, true);
  return { account: { ...account, checkinNumbersShared: true }, email, password: pw };
}

/**
 * `mend demo`: a demo couple with 90 days of check-ins, agreements and their log, weekly
 * meetings, monthly reviews, reassurance requests and a journey in step 6 — made through the same
 * services the app uses, with the clock moved day by day — so a newcomer sees a living dashboard.
 */
export async function runDemo(args: string[], io: CliIo): Promise<number> {
  if (args.length > 0 && args[0] !== '--quiet') {
    io.stderr.write('Usage: mend demo\n');
    return 2;
  }
  const config = loadConfig();
  const realNow = new Date();
  const today = realNow.toISOString().slice(0, 10);
  const start = addDays(today, -(DEMO_DAYS - 1));
  const clock = fixedClock(new Date(`${start}T08:00:00Z`));
  const at = (date: string, hour: number) => clock.set(new Date(`${date}T${String(hour).padStart(2, '0')}:00:00Z`));
  const ctx = await createContext(config, { clock });
  const random = prng(20240611);
  try {
    const tag = randomBytes(3).toString('hex');
    const alex = await person(ctx, 'Alex', tag);
    const sam = await person(ctx, 'Sam', tag);
    const a = alex.account;
    const s = sam.account;
    const space = await ctx.spaces.create(a.id, 'Alex & Sam');
    const { code } = await ctx.spaces.invite(a.id, space.id, 'partner');
    await ctx.spaces.accept(s.id, code);

    // The breach and steps 1–3, in the first days.
    const { journey } = await act(
      ctx,
      recordBreach(ctx, s, space.id, {
        kind: 'lying',
        brokeTrust: [a.id],
        occurredOn: addDays(start, -20),
        cameOut: 'discovered',
        hurt: 4,
        description: { text: 'Months of saying work ran late when it did not.', visibility: 'shared' },
      }),
    );
    await act(
      ctx,
      writeEntry(ctx, s, journey.id, {
        prompt: 'what_happened',
        text: 'I found out from a friend, not from you. I feel foolish and I feel alone.',
      }),
    );
    await act(
      ctx,
      writeEntry(ctx, a, journey.id, {
        prompt: 'what_happened',
        text: 'I know I hurt you when I kept lying about where I was, and I let it go on for months.',
      }),
    );
    await act(ctx, acknowledge(ctx, a, journey.id));
    await act(ctx, acknowledge(ctx, s, journey.id));
    at(addDays(start, 1), 19);
    const apology = await act(
      ctx,
      deliverApology(ctx, a, journey.id, {
        text: 'I am sorry I lied to you about where I was. It was my choice, not yours. It made you doubt yourself, and I see how lonely that was. I will tell you where I am and answer your questions. I will keep showing you, for as long as it takes.',
      }),
    );
    at(addDays(start, 2), 20);
    await act(ctx, respondToApology(ctx, s, apology.id, { received: true, sincere: true }));
    at(addDays(start, 3), 20);
    /** One partner proposes, the other accepts: an agreement in force. */
    const agreed = async (by: Account, to: Account, input: { text: string; committedBy: string[]; cadence: 'each_time' | 'daily' }) => {
      const proposed = await act(ctx, proposeAgreement(ctx, by, space.id, input));
      await act(ctx, acceptAgreement(ctx, to, proposed.id));
      return proposed;
    };
    const late = await agreed(s, a, {
      text: 'When I will be more than 30 minutes later than I said, I text Sam before the time I said.',
      committedBy: [a.id],
      cadence: 'each_time',
    });
    const phone = await agreed(a, s, {
      text: 'Each evening I tell Sam honestly how my day went, including anything I would rather skip.',
      committedBy: [a.id],
      cadence: 'daily',
    });
    await agreed(a, s, {
      text: 'When an argument gets heated, I say "pause" and we come back to it within 24 hours.',
      committedBy: [s.id],
      cadence: 'each_time',
    });

    // 90 days: check-ins most days, the daily agreement logged and reviewed, a weekly meeting.
    let checkins = 0;
    let logged = 0;
    for (let d = 3; d < DEMO_DAYS; d++) {
      const date = addDays(start, d);
      const progress = d / DEMO_DAYS;
      at(date, 21);
      for (const [p, base, gain] of [
        [a, 6, 1.5],
        [s, 3, 4],
      ] as const) {
        if (random() < 0.12) continue; // some days are skipped, as in life
        const hard = random() < 0.08;
        const v = (x: number) => clamp(x + (random() - 0.5) * 2.5 - (hard ? 3 : 0));
        await act(
          ctx,
          ctx.rhythm.checkins.put(p, space.id, date, {
            safety: v(base + 2 + gain * progress),
            trust: v(base + gain * progress),
            closeness: v(base + 1 + gain * progress),
            day: hard ? 'hard' : random() < 0.6 ? 'good' : 'mixed',
            note:
              random() < 0.1
                ? {
                    text: hard ? 'A hard one. I kept thinking about the old excuses.' : 'We walked after dinner and it felt easy.',
                    visibility: random() < 0.5 ? 'shared' : 'private',
                  }
                : null,
          }),
        );
        checkins++;
      }
      at(date, 22);
      if (random() < 0.9) {
        const kept = random() < 0.7 + 0.25 * progress;
        const entry = await act(
          ctx,
          logOccasion(ctx, a, phone.id, {
            occurredOn: date,
            kept,
            note: kept ? null : { text: 'I skipped the part about the phone call. Owning it.', visibility: 'shared' },
          }),
        );
        logged++;
        if (random() < 0.85) await act(ctx, reviewOccasion(ctx, s, entry.id, random() < 0.93 ? 'confirmed' : 'disputed', null));
      }
      if (d % 9 === 4) {
        const entry = await act(ctx, logOccasion(ctx, a, late.id, { occurredOn: date, kept: random() < 0.85, note: null }));
        await act(ctx, reviewOccasion(ctx, s, entry.id, 'confirmed', null));
        logged++;
      }
      if (d % 7 === 6) {
        await act(
          ctx,
          ctx.rhythm.meetings.record(a, space.id, {
            heldOn: date,
            agenda: {
              appreciations: 'Sam: you told me about the lunch before I asked. Alex: you listened without defending.',
              wentWell: 'Two evenings that felt like before.',
              agreementLog: 'Mostly kept. One miss on Thursday, logged by Alex.',
              concern: 'I feel uneasy when plans change late, because it reminds me of before. I need a text as soon as you know.',
              requests: 'A walk on Sunday, phones left at home.',
            },
          }),
        );
      }
      if (date.slice(8) === '28' || d === DEMO_DAYS - 1) {
        const month = date.slice(0, 7);
        for (const [p, base] of [
          [a, 3],
          [s, 2],
        ] as const) {
          const r = (x: number) => Math.max(1, Math.min(5, Math.round(x + progress * 2 + (random() - 0.5))));
          await act(
            ctx,
            ctx.rhythm.monthlyReviews.save(p, space.id, {
              month,
              communicate: r(base),
              closer: r(base - 0.5),
              respect: r(base + 0.5),
            }),
          );
        }
      }
      if (d === 40) {
        const asked = await act(
          ctx,
          ctx.rhythm.reassurance.request(s, space.id, {
            text: 'The late meeting today brought it all back.',
            visibility: 'shared',
          }),
        );
        at(date, 23);
        await act(
          ctx,
          ctx.rhythm.reassurance.answer(
            a,
            asked.id,
            'I was in the meeting until 9, then came straight home. I am here, and I am not going anywhere.',
          ),
        );
      }
    }
    at(today, 12);
    await act(
      ctx,
      ctx.rhythm.reassurance.request(s, space.id, { text: 'Could we talk tonight about the weekend plans?', visibility: 'shared' }),
    );
    await act(ctx, ctx.rhythm.meetings.setSchedule(a, space.id, { weekday: 7, time: '19:00' }));
    // Written outside anyone's request, their private notes are under the server's key: the first
    // sign-in seals them under their own (docs/encryption.md), as after an upgrade.
    for (const p of [a, s]) await ctx.personalKeys.resealAtNextSignIn(p.id);

    const base = config.baseUrl.href.replace(/\/$/, '');
    io.stdout.write(
      `Demo couple created: ${checkins} check-ins, ${logged} agreement occasions logged, over ${DEMO_DAYS} days.\n\n` +
        `Sign in at ${base}/sign-in as either partner:\n` +
        `  Alex (broke trust):  ${alex.email}  password: ${alex.password}\n` +
        `  Sam  (was hurt):     ${sam.email}  password: ${sam.password}\n\n` +
        `Their progress page: ${base}/spaces/${space.id}/progress\n` +
        'The data is made up. Delete the accounts from their account pages when you are done.\n',
    );
    return 0;
  } finally {
    await ctx.close();
  }
}
