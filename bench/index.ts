/**
 * `npm run bench`: every benchmark Mend has, one after another, printed as a table. Figures are
 * recorded in the docs by hand; tests never assert timings.
 */
import { runCoachBench } from './coach.js';

const coach = runCoachBench();
console.log('Gentle-language coach, 1 KB texts, analyses per second on one core:');
console.table(coach);
