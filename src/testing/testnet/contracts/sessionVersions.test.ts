/**
 * Each version's model follows that version's rules (spec/account-versions.md §2–§5). Signatures are
 * made with the library's primitives and checked by the model on its own path.
 */
import { hash } from 'starknet';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  addSession,
  hex,
  type RawCall,
  selector,
  sendSessionInvoke,
} from '../../../../test/helpers/testnet.js';
import { signHash, starkPublicKey } from '../../../core/crypto/ecdsa.js';
import { computeOutsideExecutionHash } from '../../../core/hash.js';
import { createTestnet, type Testnet } from '../../index.js';
import type { SessionAccountVersion } from './sessionVersions.js';

const HOUR = 1_767_222_000;
const T0 = HOUR + 100;
const KEY = 0x1234567890abcdef1234567890abcdefn;
const PK = hex(starkPublicKey(KEY));
const VALID_UNTIL = HOUR + 10 * 3600;
const ANY_CALLER = '0x414e595f43414c4c4552';

let tn: Testnet;
let user: string;
let userIndex: number;

function deploy(version: SessionAccountVersion) {
  tn = createTestnet({ startTime: T0, accounts: 1 }); // accounts[0]: a v33 relayer
  user = tn.addAccount({ kind: `session-${version}` }).address;
  userIndex = tn.accounts.findIndex((a) => a.address === user);
}

const attack = (): RawCall => ({ to: tn.game, entrypoint: 'attack', calldata: [7] });
const onSelf = (entrypoint: string, calldata: (bigint | number | string)[] = []): RawCall => ({
  to: user,
  entrypoint,
  calldata,
});

interface OeOptions {
  calls?: RawCall[];
  caller?: string;
  after?: number;
  before?: number;
  timestamps?: 'u128' | 'felt';
  validUntil?: bigint;
  nonce?: bigint;
}

/** An outside execution signed by the session key, relayed by accounts[0]; resolves to the error text or 'ok'. */
async function outside(o: OeOptions = {}): Promise<string> {
  const calls = o.calls ?? [attack()];
  const oe = {
    caller: o.caller ?? '0x0',
    nonce: hex(o.nonce ?? 0x77n),
    executeAfter: o.after ?? tn.now() - 60,
    executeBefore: o.before ?? tn.now() + 600,
    calls: calls.map((c) => ({
      contractAddress: c.to,
      entrypoint: c.entrypoint,
      calldata: (c.calldata ?? []).map(String),
    })),
  };
  const h = computeOutsideExecutionHash({
    accountAddress: user,
    chainId: tn.chainId,
    outsideExecution: oe,
    timestampType: o.timestamps ?? 'u128',
  });
  const { r, s } = signHash(BigInt(h), KEY);
  const calldata = [
    oe.caller,
    oe.nonce,
    oe.executeAfter,
    oe.executeBefore,
    calls.length,
    ...calls.flatMap((c) => [
      c.to,
      hex(selector(c.entrypoint)),
      (c.calldata ?? []).length,
      ...(c.calldata ?? []),
    ]),
    4,
    PK,
    hex(r),
    hex(s),
    hex(o.validUntil ?? BigInt(VALID_UNTIL)),
  ].map((v) => (typeof v === 'string' ? v : hex(BigInt(v))));
  try {
    await tn.account(0).execute([{ contractAddress: user, entrypoint: 'execute_from_outside_v2', calldata }]);
  } catch (error) {
    return String((error as Error).message);
  }
  // The relayer's own multicall is non-atomic: the outside execution's failure is its inner call's.
  const relayed = tn
    .lastTransaction()!
    .innerCalls.find((c) => BigInt(c.account) === BigInt(tn.accounts[0]!.address));
  return relayed?.ok ? 'ok' : String(relayed?.revertReason);
}

const callsUsed = () => tn.getSessionData(user, PK).callsUsed;

