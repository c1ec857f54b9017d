// starknet-sessions/testing: a simulated Starknet (node + SNIP-29 paymaster + accounts) and a mock
// wallet, for tests, stories and demos. Browser-safe: the HTTP server lives in ./server.ts.

export {
  ContractPanicError,
  JsonRpcError,
  MockWalletError,
  TestnetUsageError,
  type WalletErrorName,
} from './errors.js';
export {
  type ApprovePolicy,
  createMockWallet,
  type MockWallet,
  type MockWalletOptions,
  type PromptRecord,
  type WalletRequest,
} from './mockWallet.js';
export type { PlayerState } from './testnet/contracts/game.js';
export type { LegacyAccountVariant, LegacySrc5Behaviour } from './testnet/contracts/legacyAccount.js';
export type { SessionAccountVersion } from './testnet/contracts/sessionVersions.js';
export type {
  HostilePaymaster,
  PaymasterDownMode,
  RevertTarget,
  RpcErrorShape,
  WithheldPayload,
} from './testnet/faults.js';
export { Faults } from './testnet/faults.js';
export type { TransportRequest, TransportResponse } from './testnet/handler.js';
export { RPC_SPEC_VERSION } from './testnet/rpc.js';
export {
  type AccountRef,
  type AddAccountOptions,
  type CreateTestnetOptions,
  createTestnet,
  DEFAULT_PERSIST_KEY,
  type PersistOptions,
  type ProviderOptions,
  type SessionDataView,
  type SpendingPolicyView,
  type TestAccount,
  type TestAccountKind,
  type Testnet,
  type TestnetClock,
  type TestnetEvent,
  type TestnetStorage,
  type TestnetTransaction,
} from './testnet/testnet.js';
export type { InnerCallRecord } from './testnet/types.js';
