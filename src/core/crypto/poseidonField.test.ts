import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { generatePoseidonField } from '../../../scripts/gen-poseidon-field.js';
import { STARK_PRIME } from '../felt.js';
import { normalise, sbox } from './poseidonField.js';

const P = STARK_PRIME;
const R = 1n << 264n;
const mod = (x: bigint) => ((x % P) + P) % P;

function modPow(base: bigint, exp: bigint): bigint {
  let result = 1n;
  let b = mod(base);
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
  }
  return result;
}

const R_INV = modPow(R, P - 2n);

/** Limbs of 0 <= x < 2^264. */
function limbs(x: bigint): Float64Array {
  const out = new Float64Array(11);
  for (let i = 0; i < 11; i++) out[i] = Number((x >> BigInt(24 * i)) & 0xffffffn);
  return out;
}
/** The (signed, possibly unnormalised) integer the limbs stand for. */
const integerOf = (x: Float64Array) => x.reduce((acc, limb, i) => acc + (BigInt(limb) << BigInt(24 * i)), 0n);
const toMont = (x: bigint) => limbs(mod(x * R));
const fromMont = (x: Float64Array) => mod(integerOf(x) * R_INV);
const isNormalised = (x: Float64Array) =>
  x.slice(0, 10).every((l) => Number.isInteger(l) && l >= 0 && l < 2 ** 24);

const felt = fc.oneof(fc.bigInt({ min: 0n, max: P - 1n }), fc.constantFrom(0n, 1n, P - 1n, 2n ** 251n));
/** Limb vectors like the ones the MDS mix leaves: up to 6x a normalised limb, either sign. */
const mixed = fc.tuple(felt, felt, felt).map(([a, b, c]) => {
  const [x, y, z] = [toMont(a), toMont(b), toMont(c)];
  return { value: mod(3n * a + b - 2n * c), limbs: x.map((l, i) => 3 * l + y[i]! - 2 * z[i]!) };
});

describe('poseidonField (generated Montgomery arithmetic)', () => {
  it('is exactly what scripts/gen-poseidon-field.ts generates', () => {
    const committed = readFileSync(new URL('./poseidonField.ts', import.meta.url), 'utf8');
    expect(committed).toBe(generatePoseidonField());
  });

  it('sbox cubes x + k, also from unnormalised limbs of either sign', () => {
    fc.assert(
      fc.property(mixed, felt, (x, k) => {
        const lane = x.limbs.slice();
        sbox(lane, toMont(k), 0);
        expect(fromMont(lane)).toBe(modPow(x.value + k, 3n));
        expect(isNormalised(lane)).toBe(true);
        expect(integerOf(lane) > -P - (1n << 243n) && integerOf(lane) < P).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('sbox with two more lanes cubes the third, then mixes with [[3,1,1],[1,-1,1],[1,1,-2]]', () => {
    fc.assert(
      fc.property(felt, felt, mixed, felt, (a, b, c, k) => {
        const [la, lb, lc] = [toMont(a), toMont(b), c.limbs.slice()];
        const constants = new Float64Array(22);
        constants.set(toMont(k), 11);
        sbox(lc, constants, 11, la, lb);
        const z = modPow(c.value + k, 3n);
        expect([fromMont(la), fromMont(lb), fromMont(lc)]).toEqual([
          mod(3n * a + b + z),
          mod(a - b + z),
          mod(a + b - 2n * z),
        ]);
      }),
      { numRuns: 200 },
    );
  });

  it('normalise keeps the value mod P and brings limbs of up to 2^38 back under 2^24 and the value under 2^255', () => {
    const big = fc.integer({ min: -(2 ** 38), max: 2 ** 38 });
    fc.assert(
      fc.property(fc.array(big, { minLength: 11, maxLength: 11 }), (raw) => {
        const x = Float64Array.from(raw);
        const before = mod(integerOf(x));
        normalise(x);
        expect(mod(integerOf(x))).toBe(before);
        expect(isNormalised(x)).toBe(true);
        expect(integerOf(x) < 1n << 255n && integerOf(x) > -(1n << 255n)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
