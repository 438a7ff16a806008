/**
 * Coach throughput on ~1 KB texts: `node --import tsx bench/coach.ts`.
 * `runCoachBench()` returns analyses per second (wall clock) for each kind, on one core;
 * `runCoachCpuBench()` the same per second of this process's CPU time, which other work on a
 * shared machine disturbs far less than the wall clock.
 */
import { analyze, type CoachKind } from '../src/core/coach/index.js';

const SAMPLES: Record<CoachKind, string[]> = {
  message: [
    'I feel hurt when plans change without a message, because I start to worry. ',
    'You always put your phone before me, and you never listen when I talk. ',
    'Oh sure, nice of you to finally show up. Thanks for nothing. ',
    'I never expected this to happen to us, and I miss how we used to be. ',
    "It's your fault, you're so selfish. Shut up and let me finish. ",
  ],
  apology: [
    "I'm sorry I lied to you about where I was. It was my choice and nobody else's. ",
    'I know it made you feel foolish and alone. From now on I will tell you where I am. ',
    "I'm sorry if you were hurt, but you kept pushing me. Mistakes were made. ",
    'What can I do to help you feel safe again? I hope in time you can forgive me. ',
  ],
  agreement: [
    "I'll text you when I leave work each day, and call if I'm more than 30 minutes late. ",
    'We will try to communicate more and be more honest with each other. ',
    'Every Sunday at 7pm we will sit down for the weekly check-in. ',
  ],
};

/** Texts of about `size` characters built by cycling the kind's samples (varied, deterministic). */
export function makeTexts(kind: CoachKind, size = 1024, count = 64): string[] {
  const parts = SAMPLES[kind];
  return Array.from({ length: count }, (_, i) => {
    let text = '';
    for (let j = i; text.length < size; j++) text += parts[j % parts.length];
    return text.slice(0, size);
  });
}

const wallMs = () => performance.now();
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function measure(kind: CoachKind, minMs: number, clock: () => number = wallMs): number {
  const texts = makeTexts(kind);
  for (let i = 0; i < 500; i++) analyze(kind, texts[i % texts.length] as string); // warm up
  let n = 0;
  const start = clock();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 200; i++) analyze(kind, texts[n++ % texts.length] as string);
    elapsed = clock() - start;
  }
  return Math.round((n / elapsed) * 1000);
}

export interface CoachBenchResult {
  message: number;
  apology: number;
  agreement: number;
}

export function runCoachBench(minMs = 1000): CoachBenchResult {
  return { message: measure('message', minMs), apology: measure('apology', minMs), agreement: measure('agreement', minMs) };
}

export function runCoachCpuBench(minMs = 1000): CoachBenchResult {
  return {
    message: measure('message', minMs, cpuMs),
    apology: measure('apology', minMs, cpuMs),
    agreement: measure('agreement', minMs, cpuMs),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = runCoachBench();
  const cpu = runCoachCpuBench();
  for (const kind of ['message', 'apology', 'agreement'] as const) {
    process.stdout.write(
      `coach ${kind.padEnd(9)} 1 KB: ${r[kind].toLocaleString('en')} analyses/s (wall clock), ${cpu[kind].toLocaleString('en')} per CPU second\n`,
    );
  }
}
