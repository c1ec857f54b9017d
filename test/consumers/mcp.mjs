// The consumer check's agent: `npx starknet-sessions-mcp` from the packed package, installed as the README
// says (`npm install starknet-sessions @modelcontextprotocol/sdk`), driven by the MCP SDK's client over
// stdio against the simulated network over HTTP: tools, a request, one approval, status, an action.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { approveSessionRequest, createMemoryStorage, createSessionConfig } from 'starknet-sessions/core';
import { createTestnet } from 'starknet-sessions/testing';
import { startTestnetServer } from 'starknet-sessions/testing/server';

const fail = (why) => {
  console.error(`mcp consumer: ${why}`);
  process.exit(1);
};
const testnet = createTestnet({ startTime: Math.floor(Date.now() / 1000) });
const server = await startTestnetServer(testnet, { port: 0 });
const client = new Client({ name: 'consumer-agent', version: '1.0.0' });
await client.connect(
  new StdioClientTransport({
    command: 'npx',
    args: ['--no-install', 'starknet-sessions-mcp'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      STARKNET_RPC_URL: server.rpcUrl,
      STARKNET_PAYMASTER_URL: server.paymasterUrl,
      STARKNET_SESSIONS_FILE: join(mkdtempSync(join(tmpdir(), 'mcp-consumer-')), 'sessions.json'),
    },
    stderr: 'inherit',
  }),
);
const call = async (name, args = {}) => {
  const result = await client.callTool({ name, arguments: args });
  if (result.isError) fail(`${name}: ${result.content[0]?.text}`);
  return JSON.parse(result.content[0].text);
};

const tools = (await client.listTools()).tools.map((t) => t.name).join(', ');
if (tools !== 'request_session, session_status, execute, forget_session') fail(`tools: ${tools}`);
const { link } = await call('request_session', {
  actions: [{ entrypoint: 'attack', contractAddress: testnet.game }],
  durationSeconds: 3600,
  maxCalls: 5,
});
const owner = createSessionConfig({ storage: createMemoryStorage(), provider: testnet.provider() });
await approveSessionRequest(owner, { owner: testnet.account(1), request: link });
const [status] = await call('session_status');
if (status?.status !== 'active' || status.callsLeft !== 5) fail(`status: ${JSON.stringify(status)}`);
const sent = await call('execute', {
  calls: [{ contractAddress: testnet.game, entrypoint: 'attack', calldata: ['0x1'] }],
});
if (testnet.gameState(1).attacks !== 1) fail(`the action did not land: ${JSON.stringify(sent)}`);
await client.close();
await server.close();
console.log(`mcp consumer ok: ${tools}; 1 approval, 1 action via ${sent.via}`);
