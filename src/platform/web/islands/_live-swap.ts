/**
 * The event the `live` island sends on a section it has just swapped in (it bubbles), so other
 * islands can take up the new markup — the coach attaches to text boxes that arrived this way.
 * A name shared through this module (not an entry point: build-web skips `_` files) so the two
 * bundles cannot drift apart.
 */
export const LIVE_SWAPPED = 'mend:live-swapped';
