/// <reference types="node" />
/**
 * The testnet over real HTTP on 127.0.0.1 (node:http). Node only: import it from
 * 'starknet-sessions/testing/server'-style entry points, never from browser code.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TestnetUsageError } from './errors.js';
import type { Testnet } from './testnet/testnet.js';

export interface TestnetServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: '127.0.0.1' | 'localhost' | '::1';
}

export interface TestnetServer {
  /** http://127.0.0.1:PORT */
  url: string;
  rpcUrl: string;
  paymasterUrl: string;
  close(): Promise<void>;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, GET, OPTIONS',
  'access-control-allow-headers': 'content-type, authorization, x-paymaster-api-key, api-key',
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function startTestnetServer(
  testnet: Testnet,
  options: TestnetServerOptions = {},
): Promise<TestnetServer> {
  const host = options.host ?? '127.0.0.1';
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
    throw new TestnetUsageError('The testnet server only listens on the loopback interface.', {
      details: host,
    });
  }
  const sockets = new Set<import('node:net').Socket>();

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS).end();
      return;
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET') {
      res.writeHead(200, { ...CORS, 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          chainId: testnet.chainId,
          rpc: '/rpc',
          paymaster: '/paymaster',
          accounts: testnet.accounts.map(({ address, publicKey, kind, label }) => ({
            address,
            publicKey,
            kind,
            label,
          })),
          tokens: testnet.tokens,
          game: testnet.game,
        }),
      );
      return;
    }
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableEnded) abort.abort(new DOMException('The client went away', 'AbortError'));
    });
    try {
      const out = await testnet.handle({ path, body: await readBody(req), signal: abort.signal });
      if (out.kind === 'response') {
        res.writeHead(out.status, { ...CORS, ...out.headers }).end(out.body);
      } else {
        // Unreachable paymaster or a hung node: the connection dies without an answer.
        req.socket.destroy();
      }
    } catch {
      if (!res.headersSent) req.socket.destroy();
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
      resolve({
        url,
        rpcUrl: `${url}/rpc`,
        paymasterUrl: `${url}/paymaster`,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
