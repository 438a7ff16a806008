/**
 * The coach's trained weights as their own module: the coach island imports it only when a
 * coached box is first used, so pages without one — and the first paint of pages with one —
 * never download it (docs/coach.md).
 */
export { COACH_MODELS } from '../../../core/coach/model-weights.js';
