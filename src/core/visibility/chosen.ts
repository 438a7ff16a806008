import type { NoteVisibility, Visibility } from './text-visibility.js';

/**
 * Said beside a visibility choice left unanswered. Nothing is chosen for the author in advance: a
 * default would decide, unasked, whether the partner reads what they wrote.
 */
export const VISIBILITY_NOT_CHOSEN = 'Choose who can read this: only you, or your partner too.';

/**
 * The visibility a text is saved with: the author's answer, or — only when a single one is
 * allowed, so there is nothing to choose — that one. `null` when the author had a choice and did
 * not make it; whether an answer is allowed is the caller's rule to check.
 */
export function chosenVisibility<V extends Visibility>(allowed: readonly V[], answer: V | undefined): V | null {
  if (answer !== undefined) return answer;
  return allowed.length === 1 ? allowed[0]! : null;
}

/** A form's answer (a string, '' when nothing was picked) read against what is allowed. */
export function answeredVisibility<V extends Visibility>(allowed: readonly V[], raw: string): V | undefined {
  return (allowed as readonly string[]).includes(raw) ? (raw as V) : undefined;
}

/** Notes (breach descriptions, log, reassurance and meeting notes) are private or shared. */
export const NOTE_VISIBILITIES: readonly NoteVisibility[] = ['private', 'shared'];

/** A note's visibility from a form's answer: `null` when the author picked neither. */
export function chosenNoteVisibility(raw: string): NoteVisibility | null {
  return chosenVisibility(NOTE_VISIBILITIES, answeredVisibility(NOTE_VISIBILITIES, raw));
}
