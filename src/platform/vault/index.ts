export * from './errors.js';
export * from './keyring.js';
export * from './env-keyring.js';
export * from './key-file.js';
export * from './load-keyring.js';
export * from './field-cipher.js';
export * from './blind-index.js';
export * from './field-binding.js';
