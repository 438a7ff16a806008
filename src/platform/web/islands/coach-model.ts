/**
 * The coach's trained model — its weights and the code that reads them — as their own module:
 * the coach island imports it only when a coached box is first used, so pages without one, and
 * the first paint of pages with one, never download it (docs/coach.md). Until then the island's
 * rules answer alone. The message rules of round 14 come with it (model-rules.ts).
 */
import { readerFor } from '../../../core/coach/model.js';
import { COACH_MODELS } from '../../../core/coach/model-weights.js';

export const COACH_MODEL = readerFor(COACH_MODELS);
export { withModelRules } from '../../../core/coach/model-rules.js';
