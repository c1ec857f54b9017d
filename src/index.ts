'use client';
export * from './components/index.js';
// The component and core's status type share the name: this one export carries both meanings.
export { SessionStatus } from './components/index.js';
export * from './core/index.js';
export * from './query/index.js';
export * from './react/index.js';
