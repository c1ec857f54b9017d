import {
  type AccountRules,
  type AccountVersion,
  accountRules,
  accountVersionOf,
  contractInfoOf,
} from './accountRules.js';
import { toSelector } from './call.js';
import { SRC9_V2_INTERFACE_ID } from './constants.js';
import { RpcRequestError } from './errors/index.js';
import { decodeShortString, parseBigInt, toAddress, toHex } from './felt.js';

/** The part of a starknet.js provider (RpcProvider, or starknet-react's) that detection uses. */
export interface SupportProvider {
  callContract(call: { contractAddress: string; entrypoint: string; calldata?: string[] }): Promise<string[]>;
  getClassAt?(contractAddress: string): Promise<unknown>;
  getClassHashAt?(contractAddress: string): Promise<string>;
}

/** What the rules need to know of the account, from its version (accountRules.ts). */
export type AccountCapabilities = Omit<AccountRules, 'version' | 'refused'>;

export interface SessionSupport {
  /** ISessionKeyManager (add/revoke/get_session_data) is there. */
  sessionKeys: boolean;
  /** SNIP-9 v2 execute_from_outside_v2 is there (needed for paymaster submission). */
  outsideExecution: boolean;
  /** The v33 spending-policy extension answers. */
  spendingPolicy: boolean;
  /** get_contract_info() of the reference account, e.g. 'v33'; undefined when absent. Raw: v29 and v30 both say 'v26_audit_fixes'. */
  contractVersion: string | undefined;
  /** The session-account version, from the exact class hash, cross-checked with get_contract_info and the entrypoints. */
  accountVersion: AccountVersion;
  /** The account's class hash (0x hex), undefined when the provider cannot read it. */
  classHash: string | undefined;
  /** What this version allows (an unknown class: the strictest rules, no spending limits). */
  capabilities: AccountCapabilities;
  /** How session support was established. */
  detectedBy: 'src5' | 'abi' | 'none';
}

// ISessionKeyManager's entrypoints, by name: the ABI lists names, and the XOR of their selectors is
// SESSION_KEY_MANAGER_INTERFACE_ID (SESSION_KEY_MANAGER_SELECTORS has them).
const SESSION_KEY_MANAGER_ENTRYPOINTS = [
  'add_or_update_session_key',
  'revoke_session_key',
  'get_session_data',
];

/**
 * Feature-detects SNIP session support (spec §6.1): SRC-5 ids first, then the class ABI; a reverting
 * supports_interface means "no". Network failures are thrown (as RpcRequestError), never read as "no".
 */
export async function detectSessionSupport(
  provider: SupportProvider,
  accountAddress: string,
): Promise<SessionSupport> {
  const address = toHex(toAddress(accountAddress, 'accountAddress'));
  const call = (entrypoint: string, calldata: string[] = []) =>
    probe(
      () => provider.callContract({ contractAddress: address, entrypoint, calldata }),
      `starknet_call ${entrypoint}`,
    );

  const [sessionSrc5, src9Src5, info, spending, classHash] = await Promise.all([
    call('supports_interface', [
      toHex(SESSION_KEY_MANAGER_ENTRYPOINTS.reduce((id, name) => id ^ toSelector(name), 0n)),
    ]),
    call('supports_interface', [SRC9_V2_INTERFACE_ID]),
    call('get_contract_info'),
    call('get_spending_policy', ['0x1', '0x1']),
    readClassHash(provider, address),
  ]);
  let sessionKeys = isTrue(sessionSrc5);
  let outsideExecution = isTrue(src9Src5);
  let detectedBy: SessionSupport['detectedBy'] = sessionKeys ? 'src5' : 'none';

  if ((!sessionKeys || !outsideExecution) && provider.getClassAt) {
    const names = await abiFunctionNames(provider, address);
    if (!sessionKeys && SESSION_KEY_MANAGER_ENTRYPOINTS.every((n) => names.has(n))) {
      sessionKeys = true;
      detectedBy = 'abi';
    }
    if (!outsideExecution && names.has('execute_from_outside_v2')) outsideExecution = true;
  }
  // No answer, an unreadable or an empty one: no version.
  const version = decodeShortString(parseBigInt(info?.[0]) ?? 0n) || undefined;
  const spendingAnswers = Array.isArray(spending) && spending.length === 8;
  const accountVersion = crossChecked(accountVersionOf(classHash), version, spendingAnswers);
  const { version: _, refused: __, ...capabilities } = accountRules(accountVersion);
  return {
    sessionKeys,
    outsideExecution,
    spendingPolicy: sessionKeys && spendingAnswers && capabilities.spendingPolicy,
    contractVersion: version,
    accountVersion,
    classHash,
    capabilities,
    detectedBy,
  };
}

/** The class hash names the version; get_contract_info and the spending getter must agree, else 'unknown'. */
function crossChecked(version: AccountVersion, info: string | undefined, spending: boolean): AccountVersion {
  if (version === 'unknown') return version;
  if (info !== contractInfoOf(version)) return 'unknown';
  return spending === (version === 'v33') ? version : 'unknown';
}

async function readClassHash(provider: SupportProvider, address: string): Promise<string | undefined> {
  if (!provider.getClassHashAt) return undefined;
  const hash = await probe(async () => provider.getClassHashAt?.(address), 'starknet_getClassHashAt');
  const n = parseBigInt(hash);
  return n === undefined ? undefined : toHex(n);
}

const isTrue = (result: string[] | undefined) => parseBigInt(result?.[0]) === 1n;

/**
 * The request's result, or undefined when the contract answered with a revert or a missing entrypoint
 * (or class); any other failure is thrown as RpcRequestError (`method` as the actions name theirs:
 * 'starknet_call get_contract_info').
 */
async function probe<T>(run: () => Promise<T>, method: string): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    if (isContractAnswer(error)) return undefined;
    throw new RpcRequestError(`The node did not answer ${method}.`, { method, cause: error });
  }
}

/** The node answered for the contract: a revert or a missing entrypoint (not a network failure). */
export function isContractAnswer(error: unknown): boolean {
  // Node error codes meaning "the contract answered, with a revert or a missing entrypoint".
  if ([20, 21, 40, 41].includes((error as { code?: unknown } | null)?.code as number)) return true;
  const message = error instanceof Error ? error.message : String(error);
  return /ENTRYPOINT_NOT_FOUND|Entry point .* not found|Contract[_ ]error|revert/i.test(message);
}

async function abiFunctionNames(provider: SupportProvider, address: string): Promise<Set<string>> {
  const names = new Set<string>();
  const klass = await probe(async () => provider.getClassAt?.(address), 'starknet_getClassAt');
  let abi = (klass as { abi?: unknown } | null)?.abi;
  if (typeof abi === 'string') {
    try {
      abi = JSON.parse(abi);
    } catch {
      return names;
    }
  }
  const visit = (items: unknown) => {
    if (!Array.isArray(items)) return;
    for (const item of items) {
      const entry = item as { type?: unknown; name?: unknown; items?: unknown };
      if (entry?.type === 'function' && typeof entry.name === 'string') names.add(entry.name);
      if (entry?.type === 'interface') visit(entry.items);
    }
  };
  visit(abi);
  return names;
}
