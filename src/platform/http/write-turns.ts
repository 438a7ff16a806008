import { AsyncResource } from 'node:async_hooks';

/**
 * How many requests that change something may start in one turn of the event loop before the
 * rest wait for the next turn. A check-in costs the loop about a millisecond (its request, its
 * sealing, its share of the group commit, its answer), so eight keep a turn near ten
 * milliseconds however many people save at once.
 */
export const WRITES_PER_TURN = 8;

/**
 * Writes take turns; reads never wait for them. Mend answers everyone on one event loop, so when
 * many people save at the same moment (an evening's check-ins), every write that arrived in one
 * turn of the loop used to run in that turn, with its group commit and its answer, and a person
 * who only opened their progress waited behind all of them — hundreds of milliseconds in a burst
 * of 400 (issue #24). Here a write starts at once while its turn has room; beyond
 * `perTurn`, it waits (in arrival order) for a later turn, and the reads that came in meanwhile
 * are answered first. A write is never refused and never reordered against another write, only
 * started a turn later; an idle server adds nothing (no timer, no promise on the way).
 */
export class WriteTurns {
  private startedThisTurn = 0;
  private readonly waiting: Array<() => void> = [];
  private turnEndScheduled = false;

  constructor(private readonly perTurn: number = WRITES_PER_TURN) {}

  /** Calls `start` now, or in a later turn of the loop when this one is full. */
  enter(start: () => void): void {
    this.scheduleTurnEnd();
    if (this.waiting.length === 0 && this.startedThisTurn < this.perTurn) {
      this.startedThisTurn++;
      start();
      return;
    }
    // Started from a later turn, it still runs in its own request's context (the person's held key).
    this.waiting.push(AsyncResource.bind(start));
  }

  /** Writes waiting for a turn (the metrics and the tests read it). */
  get queued(): number {
    return this.waiting.length;
  }

  private scheduleTurnEnd(): void {
    if (this.turnEndScheduled) return;
    this.turnEndScheduled = true;
    // setImmediate runs after the loop's poll phase: the reads read in this turn are already answered.
    setImmediate(() => this.nextTurn());
  }

  private nextTurn(): void {
    this.turnEndScheduled = false;
    this.startedThisTurn = 0;
    const starting = this.waiting.splice(0, this.perTurn);
    this.startedThisTurn = starting.length;
    // Counted before any starts: a start that enters again (it cannot today) would wait its turn.
    if (this.waiting.length > 0 || starting.length > 0) this.scheduleTurnEnd();
    for (const start of starting) start();
  }
}
