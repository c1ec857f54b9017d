import { errorName } from './base.js';
import * as errors from './index.js';
import { SessionError } from './index.js';

const call = { index: 1, contractAddress: '0x1', selector: '0x2', entrypoint: 'transfer' };

// One instance of every error class the library exports, built as the library builds it.
const instances: SessionError[] = [
  new errors.CryptoSelfTestError('poseidon(1, 2) gave a wrong value'),
  new errors.UserRejectedError(),
  new errors.WalletNotConnectedError(),
  new errors.SessionKeyMissingError('0xabc'),
  new errors.NoSessionError(),
  new errors.PaymasterUnavailableError('down', { retryable: false }),
  new errors.PaymasterRejectedError('no'),
  new errors.PaymasterResponseMismatchError('message.Calls', 'not an array'),
  new errors.TransactionRevertedError('0x5'),
  new errors.InnerCallFailedError('0x5', [{ ...call, reason: undefined }]),
  new errors.NonceConflictError(),
  new errors.InvalidInputError('nonce', 'nonce is not a valid felt.'),
  new errors.InvalidPolicyError('empty-whitelist', 'actions', 'empty'),
  new errors.SessionNotFoundError('0xabc'),
  new errors.SessionRevokedError('0xabc'),
  new errors.SessionExpiredError(100, 200),
  new errors.CallLimitReachedError(5, 5),
  new errors.AdminSelectorError('upgrade', call),
  new errors.CallNotAllowedError('not-whitelisted', call),
  new errors.SpendLimitExceededError('0x9', 'per-call', 10n, 5n, call),
  new errors.InvalidCalldataError('short', call),
  new errors.RpcRequestError('unreachable', { method: 'starknet_call' }),
  new errors.SessionNotSupportedError('0x1', 'spending-policy'),
  new errors.StaleReadError({ aliveAtBlock: 7 }),
  new errors.AccountStateMismatchError('create', { maxCalls: '5' }, { maxCalls: '0' }),
  new errors.StorageUnavailableError('indexeddb', 'blocked', 'blocked'),
  new errors.StoredRecordError('malformed', 'record', 'bad'),
  new errors.SignerError('0xabc', 'failed', 'failed'),
  new errors.InvalidSessionRequestError('malformed', 'bad', { field: 'link' }),
  new errors.SessionRequestMismatchError('maxCalls', '5', '50'),
  new errors.SessionRequestTimeoutError('0xabc', 1000),
];

describe('the error classes', () => {
  it('are all covered here', () => {
    const classes = Object.values(errors).filter(
      (value) => typeof value === 'function' && value.prototype instanceof SessionError,
    );
    expect(new Set(instances.map((e) => e.constructor))).toEqual(new Set(classes));
  });

  it.each(instances.map((e) => [e.constructor.name, e] as const))(
    '%s is named after its class',
    (name, e) => {
      expect(e.name).toBe(name);
      expect(String(e).startsWith(`${name}: `)).toBe(true);
      expect(e).toBeInstanceOf(SessionError);
    },
  );

  it('keep their structured fields as own, enumerable properties', () => {
    const spend = new errors.SpendLimitExceededError('0x9', 'per-window', 10n, 5n, call);
    expect(Object.keys(spend)).toEqual(
      expect.arrayContaining([
        'code',
        'shortMessage',
        'details',
        'token',
        'limit',
        'amount',
        'allowed',
        'call',
      ]),
    );
    expect(spend).toMatchObject({ token: '0x9', limit: 'per-window', amount: 10n, allowed: 5n, call });
    expect(new errors.PaymasterUnavailableError('down').retryable).toBe(true);
    expect(new errors.PaymasterResponseMismatchError('types.Call').field).toBe('types.Call');
  });

  it('leave SessionError and subclasses without a name of their own named SessionError', () => {
    class AppError extends SessionError<'APP_FAILED'> {}
    expect(new SessionError('NOT_READY', 'Not ready.').name).toBe('SessionError');
    expect(new AppError('APP_FAILED', 'Failed.').name).toBe('SessionError');
  });
});

describe('errorName', () => {
  it('turns a code into a class name', () => {
    expect(errorName('USER_REJECTED')).toBe('UserRejectedError');
    expect(errorName('NO_SESSION')).toBe('NoSessionError');
    expect(errorName('SPEND_LIMIT_EXCEEDED')).toBe('SpendLimitExceededError');
  });
});
