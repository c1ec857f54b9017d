import * as scure from '@scure/starknet';

// The permutation takes starknet.js's round-constant table when it looks right and checks a known
// answer before first use. Without a usable table it hands over to starknet.js's own Poseidon, after
// the same check, and refuses to hash when that fails too.
const POSEIDON_1_2 = 0x5d44a3decb2b2e0cc71071f7b802f45dd792d064f0fc7316c46514f70f9891an;
const EMPTY_SPAN = 0x2272be0f580fd156823304800919530eaa97430e972d7213ee13f4fbf7a5dbcn;
const wrongTable = Array.from({ length: 91 }, () => [1n, 2n, 3n]);

/** starknet.js's Poseidon (our dev copy of @scure/starknet), counting its calls, with `table` on the permutation. */
function peerPoseidon(table: unknown) {
  const permutation = Object.assign((state: bigint[]) => scure.poseidonSmall(state), {
    roundConstants: table,
  });
  return {
    poseidonSmall: vi.fn(permutation),
    poseidonHash: vi.fn((a: bigint, b: bigint) => scure.poseidonHash(a, b)),
    poseidonHashMany: vi.fn((values: bigint[]) => scure.poseidonHashMany(values)),
  };
}

afterEach(() => {
  vi.doUnmock('starknet');
  vi.resetModules();
});

describe('Poseidon round-constant sources', () => {
  it("hashes with starknet.js's Poseidon when starknet.js's table is wrong", async () => {
    const peer = peerPoseidon(wrongTable);
    vi.doMock('starknet', () => ({ ec: { starkCurve: peer } }));
    const { poseidonHash, poseidonHashMany, poseidonPermute } = await import('./poseidon.js');
    expect(poseidonHash(1n, 2n)).toBe(POSEIDON_1_2);
    expect(poseidonHashMany([])).toBe(EMPTY_SPAN);
    expect(poseidonHashMany([5n, 6n, 7n])).toBe(scure.poseidonHashMany([5n, 6n, 7n]));
    expect(poseidonPermute(1n, 2n, 3n)).toEqual(scure.poseidonSmall([1n, 2n, 3n]));
    // The results came from the peer, each function from its counterpart.
    expect(peer.poseidonHashMany).toHaveBeenCalledWith([5n, 6n, 7n]);
    expect(peer.poseidonSmall).toHaveBeenCalledWith([1n, 2n, 3n]);
  });

  it("hashes with starknet.js's Poseidon when starknet.js exposes no table", async () => {
    const peer = peerPoseidon(undefined);
    vi.doMock('starknet', () => ({ ec: { starkCurve: peer } }));
    const { poseidonHash, poseidonHashMany } = await import('./poseidon.js');
    expect(poseidonHash(1n, 2n)).toBe(POSEIDON_1_2);
    expect(poseidonHash(3n, 4n)).toBe(scure.poseidonHash(3n, 4n));
    expect(poseidonHashMany([1n])).toBe(scure.poseidonHashMany([1n]));
    // The known answer first, then (1, 2) and (3, 4).
    expect(peer.poseidonHash).toHaveBeenCalledTimes(3);
    expect(peer.poseidonHashMany).toHaveBeenCalledTimes(1);
  });

  const table = scure.poseidonSmall.roundConstants;
  for (const [what, starkCurve] of [
    ['has no permutation', { ...peerPoseidon(undefined), poseidonSmall: null }],
    ['has a table without its first row', peerPoseidon(table.slice(1))],
    ['has a table of strings', peerPoseidon(table.map((row) => row.map(String)))],
    ['has a table with an extra column', peerPoseidon(table.map((row) => [...row, 0n]))],
    ['has a table that is not an array', peerPoseidon({ length: 91 })],
  ] as const) {
    it(`hashes with starknet.js's Poseidon when starknet.js ${what}`, async () => {
      vi.doMock('starknet', () => ({ ec: { starkCurve } }));
      const { poseidonHash, poseidonHashMany } = await import('./poseidon.js');
      expect(poseidonHash(1n, 2n)).toBe(POSEIDON_1_2);
      expect(poseidonHashMany([5n, 6n, 7n])).toBe(scure.poseidonHashMany([5n, 6n, 7n]));
      expect(starkCurve.poseidonHashMany).toHaveBeenCalledWith([5n, 6n, 7n]);
    });
  }

  it("uses its own permutation, not starknet.js's, when the table is right", async () => {
    const peer = peerPoseidon(scure.poseidonSmall.roundConstants);
    vi.doMock('starknet', () => ({ ec: { starkCurve: peer } }));
    const { poseidonHash, poseidonHashMany, poseidonPermute } = await import('./poseidon.js');
    expect(poseidonHash(1n, 2n)).toBe(POSEIDON_1_2);
    expect(poseidonHashMany([])).toBe(EMPTY_SPAN);
    expect(poseidonPermute(1n, 2n, 3n)).toEqual(scure.poseidonSmall([1n, 2n, 3n]));
    expect(peer.poseidonHash).not.toHaveBeenCalled();
    expect(peer.poseidonHashMany).not.toHaveBeenCalled();
    expect(peer.poseidonSmall).not.toHaveBeenCalled();
  });

  it('still refuses a value that is not a bigint with INVALID_INPUT when it uses starknet.js', async () => {
    vi.doMock('starknet', () => ({ ec: { starkCurve: peerPoseidon(undefined) } }));
    const { poseidonHashMany } = await import('./poseidon.js');
    const { isSessionError } = await import('../errors/index.js');
    let caught: unknown;
    try {
      poseidonHashMany([1n, 2 as unknown as bigint]);
    } catch (error) {
      caught = error;
    }
    expect(isSessionError(caught, 'INVALID_INPUT')).toBe(true);
  });

  for (const [what, starkCurve] of [
    ['gives a wrong known answer', { ...peerPoseidon(wrongTable), poseidonHash: () => 1n }],
    ['has no Poseidon', { poseidonSmall: { roundConstants: wrongTable } }],
  ] as const) {
    it(`throws CRYPTO_SELF_TEST_FAILED instead of hashing when the table is wrong and starknet.js ${what}`, async () => {
      vi.doMock('starknet', () => ({ ec: { starkCurve } }));
      const { poseidonHashMany } = await import('./poseidon.js');
      // A fresh module graph: the error class is that graph's, so compare codes, not classes.
      const { isSessionError } = await import('../errors/index.js');
      let caught: unknown;
      try {
        poseidonHashMany([1n]);
      } catch (error) {
        caught = error;
      }
      expect(isSessionError(caught, 'CRYPTO_SELF_TEST_FAILED')).toBe(true);
    });
  }
});
