import type { AbiEntry } from '../types.js';

/** Cairo type paths as they appear in a Sierra class ABI. */
export const T = {
  felt: 'core::felt252',
  bool: 'core::bool',
  u8: 'core::integer::u8',
  u32: 'core::integer::u32',
  u64: 'core::integer::u64',
  u128: 'core::integer::u128',
  u256: 'core::integer::u256',
  address: 'core::starknet::contract_address::ContractAddress',
  classHash: 'core::starknet::class_hash::ClassHash',
  feltArray: 'core::array::Array::<core::felt252>',
  feltSpan: 'core::array::Span::<core::felt252>',
  calls: 'core::array::Array::<core::starknet::account::Call>',
  spans: 'core::array::Array::<core::array::Span::<core::felt252>>',
} as const;

type Io = readonly (readonly [name: string, type: string])[];

/** One function entry: inputs as [name, type] pairs, outputs as types. */
export function fn(name: string, inputs: Io, outputs: readonly string[] = [], view = false): AbiEntry {
  return {
    type: 'function',
    name,
    inputs: inputs.map(([n, type]) => ({ name: n, type })),
    outputs: outputs.map((type) => ({ type })),
    state_mutability: view ? 'view' : 'external',
  };
}

export function iface(implName: string, interfaceName: string, items: AbiEntry[]): AbiEntry[] {
  return [
    { type: 'impl', name: implName, interface_name: interfaceName },
    { type: 'interface', name: interfaceName, items },
  ];
}

export function struct(name: string, members: Io): AbiEntry {
  return { type: 'struct', name, members: members.map(([n, type]) => ({ name: n, type })) };
}

/** A struct event (`kind: struct`) with its members' kinds ('key' or 'data'). */
export function event(
  name: string,
  members: readonly (readonly [string, string, 'key' | 'data'])[],
): AbiEntry {
  return {
    type: 'event',
    name,
    kind: 'struct',
    members: members.map(([n, type, kind]) => ({ name: n, type, kind })),
  };
}

/** The structs every ABI here may refer to. */
export const COMMON_STRUCTS: AbiEntry[] = [
  struct('core::integer::u256', [
    ['low', T.u128],
    ['high', T.u128],
  ]),
  {
    type: 'enum',
    name: 'core::bool',
    variants: [
      { name: 'False', type: '()' },
      { name: 'True', type: '()' },
    ],
  },
  struct('core::array::Span::<core::felt252>', [['snapshot', '@core::array::Array::<core::felt252>']]),
  struct('core::starknet::account::Call', [
    ['to', T.address],
    ['selector', T.felt],
    ['calldata', T.feltSpan],
  ]),
];

/** SRC-6 `is_valid_signature` (or its camel-case twin): (hash, signature) -> felt. */
export const isValidSignatureFn = (name: string) =>
  fn(
    name,
    [
      ['hash', T.felt],
      ['signature', T.feltArray],
    ],
    [T.felt],
    true,
  );

/** The ISRC6 functions every account here has. */
export const SRC6_FNS: AbiEntry[] = [
  fn('__execute__', [['calls', T.calls]], [T.spans]),
  fn('__validate__', [['calls', T.calls]], [T.felt]),
  isValidSignatureFn('is_valid_signature'),
];

/** IPublicKey's getter and setter. */
export const PUBLIC_KEY_FNS: AbiEntry[] = [
  fn('get_public_key', [], [T.felt], true),
  fn('set_public_key', [
    ['new_public_key', T.felt],
    ['signature', T.feltSpan],
  ]),
];

/** SNIP-9 v2's two functions; `outsideExecution` is the struct's name as the class spells it. */
export const outsideExecutionV2Fns = (outsideExecution: string): AbiEntry[] => [
  fn(
    'execute_from_outside_v2',
    [
      ['outside_execution', outsideExecution],
      ['signature', T.feltSpan],
    ],
    [T.spans],
  ),
  fn('is_valid_outside_execution_nonce', [['nonce', T.felt]], [T.bool], true),
];
