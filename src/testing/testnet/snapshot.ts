/**
 * The testnet's whole state as a JSON string (exportState / createTestnet({ state })): world
 * storage, declared classes, blocks, transactions with receipts, traces and inner calls, the
 * clock, the accounts and their key derivation, the paymaster's tracking ids. Faults are not
 * state: they are what a test switches on, and a restored testnet starts without any.
 */
import type { BlockRecord, InvokeTransaction, ResourceBound, TransactionRecord } from './chain.js';
import {
  array,
  big,
  bool,
  type Codec,
  checksum,
  corrupted,
  int,
  lazy,
  literal,
  object,
  optional,
  str,
  tuple,
} from './codec.js';
import type { TestAccountKind } from './testnet.js';
import type { CallNode, EmittedEvent, InnerCallRecord, OrderedEvent } from './types.js';

export const STATE_FORMAT = 'starknet-sessions/testnet-state';
export const STATE_VERSION = 1;

export interface ChainSnapshot {
  chainId: bigint;
  /** The clock, unix seconds. */
  now: number;
  /** Class hashes declared on the chain (deployed or reachable by `upgrade`). */
  classes: bigint[];
  /** The flat world storage: `address:field` → value (zeros are never stored). */
  storage: [string, bigint][];
  blocks: BlockRecord[];
  transactions: TransactionRecord[];
}

export interface AccountSnapshot {
  address: string;
  privateKey: string;
  publicKey: string;
  kind: TestAccountKind;
  label: string;
  classHash: string;
}

export interface TestnetSnapshot {
  chain: ChainSnapshot;
  seed: bigint;
  /** How many keys the seed has derived so far (addAccount goes on from here). */
  keyIndex: bigint;
  accounts: AccountSnapshot[];
  paymaster: { nonceCounter: bigint; tracking: [bigint, bigint][] };
}

const bigs = array(big);

const event: Codec<EmittedEvent> = object<EmittedEvent>({ fromAddress: big, keys: bigs, data: bigs });
const orderedEvent: Codec<OrderedEvent> = object<OrderedEvent>({ order: int, keys: bigs, data: bigs });

const callNode: Codec<CallNode> = lazy(() =>
  object<CallNode>({
    caller: big,
    to: big,
    classHash: big,
    selector: big,
    calldata: bigs,
    result: bigs,
    reverted: bool,
    events: array(orderedEvent),
    calls: array(callNode),
  }),
);

const innerCall: Codec<InnerCallRecord> = object<InnerCallRecord>({
  account: str,
  index: int,
  to: str,
  selector: str,
  ok: bool,
  retdata: array(str),
  revertReason: optional(str),
});

const bound: Codec<ResourceBound> = object<ResourceBound>({ maxAmount: big, maxPricePerUnit: big });
const daMode = literal('L1', 'L2');

const invoke: Codec<InvokeTransaction> = object<InvokeTransaction>({
  senderAddress: big,
  calldata: bigs,
  signature: bigs,
  nonce: big,
  version: big,
  resourceBounds: object({ l1Gas: bound, l2Gas: bound, l1DataGas: bound }),
  tip: big,
  paymasterData: bigs,
  accountDeploymentData: bigs,
  nonceDataAvailabilityMode: daMode,
  feeDataAvailabilityMode: daMode,
});

const transaction: Codec<TransactionRecord> = object<TransactionRecord>({
  hash: big,
  transaction: invoke,
  blockNumber: int,
  index: int,
  status: literal('SUCCEEDED', 'REVERTED'),
  revertReason: optional(str),
  events: array(event),
  innerCalls: array(innerCall),
  gas: object({ l1Gas: big, l1DataGas: big, l2Gas: big }),
  actualFee: big,
  result: bigs,
  trace: object({ validate: optional(callNode), execute: optional(callNode), feeTransfer: callNode }),
});

const block: Codec<BlockRecord> = object<BlockRecord>({
  number: int,
  hash: big,
  parentHash: big,
  timestamp: int,
  transactions: bigs,
});

const chain: Codec<ChainSnapshot> = object<ChainSnapshot>({
  chainId: big,
  now: int,
  classes: bigs,
  storage: array(tuple(str, big)),
  blocks: array(block),
  transactions: array(transaction),
});

const account: Codec<AccountSnapshot> = object<AccountSnapshot>({
  address: str,
  privateKey: str,
  publicKey: str,
  kind: literal(
    'session-v28',
    'session-v29',
    'session-v30',
    'session-v31',
    'session-v32',
    'session-v33',
    'legacy',
  ),
  label: str,
  classHash: str,
});

const testnet: Codec<TestnetSnapshot> = object<TestnetSnapshot>({
  chain,
  seed: big,
  keyIndex: big,
  accounts: array(account),
  paymaster: object({ nonceCounter: big, tracking: array(tuple(big, big)) }),
});

export function encodeState(snapshot: TestnetSnapshot): string {
  const body = JSON.stringify(testnet.encode(snapshot));
  return `{"format":"${STATE_FORMAT}","version":${STATE_VERSION},"checksum":"${checksum(body)}","state":${body}}`;
}

/** Parses and checks an exported state; anything else throws TestnetUsageError. */
export function decodeState(text: unknown): TestnetSnapshot {
  if (typeof text !== 'string') return corrupted('state', 'not a string');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return corrupted('state', 'not JSON');
  }
  const envelope = (parsed ?? {}) as Record<string, unknown>;
  if (envelope.format !== STATE_FORMAT) return corrupted('format', `not ${STATE_FORMAT}`);
  if (envelope.version !== STATE_VERSION) {
    return corrupted('version', `${String(envelope.version)}, this testnet reads ${STATE_VERSION}`);
  }
  if (envelope.checksum !== checksum(JSON.stringify(envelope.state))) {
    return corrupted('checksum', 'the state does not match its checksum');
  }
  const snapshot = testnet.decode(envelope.state, 'state');
  checkHistory(snapshot.chain);
  return snapshot;
}

/** The blocks must chain, and every transaction sit in the block that lists it. */
function checkHistory(c: ChainSnapshot): void {
  if (c.blocks.length === 0) corrupted('state.chain.blocks', 'no genesis block');
  c.blocks.forEach((b, i) => {
    if (b.number !== i) corrupted(`state.chain.blocks[${i}].number`, `expected ${i}`);
    const parent = i === 0 ? 0n : c.blocks[i - 1]!.hash;
    if (b.parentHash !== parent) corrupted(`state.chain.blocks[${i}].parentHash`, 'does not chain');
  });
  const last = c.blocks[c.blocks.length - 1]!;
  if (c.now < last.timestamp) corrupted('state.chain.now', 'before the latest block');
  c.transactions.forEach((t, i) => {
    if (!c.blocks[t.blockNumber]?.transactions.includes(t.hash)) {
      corrupted(`state.chain.transactions[${i}]`, 'not in the block it names');
    }
  });
}
