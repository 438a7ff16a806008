// The write load of the durability runs, and the record of what Mend said it saved.
//
// Each person runs two workers: check-ins (one after another, so "the last acknowledged value" of a
// day is well defined) and journey entries. Every answer is sorted into acknowledged (2xx, with the
// time it arrived), uncertain (no complete answer, or a 5xx while a fault was being injected: the
// write may or may not have been saved), or unexpected (anything else: the run fails).
import type { Person } from './couples.js';
import { call, NetworkError, type Answer } from './http.js';
import { sleep, utcDate } from './random.js';

export interface CheckinValue {
  safety: number;
  trust: number;
  closeness: number;
  day: 'good' | 'mixed' | 'hard';
  note: { text: string; visibility: 'private' | 'shared' };
}

export interface EntryValue {
  journeyId: string;
  author: string;
  prompt: string;
  text: string;
  visibility: string;
}

/** One check-in PUT: what was sent and, if it was acknowledged, when (performance.now()). */
export interface SentCheckin {
  value: CheckinValue;
  ackedAt: number | null;
}

export class Ledger {
  /** `${spaceId}|${accountId}|${date}` → every value sent for that day, in the order sent. */
  checkins = new Map<string, SentCheckin[]>();
  /** Acknowledged entries by id. */
  entries = new Map<string, EntryValue & { ackedAt: number }>();
  uncertainEntries: EntryValue[] = [];
  /** Question ids (acknowledged) per journey, for the other partner's answers. */
  questions = new Map<string, string[]>();
  ackedCheckins = 0;
  uncertain = 0;
  unexpected: string[] = [];
  /** What the server answered while a fault was injected (status or "no answer" → count). */
  faultAnswers: Record<string, number> = {};
  /** Set by a run while a fault lasts: every answer (or failure) arriving meanwhile has its time recorded. */
  faultOpen = false;
  /** Milliseconds from sending to the answer, for requests answered while `faultOpen`. */
  faultLatencies: number[] = [];

  static checkinKey(p: Pick<Person, 'spaceId' | 'id'>, date: string): string {
    return `${p.spaceId}|${p.id}|${date}`;
  }

  get acknowledged(): { checkins: number; entries: number; total: number } {
    return { checkins: this.ackedCheckins, entries: this.entries.size, total: this.ackedCheckins + this.entries.size };
  }

  /** Writes acknowledged at or before `time` (performance.now()). */
  acknowledgedBy(time: number): number {
    let n = 0;
    for (const history of this.checkins.values()) n += history.filter((s) => s.ackedAt !== null && s.ackedAt <= time).length;
    for (const e of this.entries.values()) if (e.ackedAt <= time) n += 1;
    return n;
  }
}

/** What the round is doing, shared by its workers. */
export interface Round {
  stop: boolean;
  /** Set just before a fault is injected: from then on a missing answer or a 5xx is expected. */
  faulted: boolean;
}

export interface WorkerOptions {
  max: number;
  /** Milliseconds to wait between one person's writes (0: as fast as answers come). */
  pauseMs?: number;
  /**
   * Check-ins go to this many days back or one more (default 0: today or yesterday). 1 keeps
   * them valid for a server whose clock is up to a day behind the run's.
   */
  firstDayBack?: number;
}

type Outcome = { kind: 'answer'; answer: Answer } | { kind: 'uncertain' };

export const percentile = (sorted: number[], p: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : 0;

/** p50, p99 and the longest of a set of latencies, in whole milliseconds. */
export function latencySummary(ms: number[]): { answers: number; p50Ms: number; p99Ms: number; maxMs: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    answers: sorted.length,
    p50Ms: Math.round(percentile(sorted, 0.5)),
    p99Ms: Math.round(percentile(sorted, 0.99)),
    maxMs: Math.round(sorted.at(-1) ?? 0),
  };
}

