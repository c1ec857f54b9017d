/**
 * A get-starknet injected wallet (StarknetWindowObject) over the testnet: what
 * @starknet-react/core's InjectedConnector and starknet.js's WalletAccount talk to. It signs with
 * the account's owner key, asks an approve/reject policy for every prompt, and counts prompts.
 */
import { type Call, typedData as snTypedData, type TypedData } from 'starknet';
import { signHash } from '../core/crypto/ecdsa.js';
import { toHex } from '../core/felt.js';
import { MockWalletError } from './errors.js';
import type { AccountRef, TestAccount, Testnet } from './testnet/testnet.js';

export interface WalletRequest {
  type: string;
  params?: unknown;
}

export type ApprovePolicy = boolean | ((request: WalletRequest) => boolean | Promise<boolean>);

export interface MockWalletOptions {
  /** Approve every prompt (default), reject every prompt, or decide per request. */
  approve?: ApprovePolicy;
  /** Wallet id (the InjectedConnector id; installed as globalThis[`starknet_${id}`]). Default 'mock'. */
  id?: string;
  name?: string;
  icon?: string | { dark: string; light: string };
  /** The dApp is already authorised (default true): connecting asks nothing. */
  authorized?: boolean;
}

export interface PromptRecord {
  type: string;
  params: unknown;
  approved: boolean;
}

type Listener = (...args: unknown[]) => void;

export interface MockWallet {
  readonly id: string;
  readonly name: string;
  readonly icon: string | { dark: string; light: string };
  readonly version: string;
  request(call: WalletRequest): Promise<unknown>;
  on(event: 'accountsChanged' | 'networkChanged', handler: Listener): void;
  off(event: 'accountsChanged' | 'networkChanged', handler: Listener): void;
  /** Prompts shown so far (each approved or rejected). */
  readonly prompts: number;
  readonly promptLog: readonly PromptRecord[];
  setApprove(policy: ApprovePolicy): void;
  resetPrompts(): void;
  /** The account the wallet holds. */
  readonly account: TestAccount;
  /** Switches to another testnet account and emits accountsChanged. */
  switchAccount(account: AccountRef): void;
  /** Puts the wallet at globalThis[`starknet_${id}`] for InjectedConnector; returns the undo. */
  install(target?: Record<string, unknown>): () => void;
}

const ICON =
  'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHZpZXdCb3g9IjAgMCAzMiAzMiI+PHJlY3Qgd2lkdGg9IjMyIiBoZWlnaHQ9IjMyIiByeD0iOCIgZmlsbD0iIzYzNjZmMSIvPjx0ZXh0IHg9IjE2IiB5PSIyMSIgZm9udC1zaXplPSIxNCIgdGV4dC1hbmNob3I9Im1pZGRsZSIgZmlsbD0id2hpdGUiPk08L3RleHQ+PC9zdmc+';

interface WalletCall {
  contract_address?: unknown;
  entry_point?: unknown;
  entrypoint?: unknown;
  contractAddress?: unknown;
  calldata?: unknown;
}

function toCalls(params: unknown): Call[] {
  const list = (params as { calls?: unknown } | undefined)?.calls;
  if (!Array.isArray(list))
    throw new MockWalletError('INVALID_REQUEST_PAYLOAD', 'params.calls must be an array');
  return list.map((c: WalletCall) => {
    const contractAddress = c.contract_address ?? c.contractAddress;
    const entrypoint = c.entry_point ?? c.entrypoint;
    if (typeof contractAddress !== 'string' || typeof entrypoint !== 'string') {
      throw new MockWalletError(
        'INVALID_REQUEST_PAYLOAD',
        'each call needs contract_address and entry_point',
      );
    }
    const calldata = c.calldata ?? [];
    if (!Array.isArray(calldata))
      throw new MockWalletError('INVALID_REQUEST_PAYLOAD', 'calldata must be an array');
    return {
      contractAddress,
      entrypoint,
      calldata: calldata.map((v) => (typeof v === 'bigint' ? toHex(v) : String(v))),
    };
  });
}

export function createMockWallet(
  testnet: Testnet,
  account: AccountRef = 0,
  options: MockWalletOptions = {},
): MockWallet {
  const state: WalletState = {
    testnet,
    current: findAccount(testnet, account),
    approve: options.approve ?? true,
    authorized: options.authorized ?? true,
    log: [],
    listeners: { accountsChanged: new Set<Listener>(), networkChanged: new Set<Listener>() },
  };
  const handlers = walletHandlers(state);
  const id = options.id ?? 'mock';
  const wallet: MockWallet = {
    id,
    name: options.name ?? 'Mock Wallet',
    icon: options.icon ?? ICON,
    version: '1.0.0',
    async request(call) {
      const handler = handlers[call?.type];
      if (!handler)
        throw new MockWalletError('UNKNOWN_ERROR', `Unsupported wallet method ${String(call?.type)}`);
      return handler(call);
    },
    on(event, handler) {
      state.listeners[event]?.add(handler);
    },
    off(event, handler) {
      state.listeners[event]?.delete(handler);
    },
    get prompts() {
      return state.log.length;
    },
    get promptLog() {
      return state.log;
    },
    setApprove(policy) {
      state.approve = policy;
    },
    resetPrompts() {
      state.log.length = 0;
    },
    get account() {
      return state.current;
    },
    switchAccount(ref) {
      state.current = findAccount(testnet, ref);
      for (const l of state.listeners.accountsChanged) l([state.current.address]);
    },
    install: (target) => installWallet(wallet, id, target),
  };
  return wallet;
}

