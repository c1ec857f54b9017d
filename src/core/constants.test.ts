import { hash, TypedDataRevision, typedData } from 'starknet';
import { outsideExecutionTypes } from '../../test/helpers/outsideExecution.js';
import { loadVectors } from '../../test/vectors/load.js';
import {
  ACCOUNT_SELECTORS,
  ADMIN_SELECTORS,
  ANY_CALLER,
  CALL_TYPE_HASH,
  OUTSIDE_EXECUTION_DOMAIN_NAME,
  OUTSIDE_EXECUTION_TYPE_HASH_FELT,
  OUTSIDE_EXECUTION_TYPE_HASH_U128,
  SESSION_EVENT_SELECTORS,
  SESSION_KEY_MANAGER_INTERFACE_ID,
  SESSION_KEY_MANAGER_SELECTORS,
  SPENDING_TRACKED_SELECTORS,
  STARKNET_DOMAIN_TYPE_HASH,
  STARKNET_MESSAGE_PREFIX,
} from './constants.js';
import { encodeShortString } from './felt.js';

const hex = (n: bigint) => `0x${n.toString(16)}`;
const sel = (name: string) => hex(BigInt(hash.getSelectorFromName(name)));
const { vectors } = loadVectors();

describe('constants are what the contract computes', () => {
  it('every selector table value is sn_keccak of its name', () => {
    for (const table of [
      ACCOUNT_SELECTORS,
      ADMIN_SELECTORS,
      SPENDING_TRACKED_SELECTORS,
      SESSION_EVENT_SELECTORS,
    ]) {
      for (const [name, value] of Object.entries(table)) expect(value, name).toBe(sel(name));
    }
  });

  it('ACCOUNT_SELECTORS holds the three session-manager entrypoints', () => {
    expect(ACCOUNT_SELECTORS).toMatchObject(SESSION_KEY_MANAGER_SELECTORS);
  });

  it('ADMIN_SELECTORS lists exactly the 9 entries of the v33 blocklist', () => {
    expect(Object.keys(ADMIN_SELECTORS).sort()).toEqual(
      [
        'upgrade',
        'add_or_update_session_key',
        'revoke_session_key',
        '__execute__',
        'set_public_key',
        'setPublicKey',
        'execute_from_outside_v2',
        'set_spending_policy',
        'remove_spending_policy',
      ].sort(),
    );
  });

  it('the session manager interface id is the XOR of its three selectors', () => {
    const xor = Object.values(SESSION_KEY_MANAGER_SELECTORS).reduce((acc, s) => acc ^ BigInt(s), 0n);
    expect(hex(xor)).toBe(SESSION_KEY_MANAGER_INTERFACE_ID);
  });

  it('shortstrings match the vectors', () => {
    expect(ANY_CALLER).toBe(vectors.constants.ANY_CALLER);
    expect(STARKNET_MESSAGE_PREFIX).toBe(vectors.constants.StarkNetMessage);
    expect(OUTSIDE_EXECUTION_DOMAIN_NAME).toBe(vectors.constants.name);
    expect(hex(encodeShortString('ANY_CALLER'))).toBe(ANY_CALLER);
  });

  it('SNIP-12 revision 1 type hashes match starknet.js for the declared types', () => {
    const types = outsideExecutionTypes;
    const rev1 = TypedDataRevision.ACTIVE;
    expect(hex(BigInt(typedData.getTypeHash(types('u128'), 'StarknetDomain', rev1)))).toBe(
      STARKNET_DOMAIN_TYPE_HASH,
    );
    expect(hex(BigInt(typedData.getTypeHash(types('u128'), 'Call', rev1)))).toBe(CALL_TYPE_HASH);
    expect(hex(BigInt(typedData.getTypeHash(types('u128'), 'OutsideExecution', rev1)))).toBe(
      OUTSIDE_EXECUTION_TYPE_HASH_U128,
    );
    expect(hex(BigInt(typedData.getTypeHash(types('felt'), 'OutsideExecution', rev1)))).toBe(
      OUTSIDE_EXECUTION_TYPE_HASH_FELT,
    );
  });
});
