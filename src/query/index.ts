export * from './keys.js';
export * from './options.js';
export * from './sessionRequest.js';
