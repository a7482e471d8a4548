/**
 * Conditions as worlds (docs/conditions.md). No CDK.
 *
 * This is the one place that decides which worlds exist. A world is one consistent choice of the
 * atoms the conditions leave open (`formula.ts`), and in each world every record is what
 * CloudFormation would create.
 */
import { ConditionDef } from './condition';
import { describeWorlds } from './describe';
import { Compiler } from './formula';
import { MAX_WORLDS, searchCombinations } from './search';
import { ReaderProblem } from '../../model/model';
import { ResourceRecord } from '../../records/record';
import { setOwn } from '../literal';

export { MAX_WORLDS } from './search';

export interface World {
  /** Whether each condition the routing resources use holds. */
  readonly holds: (conditionKey: string) => boolean;
  /** The records CloudFormation would create in this world, values chosen. */
  readonly records: readonly ResourceRecord[];
}

export interface Worlds {
  readonly worlds: readonly World[];
  readonly problems: readonly ReaderProblem[];
  /**
   * Words for the worlds with these indexes ("condition UseVpn is true"), or undefined when they
   * are all of them.
   */
  describe(indexes: readonly number[]): string | undefined;
}

const NO_VALUE = Symbol('AWS::NoValue');

/** Whether a value holds an `Fn::If` or `AWS::NoValue` (only those vary between worlds). */
function varies(v: unknown): boolean {
  if (!v || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some(varies);
  const o = v as Record<string, unknown>;
  if ('Fn::If' in o || o.Ref === 'AWS::NoValue') return true;
  for (const k in o) if (varies(o[k])) return true;
  return false;
}

/** The condition keys an `Fn::If` value uses. */
function conditionsIn(v: unknown, out: Set<string>): void {
  if (!v || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    for (const x of v) conditionsIn(x, out);
    return;
  }
  const o = v as Record<string, unknown>;
  const f = o['Fn::If'];
  if (Array.isArray(f) && typeof f[0] === 'string') out.add(f[0]);
  for (const k in o) conditionsIn(o[k], out);
}

/** The value in one world: `Fn::If` takes its branch, `AWS::NoValue` removes what holds it. */
function choose(v: unknown, holds: (key: string) => boolean): unknown {
  if (!v || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => choose(x, holds)).filter((x) => x !== NO_VALUE);
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === 'Ref' && o.Ref === 'AWS::NoValue') return NO_VALUE;
  const f = o['Fn::If'];
  if (keys.length === 1 && Array.isArray(f) && f.length === 3 && typeof f[0] === 'string') return choose(holds(f[0]) ? f[1] : f[2], holds);
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const x = choose(o[k], holds);
    if (x !== NO_VALUE) setOwn(out, k, x);
  }
  return out;
}

/**
 * The worlds of an app's routing resources. An app without conditions has one world: its
 * records as they are (no copy, no cost).
 * @param mayVary the records whose values may hold `Fn::If` or `AWS::NoValue`, when the reader
 * knows (it saw every value as it read it); otherwise every record's values are searched
 * @param alsoUsed conditions that decide something besides the records (reader problems' resources)
 */
export function worldsOf(
  records: readonly ResourceRecord[], conditions: ReadonlyMap<string, ConditionDef>, mayVary?: readonly ResourceRecord[],
  alsoUsed: Iterable<string> = [],
): Worlds {
  const used = new Set<string>(alsoUsed);
  const varying = new Set<ResourceRecord>();
  // Indexed: runs once over every record, before the JIT has optimised it.
  for (let i = 0; i < records.length; i++) {
    const condition = records[i].condition;
    if (condition !== undefined) used.add(condition);
  }
  for (const r of mayVary ?? records) {
    if (varies(r.properties)) {
      varying.add(r);
      conditionsIn(r.properties, used);
    }
  }
  if (used.size === 0 && varying.size === 0) {
    return { worlds: [{ holds: () => true, records }], problems: [], describe: () => undefined };
  }

  const keys = [...used];
  const { vectors, problems } = choices(keys, conditions, records);
  const index = new Map(keys.map((k, i) => [k, i]));
  const worlds: World[] = [];
  for (const vector of vectors) {
    const holds = (key: string) => {
      const i = index.get(key);
      return i === undefined ? true : vector[i];
    };
    const worldRecords: ResourceRecord[] = [];
    for (const r of records) {
      if (r.condition !== undefined && !holds(r.condition)) continue;
      worldRecords.push(varying.has(r) ? { ...r, properties: choose(r.properties, holds) as Record<string, unknown> } : r);
    }
    worlds.push({ holds, records: worldRecords });
  }
  // A condition no template defines is named as written (a key is `<scope>|<name>`).
  const names = keys.map((k) => conditions.get(k)?.name ?? k.slice(k.lastIndexOf('|') + 1));
  return { worlds, problems, describe: (indexes) => describeWorlds(indexes, vectors, names) };
}

/**
 * The distinct choices of which conditions hold: exactly those CloudFormation can produce, or,
 * past the search's budget, those of a covering set of consistent assignments of the atoms (every
 * pair of values of every two atoms at least once), with a problem that says what is not proven.
 */
function choices(
  keys: readonly string[], conditions: ReadonlyMap<string, ConditionDef>, records: readonly ResourceRecord[],
): { vectors: boolean[][]; problems: ReaderProblem[] } {
  const compiler = new Compiler(conditions);
  const formulas = keys.map((k) => compiler.condition(k));
  const { vectors, exact } = searchCombinations(formulas, compiler.variables);
  if (exact) return { vectors, problems: [] };
  const scope = conditions.get(keys[0])?.scope ?? records[0]?.path ?? '';
  const names = keys.map((k) => conditions.get(k)?.name ?? k);
  const message = `The conditions that decide routing resources in ${scope} (${names.join(', ')}) allow more than ${MAX_WORLDS} combinations, `
    + `so the guard judged ${vectors.length} that CloudFormation can produce (every pair of values of the parameters and expressions they compare, `
    + 'all at their first compared value, all at another), and cannot prove the others compliant. '
    + 'Fix: decide conditions that do not concern routing elsewhere, or acknowledge this stack.';
  return { vectors, problems: [{ kind: 'unresolved', path: scope, message }] };
}
