export * from './errors/index.js';
export * from './felt.js';
