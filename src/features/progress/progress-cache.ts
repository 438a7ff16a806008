import { LRUCache } from 'lru-cache';
import type { SpaceView } from '../spaces/index.js';
import type { Progress } from './progress.js';

/** A viewer's progress as computed at one revision of their space. Shared between requests: read-only. */
export interface CachedProgress {
  readonly revision: number;
  readonly view: SpaceView;
  readonly progress: Progress;
  /** What is made from the result once and sent many times (the API's JSON, the page's HTML), by name. */
  readonly derived: Map<string, unknown>;
}

/** `make()` once per entry; later requests served by the same entry get the same value. */
export function derivedFrom<T>(entry: CachedProgress, name: string, make: () => T): T {
  if (!entry.derived.has(name)) entry.derived.set(name, make());
  return entry.derived.get(name) as T;
}

/** Who sees the result: one viewer (their private notes and flags are in it), in one role, on one local day. */
export interface ProgressKey {
  spaceId: string;
  viewerId: string;
  role: string;
  today: string;
}

/**
 * Entries kept per process by default. One entry for a year of data, with the API's JSON and the
 * page's body made, is about 250 KiB (docs/performance.md), so this is about 64 MiB at most: the
 * partners and therapists of some hundred spaces busy on the same day.
 */
export const PROGRESS_CACHE_ENTRIES = 256;

/**
 * Per-process memory of computed progress. An entry is served only while the space's revision
 * (kept by the database's triggers, migration 0005) is the one it was computed at, so a write
 * through any process, any write path, invalidates it; nothing is pushed between processes.
 * Keys are per viewer: one viewer's entry is never served to another.
 */
export class ProgressCache {
  private readonly entries: LRUCache<string, CachedProgress>;
  /** Computations under way, so a burst of requests for one key computes once. */
  private readonly pending = new Map<string, Promise<CachedProgress>>();

  constructor(maxEntries = PROGRESS_CACHE_ENTRIES) {
    this.entries = new LRUCache({ max: maxEntries });
  }

  static key(k: ProgressKey): string {
    return JSON.stringify([k.spaceId, k.viewerId, k.role, k.today]);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The entry for `key` computed at exactly `revision`, or undefined. */
  get(key: string, revision: number): CachedProgress | undefined {
    const hit = this.entries.get(key);
    return hit?.revision === revision ? hit : undefined;
  }

  /** Keeps `entry` unless a newer revision is already kept (a slow request must not undo a fresh one). */
  set(key: string, entry: CachedProgress): void {
    const kept = this.entries.peek(key);
    if (kept && kept.revision > entry.revision) return;
    this.entries.set(key, entry);
  }

  /** The entry at `revision`, computing it once however many requests ask at the same time. */
  async getOrCompute(
    key: string,
    revision: number,
    compute: () => Promise<Pick<CachedProgress, 'view' | 'progress'>>,
  ): Promise<CachedProgress> {
    const hit = this.get(key, revision);
    if (hit) return hit;
    const flight = `${revision}:${key}`;
    const running = this.pending.get(flight);
    if (running) return running;
    const promise = (async () => {
      try {
        const entry: CachedProgress = { revision, ...(await compute()), derived: new Map() };
        this.set(key, entry);
        return entry;
      } finally {
        this.pending.delete(flight);
      }
    })();
    this.pending.set(flight, promise);
    return promise;
  }
}
