/**
 * Delegation to an agent on the simulated network: the agent asks (its own key, a link), the owner
 * approves once, the agent verifies what the chain holds and acts with no prompt.
 */
import {
  approveSessionRequest,
  createSessionConfig,
  createSessionRequest,
  decodeSessionRequest,
  encodeSessionRequest,
  executeWithSession,
  PENDING_REQUEST_ACCOUNT,
  type SessionPolicy,
  waitForSessionApproval,
} from '../src/core/index.js';
import { createMemoryStorage } from '../src/core/storage/index.js';
import { createTestnet, type Testnet } from '../src/testing/index.js';
import { codeOf } from './helpers/codeOf.js';

const START = 1_800_000_000;

const policy: SessionPolicy = {
  actions: [{ entrypoint: 'attack', label: 'Attack a monster' }, { entrypoint: 'transfer' }],
  durationSeconds: 3600,
  maxCalls: 5,
  spendingLimits: [{ token: 'USDC', maxPerWindow: 1_000_000n, windowSeconds: 86_400 }],
};

function setup() {
  const testnet = createTestnet({ startTime: START });
  const usdc = testnet.tokens.USDC;
  const config = (appId: string) =>
    createSessionConfig({
      appId,
      storage: createMemoryStorage({ now: () => testnet.now() }),
      provider: testnet.provider(),
      paymaster: testnet.paymaster(),
      now: () => testnet.now(),
    });
  const agent = config('agent');
  const human = config('https://wallet.example');
  const withToken = { ...policy, spendingLimits: [{ ...policy.spendingLimits![0]!, token: usdc }] };
  const attack = { contractAddress: testnet.game, entrypoint: 'attack', calldata: ['0x1'] };
  return { testnet, agent, human, policy: withToken, attack };
}

const ownerTxs = (testnet: Testnet, owner: string) =>
  testnet.transactions().filter((t) => BigInt(t.sender) === BigInt(owner)).length;

