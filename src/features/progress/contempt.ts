import { LRUCache } from 'lru-cache';
import { analyzeMessage } from '../../core/coach/index.js';
import type { WrittenMessage } from './facts-store.js';

/** Coach finding types that count as contempt for the red flag: contempt itself and name-calling. */
export const CONTEMPT_TYPES = new Set(['contempt', 'insult']);

/**
 * Messages whose finding is remembered. A month of a busy couple's writing is a few hundred
 * messages; each entry is its key (≈ 150 bytes) and a boolean, so this is a few MiB at most.
 */
export const REMEMBERED_MESSAGES = 20_000;

/**
 * Whether each message shows contempt, for the red-flag rule: the coach reads a message once,
 * and afterwards its finding — a boolean, never the text — is remembered by the message's
 * sealing (`WrittenMessage.sealed`: an edited text or a changed visibility is sealed again, under
 * a new one). A cold progress view then opens only what was written since the last one
 * (issue #24), and no text is read that was not read before.
 */
export class ContemptFindings {
  private readonly found = new LRUCache<string, boolean>({ max: REMEMBERED_MESSAGES });

  /** The messages that could be read, each with its finding; one that fails its check is left out. */
  of(messages: readonly WrittenMessage[]): Array<{ message: WrittenMessage; contempt: boolean }> {
    const out: Array<{ message: WrittenMessage; contempt: boolean }> = [];
    for (const message of messages) {
      let contempt = this.found.get(message.sealed);
      if (contempt === undefined) {
        const text = message.open();
        if (text === null) continue;
        contempt = analyzeMessage(text).findings.some((f) => CONTEMPT_TYPES.has(f.type));
        this.found.set(message.sealed, contempt);
      }
      out.push({ message, contempt });
    }
    return out;
  }
}
