export * from './catalogue.js';
export * from './guide-schema.js';
