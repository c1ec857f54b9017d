// The permutation takes starknet.js's round-constant table when it looks right, checks a known
// answer before first use, falls back to its own derivation, and refuses to hash when both fail.
const POSEIDON_1_2 = 0x5d44a3decb2b2e0cc71071f7b802f45dd792d064f0fc7316c46514f70f9891an;
const wrongTable = Array.from({ length: 91 }, () => [1n, 2n, 3n]);

afterEach(() => {
  vi.doUnmock('starknet');
  vi.doUnmock('./poseidonConstants.js');
  vi.resetModules();
});

describe('Poseidon round-constant sources', () => {
  it("hashes correctly with its own constants when starknet.js's table is wrong", async () => {
    vi.doMock('starknet', () => ({ ec: { starkCurve: { poseidonSmall: { roundConstants: wrongTable } } } }));
    const { poseidonHash, poseidonHashMany } = await import('./poseidon.js');
    expect(poseidonHash(1n, 2n)).toBe(POSEIDON_1_2);
    expect(poseidonHashMany([])).toBe(0x2272be0f580fd156823304800919530eaa97430e972d7213ee13f4fbf7a5dbcn);
  });

  it('hashes correctly with its own constants when starknet.js exposes no table', async () => {
    vi.doMock('starknet', () => ({ ec: { starkCurve: {} } }));
    const { poseidonHash } = await import('./poseidon.js');
    expect(poseidonHash(1n, 2n)).toBe(POSEIDON_1_2);
  });

  it('throws CRYPTO_SELF_TEST_FAILED instead of hashing when no table passes the known answer', async () => {
    vi.doMock('./poseidonConstants.js', async (original) => ({
      ...(await original<typeof import('./poseidonConstants.js')>()),
      peerRoundConstants: () => () => 1n,
      hadesRoundConstant: () => 2n,
    }));
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
});
