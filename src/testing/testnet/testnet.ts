/**
 * createTestnet: an in-memory Starknet that speaks the real wire protocols (JSON-RPC 0.10 and
 * SNIP-29), with funded v33 session accounts, legacy accounts, three ERC-20s and a game.
 */
import {
  type Account,
  getTipStatsFromBlocks,
  PaymasterRpc,
  type RpcProvider,
  type TipEstimate,
} from 'starknet';
import { createAccountOnProvider } from '../../core/actions/starknetCompat.js';
import { starkPublicKey } from '../../core/crypto/ecdsa.js';
import { decodeShortString, encodeShortString, toHex } from '../../core/felt.js';
import { TestnetUsageError } from '../errors.js';
import { parseFelt, snKeccak } from './cairo.js';
import { Chain } from './chain.js';
import { constructErc20, erc20Class, mintTokens } from './contracts/erc20.js';
import { constructGame, gameClass, type PlayerState } from './contracts/game.js';
import {
  constructLegacyAccount,
  type LegacyAccountVariant,
  legacyAccountClass,
} from './contracts/legacyAccount.js';
import { SESSION_ACCOUNT_V33_CLASS_HASH, sessionAccountClass } from './contracts/sessionAccount.js';
import { Faults } from './faults.js';
import { createTestnetFetch } from './fetch.js';
import { createHandler, type TransportRequest, type TransportResponse } from './handler.js';
import { type GasTokenInfo, Paymaster } from './paymaster.js';
import { rpcMethods } from './rpc.js';
import { decodeState, encodeState, type TestnetSnapshot } from './snapshot.js';
import { createRpcProviderWithTips, type EstimateTip } from './starknetCompat.js';
import { type AccountDeployer, createAccountDeployer, type Mint, seededKey, WAD } from './testnetAccounts.js';
import { createViews, feltArg } from './testnetViews.js';
import type { ContractClass, InnerCallRecord } from './types.js';

export type TestAccountKind =
  | 'session-v28'
  | 'session-v29'
  | 'session-v30'
  | 'session-v31'
  | 'session-v32'
  | 'session-v33'
  | 'legacy';

export interface TestAccount {
  address: string;
  /** The owner's private key (what the user's wallet holds). */
  privateKey: string;
  /** The owner's Stark public key. */
  publicKey: string;
  kind: TestAccountKind;
  /** Which class: 'v33', 'legacy (SNIP-9)', 'legacy (supports_interface reverts)'… */
  label: string;
  classHash: string;
}

export interface CreateTestnetOptions {
  /** 'SN_SEPOLIA' (default), 'SN_MAIN', another shortstring, or a hex felt. */
  chainId?: 'SN_SEPOLIA' | 'SN_MAIN' | (string & {});
  /** Unix seconds of the genesis block (default: now). The clock then moves only when told. */
  startTime?: number;
  /** How many funded v33 session accounts (default 3). Two legacy accounts follow them. */
  accounts?: number;
  /** Seed of the deterministic account keys (default 0): the same seed gives the same accounts. */
  seed?: number;
  paymaster?: {
    /** Accept sponsored (gasless, paymaster pays) transactions (default true). */
    sponsored?: boolean;
    /** Accepted gas tokens: addresses or 'STRK' | 'ETH' | 'USDC' (default all three). */
    gasTokens?: string[];
    /** execute_before of the typed data it builds = now + this (default 3600). */
    validitySeconds?: number;
  };
  /** Origin of the virtual URLs the in-memory fetch answers (default http://testnet.invalid). */
  baseUrl?: string;
  /**
   * A state from `exportState()` to restore exactly. The chain's own options (`chainId`,
   * `startTime`, `accounts`, `seed`) are then read from it and ignored here; `paymaster` and
   * `baseUrl` still apply. A damaged or foreign string throws TestnetUsageError.
   */
  state?: string;
  /** Keep the state in a storage across page reloads (restored from it when present). */
  persist?: PersistOptions;
}