describe('v28', () => {
  beforeEach(async () => {
    deploy('v28');
    await addSession(tn, userIndex, KEY, VALID_UNTIL, 10, ['move']);
  });

  it('accepts only the felt typed-data hash on the outside path', async () => {
    expect(await outside()).toContain('OE: Invalid signature');
    expect(await outside({ timestamps: 'felt' })).toBe('ok');
  });

  it('ignores the session whitelist on the outside path (attack is not whitelisted, yet runs)', async () => {
    expect(await outside({ timestamps: 'felt' })).toBe('ok');
    expect(tn.gameState(user).attacks).toBe(1);
    expect(callsUsed()).toBe(1);
  });

  it("takes only 0 as any caller ('ANY_CALLER' is compared with the sender) and includes both window ends", async () => {
    expect(await outside({ timestamps: 'felt', caller: ANY_CALLER })).toContain('OE: Invalid caller');
    expect(await outside({ timestamps: 'felt', after: tn.now(), nonce: 1n })).toBe('ok');
  });

  it("refuses a used nonce from its own nonce store ('OE: Nonce already used')", async () => {
    expect(await outside({ timestamps: 'felt', nonce: 5n })).toBe('ok');
    expect(await outside({ timestamps: 'felt', nonce: 5n })).toContain('OE: Nonce already used');
  });

  it('lets any contract call __execute__ (no caller check)', async () => {
    const calldata = [1, tn.game, hex(selector('attack')), 1, 7].map((v) =>
      typeof v === 'string' ? v : hex(v),
    );
    await tn.account(0).execute([{ contractAddress: user, entrypoint: '__execute__', calldata }]);
    expect(tn.gameState(user).attacks).toBe(1);
  });

  it('uses up a session call on every good is_valid_signature inside a transaction', async () => {
    const h = 0x1234n;
    const { r, s } = signHash(h, KEY);
    const sig = [PK, hex(r), hex(s), hex(VALID_UNTIL)];
    await tn
      .account(0)
      .execute([
        { contractAddress: user, entrypoint: 'is_valid_signature', calldata: [hex(h), '0x4', ...sig] },
      ]);
    expect(callsUsed()).toBe(1);
  });

  it('blocks nothing: an empty-whitelist session registers another session key', async () => {
    deploy('v28');
    await addSession(tn, userIndex, KEY, VALID_UNTIL, 10);
    const res = await sendSessionInvoke(tn, user, KEY, BigInt(VALID_UNTIL), [
      onSelf('add_or_update_session_key', ['0x99', VALID_UNTIL, 5, 0]),
    ]);
    expect(res.error).toBeUndefined();
    expect(tn.getSessionData(user, '0x99').maxCalls).toBe(5);
  });
});

