/**
 * A SNIP-29 paymaster over the simulated chain. buildTransaction answers the OutsideExecution V2
 * typed data (u128 timestamps; in gas-token mode the fee `transfer` to the forwarder is appended as
 * the last call); executeTransaction simulates, then has the forwarder account submit
 * `execute_from_outside_v2` on the user's account, paying the STRK fee itself.
 */
import { signHash } from '../../core/crypto/ecdsa.js';
import { encodeShortString, toHex, U128_MAX } from '../../core/felt.js';
import { JsonRpcError } from '../errors.js';
import { type CairoCall, parseFelt, sel } from './cairo.js';
import type { Chain, InvokeTransaction } from './chain.js';
import { GAS_PRICES } from './chain.js';
import { SRC9_V2_ID } from './contracts/ozAccount.js';
import type { Faults } from './faults.js';
import {
  feltParam,
  outsideExecutionCalldata,
  outsideExecutionTypedData,
  type Params,
  parseCalls,
  parseSignature,
  paymasterError,
  recordParam,
  timeBoundsOf,
} from './outsideExecution.js';

export interface GasTokenInfo {
  address: bigint;
  decimals: number;
  /** Price of one whole token (10^decimals units) in FRI. */
  priceInStrk: bigint;
}

export interface PaymasterConfig {
  sponsored: boolean;
  gasTokens: GasTokenInfo[];
  /** The forwarder/relayer account that submits and is paid the gas-token fee. */
  forwarder: bigint;
  forwarderKey: bigint;
  /** Default validity of the typed data it builds (execute_before = now + this). */
  validitySeconds: number;
}

export class Paymaster {
  private readonly tracking = new Map<bigint, bigint>();
  private nonceCounter = 0n;

  constructor(
    private readonly chain: Chain,
    private readonly faults: Faults,
    readonly config: PaymasterConfig,
  ) {}

  /** What exportState keeps: tracking ids stay answerable after a restore. */
  snapshot(): { nonceCounter: bigint; tracking: [bigint, bigint][] } {
    return { nonceCounter: this.nonceCounter, tracking: [...this.tracking] };
  }

  restore(state: { nonceCounter: bigint; tracking: readonly (readonly [bigint, bigint])[] }): void {
    this.nonceCounter = state.nonceCounter;
    this.tracking.clear();
    for (const [id, hash] of state.tracking) this.tracking.set(id, hash);
  }

  private tokens(): GasTokenInfo[] {
    return this.config.gasTokens.filter((t) => !this.faults.refusedTokens.has(t.address));
  }

  private token(address: bigint): GasTokenInfo {
    const t = this.tokens().find((x) => x.address === address);
    if (!t) throw paymasterError.tokenNotSupported();
    return t;
  }

  private feeMode(params: Params): { mode: 'sponsored' } | { mode: 'default'; token: GasTokenInfo } {
    if (params.version !== '0x1')
      throw new JsonRpcError(-32602, 'Invalid params', 'parameters.version must be 0x1');
    const fm = recordParam(params.fee_mode, 'parameters.fee_mode');
    if (fm.mode === 'sponsored') {
      if (!this.config.sponsored)
        throw paymasterError.unknown('Sponsored transactions are not enabled on this paymaster');
      return { mode: 'sponsored' };
    }
    if (fm.mode === 'default')
      return { mode: 'default', token: this.token(feltParam(fm.gas_token, 'gas_token')) };
    throw new JsonRpcError(-32602, 'Invalid params', 'fee_mode.mode must be sponsored or default');
  }

  private checkUser(address: bigint): void {
    if (this.chain.world.classHashAt(address) === undefined) throw paymasterError.invalidAddress();
    const out = this.chain.call(address, sel('supports_interface'), [SRC9_V2_ID]);
    if (!out.ok || out.retdata[0] !== 1n) throw paymasterError.classHashNotSupported();
  }

  /** The gas of the forwarder's transaction for `calls` (fee estimate), in STRK and gas token. */
  private fees(user: bigint, calls: CairoCall[], token: GasTokenInfo | undefined) {
    const calldataLen = 4 + 5 + calls.reduce((n, c) => n + 3 + c.calldata.length, 0) + 3 + 5;
    const gas = this.chain.gasOf({
      calldata: [1n, user, 0n, ...new Array(calldataLen).fill(0n)],
    } as InvokeTransaction);
    const strk = this.chain.feeOf(gas);
    const suggestedStrk = (strk * 3n) / 2n;
    const inToken = (fri: bigint) =>
      token ? ceilDiv(fri * 10n ** BigInt(token.decimals), token.priceInStrk) : fri;
    return {
      gas_token_price_in_strk: token ? token.priceInStrk : 10n ** 18n,
      estimated_fee_in_strk: strk,
      estimated_fee_in_gas_token: inToken(strk),
      suggested_max_fee_in_strk: suggestedStrk,
      suggested_max_fee_in_gas_token: inToken(suggestedStrk),
    };
  }