/** The part of the Web Storage API the testnet uses (`localStorage` and `sessionStorage` fit). */
export interface TestnetStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface PersistOptions {
  storage: TestnetStorage;
  /** Default 'starknet-sessions:testnet'. */
  key?: string;
  /** A save that failed (quota, private mode). Default: console.warn. */
  onError?: (error: TestnetUsageError) => void;
}

export const DEFAULT_PERSIST_KEY = 'starknet-sessions:testnet';

export interface TestnetEvent {
  fromAddress: string;
  keys: string[];
  data: string[];
}

/** A transaction the chain included, with what a test wants to assert on. */
export interface TestnetTransaction {
  hash: string;
  sender: string;
  nonce: bigint;
  blockNumber: number;
  status: 'SUCCEEDED' | 'REVERTED';
  revertReason: string | undefined;
  calldata: string[];
  signature: string[];
  events: TestnetEvent[];
  /** Every call the account's execution loop ran: `ok: false` marks a call that reverted inside a
   * non-atomic multicall while the transaction still SUCCEEDED. */
  innerCalls: InnerCallRecord[];
  /** Fee paid, in FRI (STRK). */
  fee: bigint;
}

export interface SessionDataView {
  validUntil: number;
  maxCalls: number;
  callsUsed: number;
  allowedEntrypointsLen: number;
  allowedEntrypoints: string[];
}

export interface SpendingPolicyView {
  maxPerCall: bigint;
  maxPerWindow: bigint;
  windowSeconds: number;
  spentInWindow: bigint;
  windowStart: number;
}

export interface AddAccountOptions {
  kind?: TestAccountKind;
  /** Legacy variants: without SNIP-9, or whose supports_interface reverts / is missing. */
  legacy?: LegacyAccountVariant;
  /** Owner private key (default: derived from the seed). */
  privateKey?: string;
  /** STRK to fund it with, in FRI (default 1000 STRK). */
  fund?: bigint;
}

export interface ProviderOptions {
  /** Poll interval of waitForTransaction, ms (default 20; starknet.js alone waits 5000). */
  retryIntervalMs?: number;
}

/** Unix seconds that move only when the test says so, and listeners told after each move. */
export interface TestnetClock {
  now(): number;
  /** Called after each move (once the block stamped with the new time is mined); returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

export interface Testnet {
  /** The chain id as a 0x hex felt. */
  readonly chainId: string;
  /** The chain id as its shortstring ('SN_SEPOLIA'). */
  readonly chainName: string;
  readonly rpcUrl: string;
  readonly paymasterUrl: string;
  /** In-memory transport: pass as `baseFetch` to RpcProvider / PaymasterRpc. No network. */
  readonly fetch: typeof fetch;
  /** Funded, deployed accounts: the v33 session accounts first, then the legacy ones. */
  readonly accounts: readonly TestAccount[];
  readonly tokens: { readonly STRK: string; readonly ETH: string; readonly USDC: string };
  readonly game: string;
  /** The paymaster's forwarder account: the OE caller and the recipient of gas-token fees. */
  readonly paymasterAddress: string;
  readonly sequencerAddress: string;
  readonly faults: Faults;

  now(): number;
  /**
   * The chain clock as a `SessionClock`: pass it as `createSessionConfig({ now: testnet.clock })` and
   * hooks and components re-render when it passes a session's expiring or expired point.
   */
  readonly clock: TestnetClock;
  advanceTime(seconds: number): void;
  setTime(unixSeconds: number): void;

