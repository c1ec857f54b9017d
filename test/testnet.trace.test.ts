/**
 * starknet_traceTransaction / starknet_traceBlockTransactions read through starknet.js
 * RpcProvider: the JSON-RPC 0.10 INVOKE_TXN_TRACE with its FUNCTION_INVOCATION tree.
 */
import { config, RpcError, RpcProvider, typedData as snTypedData } from 'starknet';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { signHash, starkPublicKey } from '../src/core/crypto/ecdsa.js';
import { encodeShortString } from '../src/core/felt.js';
import { createTestnet, type Testnet } from '../src/testing/index.js';
import { addSession, hex, invokeTx, rpc, selector } from './helpers/testnet.js';

interface Invocation {
  contract_address: string;
  entry_point_selector: string;
  calldata: string[];
  caller_address: string;
  class_hash: string;
  entry_point_type: string;
  call_type: string;
  result: string[];
  calls: Invocation[];
  events: { order: number; keys: string[]; data: string[] }[];
  messages: unknown[];
  execution_resources: { l1_gas: number; l2_gas: number };
  is_reverted: boolean;
}

interface InvokeTrace {
  type: string;
  validate_invocation?: Invocation;
  execute_invocation: Invocation | { revert_reason: string };
  fee_transfer_invocation?: Invocation;
  execution_resources: { l1_gas: number; l1_data_gas: number; l2_gas: number };
}

const HOUR = 1_767_222_000;
const KEY = 0xabc123n;

let tn: Testnet;
beforeEach(() => {
  tn = createTestnet({ startTime: HOUR + 100, accounts: 2 });
});

const attack = (target: number) => ({ contractAddress: tn.game, entrypoint: 'attack', calldata: [target] });
const traceOf = async (hash: string) =>
  (await tn.provider().getTransactionTrace(hash)) as unknown as InvokeTrace;
const executed = (t: InvokeTrace) => {
  if ('revert_reason' in t.execute_invocation) throw new TypeError('the transaction reverted');
  return t.execute_invocation;
};

describe('starknet_traceTransaction', () => {
  it("shows each call of the account's non-atomic loop, the reverted one with its panic data", async () => {
    const account = tn.accounts[0]!.address;
    tn.faults.revertNextCall({ entrypoint: 'move' });
    const { transaction_hash } = await tn
      .account(0)
      .execute([attack(7), { contractAddress: tn.game, entrypoint: 'move', calldata: [3, 4] }]);
    const trace = await traceOf(transaction_hash);

    expect(trace.type).toBe('INVOKE');
    expect(trace.validate_invocation).toMatchObject({
      contract_address: account,
      entry_point_selector: hex(selector('__validate__')),
      result: [hex(encodeShortString('VALID'))],
      is_reverted: false,
    });
    const root = executed(trace);
    expect(root).toMatchObject({
      contract_address: account,
      entry_point_selector: hex(selector('__execute__')),
      caller_address: '0x0',
      class_hash: tn.accounts[0]!.classHash,
      entry_point_type: 'EXTERNAL',
      call_type: 'CALL',
      is_reverted: false,
    });
    expect(root.calls.map((c) => [c.entry_point_selector, c.caller_address, c.is_reverted])).toEqual([
      [hex(selector('attack')), account, false],
      [hex(selector('move')), account, true],
    ]);
    const [ok, failed] = root.calls as [Invocation, Invocation];
    expect(ok.result).toEqual(['0xa']);
    expect(ok.calldata).toEqual(['0x7']);
    expect(failed.result).toEqual([hex(encodeShortString('Testnet: forced revert'))]);
    expect(failed.events).toEqual([]);
    // __execute__ returns Array<Span<felt252>>: [10] for the attack, [] for the reverted move.
    expect(root.result).toEqual(['0x2', '0x1', '0xa', '0x0']);
  });

  it('numbers events as the receipt does and shows the fee transfer to the sequencer', async () => {
    const { transaction_hash } = await tn.account(0).execute([attack(1), attack(2)]);
    const trace = await traceOf(transaction_hash);
    const receipt = await rpc(tn, 'starknet_getTransactionReceipt', { transaction_hash });
    const { events, actual_fee } = receipt.result as {
      events: { keys: string[]; data: string[] }[];
      actual_fee: { amount: string };
    };
    const traced = [
      ...executed(trace).calls.flatMap((c) => c.events),
      ...trace.fee_transfer_invocation!.events,
    ];
    expect(traced.map((e) => e.order)).toEqual([0, 1, 2]);
    for (const e of traced) expect(events[e.order]).toMatchObject({ keys: e.keys, data: e.data });
    expect(trace.fee_transfer_invocation).toMatchObject({
      contract_address: tn.tokens.STRK,
      entry_point_selector: hex(selector('transfer')),
      caller_address: tn.accounts[0]!.address,
      calldata: [tn.sequencerAddress, actual_fee.amount, '0x0'],
      result: ['0x1'],
    });
    expect(trace.execution_resources.l2_gas).toBeGreaterThan(0);
  });

  it('nests the calls a contract makes (the game paying a reward through the token)', async () => {
    await tn.account(0).execute([attack(1)]);
    const { transaction_hash } = await tn
      .account(0)
      .execute([{ contractAddress: tn.game, entrypoint: 'claim_reward', calldata: [] }]);
    const claim = executed(await traceOf(transaction_hash)).calls[0]!;
    expect(claim.calls).toHaveLength(1);
    expect(claim.calls[0]).toMatchObject({
      contract_address: tn.tokens.STRK,
      entry_point_selector: hex(selector('transfer')),
      caller_address: tn.game,
      is_reverted: false,
    });
    // Resources of a call include those of its children.
    expect(claim.execution_resources.l2_gas).toBeGreaterThan(claim.calls[0]!.execution_resources.l2_gas);
  });

  it('puts the session account under the forwarder on a paymaster transaction', async () => {
    const user = tn.accounts[0]!.address;
    await addSession(tn, 0, KEY, HOUR + 7200, 10);
    const pm = tn.paymaster();
    const mode = { version: '0x1', feeMode: { mode: 'sponsored' } } as const;
    const prepared = await pm.buildTransaction(
      { type: 'invoke', invoke: { userAddress: user, calls: [attack(3)] } },
      mode,
    );
    if (prepared.type !== 'invoke') throw new TypeError('expected an invoke');
    const { r, s } = signHash(BigInt(snTypedData.getMessageHash(prepared.typed_data, user)), KEY);
    const signature = [hex(starkPublicKey(KEY)), hex(r), hex(s), hex(HOUR + 7200)];
    const { transaction_hash } = await pm.executeTransaction(
      { type: 'invoke', invoke: { userAddress: user, typedData: prepared.typed_data, signature } },
      mode,
    );
    const root = executed(await traceOf(transaction_hash));
    expect(root.contract_address).toBe(tn.paymasterAddress);
    const oe = root.calls[0]!;
    expect(oe).toMatchObject({
      contract_address: user,
      entry_point_selector: hex(selector('execute_from_outside_v2')),
      caller_address: tn.paymasterAddress,
    });
    expect(oe.calls.map((c) => [c.contract_address, c.entry_point_selector, c.caller_address])).toEqual([
      [tn.game, hex(selector('attack')), user],
    ]);
  });

  it('answers the revert reason instead of a call tree when the whole transaction reverted', async () => {
    const legacy = tn.accounts.findIndex((a) => a.kind === 'legacy');
    tn.faults.revertNextCall({ contract: tn.game });
    const { transaction_hash } = await tn.account(legacy).execute([attack(1)]);
    const trace = await traceOf(transaction_hash);
    const receipt = await tn.provider().getTransactionReceipt(transaction_hash);
    expect(receipt.isReverted()).toBe(true);
    expect(trace.execute_invocation).toEqual({
      revert_reason: tn.getTransaction(transaction_hash)!.revertReason,
    });
    expect(trace.fee_transfer_invocation?.contract_address).toBe(tn.tokens.STRK);
  });

  it('answers TXN_HASH_NOT_FOUND for an unknown hash', async () => {
    const error = await tn
      .provider()
      .getTransactionTrace('0x123')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).code).toBe(29);
  });
});

