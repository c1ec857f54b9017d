/**
 * `starknet-sessions-mcp` driven by the MCP SDK's own client over stdio, against the simulated network
 * served over HTTP: request a session (a link), the owner approves once, status, execute, a refusal that
 * sends nothing, forget.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { approveSessionRequest, createSessionConfig } from '../src/core/index.js';
import { createMemoryStorage } from '../src/core/storage/index.js';
import { createTestnet } from '../src/testing/index.js';
import { startTestnetServer, type TestnetServer } from '../src/testing/server.js';

const root = fileURLToPath(new URL('../', import.meta.url));
// The server uses the system clock, as it would against a real node: the chain starts at the wall clock.
const testnet = createTestnet({ startTime: Math.floor(Date.now() / 1000) });
let server: TestnetServer;
let client: Client;

beforeAll(async () => {
  server = await startTestnetServer(testnet, { port: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'mcp-'));
  client = new Client({ name: 'test-agent', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', join(root, 'src/node/mcp/bin.ts')],
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        STARKNET_RPC_URL: server.rpcUrl,
        STARKNET_PAYMASTER_URL: server.paymasterUrl,
        STARKNET_SESSIONS_FILE: join(dir, 'sessions.json'),
        STARKNET_SESSIONS_SECRET: 'a passphrase for the test agent',
        STARKNET_SESSIONS_APP_NAME: 'Test agent',
      },
      stderr: 'inherit',
    }),
  );
}, 60_000);

afterAll(async () => {
  await client?.close();
  await server?.close();
});

type Result = { content: { type: string; text: string }[]; isError?: boolean };
const call = async (name: string, args: Record<string, unknown> = {}) =>
  (await client.callTool({ name, arguments: args })) as Result;
const json = (result: Result) => JSON.parse(result.content[0]!.text) as Record<string, unknown> & unknown[];

describe('starknet-sessions-mcp over stdio', () => {
  it('lists its four tools', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual([
      'request_session',
      'session_status',
      'execute',
      'forget_session',
    ]);
  });

  it('request -> approval -> active -> execute; a refused call is a tool error and sends nothing; forget', async () => {
    const requested = await call('request_session', {
      actions: [{ entrypoint: 'attack', contractAddress: testnet.game }],
      durationSeconds: 3600,
      maxCalls: 5,
    });
    expect(requested.isError).toBeFalsy();
    const { link, publicKey } = json(requested) as unknown as { link: string; publicKey: string };
    expect(link).toMatch(/#session-request=1\./);
    expect(json(await call('session_status'))[0]).toMatchObject({ publicKey, status: 'pending' });

    const human = createSessionConfig({
      storage: createMemoryStorage(),
      provider: testnet.provider(),
      now: () => testnet.now(),
    });
    await approveSessionRequest(human, { owner: testnet.account(2), request: link });
    expect(json(await call('session_status'))[0]).toMatchObject({
      publicKey,
      status: 'active',
      callsLeft: 5,
    });

    const attack = { contractAddress: testnet.game, entrypoint: 'attack', calldata: ['0x1'] };
    const sent = await call('execute', { calls: [attack] });
    expect(sent.isError).toBeFalsy();
    expect(json(sent)).toMatchObject({ via: 'paymaster' });
    expect(testnet.gameState(2).attacks).toBe(1);

    const before = testnet.transactions().length;
    const refused = await call('execute', {
      calls: [{ ...attack, entrypoint: 'move', calldata: ['0x1', '0x2'] }],
    });
    expect(refused.isError).toBe(true);
    expect(refused.content[0]!.text).toMatch(/^CALL_NOT_ALLOWED: /);
    expect(testnet.transactions().length).toBe(before);

    expect(json(await call('forget_session', { publicKey }))).toEqual({ forgotten: 1 });
    const after = await call('execute', { calls: [attack] });
    expect(after.isError).toBe(true);
    expect(after.content[0]!.text).toMatch(/^NO_SESSION: /);
  });

  it('says what to install when the MCP SDK is missing', () => {
    // A resolve hook that hides the SDK, as on an install without the optional peer.
    const hooks = `export async function resolve(s, c, next) {
      if (s.startsWith('@modelcontextprotocol/sdk')) throw Object.assign(new Error('missing'), { code: 'ERR_MODULE_NOT_FOUND' });
      return next(s, c);
    }`;
    const hide = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        `data:text/javascript,${encodeURIComponent(hide)}`,
        '--import',
        'tsx',
        'src/node/mcp/bin.ts',
      ],
      { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('npm install @modelcontextprotocol/sdk');
  });
});
