import { hasBidiControl } from './bidi.js';

/**
 * What is wrong with a name a person gives (their own, a space's), in words beside the field, or
 * undefined. `name` is already trimmed. Counted in characters (code points), as the API counts.
 */
export function nameProblem(name: string, max: number, whenEmpty: string): string | undefined {
  if (name === '') return whenEmpty;
  if ([...name].length > max) return `Use at most ${max} characters.`;
  if (hasBidiControl(name)) return 'Remove the hidden direction marks (they can make the words around a name read in another order).';
  return undefined;
}
