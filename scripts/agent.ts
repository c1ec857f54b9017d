// `npm run agent`: a small Node agent on the simulated network over HTTP. It makes its own session key
// (kept encrypted in .agent/), prints a link for a human to approve ONE session in their wallet, waits
// until the chain holds exactly what it asked for, then acts and prints each transaction.
// Options: --testnet URL (a running `npm run testnet`; default: start one here on a free port),
// --approval URL (default the demo's page, `npm start`), --actions N (default 3), --dir PATH (.agent),
// --account ADDRESS (ask this account; default: whichever single account approves),
// --linger SECONDS (keep serving the network after the agent is done, default 5: the approval page
// is still reading its receipt).
import { join } from 'node:path';
import { PaymasterRpc, RpcProvider, config as starknetConfig } from 'starknet';
import {
  createSessionConfig,
  createSessionRequest,
  DEFAULT_APPROVAL_URL,
  executeWithSession,
  isSessionError,
  type SessionPolicy,
  waitForSessionApproval,
} from '../src/core/index.js';
import { createFileStorage } from '../src/node/index.js';
import { createTestnet } from '../src/testing/index.js';
import { startTestnetServer } from '../src/testing/server.js';

starknetConfig.set('logLevel', 'ERROR');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The simulated network: the one given, or a fresh one served from this process. */
async function network() {
  const given = option('testnet');
  if (given) return { url: given.replace(/\/$/, ''), close: async () => {} };
  const testnet = createTestnet();
  const clock = setInterval(() => {
    const now = Math.floor(Date.now() / 1000);
    if (now > testnet.now()) testnet.setTime(now);
  }, 250);
  const server = await startTestnetServer(testnet, { port: 0 });
  return {
    url: server.url,
    close: async () => {
      clearInterval(clock);
      await server.close();
    },
  };
}

const net = await network();
const info = (await (await fetch(net.url)).json()) as { game: string; chainId: string };
const dir = option('dir') ?? '.agent';
const config = createSessionConfig({
  appId: 'demo-agent',
  storage: createFileStorage({ path: join(dir, 'sessions.json'), keyFile: join(dir, 'agent.key') }),
  provider: new RpcProvider({ nodeUrl: `${net.url}/rpc` }),
  paymaster: new PaymasterRpc({ nodeUrl: `${net.url}/paymaster` }),
});

const policy: SessionPolicy = {
  actions: [
    {
      entrypoint: 'attack',
      contractAddress: info.game,
      label: 'Attack a monster',
      contractLabel: 'Dragon Arena',
    },
  ],
  durationSeconds: 3600,
  maxCalls: 10,
};
// The page learns which network to use from the link (the request itself stays in the fragment).
const page = new URL(option('approval') ?? DEFAULT_APPROVAL_URL);
page.searchParams.set('testnet', net.url);
const approvalUrl = page.href;
const { request, link } = await createSessionRequest(config, {
  accountAddress: option('account'),
  policy,
  app: { name: 'Demo agent', url: 'https://agent.example' },
  approvalUrl,
});
console.log(`Network   ${net.url} (simulated, chain ${info.chainId})`);
console.log(`Agent key ${request.publicKey} (private key encrypted in ${dir}/)`);
console.log(`Link      ${link.length} characters`);
console.log(`\nOpen this link and approve in your wallet:\n\n${link}\n`);
console.log('Waiting for the approval on chain...');

try {
  const approved = await waitForSessionApproval(config, { request, pollIntervalMs: 250 });
  const seenAt = performance.now();
  console.log(`Approved by ${approved.accountAddress}: expiry, call limit and entrypoints are as asked.`);
  const count = Number(option('actions') ?? 3);
  for (let i = 0; i < count; i++) {
    const sent = await executeWithSession(config, {
      accountAddress: approved.accountAddress,
      calls: [{ contractAddress: info.game, entrypoint: 'attack', calldata: ['0x1'] }],
      waitForReceipt: true,
    });
    const after =
      i === 0 ? ` (${Math.round(performance.now() - seenAt)} ms after the approval was seen)` : '';
    console.log(`Action ${i + 1}: ${sent.transactionHash} via ${sent.via}${after}`);
  }
  console.log('Done.');
} catch (error) {
  // A refusal is the agent doing its job: say why, send nothing.
  console.error(
    isSessionError(error) ? `Refused: ${error.code}: ${error.shortMessage} ${error.details ?? ''}` : error,
  );
  process.exitCode = 1;
} finally {
  await new Promise((resolve) => setTimeout(resolve, Number(option('linger') ?? 5) * 1000));
  await net.close();
}