  getSessionData(account: AccountRef, sessionPublicKey: string): SessionDataView;
  getSpendingPolicy(account: AccountRef, sessionPublicKey: string, token: string): SpendingPolicyView;
  balanceOf(token: string, address: AccountRef): bigint;
  getNonce(account: AccountRef): bigint;
  isOutsideNonceUsed(account: AccountRef, nonce: string): boolean;
  gameState(player: AccountRef): PlayerState;
  /** Runs a view (starknet_call) and returns its felts; throws the node's error on a revert. */
  call(contract: string, entrypoint: string, calldata?: readonly (string | number | bigint)[]): string[];
  transactions(): TestnetTransaction[];
  getTransaction(hash: string): TestnetTransaction | undefined;
  lastTransaction(): TestnetTransaction | undefined;
  /** Faucet: mints `amount` (smallest units) of an ERC-20 to an address. */
  mint(token: string, to: AccountRef, amount: bigint): void;
  /** Deploys and funds one more account (a legacy variant, or another v33). */
  addAccount(options?: AddAccountOptions): TestAccount;

  provider(options?: ProviderOptions): RpcProvider;
  paymaster(): PaymasterRpc;
  /** A starknet.js Account for an account with its owner key, wired to the in-memory transport. */
  account(which: AccountRef, options?: ProviderOptions): Account;
  /** The transport-independent request handler (the HTTP server uses it). */
  handle(request: TransportRequest): Promise<TransportResponse>;
  /** The whole chain state as a JSON string (bigints as 0x hex), for `createTestnet({ state })`. */
  exportState(): string;
}

/** An account by index in `accounts`, by address, or the TestAccount itself ('STRK' | 'ETH' | 'USDC' name tokens). */
export type AccountRef = number | string | TestAccount;

export const TOKEN_ADDRESSES = {
  STRK: 0x04718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938dn,
  ETH: 0x049d36570d4e46f48e99674bd3fcc84644ddd6b96f7c741b1562b82f9e004dc7n,
  USDC: 0x033068f6539f8e6e6b131e6b2b814e6c34a5224bc66947c47dab9dfee93b35fbn,
} as const;

function chainIdOf(value: string | undefined): bigint {
  const v = value ?? 'SN_SEPOLIA';
  const n = parseFelt(v);
  if (n !== undefined && v.startsWith('0x')) return n;
  if (/^[ -~]{1,31}$/.test(v)) return encodeShortString(v);
  throw new TestnetUsageError('chainId must be a shortstring (SN_SEPOLIA) or a hex felt.', { details: v });
}

/** Every class the testnet can declare, by hash (a restored chain re-declares what it had). */
function knownClasses(): Map<bigint, ContractClass> {
  const legacy = [true, false].flatMap((snip9) =>
    (['answers', 'reverts', 'missing'] as const).map((src5) =>
      legacyAccountClass({ snip9, supportsInterface: src5 }),
    ),
  );
  const sessions = (['v28', 'v29', 'v30', 'v31', 'v32', 'v33'] as const).map(sessionAccountClass);
  return new Map([erc20Class(), gameClass(), ...sessions, ...legacy].map((c) => [c.classHash, c]));
}

function readSaved(persist: PersistOptions | undefined, key: string): string | undefined {
  if (!persist) return undefined;
  try {
    return persist.storage.getItem(key) ?? undefined;
  } catch (error) {
    throw new TestnetUsageError('Could not read the saved testnet state.', { cause: error, details: key });
  }
}

/** The tip estimate of a chain where every transaction is included at once, whatever its tip. */
function zeroTips(blocksAnalyzed: number, transactionsTipsFound: bigint[]): TipEstimate {
  return {
    minTip: 0n,
    maxTip: 0n,
    averageTip: 0n,
    medianTip: 0n,
    modeTip: 0n,
    recommendedTip: 0n,
    p90Tip: 0n,
    p95Tip: 0n,
    metrics: { blocksAnalyzed, transactionsTipsFound },
  };
}

/**
 * The tip estimate: with enough recent transactions, starknet.js's own statistics; on a young chain
 * with too few to average, the zero estimate starknet.js would fall back to anyway (the simulated
 * sequencer includes every transaction at once), without its warning.
 */
