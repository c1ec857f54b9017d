// Runs the README's "core without React" block as written, against the simulated network: only its
// placeholders (account, contract, paymaster URL) are swapped for the testnet's, and the owner's ONE
// transaction (which the block leaves to the wallet) is sent where the block says so.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createTestnet } from '../src/testing/index.js';

const README = new URL('../README.md', import.meta.url);
const GENERATED = new URL('../.ci-out/readme-core.gen.ts', import.meta.url);

function coreBlock(): string {
  const markdown = readFileSync(README, 'utf8');
  const section = markdown.slice(markdown.indexOf('## The core without React'));
  const block = /```ts\n([\s\S]*?)\n```/.exec(section)?.[1];
  if (!block) throw new TypeError('README: no ts block under "## The core without React"');
  return block;
}

/** The block with its placeholders bound to `globalThis.readme`; each swap must find its text. */
function bind(block: string, omitCaller = false): string {
  const swaps: [string, string][] = [
    ["from 'starknet-sessions/core'", "from '../src/core/index.js'"],
    ["const accountAddress = '0x…';", 'const accountAddress = readme.accountAddress;'],
    ["const GAME = '0x…';", 'const GAME = readme.game;'],
    ["new PaymasterRpc({ nodeUrl: 'https://sepolia.paymaster.avnu.fi' })", 'readme.paymaster'],
    ['  allowedEntrypoints: policy.allowedSelectors });', '$&\nawait readme.register(addCall);'],
  ];
  if (omitCaller) swaps.push(['caller: m.Caller, ', '']);
  let code = `declare const readme: any;\n${block}`;
  for (const [from, to] of swaps) {
    if (!code.includes(from)) throw new TypeError(`README core block no longer contains: ${from}`);
    code = code.replace(from, to);
  }
  return code.replace(/^declare const readme: any;\n/, 'const readme = (globalThis as any).readme;\n');
}

async function runBlock(omitCaller: boolean) {
  const testnet = createTestnet();
  const owner = testnet.account(0);
  Object.assign(globalThis, {
    readme: {
      accountAddress: owner.address,
      game: testnet.game,
      paymaster: testnet.paymaster(),
      register: async (call: unknown) => {
        const { transaction_hash } = await owner.execute(call as Parameters<typeof owner.execute>[0]);
        await testnet.provider().waitForTransaction(transaction_hash);
      },
    },
  });
  mkdirSync(new URL('.', GENERATED), { recursive: true });
  writeFileSync(GENERATED, bind(coreBlock(), omitCaller));
  await import(/* @vite-ignore */ `${GENERATED.href}?${omitCaller}`);
  return testnet.gameState(testnet.accounts[0]!);
}

describe('README: the core without React', () => {
  it('runs as written: one session, one gasless attack through the paymaster', async () => {
    expect((await runBlock(false)).attacks).toBe(1);
  });

  it('needs the caller it passes: without it the signature does not match the paymaster typed data', async () => {
    await expect(runBlock(true)).rejects.toThrow(/SRC9: invalid signature/);
  });
});
