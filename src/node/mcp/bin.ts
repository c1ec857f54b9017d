#!/usr/bin/env node
/// <reference types="node" />
/**
 * `starknet-sessions-mcp`: an MCP server (stdio) that lets an AI agent ask a human for a session,
 * then act within it. Configured by environment:
 *   STARKNET_RPC_URL (required), STARKNET_PAYMASTER_URL, STARKNET_PAYMASTER_API_KEY,
 *   STARKNET_SESSIONS_FILE (default ./starknet-sessions.json),
 *   STARKNET_SESSIONS_SECRET or STARKNET_SESSIONS_KEY_FILE (default: <file>.key, created once),
 *   STARKNET_SESSIONS_APPROVAL_URL, STARKNET_SESSIONS_APP_NAME, STARKNET_SESSIONS_APP_URL,
 *   STARKNET_ACCOUNT (ask this account; default: whichever single account approves).
 */
const env = process.env;

async function main() {
  let sdk: typeof import('@modelcontextprotocol/sdk/server/stdio.js');
  try {
    sdk = await import('@modelcontextprotocol/sdk/server/stdio.js');
  } catch {
    process.stderr.write('starknet-sessions-mcp needs the MCP SDK: npm install @modelcontextprotocol/sdk\n');
    process.exit(1);
  }
  if (!env.STARKNET_RPC_URL) {
    process.stderr.write('Set STARKNET_RPC_URL (a Starknet JSON-RPC endpoint).\n');
    process.exit(1);
  }
  const [
    { PaymasterRpc, RpcProvider },
    core,
    { createFileStorage },
    { createAccountIndex },
    { createSessionsMcpServer },
  ] = await Promise.all([
    import('starknet'),
    import('../../core/index.js'),
    import('../fileStorage.js'),
    import('./accountIndex.js'),
    import('./server.js'),
  ]);
  const file = env.STARKNET_SESSIONS_FILE ?? 'starknet-sessions.json';
  const provider = new RpcProvider({ nodeUrl: env.STARKNET_RPC_URL });
  const headers = env.STARKNET_PAYMASTER_API_KEY
    ? { 'x-paymaster-api-key': env.STARKNET_PAYMASTER_API_KEY }
    : undefined;
  const config = core.createSessionConfig({
    appId: 'starknet-sessions-mcp',
    provider,
    paymaster: env.STARKNET_PAYMASTER_URL
      ? new PaymasterRpc({ nodeUrl: env.STARKNET_PAYMASTER_URL, headers })
      : undefined,
    storage: createFileStorage({
      path: file,
      ...(env.STARKNET_SESSIONS_SECRET
        ? { secret: env.STARKNET_SESSIONS_SECRET }
        : { keyFile: env.STARKNET_SESSIONS_KEY_FILE ?? `${file}.key` }),
    }),
  });
  const server = createSessionsMcpServer({
    config,
    accounts: createAccountIndex(`${file}.accounts.json`),
    app: { name: env.STARKNET_SESSIONS_APP_NAME ?? 'MCP agent', url: env.STARKNET_SESSIONS_APP_URL },
    approvalUrl: env.STARKNET_SESSIONS_APPROVAL_URL,
    accountAddress: env.STARKNET_ACCOUNT,
    chainId: core.toHex(core.toChainId(await provider.getChainId())),
  });
  await server.connect(new sdk.StdioServerTransport());
}

main().catch((error: unknown) => {
  // The reason only: never the environment (it holds the storage secret).
  process.stderr.write(`starknet-sessions-mcp: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
