/**
 * The MCP server over the session tools. Needs `@modelcontextprotocol/sdk` (an optional peer: dApp
 * installs never pull it).
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { callSessionTool, SESSION_TOOLS, type SessionToolsOptions } from './tools.js';

export function createSessionsMcpServer(options: SessionToolsOptions): Server {
  const server = new Server({ name: 'starknet-sessions', version: '0.1.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [...SESSION_TOOLS] }));
  server.setRequestHandler(CallToolRequestSchema, async (request) =>
    callSessionTool(options, request.params.name, request.params.arguments ?? {}),
  );
  return server;
}