  private freshNonce(user: bigint): bigint {
    for (;;) {
      this.nonceCounter += 1n;
      const random = globalThis.crypto.getRandomValues(new Uint32Array(2));
      const nonce =
        (BigInt(this.chain.clock.now()) << 96n) |
        (BigInt(random[0]!) << 64n) |
        (BigInt(random[1]!) << 32n) |
        this.nonceCounter;
      const out = this.chain.call(user, sel('is_valid_outside_execution_nonce'), [nonce]);
      if (out.ok && out.retdata[0] === 1n) return nonce;
    }
  }

  isAvailable(): boolean {
    return this.faults.paymasterDownMode === undefined;
  }

  supportedTokens() {
    return this.tokens().map((t) => ({
      token_address: toHex(t.address),
      decimals: t.decimals,
      price_in_strk: toHex(t.priceInStrk),
    }));
  }

  buildTransaction(p: Params) {
    const { user, parameters, mode, invoke } = this.invokeRequest(p, 'builds');
    const calls = parseCalls(invoke.calls, 'calls', { to: 'to', selector: 'selector', calldata: 'calldata' });
    const now = BigInt(this.chain.clock.now());
    let { after, before } = timeBoundsOf(parameters, now, this.config.validitySeconds);
    const hostile = this.faults.hostile;
    if (hostile?.executeBefore !== undefined) before = BigInt(hostile.executeBefore);
    const token = mode.mode === 'default' ? mode.token : undefined;
    const fee = this.fees(user, calls, token);
    if (hostile?.fee !== undefined) fee.suggested_max_fee_in_gas_token = hostile.fee;
    // The fee transfer first: a bad fee recipient refuses the request before a nonce is drawn.
    const allCalls = token ? [...calls, this.feeTransfer(token, fee.suggested_max_fee_in_gas_token)] : calls;
    const typedData = outsideExecutionTypedData({
      chainId: this.chain.chainId,
      caller: this.caller(),
      nonce: this.freshNonce(user),
      after,
      before,
      calls: allCalls,
    });
    return {
      type: 'invoke',
      typed_data: typedData,
      parameters: {
        version: '0x1',
        fee_mode: token ? { mode: 'default', gas_token: toHex(token.address) } : { mode: 'sponsored' },
        time_bounds: { execute_after: Number(after), execute_before: Number(before) },
      },
      ...(!hostile?.omitFee && {
        fee: Object.fromEntries(Object.entries(fee).map(([k, v]) => [k, toHex(v)])),
      }),
    };
  }

  /** An invoke request's common part: its user (a session-capable account) and its fee mode. */
  private invokeRequest(p: Params, verb: 'builds' | 'executes') {
    const tx = recordParam(p.transaction, 'transaction');
    const parameters = recordParam(p.parameters, 'parameters');
    if (tx.type !== 'invoke')
      throw paymasterError.unknown(
        `The testnet paymaster only ${verb} 'invoke' transactions (got ${String(tx.type)})`,
      );
    const invoke = recordParam(tx.invoke, 'transaction.invoke');
    const user = feltParam(invoke.user_address, 'user_address');
    const mode = this.feeMode(parameters);
    this.checkUser(user);
    return { user, parameters, mode, invoke };
  }

  /** In gas-token mode, the last call: the fee `transfer` to the fee recipient. */
  private feeTransfer(token: GasTokenInfo, amount: bigint): CairoCall {
    return {
      to: token.address,
      selector: sel('transfer'),
      calldata: [this.feeRecipient(), amount & U128_MAX, amount >> 128n],
    };
  }

  /** Who may relay what it builds: its forwarder, unless a hostile fault says otherwise. */
  private caller(): bigint {
    const caller = this.faults.hostile?.caller;
    if (caller === undefined) return this.config.forwarder;
    return caller === 'ANY_CALLER' ? encodeShortString('ANY_CALLER') : feltParam(caller, 'hostile.caller');
  }

  private feeRecipient(): bigint {
    const to = this.faults.hostile?.feeRecipient;
    return to === undefined ? this.config.forwarder : feltParam(to, 'hostile.feeRecipient');
  }

