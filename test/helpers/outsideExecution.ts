/** SNIP-12 revision 1 types of the SNIP-9 v2 outside execution, written out by hand (for tests and benches). */
export function outsideExecutionTypes(timestamps: 'u128' | 'felt' = 'u128') {
  return {
    StarknetDomain: [
      { name: 'name', type: 'shortstring' },
      { name: 'version', type: 'shortstring' },
      { name: 'chainId', type: 'shortstring' },
      { name: 'revision', type: 'shortstring' },
    ],
    OutsideExecution: [
      { name: 'Caller', type: 'ContractAddress' },
      { name: 'Nonce', type: 'felt' },
      { name: 'Execute After', type: timestamps },
      { name: 'Execute Before', type: timestamps },
      { name: 'Calls', type: 'Call*' },
    ],
    Call: [
      { name: 'To', type: 'ContractAddress' },
      { name: 'Selector', type: 'selector' },
      { name: 'Calldata', type: 'felt*' },
    ],
  };
}

export interface TypedCall {
  To: string;
  Selector: string;
  Calldata: string[];
}

/** The outside-execution typed data a SNIP-29 paymaster returns (what starknet.js getMessageHash takes). */
export function outsideExecutionTypedData(p: {
  chainId: string;
  caller: string;
  nonce: string;
  executeAfter: number | string;
  executeBefore: number | string;
  calls: TypedCall[];
  timestamps?: 'u128' | 'felt';
}) {
  return {
    types: outsideExecutionTypes(p.timestamps),
    primaryType: 'OutsideExecution',
    domain: { name: 'Account.execute_from_outside', version: '2', chainId: p.chainId, revision: '1' },
    message: {
      Caller: p.caller,
      Nonce: p.nonce,
      'Execute After': p.executeAfter,
      'Execute Before': p.executeBefore,
      Calls: p.calls,
    },
  };
}
