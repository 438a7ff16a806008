import type { PromptKey } from '../journey/prompts.js';
import type { NoteVisibility, Visibility } from './text-visibility.js';

/**
 * Everything a visibility decision can be about, as a tagged union. Items carry only the facts
 * the decision needs; the store's rows may carry more (the decision functions are generic).
 */
export interface EntrySubject {
  readonly kind: 'entry';
  readonly id: string;
  readonly journeyId: string;
  readonly authorId: string;
  readonly prompt: PromptKey;
  readonly visibility: Visibility;
  readonly createdAt?: string;
}

/**
 * A piece of text outside journey entries: a check-in note, an agreement-log note, a reassurance
 * note, a meeting note, a breach description, an apology (shared once delivered, its author's alone
 * while a draft). Only private or shared; a stored `sealed` here is
 * treated as private (fail closed).
 */
export interface NoteSubject {
  readonly kind: 'checkin_note' | 'agreement_log_note' | 'reassurance_note' | 'meeting_note' | 'breach_description' | 'apology';
  readonly id: string;
  readonly authorId: string;
  readonly visibility: NoteVisibility | 'sealed';
}

/**
 * Records without free text: that a check-in exists, agreements, their log entries, breach records,
 * who joined the space, a journey (its steps, as the rules compute them from what each may see).
 */
export interface RecordSubject {
  readonly kind: 'checkin' | 'agreement' | 'agreement_log' | 'breach' | 'progress' | 'membership' | 'journey';
  readonly id: string;
}

/**
 * One person's check-in numbers (safety, trust, closeness, the day's mark), apart from the fact
 * that they checked in. `shared` is the owner's choice; null means never asked, read as not shared.
 */
export interface CheckinNumbersSubject {
  readonly kind: 'checkin_numbers';
  readonly id: string;
  readonly ownerId: string;
  readonly shared: boolean | null;
}

export interface RedFlagSubject {
  readonly kind: 'red_flag';
  readonly id: string;
  /** Drawn from data only its owner may see (e.g. their private notes). */
  readonly fromPrivateData: boolean;
  /** The partner whose private data it was drawn from; required when fromPrivateData. */
  readonly ownerId: string | null;
}

export interface SafetyScreeningSubject {
  readonly kind: 'safety_screening';
  readonly id: string;
  readonly ownerId: string;
}

export type Subject = EntrySubject | NoteSubject | RecordSubject | CheckinNumbersSubject | RedFlagSubject | SafetyScreeningSubject;

/** What a partner receives instead of a sealed entry they may not open yet (API.md). */
export interface SealedStub {
  readonly kind: 'entry';
  readonly id: string;
  readonly journeyId: string;
  readonly authorId: string;
  readonly prompt: PromptKey;
  readonly sealed: true;
}
