// Run after `npm run build`: a plain Node ESM script imports the built package by name.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  computeSessionInvokeHash,
  SESSION_KEY_MANAGER_INTERFACE_ID,
  signSessionInvoke,
} from 'starknet-sessions/core';

const vectors = JSON.parse(readFileSync(new URL('../vectors/session-vectors.json', import.meta.url), 'utf8'));
const { input } = vectors.invoke;
const params = {
  accountAddress: input.account,
  chainId: input.chainId,
  nonce: input.nonce,
  validUntil: input.validUntil,
  calls: input.calls.map((c) => ({ contractAddress: c.to, entrypoint: c.selector, calldata: c.calldata })),
};
assert.equal(computeSessionInvokeHash(params), vectors.invoke.sessionMessageHash);
assert.deepEqual(
  signSessionInvoke({ ...params, privateKey: vectors.sessionPrivateKey }),
  vectors.invoke.signature,
);
assert.match(SESSION_KEY_MANAGER_INTERFACE_ID, /^0x37ab4f/);
console.log('smoke: starknet-sessions/core imports and signs from plain Node');
