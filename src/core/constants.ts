/**
 * Protocol constants of the reference session account (chipi-pay/sessions-smart-contract v33).
 * Literal values, so nothing is hashed at import time; constants.test.ts re-derives every one.
 * The library's own checks do not read these tables: they hash entrypoint names and type strings at
 * first use (call.ts selectorsOf, hash.ts), which costs an app's bundle much less than 252-bit hex.
 */

/** SRC-5 id of ISessionKeyManager: XOR of its three plain selectors (not the SNIP-5 extended method). */
export const SESSION_KEY_MANAGER_INTERFACE_ID =
  '0x37ab4f01106526662a612eaa2926df2aa314c4144b964f183805880bbcfa55d';
/** SRC-5 id of SNIP-9 v2 outside execution. */
export const SRC9_V2_INTERFACE_ID = '0x1d1144bb2138366ff28d8e9ab57456b1d332ac42196230c3a602003c89872';
/** SRC-5 id of ISRC6 (account). */
export const SRC6_INTERFACE_ID = '0x2ceccef7f994940b3962a6c67e0ba4fcd37df7d131417c604f91e03caecc1cd';
/** The shortstring 'ANY_CALLER': SNIP-9's "anyone may relay this outside execution". */
export const ANY_CALLER = '0x414e595f43414c4c4552';

/** The three ISessionKeyManager entrypoints. */
export const SESSION_KEY_MANAGER_SELECTORS = {
  add_or_update_session_key: '0x27d4f8b711f8a318b18cac75c0b7c9941844dbbece6f62ca10111055acb64c1',
  revoke_session_key: '0x32d4c11046940bbba0d48557b365ca002c6adc3f58d28671c8b7542ab7d60e9',
  get_session_data: '0x22ab76a647098ec53b3907885af4dcbe973ac395dd2baba3e0a3cc74a79a175',
} as const;

/**
 * Every account entrypoint the library calls. The three above are written out again, not spread: an
 * object spread is not pure to a bundler, so this table would ship in apps that never read it.
 */
export const ACCOUNT_SELECTORS = {
  add_or_update_session_key: '0x27d4f8b711f8a318b18cac75c0b7c9941844dbbece6f62ca10111055acb64c1',
  revoke_session_key: '0x32d4c11046940bbba0d48557b365ca002c6adc3f58d28671c8b7542ab7d60e9',
  get_session_data: '0x22ab76a647098ec53b3907885af4dcbe973ac395dd2baba3e0a3cc74a79a175',
  set_spending_policy: '0x27b6399a529753e66438fe0341234566c390277e9c20b0f556016eb33bb698',
  get_spending_policy: '0x3dfdf9f26d7d7bb37c449e8a7bf8995bcdf8b21b6a891a370ad299c2beef261',
  remove_spending_policy: '0x28dac008d849601a4f136c3a869aa4dcb43907ea63ab552ecddfd2281144040',
  supports_interface: '0xfe80f537b66d12a00b6d3c072b44afbb716e78dde5c3f0ef116ee93d3e3283',
  get_contract_info: '0x73aad9d04a8174c79e1842111c339cace3389fb5ca476cd0ccd2b9782db9a2',
  execute_from_outside_v2: '0x34cc13b274446654ca3233ed2c1620d4c5d1d32fd20b47146a3371064bdc57d',
  is_valid_outside_execution_nonce: '0x1e6d35df2b9d989fb4b6bbcebda1314e4254cbe5e589dd94ff4f29ea935e91c',
  get_session_allowed_entrypoints_len: '0x5a7f8bde794d820ce96529744c415e2123b77d8bc9b1a3c2f3119ce40ff2d8',
  get_session_allowed_entrypoint_at: '0x2ef2a2e649feb975e271289bcc849cbf61315cba1218f2acd6011853b0df097',
  is_valid_signature: '0x28420862938116cb3bbdbedee07451ccc54d4e9412dbef71142ad1980a30941',
  __execute__: '0x15d40a3d6ca2ac30f4031e42be28da9b056fef9bb7357ac5e85627ee876e5ad',
} as const;

/**
 * The v33 admin blocklist: a session can never call these selectors, on ANY contract.
 * Keys are the entrypoint names, values their selectors.
 */
