export { type AccountIndex, createAccountIndex } from './accountIndex.js';
export { createSessionsMcpServer } from './server.js';
export {
  callSessionTool,
  SESSION_TOOLS,
  type SessionToolsOptions,
  type ToolDefinition,
  type ToolResult,
  toolError,
} from './tools.js';
