'use client';
export * from './core/errors/index.js';
