/** Words for a set of condition worlds ("If condition UseVpn is true"). No CDK. */

/**
 * Words for the worlds with these indexes, or undefined when they are all of them.
 * @param vectors for each world, whether each condition holds (by the index of its key)
 * @param names each condition's name, by the same index
 */
export function describeWorlds(indexes: readonly number[], vectors: readonly boolean[][], names: readonly string[]): string | undefined {
  const set = new Set(indexes);
  if (set.size >= vectors.length) return undefined;
  const chosen = [...set].map((i) => vectors[i]);
  // Conditions that hold (or fail) in every world of the set, and vary across all worlds.
  const open = names.map((_k, i) => i).filter((i) => vectors.some((v) => v[i] !== vectors[0][i]));
  let fixed = open.filter((i) => chosen.every((v) => v[i] === chosen[0][i]));
  const matching = (which: number[]) => vectors.filter((v) => which.every((i) => v[i] === chosen[0][i])).length;
  const words = (v: boolean[], which: number[]) => which.map((i) => `condition ${names[i]} is ${v[i]}`);
  if (fixed.length > 0 && matching(fixed) === set.size) {
    // Leave out what the others imply (`A and B` where B holds whenever A does is `A`).
    for (const i of [...fixed]) {
      const without = fixed.filter((j) => j !== i);
      if (without.length > 0 && matching(without) === set.size) fixed = without;
    }
    return `If ${joinWords(words(chosen[0], fixed))}`;
  }
  // No conditions say exactly which worlds: a fewest-we-can set that only worlds of the set
  // meet, from one of them (each left out while what remains still implies the finding).
  const example = chosen[0];
  const onlyInSet = (which: number[]) => vectors.every((v, k) => set.has(k) || which.some((i) => v[i] !== example[i]));
  let sufficient = open;
  for (const i of open) {
    const without = sufficient.filter((j) => j !== i);
    if (onlyInSet(without)) sufficient = without;
  }
  return `In some condition combinations (for example if ${joinWords(words(example, sufficient))})`;
}

function joinWords(parts: string[]): string {
  return parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
