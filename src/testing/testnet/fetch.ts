import type { TransportRequest, TransportResponse } from './handler.js';

/**
 * The in-memory transport: a `fetch` that never touches the network. It answers the testnet's
 * URLs (any host; the path picks /rpc or /paymaster) and fails the way `fetch` fails: a TypeError
 * for an unreachable host, a TimeoutError DOMException for a request that hung, the signal's
 * reason when the caller aborts.
 */
export function createTestnetFetch(
  handle: (req: TransportRequest) => Promise<TransportResponse>,
  baseUrl: string,
): typeof fetch {
  const testnetFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    let url: string;
    let body: string;
    let signal = init?.signal ?? undefined;
    if (typeof Request !== 'undefined' && input instanceof Request) {
      url = input.url;
      body = init?.body !== undefined ? await new Response(init.body).text() : await input.text();
      signal ??= input.signal;
    } else {
      url = input instanceof URL ? input.href : String(input);
      body = init?.body === undefined || init.body === null ? '' : await new Response(init.body).text();
    }
    if (signal?.aborted) throw signal.reason;
    const out = await handle({ path: new URL(url, baseUrl).pathname, body, signal });
    if (out.kind === 'network-error') throw new TypeError('fetch failed');
    if (out.kind === 'timeout')
      throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    return new Response(out.body, { status: out.status, headers: out.headers });
  };
  return testnetFetch as typeof fetch;
}