describe('starknet_traceBlockTransactions and simulations', () => {
  it('traces every transaction of a block', async () => {
    const { transaction_hash } = await tn.account(0).execute([attack(1)]);
    const block = tn.getTransaction(transaction_hash)!.blockNumber;
    const traces = (await tn.provider().getBlockTransactionsTraces(block)) as unknown as {
      transaction_hash: string;
      trace_root: InvokeTrace;
    }[];
    expect(traces).toHaveLength(1);
    expect(traces[0]!.transaction_hash).toBe(transaction_hash);
    expect(traces[0]!.trace_root).toEqual(await traceOf(transaction_hash));
  });

  it('simulates with the same call tree, reverted inner calls included', async () => {
    const sender = tn.accounts[0]!.address;
    const calls = [
      { to: tn.game, entrypoint: 'attack', calldata: [1] },
      { to: tn.game, entrypoint: 'move', calldata: [200, 1] },
    ];
    const { result } = await rpc(tn, 'starknet_simulateTransactions', {
      block_id: 'latest',
      transactions: [invokeTx(sender, calls, tn.getNonce(0), [])],
      simulation_flags: ['SKIP_VALIDATE'],
    });
    const [simulated] = result as { transaction_trace: InvokeTrace }[];
    const root = simulated!.transaction_trace.execute_invocation as Invocation;
    expect(root.calls.map((c) => c.is_reverted)).toEqual([false, true]);
    expect(root.calls[1]!.result).toEqual([hex(encodeShortString('Game: out of bounds'))]);
  });
});

describe("starknet.js's tip estimate on the young chain", () => {
  it('is zero without the "Insufficient transaction data" warning', async () => {
    const level = config.get('logLevel');
    config.set('logLevel', 'WARN');
    // starknet.js 8 logs this warning through console.error, 9 and 10 through console.warn.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await tn.account(0).execute([attack(1)]);
      expect(await tn.provider().getEstimateTip()).toMatchObject({ recommendedTip: 0n });
      const warned = () =>
        [...warn.mock.calls, ...error.mock.calls]
          .flat()
          .filter((w) => String(w).includes('Insufficient transaction data'));
      expect(warned()).toEqual([]);
      // A plain provider on the same chain gets the same zero, with the warning.
      const plain = new RpcProvider({ nodeUrl: tn.rpcUrl, baseFetch: tn.fetch });
      expect(await plain.getEstimateTip()).toMatchObject({ recommendedTip: 0n });
      expect(warned()).toHaveLength(1);
    } finally {
      warn.mockRestore();
      error.mockRestore();
      config.set('logLevel', level);
    }
  });

  it("is starknet.js's own statistics once the blocks hold enough transactions", async () => {
    for (const tip of [1000n, 2000n, 3000n]) await tn.account(0).execute([attack(1)], { tip });
    const estimate = await tn.provider().getEstimateTip('latest', { maxBlocks: 5, minTxsNecessary: 3 });
    expect(estimate).toMatchObject({ minTip: 1000n, medianTip: 2000n, maxTip: 3000n });
  });
});
