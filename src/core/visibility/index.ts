/** The one authorization policy for what each viewer may see (SPEC sections 3, 6, 7). */
export * from './text-visibility.js';
export * from './viewer.js';
export * from './access.js';
export * from './subjects.js';
export * from './entry-access.js';
export * from './entry-reach.js';
export * from './item-access.js';
export * from './checkin-numbers.js';
export * from './decide.js';
export * from './filter-visible.js';
export * from './notifications.js';
export * from './export-view.js';
export * from './chosen.js';
