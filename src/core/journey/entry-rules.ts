import type { Visibility } from '../visibility/text-visibility.js';
import { isAfterCheating } from './breach-kind.js';
import { type Decision, deny } from './decision.js';
import type { JourneyFacts } from './facts.js';
import { isStepOpenFor } from './journey-status.js';
import { PROMPTS, type PromptKey } from './prompts.js';
import { didBreakTrust, wasHurt } from './roles.js';

/**
 * Who may write, re-share and delete journey entries (SPEC sections 1 and 3).
 * - A private entry may become shared; a shared entry never becomes private again; sealed
 *   entries stay sealed (they open by the pair rule, not by a change of visibility).
 * - Every visibility change also respects the prompt: a forgiveness reflection stays private.
 * - An author may delete their own entry, whatever its visibility.
 */
export type EntryRefusal =
  | 'not_a_partner'
  | 'wrong_role'
  | 'only_after_cheating'
  | 'step_locked'
  | 'visibility_not_allowed'
  | 'already_written'
  | 'reply_required'
  | 'reply_target_invalid'
  | 'not_author'
  | 'visibility_change_not_allowed';

export interface NewEntry {
  readonly prompt: PromptKey;
  readonly visibility: Visibility;
  /** Answers and trigger responses name the entry they reply to. */
  readonly replyTo?: string | null;
}

/** May `authorId` write this entry in this journey at `now`? */
export function canWriteEntry(facts: JourneyFacts, authorId: string, entry: NewEntry, now: string | Date): Decision<EntryRefusal> {
  const rule = PROMPTS[entry.prompt];
  if (!facts.partnerIds.includes(authorId)) return deny('not_a_partner');
  if (rule.afterCheatingOnly && !isAfterCheating(facts.kind)) return deny('only_after_cheating');
  if (rule.writer === 'hurt' && !wasHurt(facts, authorId)) return deny('wrong_role');
  if (rule.writer === 'broke_trust' && !didBreakTrust(facts, authorId)) return deny('wrong_role');
  if (!rule.visibilities.includes(entry.visibility)) return deny('visibility_not_allowed');
  if (!rule.openFromStart && !isStepOpenFor(facts, authorId, rule.step, now)) return deny('step_locked');
  if (rule.sealedPair && facts.entries.some((e) => e.prompt === entry.prompt && e.authorId === authorId)) {
    return deny('already_written');
  }
  if (rule.repliesTo === null) {
    return entry.replyTo == null ? { ok: true } : deny('reply_target_invalid');
  }
  if (entry.replyTo == null) return deny('reply_required');
  const target = facts.entries.find((e) => e.id === entry.replyTo);
  // The target must be the other partner's entry of the right prompt (never one's own question).
  if (!target || target.prompt !== rule.repliesTo || target.authorId === authorId || target.visibility !== 'shared') {
    return deny('reply_target_invalid');
  }
  return { ok: true };
}

/** The visibility transitions SPEC section 3 allows, regardless of prompt. */
export function canChangeVisibility(from: Visibility, to: Visibility): boolean {
  if (from === to) return true;
  return from === 'private' && to === 'shared';
}

export interface ExistingEntry {
  readonly authorId: string;
  readonly prompt: PromptKey;
  readonly visibility: Visibility;
}

/** May `by` change this entry's visibility to `to`? Only its author, along an allowed transition. */
export function canChangeEntryVisibility(entry: ExistingEntry, to: Visibility, by: string): Decision<EntryRefusal> {
  if (entry.authorId !== by) return deny('not_author');
  if (!canChangeVisibility(entry.visibility, to)) return deny('visibility_change_not_allowed');
  if (!PROMPTS[entry.prompt].visibilities.includes(to)) return deny('visibility_not_allowed');
  return { ok: true };
}

/** May `by` delete this entry? Its author may, always. */
export function canDeleteEntry(entry: Pick<ExistingEntry, 'authorId'>, by: string): Decision<EntryRefusal> {
  return entry.authorId === by ? { ok: true } : deny('not_author');
}
