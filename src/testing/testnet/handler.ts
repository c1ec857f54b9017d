/**
 * One request handler for both transports (the in-memory fetch and the HTTP server): routes by
 * path to the node or the paymaster, speaks JSON-RPC 2.0 (batches too), and applies the faults.
 */
import { JsonRpcError } from '../errors.js';
import type { Faults } from './faults.js';

export interface TransportRequest {
  /** URL path, e.g. '/rpc' or '/paymaster'. */
  path: string;
  body: string;
  signal?: AbortSignal | undefined;
}

export type TransportResponse =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: string }
  /** The host cannot be reached (fetch rejects with a TypeError). */
  | { kind: 'network-error' }
  /** The request hung until its deadline (fetch rejects with a TimeoutError). */
  | { kind: 'timeout' };

type MethodTable = Record<string, { names: string[]; run: (params: Record<string, unknown>) => unknown }>;

export interface HandlerDeps {
  faults: Faults;
  rpc: MethodTable;
  paymaster: MethodTable;
}

interface JsonRpcRequest {
  jsonrpc?: unknown;
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

const respond = (
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
): TransportResponse => ({
  kind: 'response',
  status,
  headers: { ...JSON_HEADERS, ...headers },
  body: JSON.stringify(payload),
});

const errorPayload = (id: unknown, error: { code: number; message: string; data?: unknown }) => ({
  jsonrpc: '2.0',
  id: id ?? null,
  error,
});

/** Waits `ms`, rejecting with the signal's reason if the caller aborts first. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function paramsByName(names: string[], params: unknown): Record<string, unknown> {
  if (params === undefined || params === null) return {};
  if (Array.isArray(params)) return Object.fromEntries(names.map((n, i) => [n, params[i]]));
  if (typeof params === 'object') return params as Record<string, unknown>;
  throw new JsonRpcError(-32602, 'Invalid params', 'params must be an object or an array');
}

function runOne(table: MethodTable, req: JsonRpcRequest): unknown {
  if (req === null || typeof req !== 'object' || typeof req.method !== 'string') {
    return errorPayload(req?.id, { code: -32600, message: 'Invalid Request' });
  }
  const method = table[req.method];
  if (!method) return errorPayload(req.id, { code: -32601, message: 'Method not found' });
  try {
    const result = method.run(paramsByName(method.names, req.params));
    return { jsonrpc: '2.0', id: req.id ?? null, result };
  } catch (error) {
    if (error instanceof JsonRpcError) return errorPayload(req.id, error.toJSON());
    // A bug in the simulator itself: answer like a node's internal error, with the cause.
    return errorPayload(req.id, { code: -32603, message: 'Internal error', data: String(error) });
  }
}

function methodsOf(parsed: unknown): string[] {
  const list = Array.isArray(parsed) ? parsed : [parsed];
  return list.map((r) =>
    r && typeof r === 'object' && typeof (r as JsonRpcRequest).method === 'string'
      ? (r as { method: string }).method
      : '',
  );
}

export function createHandler(deps: HandlerDeps): (req: TransportRequest) => Promise<TransportResponse> {
  const { faults } = deps;
  return async (req) => {
    const path = req.path.replace(/\/+$/, '');
    const isPaymaster = path.endsWith('/paymaster');
    const isRpc = path.endsWith('/rpc') || path === '';
    if (!isPaymaster && !isRpc)
      return respond(404, { error: `No endpoint at ${req.path}: use /rpc or /paymaster` });

    let parsed: unknown;
    try {
      parsed = JSON.parse(req.body);
    } catch {
      return respond(200, errorPayload(null, { code: -32700, message: 'Parse error' }));
    }
    const methods = methodsOf(parsed);

    if (isPaymaster) {
      const unavailable = () =>
        respond(
          503,
          errorPayload((parsed as JsonRpcRequest)?.id, {
            code: 163,
            message: 'An error occurred (UNKNOWN_ERROR)',
            data: 'Paymaster service unavailable',
          }),
        );
      if (faults.paymasterDownMode === 'network') return { kind: 'network-error' };
      await delay(faults.paymasterDelayMs, req.signal);
      if (faults.takeRateLimit()) {
        return respond(
          429,
          errorPayload((parsed as JsonRpcRequest)?.id, {
            code: 163,
            message: 'An error occurred (UNKNOWN_ERROR)',
            data: 'Too many requests',
          }),
          { 'retry-after': String(faults.retryAfterSeconds) },
        );
      }
      if (
        faults.paymasterDownMode === 'unavailable' &&
        !methods.every((m) => m === 'paymaster_isAvailable')
      ) {
        return unavailable();
      }
      if (
        methods.length === 1 &&
        methods[0] === 'paymaster_executeTransaction' &&
        faults.takeWithhold({ relay: () => runOne(deps.paymaster, parsed as JsonRpcRequest) as never })
      ) {
        // A hostile paymaster keeps the signed payload and says nothing ran.
        return unavailable();
      }
    } else {
      for (const m of methods) {
        const ms = faults.takeRpcTimeout(m);
        if (ms !== undefined) {
          await delay(ms, req.signal);
          return { kind: 'timeout' };
        }
      }
      for (const m of methods) {
        const injected = faults.takeRpcError(m);
        if (injected) return respond(200, errorPayload((parsed as JsonRpcRequest)?.id, injected));
      }
    }

    const table = isPaymaster ? deps.paymaster : deps.rpc;
    const payload = Array.isArray(parsed)
      ? parsed.map((r) => runOne(table, r as JsonRpcRequest))
      : runOne(table, parsed as JsonRpcRequest);
    return respond(200, payload);
  };
}
