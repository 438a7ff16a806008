import { APOLOGY_COMPONENTS, type ApologyComponent } from '../apology-components.js';

/**
 * The apology builder (step 2): one text box per component, assembled into the apology that is
 * delivered. Asking forgiveness is optional — and only ever asked, never demanded (the language
 * coach checks the wording).
 */
export type ApologyParts = Partial<Record<ApologyComponent, string>>;

/** The components the builder asks for; `forgiveness` is the optional last one. */
export const REQUIRED_APOLOGY_PARTS: readonly ApologyComponent[] = APOLOGY_COMPONENTS.filter((c) => c !== 'forgiveness');

/** Required parts still empty, in builder order. */
export function missingApologyParts(parts: ApologyParts): ApologyComponent[] {
  return REQUIRED_APOLOGY_PARTS.filter((c) => (parts[c] ?? '').trim() === '');
}

/** The apology's text: the filled parts in builder order, one paragraph each. */
export function assembleApology(parts: ApologyParts): string {
  return APOLOGY_COMPONENTS.map((c) => (parts[c] ?? '').trim())
    .filter((t) => t !== '')
    .join('\n\n');
}