function testnetTips(chain: Chain): EstimateTip {
  return async (provider, blockIdentifier, options = {}) => {
    if (blockIdentifier !== undefined && blockIdentifier !== 'latest') {
      return getTipStatsFromBlocks(provider, blockIdentifier, options);
    }
    const { maxBlocks = 3, minTxsNecessary = 10, includeZeroTips = true } = options;
    const recent = chain.blocks.slice(-Math.max(1, maxBlocks));
    const tips = recent
      .flatMap((b) => b.transactions.map((h) => chain.transactions.get(h)?.transaction.tip ?? 0n))
      .filter((tip) => includeZeroTips || tip > 0n);
    if (tips.length >= minTxsNecessary) return getTipStatsFromBlocks(provider, blockIdentifier, options);
    return zeroTips(recent.length, tips);
  };
}

export function createTestnet(options: CreateTestnetOptions = {}): Testnet {
  const persistKey = options.persist?.key ?? DEFAULT_PERSIST_KEY;
  const saved = options.state ?? readSaved(options.persist, persistKey);
  const restored: TestnetSnapshot | undefined = saved === undefined ? undefined : decodeState(saved);
  const { chain, chainId, seed, sequencerAddress } = openChain(options, restored);
  const mint: Mint = (token, to, amount) => chain.asContract(token, (ctx) => mintTokens(ctx, to, amount));
  const gameAddress = snKeccak('starknet-sessions:testnet:game');
  const forwarder = snKeccak('starknet-sessions:testnet:paymaster-forwarder');
  const forwarderKey = seededKey('forwarder', seed);
  const deployer = createAccountDeployer(chain, mint, TOKEN_ADDRESSES, seed, restored);
  if (!restored) {
    deployContracts(chain, mint, gameAddress);
    deployDefaultAccounts(options, deployer);
    deployForwarder(chain, mint, forwarder, forwarderKey);
  }
  const { accounts } = deployer;
  const resolve = resolverOf(accounts);

  // Faucet and addAccount change the state without a block: persistence hears of them here.
  let changed = () => {};
  const faults = new Faults((account) => chain.consumeNonce(resolve(account)));
  chain.hooks = { forceRevert: (to, selector) => faults.takeRevert(to, selector) };
  const paymaster = new Paymaster(chain, faults, {
    sponsored: options.paymaster?.sponsored ?? true,
    gasTokens: gasTokensOf(options.paymaster?.gasTokens),
    forwarder,
    forwarderKey,
    validitySeconds: options.paymaster?.validitySeconds ?? 3600,
  });
  if (restored) paymaster.restore(restored.paymaster);

  const baseUrl = (options.baseUrl ?? 'http://testnet.invalid').replace(/\/+$/, '');
  const handle = createHandler({ faults, rpc: rpcMethods(chain, faults), paymaster: paymaster.methods() });
  const testnetFetch = createTestnetFetch(handle, baseUrl);
  const rpcUrl = `${baseUrl}/rpc`;
  const paymasterUrl = `${baseUrl}/paymaster`;
  const provider = (o: ProviderOptions = {}) =>
    createRpcProviderWithTips(
      { nodeUrl: rpcUrl, baseFetch: testnetFetch, transactionRetryIntervalFallback: o.retryIntervalMs ?? 20 },
      testnetTips(chain),
    );
  const paymasterRpc = () => new PaymasterRpc({ nodeUrl: paymasterUrl, baseFetch: testnetFetch });

  const testnet: Testnet = {
    chainId: toHex(chainId),
    chainName: decodeShortString(chainId) ?? toHex(chainId),
    rpcUrl,
    paymasterUrl,
    fetch: testnetFetch,
    accounts,
    tokens: {
      STRK: toHex(TOKEN_ADDRESSES.STRK),
      ETH: toHex(TOKEN_ADDRESSES.ETH),
      USDC: toHex(TOKEN_ADDRESSES.USDC),
    },
    game: toHex(gameAddress),
    paymasterAddress: toHex(forwarder),
    sequencerAddress: toHex(sequencerAddress),
    faults,
    ...clockOf(chain),
    ...createViews(chain, resolve, gameAddress),
    mint(token, to, amount) {
      mint(resolve(token), resolve(to), amount);
      changed();
    },
    addAccount(o = {}) {
      const account = deployer.deploy(o);
      changed();
      return account;
    },
    provider,
    paymaster: paymasterRpc,
    account(which, o) {
      const acc = ownerOf(accounts, resolve(which));
      const paymaster = paymasterRpc();
      return createAccountOnProvider({
        provider: provider(o),
        address: acc.address,
        signer: acc.privateKey,
        paymaster,
      });
    },
    handle,
    exportState: () =>
      encodeState({
        chain: {
          chainId,
          now: chain.clock.now(),
          classes: chain.world.declaredClasses(),
          storage: chain.world.entries(),
          blocks: chain.blocks,
          transactions: [...chain.transactions.values()],
        },
        seed,
        keyIndex: deployer.keyIndex(),
        accounts,
        paymaster: paymaster.snapshot(),
      }),
  };
  if (options.persist) changed = persistTo(testnet, chain, options.persist, persistKey);
  return testnet;
}

