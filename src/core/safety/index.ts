export * from './questions.js';
export * from './validate.js';
export * from './score.js';
export * from './schedule.js';
export * from './resources.js';
export * from './messages.js';
export * from './time-zone-country.js';
export * from './therapist-directories.js';
