/**
 * The demo's reload, in real Chromium: the testnet persists to window.localStorage and a new
 * testnet created with the same storage (as after a page reload) still has the session.
 */
import { describe, expect, it } from 'vitest';
import { starkPublicKey } from '../src/core/crypto/ecdsa.js';
import { createTestnet } from '../src/testing/index.js';
import { hex } from './helpers/testnet.js';

const HOUR = 1_767_222_000;

describe('a testnet persisted to localStorage', () => {
  it('comes back after a reload with the session on chain', async () => {
    const key = 'starknet-sessions:testnet:browser-test';
    window.localStorage.removeItem(key);
    const persist = { storage: window.localStorage, key };
    const tn = createTestnet({ startTime: HOUR + 100, accounts: 1, persist });
    const pk = hex(starkPublicKey(0x5e55n));
    const user = tn.accounts[0]!.address;
    await tn.account(0).execute([
      {
        contractAddress: user,
        entrypoint: 'add_or_update_session_key',
        calldata: [pk, HOUR + 7200, 10, 0],
      },
    ]);
    tn.advanceTime(30);
    await Promise.resolve();

    const reloaded = createTestnet({ startTime: HOUR + 5000, accounts: 1, persist });
    expect(reloaded.now()).toBe(HOUR + 130);
    expect(reloaded.getSessionData(0, pk)).toMatchObject({ validUntil: HOUR + 7200, maxCalls: 10 });
    expect(reloaded.transactions()).toEqual(tn.transactions());
    expect(window.localStorage.getItem(key)).toBe(tn.exportState());
    window.localStorage.removeItem(key);
  });
});
