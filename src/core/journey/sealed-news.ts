import type { JourneyFacts } from './facts.js';
import { PROMPTS, type PromptKey } from './prompts.js';
import { sealedPairOpen } from './sealed-pair.js';

/**
 * What a sealed half just written tells the other partner, read from the journey's facts before
 * and after the write (no text):
 * - the pair is still closed: each other partner learns that a half exists, nothing more — "write
 *   yours to open both" (the partner's journey page shows the same fact as a stub);
 * - the write opened the pair: the partner whose half was waiting learns both are open now;
 * - a half written again into a pair that opened before (its author had deleted theirs): nothing.
 *   It is read at once, and it asks nothing of anyone.
 * Nobody in a space with one partner is told anything.
 */
export interface SealedNews {
  readonly type: 'sealed_half_written' | 'sealed_pair_opened';
  readonly recipients: readonly string[];
}

const sealedHalves = (facts: JourneyFacts, prompt: PromptKey) =>
  facts.entries.filter((e) => e.prompt === prompt && e.visibility === 'sealed');
const opened = (facts: JourneyFacts, prompt: PromptKey) =>
  (facts.openedPairs ?? []).includes(prompt) || sealedPairOpen(sealedHalves(facts, prompt), prompt);

export function sealedHalfNews(before: JourneyFacts, after: JourneyFacts, prompt: PromptKey, actorId: string): SealedNews | null {
  if (!PROMPTS[prompt].sealedPair) return null;
  const wrote = (facts: JourneyFacts) => sealedHalves(facts, prompt).some((e) => e.authorId === actorId);
  if (wrote(before) || !wrote(after)) return null;
  if (opened(before, prompt)) return null;
  const others = after.partnerIds.filter((id) => id !== actorId);
  if (others.length === 0) return null;
  if (!opened(after, prompt)) return { type: 'sealed_half_written', recipients: others };
  const waiting = new Set(sealedHalves(after, prompt).map((e) => e.authorId));
  const recipients = others.filter((id) => waiting.has(id));
  return recipients.length > 0 ? { type: 'sealed_pair_opened', recipients } : null;
}
