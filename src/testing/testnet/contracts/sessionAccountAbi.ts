/** The session account's ABI per version (spec/account-versions.md §1.3): v33's, minus what older classes lack. */

import type { AbiEntry } from '../types.js';
import {
  COMMON_STRUCTS,
  event,
  fn,
  iface,
  outsideExecutionV2Fns,
  PUBLIC_KEY_FNS,
  SRC6_FNS,
  struct,
  T,
} from './abi.js';
import type { SessionAccountModel } from './sessionVersions.js';

const OE = 'openzeppelin_account::extensions::src9::interface::OutsideExecution';

const SESSION_STRUCTS = [
  struct('session_account::session_key::interface::SessionData', [
    ['valid_until', T.u64],
    ['max_calls', T.u32],
    ['calls_used', T.u32],
    ['allowed_entrypoints_len', T.u32],
  ]),
  struct('session_account::session_key::spending_policy::interface::SpendingPolicy', [
    ['max_per_call', T.u256],
    ['max_per_window', T.u256],
    ['window_seconds', T.u64],
    ['spent_in_window', T.u256],
    ['window_start', T.u64],
  ]),
  struct(OE, [
    ['caller', T.address],
    ['nonce', T.felt],
    ['execute_after', T.u64],
    ['execute_before', T.u64],
    ['calls', 'core::array::Span::<core::starknet::account::Call>'],
  ]),
];

const V33_ABI = [
  ...COMMON_STRUCTS,
  ...SESSION_STRUCTS,
  ...iface('AccountImpl', 'openzeppelin_account::interface::ISRC6', SRC6_FNS),
  ...iface('DeclarerImpl', 'openzeppelin_account::interface::IDeclarer', [
    fn('__validate_declare__', [['class_hash', T.felt]], [T.felt]),
  ]),
  ...iface('DeployableImpl', 'openzeppelin_account::interface::IDeployable', [
    fn(
      '__validate_deploy__',
      [
        ['class_hash', T.felt],
        ['contract_address_salt', T.felt],
        ['public_key', T.felt],
      ],
      [T.felt],
    ),
  ]),
  ...iface('PublicKeyImpl', 'openzeppelin_account::interface::IPublicKey', PUBLIC_KEY_FNS),
  ...iface('PublicKeyCamelImpl', 'openzeppelin_account::interface::IPublicKeyCamel', [
    fn('getPublicKey', [], [T.felt], true),
    fn('setPublicKey', [
      ['newPublicKey', T.felt],
      ['signature', T.feltSpan],
    ]),
  ]),
  ...iface('SRC5Impl', 'openzeppelin_introspection::interface::ISRC5', [
    fn('supports_interface', [['interface_id', T.felt]], [T.bool], true),
  ]),
  ...iface(
    'SRC9V2Impl',
    'openzeppelin_account::extensions::src9::interface::ISRC9_V2',
    outsideExecutionV2Fns(OE),
  ),
  ...iface('SessionKeyImpl', 'session_account::session_key::interface::ISessionKeyManager', [
    fn('add_or_update_session_key', [
      ['session_key', T.felt],
      ['valid_until', T.u64],
      ['max_calls', T.u32],
      ['allowed_entrypoints', T.feltArray],
    ]),
    fn('revoke_session_key', [['session_key', T.felt]]),
    fn(
      'get_session_data',
      [['session_key', T.felt]],
      ['session_account::session_key::interface::SessionData'],
      true,
    ),
  ]),
  ...iface(
    'SpendingPolicyImpl',
    'session_account::session_key::spending_policy::interface::ISessionSpendingPolicy',
    [
      fn('set_spending_policy', [
        ['session_key', T.felt],
        ['token', T.address],
        ['max_per_call', T.u256],
        ['max_per_window', T.u256],
        ['window_seconds', T.u64],
      ]),
      fn(
        'get_spending_policy',
        [
          ['session_key', T.felt],
          ['token', T.address],
        ],
        ['session_account::session_key::spending_policy::interface::SpendingPolicy'],
        true,
      ),
      fn('remove_spending_policy', [
        ['session_key', T.felt],
        ['token', T.address],
      ]),
    ],
  ),
  fn('upgrade', [['new_class_hash', T.classHash]]),
  fn('register_interfaces', []),
  fn('get_contract_info', [], [T.felt], true),
  fn('get_snip9_version', [], [T.u8], true),
  fn(
    'compute_session_message_hash',
    [
      ['calls', T.calls],
      ['valid_until', T.u64],
    ],
    [T.felt],
    true,
  ),
  fn('get_session_allowed_entrypoints_len', [['session_key', T.felt]], [T.u32], true),
  fn(
    'get_session_allowed_entrypoint_at',
    [
      ['session_key', T.felt],
      ['index', T.u32],
    ],
    [T.felt],
    true,
  ),
  event('session_account::session_key::component::SessionKeyComponent::SessionKeyAdded', [
    ['session_key', T.felt, 'key'],
    ['valid_until', T.u64, 'data'],
    ['max_calls', T.u32, 'data'],
  ]),
  event('session_account::session_key::component::SessionKeyComponent::SessionKeyRevoked', [
    ['session_key', T.felt, 'key'],
  ]),
  { type: 'constructor', name: 'constructor', inputs: [{ name: 'public_key', type: T.felt }] },
];

const SPENDING = ['set_spending_policy', 'get_spending_policy', 'remove_spending_policy'];

/** The entrypoint names a version does not have (§1.3). */
export function missingEntrypoints(model: SessionAccountModel): Set<string> {
  const missing = new Set<string>();
  if (!model.spendingPolicy) for (const name of SPENDING) missing.add(name);
  if (!model.registersSessionId) missing.add('register_interfaces');
  if (!model.setPublicKey) for (const name of ['set_public_key', 'setPublicKey']) missing.add(name);
  return missing;
}

// v28's own SNIP-9 component adds these getters (§1.3).
const V28_EXTRA = [
  fn('get_nonce', [], [T.felt], true),
  fn('get_outside_execution_message_hash_rev_1', [['outside_execution', OE]], [T.felt], true),
  fn('get_outside_execution_message_hash', [['outside_execution', OE]], [T.felt], true),
];

/** The ABI of this version: functions it lacks removed (also inside interfaces). */
export function sessionAccountAbi(model: SessionAccountModel): AbiEntry[] {
  const missing = missingEntrypoints(model);
  const keep = (entry: AbiEntry) => !(entry.type === 'function' && missing.has(entry.name as string));
  const abi = V33_ABI.map((entry) =>
    entry.type === 'interface' ? { ...entry, items: (entry.items as AbiEntry[]).filter(keep) } : entry,
  ).filter(keep);
  return model.legacyOutsideExecution ? [...abi, ...V28_EXTRA] : abi;
}
