import argon2, { type HashOptions } from 'argon2';
import type { Config } from '../../platform/config.js';

/** argon2id with the configured cost (never below OWASP's minimum; see config.ts). */
export class PasswordHasher {
  private readonly options: HashOptions;
  private dummyHash: Promise<string> | null = null;

  constructor(cost: Config['argon2']) {
    this.options = {
      type: argon2.argon2id,
      memoryCost: cost.memoryKiB,
      timeCost: cost.timeCost,
      parallelism: cost.parallelism,
    };
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, { ...this.options, raw: false });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
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

  needsRehash(hash: string): boolean {
    try {
      return argon2.needsRehash(hash, this.options);
    } catch {
      return true;
    }
  }
}
