import { type Exact, ZERO, normalize, pow10 } from './exact';

/** 2^52: below it, adding one more safe integer (up to 2^52) cannot leave the exactly representable range. */
const SMALL_LIMIT = 2 ** 52;

/**
 * An exact running sum of decimals of any scale, built for summing millions of amounts.
 *
 * `add(a) ` with plain BigInt arithmetic allocates a new BigInt per row (and rescales when scales differ).
 * Here each scale seen gets its own accumulator: a JS number that holds whole units while they stay
 * below 2^52 (exact integer arithmetic in a double, no allocation), spilling into a BigInt only when it
 * grows past that. An amount whose units do not fit a safe integer (a 17-decimal float's noise, 39
 * decimals) is added to the BigInt directly. The total is exact at any scale and size.
 */
export class ExactSum {
  /** Scales seen, in first-seen order, with their number and BigInt parts (parallel arrays; usually 1-3). */
  private readonly scales: number[] = [];
  private readonly small: number[] = [];
  private readonly big: bigint[] = [];
  private lastSlot = -1;
  private lastScale = -1;
  /** How many values were added (zeros included). */
  count = 0;

  add(value: Exact): void {
    this.count += 1;
    this.addUnits(value.units, value.scale);
  }

  /** Adds another sum into this one (exact). */
  addSum(other: ExactSum): void {
    this.count += other.count;
    for (let i = 0; i < other.scales.length; i++) {
      this.addUnits(BigInt(other.small[i] ?? 0) + (other.big[i] ?? 0n), other.scales[i] ?? 0);
    }
  }

  private addUnits(units: bigint, scale: number): void {
    const n = Number(units);
    if (n === 0) return; // "0E-6176" is a zero like any other: no scale slot for it
    const slot = this.slotOf(scale);
    if (n < SMALL_LIMIT && n > -SMALL_LIMIT) {
      // Both |small| and |n| are below 2^52, so the sum is an exact integer below 2^53.
      const sum = (this.small[slot] ?? 0) + n;
      if (sum >= SMALL_LIMIT || sum <= -SMALL_LIMIT) {
        this.big[slot] = (this.big[slot] ?? 0n) + BigInt(sum);
        this.small[slot] = 0;
      } else {
        this.small[slot] = sum;
      }
    } else {
      this.big[slot] = (this.big[slot] ?? 0n) + units;
    }
  }

  /** True until the first add (a sum of zeros is not empty: a $0 fact is a fact). */
  get empty(): boolean {
    return this.count === 0;
  }

  /** The exact total, without trailing zeros (so equal totals compare equal as text). */
  total(): Exact {
    if (this.scales.length === 0) return ZERO;
    let scale = 0;
    for (const s of this.scales) if (s > scale) scale = s;
    let units = 0n;
    for (let i = 0; i < this.scales.length; i++) {
      const part = BigInt(this.small[i] ?? 0) + (this.big[i] ?? 0n);
      units += part * power10(scale - (this.scales[i] ?? 0));
    }
    return normalize({ units, scale });
  }

  private slotOf(scale: number): number {
    if (scale === this.lastScale) return this.lastSlot;
    let slot = this.scales.indexOf(scale);
    if (slot < 0) {
      slot = this.scales.length;
      this.scales.push(scale);
      this.small.push(0);
      this.big.push(0n);
    }
    this.lastScale = scale;
    this.lastSlot = slot;
    return slot;
  }
}

/** 10^n for any n >= 0 (pow10's table stops at 60; an amount such as 4.5E-70 needs more). */
function power10(n: number): bigint {
  return n <= 60 ? pow10(n) : 10n ** BigInt(n);
}
