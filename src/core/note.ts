/** Who may read a note a person wrote: only its author, or their partner too (never chosen for them). */
export type NoteVisibility = 'private' | 'shared';

/** A note as kept, opened: its words and who may read them. */
export interface StoredNote {
  text: string;
  visibility: NoteVisibility;
}