/** The chain, new from the options or restored from a saved state (its classes re-declared). */
function openChain(options: CreateTestnetOptions, restored: TestnetSnapshot | undefined) {
  const chainId = restored ? restored.chain.chainId : chainIdOf(options.chainId);
  const seed = restored ? restored.seed : BigInt(options.seed ?? 0);
  const startTime = restored ? restored.chain.now : (options.startTime ?? Math.floor(Date.now() / 1000));
  const sequencerAddress = snKeccak('starknet-sessions:testnet:sequencer');
  const chain = new Chain({
    chainId,
    startTime,
    feeToken: TOKEN_ADDRESSES.STRK,
    sequencerAddress,
    history: restored && { blocks: restored.chain.blocks, transactions: restored.chain.transactions },
  });
  if (restored) {
    const classes = knownClasses();
    for (const h of restored.chain.classes) {
      const cls = classes.get(h);
      if (!cls) {
        throw new TestnetUsageError('The testnet state declares a class this testnet does not know.', {
          details: toHex(h),
        });
      }
      chain.world.declare(cls);
    }
    chain.world.load(restored.chain.storage);
  }
  return { chain, chainId, seed, sequencerAddress };
}

/** The three tokens and the game, the game funded with rewards. */
function deployContracts(chain: Chain, mint: Mint, gameAddress: bigint): void {
  const tokenSpecs = [
    ['STRK', 'Starknet Token', 18],
    ['ETH', 'Ether', 18],
    ['USDC', 'USD Coin', 6],
  ] as const;
  for (const [symbol, name, decimals] of tokenSpecs) {
    chain.deploy(TOKEN_ADDRESSES[symbol], erc20Class(), (ctx) => constructErc20(ctx, name, symbol, decimals));
  }
  chain.deploy(gameAddress, gameClass(), (ctx) => constructGame(ctx, TOKEN_ADDRESSES.STRK));
  mint(TOKEN_ADDRESSES.STRK, gameAddress, 1_000_000n * WAD);
}

/** `options.accounts` v33 session accounts, then the two legacy variants. */
function deployDefaultAccounts(options: CreateTestnetOptions, deployer: AccountDeployer): void {
  const sessionCount = options.accounts ?? 3;
  if (!Number.isSafeInteger(sessionCount) || sessionCount < 0 || sessionCount > 100) {
    throw new TestnetUsageError('accounts must be a whole number between 0 and 100.');
  }
  for (let i = 0; i < sessionCount; i++) deployer.deploy({ kind: 'session-v33' });
  deployer.deploy({ kind: 'legacy', legacy: { snip9: true, supportsInterface: 'answers' } });
  deployer.deploy({ kind: 'legacy', legacy: { snip9: false, supportsInterface: 'reverts' } });
}

