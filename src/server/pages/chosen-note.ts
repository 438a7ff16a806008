import { chosenNoteVisibility, VISIBILITY_NOT_CHOSEN, type NoteVisibility } from '../../core/visibility/index.js';
import { field } from './form.js';

/**
 * An optional note from a form, with the visibility its author picked. A note written without a
 * pick is not saved with a guess: `error` names the field to send the form back with.
 */
export function chosenNote(fields: Record<string, string>, textName = 'note', visibilityName = 'visibility'): { note: { text: string; visibility: NoteVisibility } | null; errors: Record<string, string> } {
  const text = field(fields, textName).trim();
  if (text === '') return { note: null, errors: {} };
  const visibility = chosenNoteVisibility(field(fields, visibilityName));
  return visibility === null ? { note: null, errors: { [visibilityName]: VISIBILITY_NOT_CHOSEN } } : { note: { text, visibility }, errors: {} };
}
