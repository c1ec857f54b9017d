// Fixed inputs for stories and visual tests: one clock, one time zone, one locale, so every render
// (and screenshot) is the same on every machine.

import type { SessionStatusData } from '../src/components/index.js';
import type { SessionSpendState, SessionStatus, SessionSummary } from '../src/core/actions/index.js';
import type { SessionPolicy } from '../src/core/policy.js';

/** 2026-01-01T00:00:00Z */
export const NOW = 1_767_225_600;
export const LOCALE = 'en-US';
export const TIME_ZONE = 'UTC';

export const GAME = '0x04a1e4c6d3f6a2b9d39e6a0f6c1c5f1a2d4b7c3e9f8a6b5c4d3e2f1a0b9c8d7e';
export const USDC = '0x033068f6539f8e6e6b131e6b2b814e6c34a5224bc66947c47dab9dfee93b35fb';
export const STRK = '0x04718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938d';

export const TOKENS = [
  { address: USDC, symbol: 'USDC', decimals: 6 },
  { address: STRK, symbol: 'STRK', decimals: 18 },
];

export const gamePolicy: SessionPolicy = {
  actions: [
    { entrypoint: 'attack', contractAddress: GAME, label: 'Attack a monster', contractLabel: 'Dragon Game' },
    { entrypoint: 'move', contractAddress: GAME, label: 'Move your hero', contractLabel: 'Dragon Game' },
    { entrypoint: 'claim_loot', contractAddress: GAME, label: 'Claim loot', contractLabel: 'Dragon Game' },
  ],
  durationSeconds: 4 * 3600,
  maxCalls: 200,
};

export const shopPolicy: SessionPolicy = {
  actions: [
    {
      entrypoint: 'buy_item',
      contractAddress: GAME,
      label: 'Buy items in the shop',
      contractLabel: 'Dragon Game',
    },
    { entrypoint: 'transfer', contractAddress: USDC, label: 'Pay in USDC', contractLabel: 'USDC' },
  ],
  durationSeconds: 24 * 3600,
  maxCalls: 50,
  spendingLimits: [
    { token: USDC, symbol: 'USDC', decimals: 6, maxPerCall: '5', maxPerWindow: '25', windowSeconds: 86400 },
  ],
};

/** Gas-token mode: the paymaster's fee transfer must be allowed, and STRK gets a cap. */
export const gasTokenPolicy: SessionPolicy = {
  actions: [
    ...gamePolicy.actions,
    { entrypoint: 'transfer', label: 'Pay network fees', contractLabel: 'STRK' },
  ],
  durationSeconds: 3600,
  maxCalls: 100,
  spendingLimits: [
    { token: STRK, symbol: 'STRK', decimals: 18, maxPerCall: '2', maxPerWindow: '10', windowSeconds: 3600 },
  ],
};

export const anyActionPolicy: SessionPolicy = {
  actions: [],
  allowAnyAction: true,
  durationSeconds: 7 * 86400,
  maxCalls: 1000,
};

const spend = (left: bigint, resetIn: number): SessionSpendState => ({
  token: USDC,
  maxPerCall: 5_000_000n,
  maxPerWindow: 25_000_000n,
  windowSeconds: 86400,
  spentInWindow: 25_000_000n - left,
  left,
  windowStart: NOW + resetIn - 86400,
  nextResetAt: NOW + resetIn,
});

const base = { maxCalls: 50, spending: [] as SessionSpendState[] };

/** One state per status, as useSession().data would give it. */
export const statusStates: Record<SessionStatus, SessionStatusData> = {
  none: { status: 'none', expiresAt: undefined, maxCalls: 0, callsUsed: 0 },
  pending: { ...base, status: 'pending', expiresAt: NOW + 24 * 3600, callsUsed: 0 },
  active: {
    status: 'active',
    expiresAt: NOW + 5 * 3600 + 42 * 60,
    maxCalls: 50,
    callsUsed: 12,
    spending: [spend(17_500_000n, 9 * 3600)],
  },
  expiring: {
    status: 'expiring',
    expiresAt: NOW + 4 * 60 + 12,
    maxCalls: 50,
    callsUsed: 31,
    spending: [spend(2_250_000n, 2 * 3600)],
  },
  expired: { ...base, status: 'expired', expiresAt: NOW - 15 * 60, callsUsed: 27 },
  exhausted: {
    status: 'exhausted',
    expiresAt: NOW + 2 * 3600,
    maxCalls: 50,
    callsUsed: 50,
    spending: [spend(0n, 40 * 60)],
  },
  revoked: { ...base, status: 'revoked', expiresAt: NOW + 3 * 3600, callsUsed: 8 },
};

const KEYS = [
  '0x5b2cf0e0a1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f4e5d6c7b',
  '0x1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80',
  '0x7e9d1c3b5a79e8d6c4b2a0f1e3d5c7b9a8f6e4d2c0b1a3f5e7d9c8b6a4f2e0d',
  '0x2c4e6a8b0d1f3e5c7a9b8d6f4e2c0a1b3d5f7e9c8a6b4d2f0e1c3a5b7d9f8e6',
];

const summary = (i: number, status: SessionStatus, fields: Partial<SessionSummary> = {}) => ({
  publicKey: KEYS[i]!,
  status,
  expiresAt: NOW + 3600,
  maxCalls: 50,
  callsUsed: 0,
  createdAt: NOW - 600,
  ...fields,
});
export const sessionList = [
  summary(0, 'active', { expiresAt: NOW + 3 * 3600, callsUsed: 12, createdAt: NOW - 1800 }),
  summary(1, 'expiring', { expiresAt: NOW + 240, callsUsed: 44, createdAt: NOW - 86000 }),
  summary(2, 'expired', { expiresAt: NOW - 86400, callsUsed: 20, maxCalls: 20, createdAt: NOW - 3 * 86400 }),
  summary(3, 'revoked', { expiresAt: NOW + 86400, callsUsed: 2, createdAt: NOW - 2 * 86400 }),
];