/** The paymaster's forwarder: a plain account that relays outside executions and pays STRK. */
function deployForwarder(chain: Chain, mint: Mint, forwarder: bigint, forwarderKey: bigint): void {
  const publicKey = starkPublicKey(forwarderKey);
  chain.deploy(forwarder, legacyAccountClass({ snip9: false, supportsInterface: 'answers' }), (ctx) =>
    constructLegacyAccount(ctx, publicKey, { snip9: false }),
  );
  mint(TOKEN_ADDRESSES.STRK, forwarder, 1_000_000n * WAD);
}

/** An account index, address, TestAccount or token symbol, as an address. */
function resolverOf(accounts: readonly TestAccount[]): (ref: AccountRef) => bigint {
  const tokenBySymbol: Record<string, bigint> = { ...TOKEN_ADDRESSES };
  return (ref) => {
    if (typeof ref === 'number') {
      const a = accounts[ref];
      if (!a)
        throw new TestnetUsageError(`There is no account #${ref}.`, {
          details: `${accounts.length} accounts`,
        });
      return BigInt(a.address);
    }
    const text = typeof ref === 'string' ? ref : ref.address;
    const symbol = tokenBySymbol[text];
    if (symbol !== undefined) return symbol;
    const n = parseFelt(text);
    if (n === undefined) throw new TestnetUsageError('Not an address.', { details: text });
    return n;
  };
}

const TOKEN_INFO: GasTokenInfo[] = [
  { address: TOKEN_ADDRESSES.STRK, decimals: 18, priceInStrk: WAD },
  { address: TOKEN_ADDRESSES.ETH, decimals: 18, priceInStrk: 20_000n * WAD },
  { address: TOKEN_ADDRESSES.USDC, decimals: 6, priceInStrk: 5n * WAD },
];

/** The gas tokens the paymaster accepts: symbols or addresses (an unknown one priced like STRK). */
function gasTokensOf(tokens: readonly string[] = ['STRK', 'ETH', 'USDC']): GasTokenInfo[] {
  const bySymbol: Record<string, bigint> = { ...TOKEN_ADDRESSES };
  return tokens.map((t) => {
    const address = bySymbol[t] ?? feltArg(t, 'gasTokens');
    return TOKEN_INFO.find((i) => i.address === address) ?? { address, decimals: 18, priceInStrk: WAD };
  });
}

function clockOf(chain: Chain): Pick<Testnet, 'now' | 'clock' | 'advanceTime' | 'setTime'> {
  return {
    now: () => chain.clock.now(),
    clock: {
      now: () => chain.clock.now(),
      subscribe: (listener) => chain.clock.subscribe(listener),
    },
    advanceTime: (seconds) => chain.clock.advance(seconds),
    setTime: (t) => chain.clock.set(t),
  };
}

function ownerOf(accounts: readonly TestAccount[], address: bigint): TestAccount {
  const acc = accounts.find((a) => BigInt(a.address) === address);
  if (!acc)
    throw new TestnetUsageError('Not one of the testnet accounts (no key known).', {
      details: toHex(address),
    });
  return acc;
}

/**
 * Saves the state after every change: once per burst of synchronous changes (a microtask later,
 * when the transaction, the clock move or the faucet call has fully landed), and at once now.
 */
function persistTo(testnet: Testnet, chain: Chain, persist: PersistOptions, key: string): () => void {
  let queued = false;
  const save = () => {
    queued = false;
    try {
      persist.storage.setItem(key, testnet.exportState());
    } catch (error) {
      const e = new TestnetUsageError('Could not save the testnet state.', { cause: error, details: key });
      if (persist.onError) persist.onError(e);
      else console.warn(`[starknet-sessions] ${e.message}`, error);
    }
  };
  const schedule = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(save);
  };
  chain.onBlock(schedule);
  save();
  return schedule;
}

export { SESSION_ACCOUNT_V33_CLASS_HASH };