describe('delegating to an agent', () => {
  it('request -> one owner transaction -> the agent verifies and acts with no prompt', async () => {
    const { testnet, agent, human, policy, attack } = setup();
    const owner = testnet.account(0);
    const { request, link, publicKey } = await createSessionRequest(agent, {
      accountAddress: owner.address,
      policy,
      app: { name: 'Trading agent', url: 'https://agent.example' },
      approvalUrl: 'https://wallet.example/approve',
    });
    expect(link.startsWith('https://wallet.example/approve#session-request=1.')).toBe(true);
    expect(request.policy.validUntil).toBe(START + 3600);

    const approved = await approveSessionRequest(human, { owner, request: link });
    expect(approved.publicKey).toBe(publicKey);
    expect(ownerTxs(testnet, owner.address)).toBe(1);

    const { accountAddress, session } = await waitForSessionApproval(agent, { request, pollIntervalMs: 10 });
    expect(session.status).toBe('active');
    for (let i = 0; i < 3; i++) {
      await executeWithSession(agent, { accountAddress, calls: [attack], waitForReceipt: true });
    }
    expect(testnet.gameState(0)).toMatchObject({ attacks: 3 });
    expect(ownerTxs(testnet, owner.address)).toBe(1); // the owner signed nothing more
    // The human's side holds no key: nothing was stored there.
    expect(await human.storage.list({ ...session.scope, appId: human.appId })).toEqual([]);
  });

  it('learns the approving account from its events when the request names none', async () => {
    const { testnet, agent, human, policy, attack } = setup();
    const owner = testnet.account(1);
    const { request } = await createSessionRequest(agent, { policy, app: { name: 'Agent' } });
    expect(request.accountAddress).toBeUndefined();
    const waiting = waitForSessionApproval(agent, { request, pollIntervalMs: 10 });
    await approveSessionRequest(human, { owner, request: encodeSessionRequest(request) });
    const { accountAddress } = await waiting;
    expect(BigInt(accountAddress)).toBe(BigInt(owner.address));
    await executeWithSession(agent, { accountAddress, calls: [attack], waitForReceipt: true });
    expect(testnet.gameState(1)).toMatchObject({ attacks: 1 });
  });

  it('refuses two accounts holding the key (SESSION_REQUEST_MISMATCH) and wipes it', async () => {
    const { testnet, agent, human, policy } = setup();
    const { request } = await createSessionRequest(agent, { policy, app: { name: 'Agent' } });
    await approveSessionRequest(human, { owner: testnet.account(0), request });
    await approveSessionRequest(human, { owner: testnet.account(1), request });
    await expect(waitForSessionApproval(agent, { request, pollIntervalMs: 10 })).rejects.toMatchObject({
      code: 'SESSION_REQUEST_MISMATCH',
      field: 'account',
    });
    const scope = { chainId: request.chainId, accountAddress: PENDING_REQUEST_ACCOUNT, appId: 'agent' };
    expect(await agent.storage.getSigner(scope, request.publicKey)).toBeUndefined();
  });

  it('a policy widened in transit is approved as shown, and the agent refuses to use it', async () => {
    const { testnet, agent, human, policy, attack } = setup();
    const owner = testnet.account(0);
    const { request, link } = await createSessionRequest(agent, {
      accountAddress: owner.address,
      policy,
      app: { name: 'Agent' },
    });
    const widened = decodeSessionRequest(link);
    widened.policy.maxCalls = 500;
    widened.policy.actions.push({ entrypoint: 'withdraw' });
    const approved = await approveSessionRequest(human, { owner, request: encodeSessionRequest(widened) });
    expect(approved.maxCalls).toBe(500); // what the human saw is what was registered
    await expect(waitForSessionApproval(agent, { request, pollIntervalMs: 10 })).rejects.toMatchObject({
      code: 'SESSION_REQUEST_MISMATCH',
      field: 'maxCalls',
    });
    expect(await codeOf(executeWithSession(agent, { accountAddress: owner.address, calls: [attack] }))).toBe(
      'SESSION_REVOKED',
    );
    expect(testnet.gameState(0)).toMatchObject({ attacks: 0 });
  });

  it('a spending cap removed in transit is a mismatch too', async () => {
    const { testnet, agent, human, policy } = setup();
    const owner = testnet.account(0);
    const { request } = await createSessionRequest(agent, {
      accountAddress: owner.address,
      policy,
      app: { name: 'Agent' },
    });
    await approveSessionRequest(human, {
      owner,
      request: { ...request, policy: { ...request.policy, spendingLimits: [] } },
    });
    await expect(waitForSessionApproval(agent, { request, pollIntervalMs: 10 })).rejects.toMatchObject({
      code: 'SESSION_REQUEST_MISMATCH',
      field: `spendingLimits[${request.policy.spendingLimits[0]!.token}]`,
    });
  });

  it('times out with SESSION_REQUEST_TIMEOUT, and stops on abort', async () => {
    const { testnet, agent, policy } = setup();
    const { request } = await createSessionRequest(agent, {
      accountAddress: testnet.accounts[0]!.address,
      policy,
      app: { name: 'Agent' },
    });
    expect(await codeOf(waitForSessionApproval(agent, { request, timeoutMs: 50, pollIntervalMs: 10 }))).toBe(
      'SESSION_REQUEST_TIMEOUT',
    );
    const controller = new AbortController();
    const waiting = waitForSessionApproval(agent, { request, signal: controller.signal, pollIntervalMs: 10 });
    controller.abort(new DOMException('stop', 'AbortError'));
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses before any prompt: wrong chain, wrong account, unsupported account, expired request', async () => {
    const { testnet, agent, human, policy } = setup();
    const owner = testnet.account(0);
    const { request } = await createSessionRequest(agent, {
      accountAddress: owner.address,
      policy,
      app: { name: 'Agent' },
    });
    const before = testnet.transactions().length;
    const other = testnet.account(1);
    expect(await codeOf(approveSessionRequest(human, { owner: other, request }))).toBe(
      'INVALID_SESSION_REQUEST',
    );
    expect(
      await codeOf(
        approveSessionRequest(human, { owner, request: { ...request, chainId: '0x534e5f4d41494e' } }),
      ),
    ).toBe('INVALID_SESSION_REQUEST');
    // A non-session account: the per-version rules createSession applies.
    const legacy = testnet.accounts.find((a) => a.kind !== 'session-v33')!;
    const loose = { ...request, accountAddress: undefined };
    expect(
      await codeOf(approveSessionRequest(human, { owner: testnet.account(legacy), request: loose })),
    ).toBe('SESSION_NOT_SUPPORTED');
    testnet.advanceTime(7200);
    expect(await codeOf(approveSessionRequest(human, { owner, request }))).toBe('INVALID_POLICY');
    expect(testnet.transactions().length).toBe(before);
  });

  it('a sponsored approval: the owner signs one message, the paymaster pays, the agent acts', async () => {
    const { testnet, agent, human, policy, attack } = setup();
    const owner = testnet.account(0);
    const { request } = await createSessionRequest(agent, {
      accountAddress: owner.address,
      policy,
      app: { name: 'Agent' },
    });
    const balance = testnet.balanceOf('STRK', owner.address);
    await approveSessionRequest(human, { owner, request, sponsored: true });
    expect(testnet.balanceOf('STRK', owner.address)).toBe(balance);
    const { accountAddress } = await waitForSessionApproval(agent, { request, pollIntervalMs: 10 });
    await executeWithSession(agent, { accountAddress, calls: [attack], waitForReceipt: true });
    expect(testnet.gameState(0)).toMatchObject({ attacks: 1 });
  });

  it('waits only for its own request: an edited copy is refused, an unknown key is missing', async () => {
    const { testnet, agent, policy } = setup();
    const { request } = await createSessionRequest(agent, {
      accountAddress: testnet.accounts[0]!.address,
      policy,
      app: { name: 'Agent' },
    });
    const edited = { ...request, policy: { ...request.policy, maxCalls: 99 } };
    await expect(waitForSessionApproval(agent, { request: edited, timeoutMs: 0 })).rejects.toMatchObject({
      code: 'SESSION_REQUEST_MISMATCH',
      field: 'request',
    });
    const stranger = { ...request, publicKey: '0x1234' };
    expect(await codeOf(waitForSessionApproval(agent, { request: stranger, timeoutMs: 0 }))).toBe(
      'SESSION_KEY_MISSING',
    );
  });
});
