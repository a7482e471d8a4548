/**
 * A finding names a minimal set of conditions it needs (issue 19, item 1): never a list of
 * every condition, and always one some world meets and only worlds of the finding meet.
 */
import * as fc from 'fast-check';
import { describeWorlds } from '../../src/cloudformation/conditions/describe';

const NAMES = ['A', 'B', 'C', 'D', 'E'];
const ALL = Array.from({ length: 2 ** NAMES.length }, (_x, n) => NAMES.map((_c, i) => Math.floor(n / 2 ** i) % 2 === 1));

/** The conditions the words name, with the value each is given. */
function named(words: string): Map<number, boolean> {
  const out = new Map<number, boolean>();
  for (const m of words.matchAll(/condition (\w+) is (true|false)/g)) out.set(NAMES.indexOf(m[1]), m[2] === 'true');
  return out;
}

test('(A and B) or C: "for example if condition C is true", not every condition', () => {
  const set = ALL.map((v, k) => [v, k] as const).filter(([v]) => (v[0] && v[1]) || v[2]).map(([, k]) => k);
  const words = describeWorlds(set, ALL, NAMES)!;
  expect(words).toMatch(/^In some condition combinations \(for example if /);
  expect(named(words).size).toBeLessThanOrEqual(2);
  expect(words).not.toMatch(/condition [DE]/);
});

test('any set of worlds: the conditions named are met by a world of the set, and only by worlds of the set; none can be left out', () => {
  fc.assert(fc.property(fc.uniqueArray(fc.nat(ALL.length - 1), { minLength: 1, maxLength: ALL.length - 1 }), (set) => {
    const words = describeWorlds(set, ALL, NAMES)!;
    const literals = named(words);
    const meets = (v: boolean[], which: Map<number, boolean>) => [...which].every(([i, value]) => v[i] === value);
    const inSet = new Set(set);
    // Satisfiable within the set, and sufficient: every world that meets it is one of the set's.
    expect(set.some((k) => meets(ALL[k], literals))).toBe(true);
    if (words.startsWith('If ')) expect(ALL.every((v, k) => meets(v, literals) === inSet.has(k))).toBe(true);
    else expect(ALL.every((v, k) => !meets(v, literals) || inSet.has(k))).toBe(true);
    // Minimal: leaving out any one condition lets in a world the finding does not hold in.
    for (const i of literals.keys()) {
      const fewer = new Map([...literals].filter(([j]) => j !== i));
      if (words.startsWith('If ')) continue;
      expect(ALL.some((v, k) => meets(v, fewer) && !inSet.has(k))).toBe(true);
    }
  }), { numRuns: 2000, seed: 20261202 });
});