export const ADMIN_SELECTORS = {
  upgrade: '0xf2f7c15cbe06c8d94597cd91fd7f3369eae842359235712def5584f8d270cd',
  add_or_update_session_key: '0x27d4f8b711f8a318b18cac75c0b7c9941844dbbece6f62ca10111055acb64c1',
  revoke_session_key: '0x32d4c11046940bbba0d48557b365ca002c6adc3f58d28671c8b7542ab7d60e9',
  __execute__: '0x15d40a3d6ca2ac30f4031e42be28da9b056fef9bb7357ac5e85627ee876e5ad',
  set_public_key: '0x2e3e21ff5952b2531241e37999d9c4c8b3034cccc89a202a6bf019bdf5294f9',
  setPublicKey: '0xbc0eb87884ab91e330445c3584a50d7ddf4b568f02fbeb456a6242cce3f5d9',
  execute_from_outside_v2: '0x34cc13b274446654ca3233ed2c1620d4c5d1d32fd20b47146a3371064bdc57d',
  set_spending_policy: '0x27b6399a529753e66438fe0341234566c390277e9c20b0f556016eb33bb698',
  remove_spending_policy: '0x28dac008d849601a4f136c3a869aa4dcb43907ea63ab552ecddfd2281144040',
} as const;

export type AdminSelectorName = keyof typeof ADMIN_SELECTORS;

/** ERC-20 selectors whose amount (calldata[1..2], u256) the spending policy counts. */
export const SPENDING_TRACKED_SELECTORS = {
  transfer: '0x83afd3f4caedc6eebf44246fe54e38c95e3179a5ec9ea81740eca5b482d12e',
  approve: '0x219209e083275171774dab1df80982e9df2096516f06319c5c6d71ae0a8480c',
  increase_allowance: '0x1d13ab0a76d7407b1d5faccd4b3d8a9efe42f3d3c21766431d4fafb30f45bd4',
  increaseAllowance: '0x16cc063b8338363cf388ce7fe1df408bf10f16cd51635d392e21d852fafb683',
} as const;

/** Event keys[0] of the account's session events. */
export const SESSION_EVENT_SELECTORS = {
  SessionKeyAdded: '0x8efd895ee992b61bb4221cf253d198a3a4c2a12f6d00bddc22e3c4a7f51edd',
  SessionKeyRevoked: '0x14e38d4cddc27df1bd8c116680c9ec73cf13b52c630a9af72d7ee0967034b17',
  SpendingPolicySet: '0x1ef9d3d32fc977dc284db5b971ec288ba781a23ea286ee085f0de31fdfd4b38',
  SpendingPolicyRemoved: '0x317a272fb4d501481db976c1adc0dff69addc863cdaab956e9696dac694ca87',
} as const;

/** SNIP-12 revision 1 type hashes used by the SNIP-9 v2 outside-execution message. */
export const STARKNET_DOMAIN_TYPE_HASH = '0x1ff2f602e42168014d405a94f75e8a93d640751d71d16311266e140d8b0a210';
export const CALL_TYPE_HASH = '0x3635c7f2a7ba93844c0d064e18e487f35ab90f7c39d00f186a781fc3f0c2ca9';
/** OpenZeppelin's OutsideExecution type ("Execute After"/"Execute Before" as u128): the contract's primary hash. */
export const OUTSIDE_EXECUTION_TYPE_HASH_U128 =
  '0x312b56c05a7965066ddbda31c016d8d05afc305071c0ca3cdc2192c3c2f1f0f';
/** Chipi's fallback OutsideExecution type with felt timestamps. */
export const OUTSIDE_EXECUTION_TYPE_HASH_FELT =
  '0x5a4b49e17039355cd95d1f0981d75901191d1319b1f4b05a9a791d218d7e0c';

/** Shortstring 'StarkNet Message', the SNIP-12 message prefix. */
export const STARKNET_MESSAGE_PREFIX = '0x537461726b4e6574204d657373616765';
/** Shortstring 'Account.execute_from_outside', the outside-execution domain name (version 2, revision 1). */
export const OUTSIDE_EXECUTION_DOMAIN_NAME = '0x4163636f756e742e657865637574655f66726f6d5f6f757473696465';

/** Well-known chain ids (shortstring felts). */
export const CHAIN_IDS = {
  SN_MAIN: '0x534e5f4d41494e',
  SN_SEPOLIA: '0x534e5f5345504f4c4941',
} as const;
