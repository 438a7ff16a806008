import argon2, { type HashOptions } from 'argon2';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Config } from '../../platform/config.js';

/**
 * argon2id with the configured cost (never below OWASP's minimum; see config.ts). At most
 * `cost.concurrency` hashes run at once; the rest wait their turn here, so the memory the hashes
 * hold is bounded by `concurrency × memoryKiB` (issue #24), and waiting sign-ins keep no block.
 */
export class PasswordHasher {
  private readonly options: HashOptions;
  private readonly turn: LimitFunction;
  private dummyHash: Promise<string> | null = null;

  constructor(cost: Config['argon2']) {
    this.turn = pLimit(cost.concurrency);
    this.options = {
      type: argon2.argon2id,
      memoryCost: cost.memoryKiB,
      timeCost: cost.timeCost,
      parallelism: cost.parallelism,
    };
  }

  hash(password: string): Promise<string> {
    return this.turn(() => argon2.hash(password, { ...this.options, raw: false }));
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await this.turn(() => argon2.verify(hash, password));
    } catch {
      return false;
    }
  }

  /** Spends the same effort as a real check, so an unknown email takes as long as a wrong password. */
  async verifyNothing(password: string): Promise<false> {
    this.dummyHash ??= this.hash('mend-timing-equaliser');
    await this.verify(await this.dummyHash, password);
    return false;
  }

  /**
   * The key that wraps a person's personal key under their password (issue #23): argon2id with a
   * salt of its own, never the password hash's, so the stored hash gives nothing towards it.
   * `cost` is the "m,t,p" it was made with (kept beside the wrap); a new wrap uses the configured cost.
   */
  async wrappingKey(password: string, salt: Buffer, cost?: string): Promise<{ key: Buffer; cost: string }> {
    const [memoryCost, timeCost, parallelism] = cost
      ? cost.split(',').map(Number)
      : [this.options.memoryCost, this.options.timeCost, this.options.parallelism];
    const key = await this.turn(() =>
      argon2.hash(password, {
        type: argon2.argon2id,
        memoryCost: memoryCost!,
        timeCost: timeCost!,
        parallelism: parallelism!,
        salt,
        hashLength: 32,
        raw: true,
      }),
    );
    return { key, cost: [memoryCost, timeCost, parallelism].join(',') };
  }

  /** Hashes running and waiting, for a test of the bound. */
  get inFlight(): { running: number; waiting: number } {
    return { running: this.turn.activeCount, waiting: this.turn.pendingCount };
  }

  needsRehash(hash: string): boolean {
    try {
      return argon2.needsRehash(hash, this.options);
    } catch {
      return true;
    }
  }
}
