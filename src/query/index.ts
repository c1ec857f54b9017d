export * from './keys.js';
export * from './options.js';
