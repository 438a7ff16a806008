import { chosenNoteVisibility, VISIBILITY_NOT_CHOSEN, type NoteVisibility } from '../../core/visibility/index.js';
import { field } from '../../platform/http/form.js';

export interface WrittenNote {
  text: string;
  /** null: the author did not say who may read it; nothing is saved with a guess. */
  visibility: NoteVisibility | null;
}

/** An optional note from a form with the visibility its author picked, or null when none was written. */
export function writtenNote(fields: Record<string, string>, textName = 'note', visibilityName = 'visibility'): WrittenNote | null {
  const text = field(fields, textName).trim();
  return text === '' ? null : { text, visibility: chosenNoteVisibility(field(fields, visibilityName)) };
}

/** The form's problem when a note was written without a pick, under the choice's field name. */
export function unpickedProblem(note: WrittenNote | null, visibilityName = 'visibility'): Record<string, string> {
  return note?.visibility === null ? { [visibilityName]: VISIBILITY_NOT_CHOSEN } : {};
}
