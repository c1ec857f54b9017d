// `npm run testnet`: the simulated Starknet (JSON-RPC + SNIP-29 paymaster) on 127.0.0.1, for a dApp
// or Storybook to talk to. Options: --port N (default 5050, 0 = any free port), --chain SN_SEPOLIA|SN_MAIN,
// --accounts N (v33 session accounts, default 3), --seed N (deterministic keys, default 0),
// --clock real|manual (default real: the chain follows the wall clock, one block per second).
import { createTestnet } from '../src/testing/index.js';
import { startTestnetServer, type TestnetServer } from '../src/testing/server.js';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const port = Number(option('port', '5050'));
const testnet = createTestnet({
  chainId: option('chain', 'SN_SEPOLIA'),
  accounts: Number(option('accounts', '3')),
  seed: Number(option('seed', '0')),
});

const realClock = option('clock', 'real') !== 'manual';
if (realClock) {
  setInterval(() => {
    const now = Math.floor(Date.now() / 1000);
    if (now > testnet.now()) testnet.setTime(now);
  }, 1000);
}

let server: TestnetServer;
try {
  server = await startTestnetServer(testnet, { port });
} catch (error) {
  if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
  console.warn(`Port ${port} is busy; using a free one.`);
  server = await startTestnetServer(testnet, { port: 0 });
}

const lines = [
  '',
  `starknet-sessions testnet (${testnet.chainName}, chain id ${testnet.chainId})`,
  '',
  `  RPC        ${server.rpcUrl}`,
  `  Paymaster  ${server.paymasterUrl}   (SNIP-29, sponsored + gas tokens)`,
  '',
  'Funded accounts (owner keys; 1000 STRK, 10 ETH, 10000 USDC each):',
  ...testnet.accounts.flatMap((a, i) => [
    `  #${i} ${a.label}`,
    `     address      ${a.address}`,
    `     private key  ${a.privateKey}`,
    `     public key   ${a.publicKey}`,
  ]),
  '',
  `Tokens     STRK ${testnet.tokens.STRK}`,
  `           ETH  ${testnet.tokens.ETH}`,
  `           USDC ${testnet.tokens.USDC}`,
  `Game       ${testnet.game}   (attack, move, claim_reward, buy_item)`,
  `Forwarder  ${testnet.paymasterAddress}   (paymaster relayer)`,
  '',
  realClock
    ? 'The clock follows the wall clock (--clock manual freezes it). These are test keys: never use them elsewhere.'
    : 'The clock stands still (--clock manual). These are test keys: never use them elsewhere.',
  'Ctrl+C to stop.',
];
console.log(lines.join('\n'));

const stop = () => {
  server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
