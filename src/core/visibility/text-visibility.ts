/**
 * The visibility an author chooses for a text (SPEC section 3):
 * - `private`: the author alone;
 * - `shared`: both partners, and a therapist while their access is active;
 * - `sealed`: paired prompts only; hidden from the partner until the partner has submitted their
 *   own entry for the same prompt, then open to both at once.
 */
export const VISIBILITIES = ['private', 'shared', 'sealed'] as const;

export type Visibility = (typeof VISIBILITIES)[number];

/** Texts outside paired prompts (notes, breach descriptions) are only private or shared. */
export type NoteVisibility = Exclude<Visibility, 'sealed'>;

export function isVisibility(value: string): value is Visibility {
  return (VISIBILITIES as readonly string[]).includes(value);
}
