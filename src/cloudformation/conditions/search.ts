/**
 * Which combinations of conditions CloudFormation can produce (docs/conditions.md), found by a
 * search over the atoms rather than a walk through every combination of their values: a
 * variable is chosen only while some condition it decides is still open, so the search visits
 * about as many assignments as there are distinct combinations, not the product of the
 * domains. Past a budget, only consistent assignments are judged (each pair of values of each
 * two atoms at least once), and the caller says so. No CDK.
 */
import { Formula, Variable } from './formula';

export interface ConditionSearch {
  /** Each distinct combination found: whether each condition holds, by the condition's index. */
  readonly vectors: boolean[][];
  /** Whether these are all the combinations CloudFormation can produce. */
  readonly exact: boolean;
}

/** The most distinct combinations judged exactly. */
export const MAX_WORLDS = 4096;
/** The most assignments the search tries before it stops (a few tens of ms). */
export const MAX_STEPS = 250_000;

const UNKNOWN = -1;

/** A formula's value for a partial assignment (`UNKNOWN` for an unassigned variable): 1, 0 or UNKNOWN. */
function partial(f: Formula, values: Int32Array): number {
  switch (f.k) {
    case 'const': return f.v ? 1 : 0;
    case 'eq': return values[f.variable] === UNKNOWN ? UNKNOWN : values[f.variable] === f.value ? 1 : 0;
    case 'not': {
      const x = partial(f.f, values);
      return x === UNKNOWN ? UNKNOWN : 1 - x;
    }
    case 'and': case 'or': {
      const stop = f.k === 'and' ? 0 : 1;
      let open = false;
      for (const g of f.fs) {
        const x = partial(g, values);
        if (x === stop) return stop;
        if (x === UNKNOWN) open = true;
      }
      return open ? UNKNOWN : 1 - stop;
    }
  }
}

function variablesOf(f: Formula, out: Set<number>): Set<number> {
  if (f.k === 'eq') out.add(f.variable);
  else if (f.k === 'not') variablesOf(f.f, out);
  else if (f.k === 'and' || f.k === 'or') for (const g of f.fs) variablesOf(g, out);
  return out;
}

/**
 * The distinct combinations of `formulas` over `variables` (each variable one of its literals, or
 * something else): all of them, if there are at most `MAX_WORLDS` and the search finds them within
 * `MAX_STEPS`; otherwise those of a covering set of consistent assignments.
 */
export function searchCombinations(formulas: readonly Formula[], variables: readonly Variable[]): ConditionSearch {
  const domains = variables.map((v) => v.literals.length + 1);
  const uses = formulas.map((f) => [...variablesOf(f, new Set())]);
  // Variables that decide many conditions first: conditions close sooner.
  const weight = new Array<number>(variables.length).fill(0);
  for (const u of uses) for (const v of u) weight[v]++;
  const values = new Int32Array(variables.length).fill(UNKNOWN);
  const found = new Map<string, boolean[]>();
  let steps = 0;
  let overflow = false;
  const visit = (): void => {
    if (overflow) return;
    if (++steps > MAX_STEPS) {
      overflow = true;
      return;
    }
    const state = formulas.map((f) => partial(f, values));
    let next = -1;
    for (let i = 0; i < formulas.length; i++) {
      if (state[i] !== UNKNOWN) continue;
      for (const v of uses[i]) if (values[v] === UNKNOWN && (next < 0 || weight[v] > weight[next])) next = v;
    }
    if (next < 0) {
      const vector = state.map((x) => x === 1);
      found.set(vector.map(Number).join(''), vector);
      if (found.size > MAX_WORLDS) overflow = true;
      return;
    }
    for (let value = 0; value < domains[next] && !overflow; value++) {
      values[next] = value;
      visit();
    }
    values[next] = UNKNOWN;
  };
  visit();
  if (!overflow) return { vectors: [...found.values()], exact: true };
  const covering = new Map<string, boolean[]>();
  for (const row of coveringAssignments(domains)) {
    const vector = formulas.map((f) => partial(f, row) === 1);
    covering.set(vector.map(Number).join(''), vector);
  }
  return { vectors: [...covering.values()], exact: false };
}

/**
 * Assignments in which every value of every variable meets every value of every other at least
 * once (a covering array of strength 2, built greedily), with all variables at their first value
 * and all at "something else". Each is an assignment, so each combination it gives is one
 * CloudFormation can produce.
 */
export function coveringAssignments(domains: readonly number[]): Int32Array[] {
  const n = domains.length;
  const rows: Int32Array[] = [Int32Array.from(domains, () => 0), Int32Array.from(domains, (d) => d - 1)];
  // Uncovered pairs, by variable pair: a set of `a * dj + b`.
  const open = new Map<number, Set<number>>();
  const pairKey = (i: number, j: number) => i * n + j;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = new Set<number>();
      for (let a = 0; a < domains[i]; a++) for (let b = 0; b < domains[j]; b++) s.add(a * domains[j] + b);
      open.set(pairKey(i, j), s);
    }
  }
  const cover = (row: Int32Array) => {
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const s = open.get(pairKey(i, j));
        if (!s) continue;
        s.delete(row[i] * domains[j] + row[j]);
        if (s.size === 0) open.delete(pairKey(i, j));
      }
    }
  };
  rows.forEach(cover);
  for (;;) {
    // Start from a pair not covered yet; give every other variable the value that covers most.
    let start: [number, number] | undefined;
    for (const [key, s] of open) {
      const [first] = s;
      start = [key, first];
      break;
    }
    if (!start) return rows;
    const i = Math.floor(start[0] / n);
    const j = start[0] % n;
    const row = new Int32Array(n).fill(UNKNOWN);
    row[i] = Math.floor(start[1] / domains[j]);
    row[j] = start[1] % domains[j];
    for (let k = 0; k < n; k++) {
      if (row[k] !== UNKNOWN) continue;
      let best = 0;
      let bestGain = -1;
      for (let value = 0; value < domains[k]; value++) {
        let gain = 0;
        for (let m = 0; m < n; m++) {
          if (m === k || row[m] === UNKNOWN) continue;
          const [lo, hi, a, b] = m < k ? [m, k, row[m], value] : [k, m, value, row[m]];
          if (open.get(pairKey(lo, hi))?.has(a * domains[hi] + b)) gain++;
        }
        if (gain > bestGain) {
          best = value;
          bestGain = gain;
        }
      }
      row[k] = best;
    }
    cover(row);
    rows.push(row);
  }
}
