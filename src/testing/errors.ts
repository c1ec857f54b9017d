import { SessionError } from '../core/errors/base.js';

/** The simulated network (starknet-sessions/testing) was used in a way it cannot honour. */
export class TestnetUsageError extends SessionError<'TESTNET_USAGE'> {
  override name = 'TestnetUsageError';
  constructor(shortMessage: string, options: { cause?: unknown; details?: string } = {}) {
    super('TESTNET_USAGE', shortMessage, options);
  }
}

/**
 * A simulated Cairo panic: the contract model reverted with these reasons (shortstrings or a
 * ByteArray message), exactly as the Cairo contract would. Caught by the simulated sequencer.
 */
export class ContractPanicError extends SessionError<'CONTRACT_PANIC'> {
  override name = 'ContractPanicError';
  /** Panic data as felts (each shortstring one felt; ByteArray messages in their Serde form). */
  readonly panicData: bigint[];
  /** The readable form of panicData, as a node prints it. */
  readonly reason: string;
  constructor(panicData: bigint[], reason: string) {
    super('CONTRACT_PANIC', 'The contract reverted.', { details: reason });
    this.panicData = panicData;
    this.reason = reason;
  }
}

export type WalletErrorName =
  | 'USER_REFUSED_OP'
  | 'UNLISTED_NETWORK'
  | 'INVALID_REQUEST_PAYLOAD'
  | 'ACCOUNT_ALREADY_DEPLOYED'
  | 'UNKNOWN_ERROR';

const WALLET_ERROR_CODES: Record<WalletErrorName, number> = {
  UNLISTED_NETWORK: 112,
  USER_REFUSED_OP: 113,
  INVALID_REQUEST_PAYLOAD: 114,
  ACCOUNT_ALREADY_DEPLOYED: 115,
  UNKNOWN_ERROR: 163,
};

/**
 * What the mock wallet rejects a request with. `code` is the wallet-API error name; `rpcCode` the
 * numeric code a real get-starknet wallet puts in its error object (113 = user refused).
 */
export class MockWalletError extends SessionError<WalletErrorName> {
  override name = 'MockWalletError';
  readonly rpcCode: number;
  constructor(code: WalletErrorName, details?: string) {
    super(code, `An error occurred (${code})`, { details });
    this.rpcCode = WALLET_ERROR_CODES[code];
  }
}

/** A JSON-RPC error object the simulated node or paymaster answers with (spec codes: 40, 55, 151…). */
export class JsonRpcError extends SessionError<'JSON_RPC_ERROR'> {
  override name = 'JsonRpcError';
  readonly rpcCode: number;
  readonly rpcMessage: string;
  readonly data: unknown;
  constructor(rpcCode: number, rpcMessage: string, data?: unknown) {
    super('JSON_RPC_ERROR', rpcMessage, {
      details: data === undefined ? undefined : typeof data === 'string' ? data : JSON.stringify(data),
    });
    this.rpcCode = rpcCode;
    this.rpcMessage = rpcMessage;
    this.data = data;
  }

  toJSON(): { code: number; message: string; data?: unknown } {
    return this.data === undefined
      ? { code: this.rpcCode, message: this.rpcMessage }
      : { code: this.rpcCode, message: this.rpcMessage, data: this.data };
  }
}
