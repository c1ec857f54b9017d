import { isSessionError } from '../errors/index.js';
import { buildInvoke, executeInvoke, paymasterRequest, requestedTimeBounds } from './paymasterRequest.js';
import type { PaymasterLike } from './types.js';

const retry = { paymasterRetries: 1, paymasterTimeoutMs: 1_000 };

/** A request that fails with the given errors in turn, then answers 'ok'; counts its calls. */
function flaky(...failures: unknown[]) {
  const send = async () => {
    send.calls++;
    const failure = failures.shift();
    if (failure !== undefined) throw failure;
    return 'ok';
  };
  send.calls = 0;
  return send;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return isSessionError(error) ? error.code : String(error);
  }
}

describe('paymasterRequest', () => {
  it('without retry settings, sends once and reports the failure as a library error', async () => {
    const send = flaky(new Error('fetch failed'));
    expect(await codeOf(paymasterRequest(send))).toBe('PAYMASTER_UNAVAILABLE');
    expect(send.calls).toBe(1);
  });

  it('retries an unreachable paymaster with backoff, as many times as configured', async () => {
    const send = flaky(new Error('fetch failed'));
    expect(await paymasterRequest(send, retry)).toBe('ok');
    expect(send.calls).toBe(2);
    const down = flaky(new Error('fetch failed'), new Error('fetch failed'));
    expect(await codeOf(paymasterRequest(down, retry))).toBe('PAYMASTER_UNAVAILABLE');
    expect(down.calls).toBe(2);
  });

  it('never retries a refusal', async () => {
    const send = flaky({ code: 151, message: 'token not supported' });
    expect(await codeOf(paymasterRequest(send, retry))).toBe('PAYMASTER_REJECTED');
    expect(send.calls).toBe(1);
  });

  it('fails a request that takes longer than the timeout as unavailable (retryable)', async () => {
    const never = () => new Promise<never>(() => {});
    const error = await paymasterRequest(never, { paymasterRetries: 0, paymasterTimeoutMs: 20 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'PAYMASTER_UNAVAILABLE', retryable: true });
  });

  it('shows each failure to the inspector, which may throw its own error instead', async () => {
    const seen: [string, boolean][] = [];
    const send = flaky(new Error('fetch failed'), new Error('duplicated nonce'));
    const error = await paymasterRequest(send, retry, (raw, mapped, retried) => {
      seen.push([mapped.code, retried]);
      if (/duplicated nonce/.test(String(raw))) throw new TypeError('taken');
    }).catch((e: unknown) => e);
    expect(seen).toEqual([
      ['PAYMASTER_UNAVAILABLE', true],
      ['PAYMASTER_UNAVAILABLE', false],
    ]);
    expect(error).toEqual(new TypeError('taken'));
  });
});

describe('executeInvoke', () => {
  const answering = (answer: unknown) => {
    const paymaster = {
      calls: 0,
      buildTransaction: async () => ({}),
      executeTransaction: async () => {
        paymaster.calls++;
        return answer;
      },
    };
    return paymaster;
  };

  it('refuses an answer without a transaction hash as a typed, never-retried error', async () => {
    for (const answer of [undefined, null, 5, 'ok', {}, { transaction_hash: 'pending' }]) {
      const paymaster = answering(answer);
      const sent = executeInvoke(paymaster as never, '0x1', undefined, [], { mode: 'sponsored' }, retry);
      await expect(sent).rejects.toMatchObject({ code: 'PAYMASTER_UNAVAILABLE', retryable: false });
      expect(paymaster.calls).toBe(1);
    }
    const ok = answering({ transaction_hash: '0xabc', tracking_id: 't' });
    expect(await executeInvoke(ok as never, '0x1', undefined, [], { mode: 'sponsored' })).toEqual({
      transaction_hash: '0xabc',
      tracking_id: 't',
    });
  });
});

describe('buildInvoke', () => {
  it('asks the paymaster for SNIP-29 time bounds within the window', async () => {
    const seen: unknown[] = [];
    const paymaster = {
      buildTransaction: async (_tx: unknown, params: unknown) => {
        seen.push(params);
        return {};
      },
    } as unknown as PaymasterLike;
    const bounds = requestedTimeBounds({ now: () => 1_000_000, maxExecuteWindowSeconds: 120 });
    expect(bounds).toEqual({ executeAfter: 999_940, executeBefore: 1_000_120 });
    await buildInvoke(paymaster, '0x1', [], { mode: 'sponsored' }, undefined, bounds);
    expect(seen[0]).toMatchObject({ timeBounds: { executeAfter: 999_940, executeBefore: 1_000_120 } });
  });
});