/** What the wallet holds between requests. */
interface WalletState {
  testnet: Testnet;
  current: TestAccount;
  approve: ApprovePolicy;
  authorized: boolean;
  log: PromptRecord[];
  listeners: Record<'accountsChanged' | 'networkChanged', Set<Listener>>;
}

function findAccount(testnet: Testnet, ref: AccountRef): TestAccount {
  const t =
    typeof ref === 'number'
      ? testnet.accounts[ref]
      : typeof ref === 'string'
        ? testnet.accounts.find((a) => BigInt(a.address) === BigInt(ref))
        : ref;
  if (!t)
    throw new MockWalletError(
      'UNKNOWN_ERROR',
      `No testnet account ${String(typeof ref === 'object' ? ref.address : ref)}`,
    );
  return t;
}

/** Asks the approve policy, logs the prompt, and refuses like a wallet when the user says no. */
async function prompt(state: WalletState, request: WalletRequest): Promise<void> {
  const approved = typeof state.approve === 'function' ? await state.approve(request) : state.approve;
  state.log.push({ type: request.type, params: request.params, approved });
  if (!approved) throw new MockWalletError('USER_REFUSED_OP', `The user rejected ${request.type}`);
}

/** The wallet API methods the mock answers, by name. */
function walletHandlers(state: WalletState): Record<string, (request: WalletRequest) => Promise<unknown>> {
  const { testnet } = state;
  return {
    wallet_getPermissions: async () => (state.authorized ? ['accounts'] : []),
    wallet_requestAccounts: async (request) => {
      const silent = (request.params as { silent_mode?: boolean } | undefined)?.silent_mode === true;
      if (!state.authorized) {
        if (silent) return [];
        await prompt(state, request);
        state.authorized = true;
      }
      return [state.current.address];
    },
    wallet_requestChainId: async () => testnet.chainId,
    wallet_supportedSpecs: async () => ['0.9', '0.10'],
    wallet_supportedWalletApi: async () => ['0.7', '0.8'],
    wallet_deploymentData: async () => {
      throw new MockWalletError('ACCOUNT_ALREADY_DEPLOYED');
    },
    wallet_switchStarknetChain: async (request) => {
      const chainId = (request.params as { chainId?: string } | undefined)?.chainId;
      if (chainId === undefined || BigInt(chainId) !== BigInt(testnet.chainId)) {
        throw new MockWalletError('UNLISTED_NETWORK', String(chainId));
      }
      return true;
    },
    wallet_addStarknetChain: async (request) => {
      await prompt(state, request);
      return true;
    },
    wallet_watchAsset: async (request) => {
      await prompt(state, request);
      return true;
    },
    wallet_addInvokeTransaction: (request) => addInvoke(state, request),
    wallet_signTypedData: (request) => signTypedData(state, request),
    wallet_addDeclareTransaction: async () => {
      throw new MockWalletError('INVALID_REQUEST_PAYLOAD', 'The mock wallet does not declare classes');
    },
  };
}

async function addInvoke(state: WalletState, request: WalletRequest) {
  if (!state.authorized) throw new MockWalletError('UNKNOWN_ERROR', 'Not connected');
  const calls = toCalls(request.params);
  await prompt(state, request);
  const res = await state.testnet.account(state.current.address).execute(calls);
  return { transaction_hash: res.transaction_hash };
}

async function signTypedData(state: WalletState, request: WalletRequest) {
  if (!state.authorized) throw new MockWalletError('UNKNOWN_ERROR', 'Not connected');
  const typed = request.params as TypedData | undefined;
  if (!typed || typeof typed !== 'object' || !('primaryType' in typed)) {
    throw new MockWalletError('INVALID_REQUEST_PAYLOAD', 'params must be SNIP-12 typed data');
  }
  await prompt(state, request);
  const hash = BigInt(snTypedData.getMessageHash(typed, state.current.address));
  const { r, s } = signHash(hash, BigInt(state.current.privateKey));
  return [toHex(r), toHex(s)];
}

/** Puts the wallet at target[`starknet_${id}`]; the undo restores what was there. */
function installWallet(
  wallet: MockWallet,
  id: string,
  target = globalThis as unknown as Record<string, unknown>,
): () => void {
  const key = `starknet_${id}`;
  const previous = target[key];
  target[key] = wallet;
  return () => {
    if (previous === undefined) delete target[key];
    else target[key] = previous;
  };
}