async function send(
  base: string,
  p: Person,
  method: string,
  url: string,
  body: unknown,
  ledger: Ledger,
  round: Round,
  what: string,
): Promise<Outcome> {
  const sent = performance.now();
  const timed = () => {
    if (ledger.faultOpen) ledger.faultLatencies.push(performance.now() - sent);
  };
  try {
    const answer = await call(base, p.token, method, url, body).finally(timed);
    if (answer.status < 500) return { kind: 'answer', answer };
    if (!round.faulted) ledger.unexpected.push(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
    else ledger.faultAnswers[answer.status] = (ledger.faultAnswers[answer.status] ?? 0) + 1;
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    if (!round.faulted) ledger.unexpected.push(`${what}: no answer (${error.message})`);
    else ledger.faultAnswers['no answer'] = (ledger.faultAnswers['no answer'] ?? 0) + 1;
  }
  ledger.uncertain += 1;
  return { kind: 'uncertain' };
}

export async function checkinWorker(
  base: string,
  p: Person,
  ledger: Ledger,
  rng: () => number,
  round: Round,
  options: WorkerOptions,
): Promise<void> {
  for (let i = 0; i < options.max && !round.stop; i++) {
    // Today or yesterday (UTC accounts): still allowed if the date turns over mid-run.
    const date = utcDate(-(options.firstDayBack ?? 0) - Math.floor(rng() * 2));
    const value: CheckinValue = {
      safety: Math.floor(rng() * 11),
      trust: Math.floor(rng() * 11),
      closeness: Math.floor(rng() * 11),
      day: (['good', 'mixed', 'hard'] as const)[Math.floor(rng() * 3)]!,
      note: {
        text: `check-in ${p.name} #${i} ${rng().toString(36).slice(2)} — “still here” ✓`,
        visibility: rng() < 0.5 ? 'private' : 'shared',
      },
    };
    const key = Ledger.checkinKey(p, date);
    const history = ledger.checkins.get(key) ?? [];
    ledger.checkins.set(key, history);
    const sent: SentCheckin = { value, ackedAt: null };
    history.push(sent);
    const what = `PUT check-in ${p.name} ${date}`;
    const outcome = await send(base, p, 'PUT', `/api/v1/spaces/${p.spaceId}/checkins/${date}`, value, ledger, round, what);
    if (outcome.kind === 'uncertain') return;
    if (outcome.answer.status === 200 || outcome.answer.status === 201) {
      sent.ackedAt = performance.now();
      ledger.ackedCheckins += 1;
    } else {
      ledger.unexpected.push(`${what}: ${outcome.answer.status} ${JSON.stringify(outcome.answer.body)}`);
    }
    if (options.pauseMs) await sleep(options.pauseMs);
  }
}

/** The hurt partner asks questions and logs triggers; the other answers questions already acknowledged. */
export async function entryWorker(
  base: string,
  p: Person,
  ledger: Ledger,
  rng: () => number,
  round: Round,
  options: WorkerOptions,
): Promise<void> {
  for (let i = 0; i < options.max && !round.stop; i++) {
    let body: { prompt: string; text: string; visibility: string; replyTo?: string };
    if (p.role === 'hurt') {
      body = {
        prompt: rng() < 0.7 ? 'question' : 'trigger',
        text: `entry ${p.name} #${i} ${rng().toString(36).slice(2)} — why? ¿por qué?`,
        visibility: 'shared',
      };
    } else {
      const questions = ledger.questions.get(p.journeyId) ?? [];
      if (questions.length === 0) {
        await sleep(20);
        continue;
      }
      body = {
        prompt: 'answer',
        text: `answer ${p.name} #${i} ${rng().toString(36).slice(2)}: the truth is…`,
        visibility: 'shared',
        replyTo: questions[Math.floor(rng() * questions.length)]!,
      };
    }
    const value: EntryValue = { journeyId: p.journeyId, author: p.id, prompt: body.prompt, text: body.text, visibility: body.visibility };
    const what = `POST entry ${p.name}`;
    const outcome = await send(base, p, 'POST', `/api/v1/journeys/${p.journeyId}/entries`, body, ledger, round, what);
    if (outcome.kind === 'uncertain') {
      ledger.uncertainEntries.push(value);
      return;
    }
    if (outcome.answer.status === 201) {
      const id = outcome.answer.body.entry.id as string;
      ledger.entries.set(id, { ...value, ackedAt: performance.now() });
      if (body.prompt === 'question') ledger.questions.set(p.journeyId, [...(ledger.questions.get(p.journeyId) ?? []), id]);
    } else {
      ledger.unexpected.push(`${what}: ${outcome.answer.status} ${JSON.stringify(outcome.answer.body)}`);
    }
    if (options.pauseMs) await sleep(options.pauseMs);
  }
}

/** Every person's two workers, running until `round.stop` or their bound. */
export function startWorkers(
  base: string,
  people: Person[],
  ledger: Ledger,
  rng: () => number,
  round: Round,
  options: WorkerOptions,
): Promise<void[]> {
  return Promise.all(
    people.flatMap((p) => [checkinWorker(base, p, ledger, rng, round, options), entryWorker(base, p, ledger, rng, round, options)]),
  );
}
