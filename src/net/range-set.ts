/**
 * Sets of addresses as sorted, disjoint, non-adjacent closed intervals of bigints.
 * Immutable: every operation returns a new set.
 */

/** A closed interval of addresses. */
export interface Interval {
  readonly lo: bigint;
  readonly hi: bigint;
}

export class RangeSet {
  public static readonly EMPTY = new RangeSet([]);

  /** A set of one interval (empty if `lo > hi`). */
  public static of(lo: bigint, hi: bigint): RangeSet {
    return lo > hi ? RangeSet.EMPTY : new RangeSet([{ lo, hi }]);
  }

  /**
   * Build from intervals that are already sorted, disjoint and non-adjacent (not checked):
   * for callers that produce them in order, without the cost of normalising.
   */
  public static ofOrdered(intervals: Interval[]): RangeSet {
    return intervals.length === 0 ? RangeSet.EMPTY : new RangeSet(intervals);
  }

  /** Build from intervals in any order, overlapping or not. */
  public static fromIntervals(intervals: readonly Interval[]): RangeSet {
    const sorted = intervals.filter((i) => i.lo <= i.hi).sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
    const out: Interval[] = [];
    for (const i of sorted) {
      const prev = out[out.length - 1];
      if (prev && i.lo <= prev.hi + 1n) {
        if (i.hi > prev.hi) out[out.length - 1] = { lo: prev.lo, hi: i.hi };
      } else {
        out.push(i);
      }
    }
    return new RangeSet(out);
  }

  private constructor(public readonly intervals: readonly Interval[]) {}

  public get isEmpty(): boolean {
    return this.intervals.length === 0;
  }

  public union(other: RangeSet): RangeSet {
    if (other.isEmpty) return this;
    if (this.isEmpty) return other;
    return RangeSet.fromIntervals([...this.intervals, ...other.intervals]);
  }

  public intersect(other: RangeSet): RangeSet {
    const out: Interval[] = [];
    let i = 0;
    let j = 0;
    const a = this.intervals;
    const b = other.intervals;
    while (i < a.length && j < b.length) {
      const lo = a[i].lo > b[j].lo ? a[i].lo : b[j].lo;
      const hi = a[i].hi < b[j].hi ? a[i].hi : b[j].hi;
      if (lo <= hi) out.push({ lo, hi });
      if (a[i].hi < b[j].hi) i++;
      else j++;
    }
    return new RangeSet(out);
  }

  public subtract(other: RangeSet): RangeSet {
    if (this.isEmpty || other.isEmpty) return this;
    const out: Interval[] = [];
    let j = 0;
    const b = other.intervals;
    for (const iv of this.intervals) {
      let lo = iv.lo;
      while (j < b.length && b[j].hi < lo) j++;
      let k = j;
      while (k < b.length && b[k].lo <= iv.hi) {
        if (b[k].lo > lo) out.push({ lo, hi: b[k].lo - 1n });
        if (b[k].hi >= iv.hi) { lo = iv.hi + 1n; break; }
        lo = b[k].hi + 1n;
        k++;
      }
      if (lo <= iv.hi) out.push({ lo, hi: iv.hi });
    }
    return new RangeSet(out);
  }

  public overlaps(other: RangeSet): boolean {
    return !this.intersect(other).isEmpty;
  }

  public contains(addr: bigint): boolean {
    return this.intervals.some((i) => i.lo <= addr && addr <= i.hi);
  }
}