describe.each(['v29', 'v30', 'v31', 'v32', 'v33'] as const)('%s', (version) => {
  const offByOne = version === 'v29' || version === 'v30';
  beforeEach(() => deploy(version));

  it(`${offByOne ? 'reverts' : 'runs'} an outside execution with one call left; a direct invoke gets it`, async () => {
    await addSession(tn, userIndex, KEY, VALID_UNTIL, 2);
    expect(await outside()).toBe('ok');
    const last = await outside({ nonce: 2n });
    if (offByOne) {
      expect(last).toContain('SRC9: invalid signature');
      expect(callsUsed()).toBe(1); // the panic rolled the consumption back
      const res = await sendSessionInvoke(tn, user, KEY, BigInt(VALID_UNTIL), [attack()]);
      expect(res.error).toBeUndefined();
    } else {
      expect(last).toBe('ok');
    }
    expect(callsUsed()).toBe(2);
  });

  it("excludes both window ends and takes 'ANY_CALLER' (u128 and felt hashes both accepted)", async () => {
    await addSession(tn, userIndex, KEY, VALID_UNTIL, 5, ['attack']);
    expect(await outside({ after: tn.now() })).toContain('SRC9: now <= execute_after');
    expect(await outside({ before: tn.now(), nonce: 2n })).toContain('SRC9: now >= execute_before');
    expect(await outside({ caller: ANY_CALLER, nonce: 3n })).toBe('ok');
    expect(await outside({ timestamps: 'felt', nonce: 4n })).toBe('ok');
  });

  it(`${version === 'v32' || version === 'v33' ? 'binds' : 'does not bind'} sig[3] to the stored valid_until`, async () => {
    await addSession(tn, userIndex, KEY, VALID_UNTIL, 5, ['attack']);
    const result = await outside({ validUntil: BigInt(VALID_UNTIL + 1000) });
    if (version === 'v32' || version === 'v33') expect(result).toContain('Session: valid_until exceeded');
    else expect(result).toBe('ok');
  });

  it(`${['v29', 'v30'].includes(version) ? 'lets' : 'stops'} an empty-whitelist session nest __execute__ on the account`, async () => {
    await addSession(tn, userIndex, KEY, VALID_UNTIL, 5);
    const nested = onSelf('__execute__', [1, tn.game, hex(selector('attack')), 1, 7]);
    const res = await sendSessionInvoke(tn, user, KEY, BigInt(VALID_UNTIL), [nested]);
    if (['v29', 'v30'].includes(version)) {
      expect(res.error).toBeUndefined();
      expect(tn.gameState(user).attacks).toBe(1);
    } else {
      expect(res.error?.code).toBe(55);
    }
  });

  it(`${['v29', 'v30', 'v31'].includes(version) ? 'lets' : 'stops'} an empty-whitelist session call set_public_key (takeover)`, async () => {
    await addSession(tn, userIndex, KEY, VALID_UNTIL, 5);
    const newKey = 0xabcn;
    const current = BigInt(tn.call(user, 'get_public_key', [])[0]!);
    const message = BigInt(
      hash.computePoseidonHashOnElements([
        hex(BigInt('0x537461726b4e6574204d657373616765')), // 'StarkNet Message'
        hex(BigInt('0x6163636570745f6f776e657273686970')), // 'accept_ownership'
        user,
        hex(current),
      ]),
    );
    const { r, s } = signHash(message, newKey);
    const takeover = onSelf('set_public_key', [hex(starkPublicKey(newKey)), 2, hex(r), hex(s)]);
    const res = await sendSessionInvoke(tn, user, KEY, BigInt(VALID_UNTIL), [takeover]);
    const owner = BigInt(tn.call(user, 'get_public_key', [])[0]!);
    if (['v29', 'v30', 'v31'].includes(version)) {
      expect(res.error).toBeUndefined();
      expect(owner).toBe(starkPublicKey(newKey));
    } else {
      expect(res.error?.code).toBe(55);
      expect(owner).toBe(current);
    }
  });

  it(`${version === 'v32' || version === 'v33' ? 'applies' : 'has no'} self-call rule under an empty whitelist`, async () => {
    await addSession(tn, userIndex, KEY, VALID_UNTIL, 5);
    const res = await sendSessionInvoke(tn, user, KEY, BigInt(VALID_UNTIL), [onSelf('get_public_key')]);
    if (version === 'v32' || version === 'v33') expect(res.error?.code).toBe(55);
    else expect(res.error).toBeUndefined();
  });

  it(`${version === 'v33' ? 'stores' : 'has no entrypoint for, and silently drops,'} a spending policy`, async () => {
    const { publicKey } = await addSession(tn, userIndex, KEY, VALID_UNTIL, 5, ['transfer']);
    await tn.account(userIndex).execute([
      {
        contractAddress: user,
        entrypoint: 'set_spending_policy',
        calldata: [publicKey, tn.tokens.USDC, '0x64', '0x0', '0x64', '0x0', '0xe10'],
      },
    ]);
    expect(tn.lastTransaction()!.status).toBe('SUCCEEDED');
    if (version === 'v33') {
      expect(tn.call(user, 'get_spending_policy', [publicKey, tn.tokens.USDC])[2]).toBe('0x64');
    } else {
      expect(() => tn.call(user, 'get_spending_policy', [publicKey, tn.tokens.USDC])).toThrow();
    }
  });
});

describe('every version on the testnet', () => {
  it('keeps its class and kind through exportState / restore', () => {
    deploy('v29');
    const restored = createTestnet({ state: tn.exportState() });
    expect(restored.accounts.find((a) => a.address === user)?.kind).toBe('session-v29');
    expect(restored.call(user, 'get_contract_info', [])).toEqual(['0x7632365f61756469745f6669786573']);
  });

  it('starts createTestnet() with v33 accounts', () => {
    expect(
      createTestnet()
        .accounts.filter((a) => a.kind !== 'legacy')
        .map((a) => a.kind),
    ).toEqual(['session-v33', 'session-v33', 'session-v33']);
  });
});
