export * from './library.js';
export * from './phase.js';
export * from './choose.js';
export * from './pair.js';