  executeTransaction(p: Params) {
    const { user, mode, invoke } = this.invokeRequest(p, 'executes');
    const typed = recordParam(invoke.typed_data, 'typed_data');
    const message = recordParam(typed.message, 'typed_data.message');
    const calls = parseCalls(message.Calls, 'typed_data.message.Calls', {
      to: 'To',
      selector: 'Selector',
      calldata: 'Calldata',
    });
    const signature = parseSignature(invoke.signature);
    if (mode.mode === 'default') this.checkFeeTransfer(user, calls, mode.token);
    const hash = this.relay(user, outsideExecutionCalldata(message, calls, signature));
    const trackingId = (hash >> 8n) ^ BigInt(this.tracking.size + 1);
    this.tracking.set(trackingId, hash);
    return { tracking_id: toHex(trackingId), transaction_hash: toHex(hash) };
  }

  /** Gas-token mode: the signed calls must end with a transfer to the fee recipient covering the fee. */
  private checkFeeTransfer(user: bigint, calls: CairoCall[], token: GasTokenInfo): void {
    const last = calls[calls.length - 1];
    const fee = this.fees(user, calls.slice(0, -1), token);
    const ok =
      last !== undefined &&
      last.to === token.address &&
      last.selector === sel('transfer') &&
      last.calldata[0] === this.feeRecipient() &&
      (last.calldata[1] ?? 0n) + ((last.calldata[2] ?? 0n) << 128n) >= fee.estimated_fee_in_gas_token;
    if (!ok) throw paymasterError.maxAmountTooLow();
  }

  /** The forwarder submits `execute_from_outside_v2` on the user's account and pays in STRK; its hash. */
  private relay(user: bigint, outsideCalldata: bigint[]): bigint {
    const forwarder = this.config.forwarder;
    const draft: InvokeTransaction = {
      senderAddress: forwarder,
      calldata: [
        1n,
        user,
        sel('execute_from_outside_v2'),
        BigInt(outsideCalldata.length),
        ...outsideCalldata,
      ],
      signature: [],
      nonce: this.chain.nonceOf(forwarder),
      version: 3n,
      resourceBounds: { l1Gas: bound(0n, 0n), l2Gas: bound(0n, 0n), l1DataGas: bound(0n, 0n) },
      tip: 0n,
      paymasterData: [],
      accountDeploymentData: [],
      nonceDataAvailabilityMode: 'L1',
      feeDataAvailabilityMode: 'L1',
    };
    const gas = this.chain.gasOf(draft);
    const signed: InvokeTransaction = {
      ...draft,
      resourceBounds: {
        l1Gas: bound(gas.l1Gas * 2n, GAS_PRICES.l1Gas * 2n),
        l2Gas: bound(gas.l2Gas * 2n, GAS_PRICES.l2Gas * 2n),
        l1DataGas: bound(gas.l1DataGas * 2n, GAS_PRICES.l1DataGas * 2n),
      },
    };
    const { r, s } = signHash(this.chain.transactionHash(signed), this.config.forwarderKey);
    try {
      // Like a real relayer it never broadcasts what would revert: the caller gets the contract's error.
      return this.chain.addInvoke({ ...signed, signature: [r, s] }, { rejectIfReverted: true }).hash;
    } catch (e) {
      if (e instanceof JsonRpcError && e.rpcCode === 41) {
        throw paymasterError.execution((e.data as { execution_error: unknown }).execution_error);
      }
      throw e;
    }
  }

  trackingIdToLatestHash(p: Params) {
    const id = parseFelt(p.tracking_id);
    const hash = id === undefined ? undefined : this.tracking.get(id);
    if (hash === undefined) throw paymasterError.invalidId();
    return { transaction_hash: toHex(hash), status: 'accepted' };
  }

  methods(): Record<string, { names: string[]; run: (p: Params) => unknown }> {
    return {
      paymaster_isAvailable: { names: [], run: () => this.isAvailable() },
      paymaster_getSupportedTokens: { names: [], run: () => this.supportedTokens() },
      paymaster_buildTransaction: {
        names: ['transaction', 'parameters'],
        run: (p) => this.buildTransaction(p),
      },
      paymaster_executeTransaction: {
        names: ['transaction', 'parameters'],
        run: (p) => this.executeTransaction(p),
      },
      paymaster_trackingIdToLatestHash: {
        names: ['tracking_id'],
        run: (p) => this.trackingIdToLatestHash(p),
      },
    };
  }
}

const bound = (maxAmount: bigint, maxPricePerUnit: bigint) => ({ maxAmount, maxPricePerUnit });
const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;
