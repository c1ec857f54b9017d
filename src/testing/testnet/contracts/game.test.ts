import { beforeEach, describe, expect, it } from 'vitest';
import { createTestnet, type Testnet } from '../../index.js';
import '../../../../test/helpers/testnet.js';

let tn: Testnet;
beforeEach(() => {
  tn = createTestnet({ startTime: 1_767_222_100, accounts: 1 });
});

const STRK = 10n ** 18n;

describe('the game contract', () => {
  it('pays the score out in STRK from its treasury (a nested ERC-20 call)', async () => {
    const account = tn.account(0);
    await account.execute([
      { contractAddress: tn.game, entrypoint: 'attack', calldata: [1] },
      { contractAddress: tn.game, entrypoint: 'attack', calldata: [2] },
    ]);
    const before = tn.balanceOf('STRK', 0);
    const { transaction_hash } = await account.execute([
      { contractAddress: tn.game, entrypoint: 'claim_reward', calldata: [] },
    ]);
    const tx = tn.getTransaction(transaction_hash)!;
    expect(tx.innerCalls[0]!.retdata).toEqual([`0x${(20n * 10n ** 15n).toString(16)}`, '0x0']);
    expect(tn.balanceOf('STRK', 0)).toBe(before + 20n * 10n ** 15n - tx.fee);
    expect(tn.gameState(0).score).toBe(0n);
  });

  it('sells items for STRK pulled with transfer_from after an approve', async () => {
    const account = tn.account(0);
    await account.execute([
      {
        contractAddress: tn.tokens.STRK,
        entrypoint: 'approve',
        calldata: [tn.game, (2n * STRK).toString(), 0],
      },
      { contractAddress: tn.game, entrypoint: 'buy_item', calldata: [1] },
    ]);
    expect(tn.gameState(0).items[1]).toBe(1);
    expect(tn.balanceOf('STRK', tn.game)).toBe(1_000_000n * STRK + 2n * STRK);
  });

  it('reverts with its own reasons, and a failing nested call carries ENTRYPOINT_FAILED', async () => {
    const { transaction_hash } = await tn.account(0).execute([
      { contractAddress: tn.game, entrypoint: 'claim_reward', calldata: [] },
      { contractAddress: tn.game, entrypoint: 'move', calldata: [100, 1] },
      { contractAddress: tn.game, entrypoint: 'buy_item', calldata: [0] },
    ]);
    const reasons = tn.getTransaction(transaction_hash)!.innerCalls.map((c) => c.revertReason);
    expect(reasons[0]).toContain("'Game: nothing to claim'");
    expect(reasons[1]).toContain("'Game: out of bounds'");
    expect(reasons[2]).toContain("'ERC20: insufficient allowance'");
    expect(reasons[2]).toContain("'ENTRYPOINT_FAILED'");
  });
});
