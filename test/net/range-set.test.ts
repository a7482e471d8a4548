import { RangeSet } from '../../src/net/range-set';

const set = (...pairs: [number, number][]) => RangeSet.fromIntervals(pairs.map(([lo, hi]) => ({ lo: BigInt(lo), hi: BigInt(hi) })));
const members = (s: RangeSet, max = 40) => Array.from({ length: max }, (_, i) => i).filter((i) => s.contains(BigInt(i)));

describe('RangeSet', () => {
  test('normalises overlapping and adjacent intervals', () => {
    expect(set([5, 9], [1, 3], [4, 4], [8, 12]).intervals).toEqual([{ lo: 1n, hi: 12n }]);
    expect(set([1, 2], [4, 5]).intervals).toHaveLength(2);
    expect(set([3, 1]).isEmpty).toBe(true);
    expect(RangeSet.of(5n, 3n).isEmpty).toBe(true);
    expect(RangeSet.of(3n, 3n).intervals).toEqual([{ lo: 3n, hi: 3n }]);
  });

  // Compare with plain arrays of members on small universes.
  const cases: [string, RangeSet, RangeSet][] = [
    ['disjoint', set([1, 3], [10, 12]), set([5, 7])],
    ['nested', set([0, 30]), set([5, 7], [9, 9], [20, 25])],
    ['crossing', set([0, 10], [20, 30]), set([5, 25])],
    ['equal', set([4, 8]), set([4, 8])],
    ['empty', RangeSet.EMPTY, set([1, 2])],
  ];
  test.each(cases)('%s: union, intersection and difference agree with member sets', (_name, a, b) => {
    const A = new Set(members(a));
    const B = new Set(members(b));
    expect(members(a.union(b))).toEqual(members(set([0, 39])).filter((x) => A.has(x) || B.has(x)));
    expect(members(a.intersect(b))).toEqual(members(set([0, 39])).filter((x) => A.has(x) && B.has(x)));
    expect(members(a.subtract(b))).toEqual(members(set([0, 39])).filter((x) => A.has(x) && !B.has(x)));
    expect(members(b.subtract(a))).toEqual(members(set([0, 39])).filter((x) => B.has(x) && !A.has(x)));
    expect(a.overlaps(b)).toBe([...A].some((x) => B.has(x)));
  });
});
