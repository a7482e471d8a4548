/**
 * Conditions as worlds (verdicts.md, "Conditions and alternatives"). No CDK.
 *
 * Readers keep what a template leaves to deploy time as they find it: a resource's `Condition`
 * (as `ResourceRecord.condition`), `Fn::If` values and `AWS::NoValue`, with every condition named
 * by a key unique in the app (`qualifyConditions`). This is the one place that decides which
 * worlds exist: a condition the template decides (literals; parameter values given to
 * `CfnInclude`, to the command line, or by a parent stack) is a constant; the `Fn::Equals` it
 * leaves open are its atoms. A world is one consistent choice of them, and in each world every
 * record is what CloudFormation would create.
 */
import { ResourceRecord } from './build-model';
import { canonical, isLiteral } from './values';
import { ReaderProblem } from '../model/model';

/** A condition of a template, read like property values. */
export interface ConditionDef {
  /** The condition's name as the template writes it. */
  readonly name: string;
  /** The stack or template it belongs to (where a problem about it goes). */
  readonly scope: string;
  /** Its expression; `{ Condition: key }` names another condition by its key. */
  readonly expression: unknown;
}

/** More worlds than this, and conditions are judged as independent of each other (verdicts.md). */
export const MAX_WORLDS = 4096;

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

/** Rewrites the condition names of `Fn::If` and `{ Condition }` in a value to keys (`qualify`). */
export function qualifyConditions(v: unknown, qualify: (name: string) => string): unknown {
  if (Array.isArray(v)) return v.map((x) => qualifyConditions(x, qualify));
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === 'Fn::If' && Array.isArray(o['Fn::If']) && typeof o['Fn::If'][0] === 'string') {
    const [name, ...rest] = o['Fn::If'];
    return { 'Fn::If': [qualify(name), ...rest.map((x) => qualifyConditions(x, qualify))] };
  }
  if (keys.length === 1 && keys[0] === 'Condition' && typeof o.Condition === 'string') return { Condition: qualify(o.Condition) };
  return Object.fromEntries(keys.map((k) => [k, qualifyConditions(o[k], qualify)]));
}

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
function conditionsIn(v: unknown, out: Set<string>) {
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
    if (x !== NO_VALUE) Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** A condition as a formula over variables (each an open expression `Fn::Equals` compares). */
type Formula =
  | { readonly k: 'const'; readonly v: boolean }
  | { readonly k: 'eq'; readonly variable: number; readonly value: number }
  | { readonly k: 'not'; readonly f: Formula }
  | { readonly k: 'and' | 'or'; readonly fs: readonly Formula[] };

interface Variable {
  readonly key: string;
  /** The literals it is compared with; its domain is each of them, or something else. */
  readonly literals: string[];
}

/** A string, number or boolean written in the template, as CloudFormation compares it. */
function literalOf(v: unknown): string | undefined {
  if (typeof v === 'string') return isLiteral(v) ? v : undefined;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

class Compiler {
  public readonly variables: Variable[] = [];
  private readonly variableIndex = new Map<string, number>();
  private readonly formulas = new Map<string, Formula>();
  private readonly compiling = new Set<string>();

  constructor(private readonly conditions: ReadonlyMap<string, ConditionDef>) {}

  public condition(key: string): Formula {
    const known = this.formulas.get(key);
    if (known) return known;
    const def = this.conditions.get(key);
    // A condition not defined (or defined in terms of itself) is open: a variable of its own.
    let f: Formula;
    if (!def || this.compiling.has(key)) {
      f = this.open(`condition ${key}`);
    } else {
      this.compiling.add(key);
      f = this.expression(def.expression, def.scope);
      this.compiling.delete(key);
    }
    this.formulas.set(key, f);
    return f;
  }

  private expression(e: unknown, scope: string): Formula {
    const o = e && typeof e === 'object' && !Array.isArray(e) ? e as Record<string, unknown> : undefined;
    const keys = o ? Object.keys(o) : [];
    const [fn] = keys;
    const arg = o && keys.length === 1 ? o[fn] : undefined;
    if (o && keys.length === 1) {
      if (fn === 'Condition' && typeof arg === 'string') return this.condition(arg);
      if (fn === 'Fn::Not' && Array.isArray(arg) && arg.length === 1) return this.not(this.expression(arg[0], scope));
      if ((fn === 'Fn::And' || fn === 'Fn::Or') && Array.isArray(arg) && arg.length > 0) {
        const fs = arg.map((x) => this.expression(x, scope));
        const and = fn === 'Fn::And';
        if (fs.some((f) => f.k === 'const' && f.v !== and)) return { k: 'const', v: !and };
        const rest = fs.filter((f) => f.k !== 'const');
        return rest.length === 0 ? { k: 'const', v: and } : rest.length === 1 ? rest[0] : { k: and ? 'and' : 'or', fs: rest };
      }
      if (fn === 'Fn::Equals' && Array.isArray(arg) && arg.length === 2) {
        const [a, b] = arg.map(literalOf);
        if (a !== undefined && b !== undefined) return { k: 'const', v: a === b };
        if (a !== undefined || b !== undefined) {
          return this.equals(`${scope}\u0000${canonical(a === undefined ? arg[0] : arg[1])}`, (a ?? b)!);
        }
        return this.open(`${scope}\u0000${canonical([canonical(arg[0]), canonical(arg[1])].sort())}`);
      }
    }
    if (typeof e === 'boolean') return { k: 'const', v: e };
    return this.open(`${scope}\u0000${canonical(e)}`);
  }

  private not(f: Formula): Formula {
    return f.k === 'const' ? { k: 'const', v: !f.v } : { k: 'not', f };
  }

  /** An open expression compared with a literal. */
  private equals(key: string, literal: string): Formula {
    const variable = this.variable(key);
    const literals = this.variables[variable].literals;
    let value = literals.indexOf(literal);
    if (value < 0) value = literals.push(literal) - 1;
    return { k: 'eq', variable, value };
  }

  /** A yes-or-no the template leaves open. */
  private open(key: string): Formula {
    return this.equals(`\u0001${key}`, 'true');
  }

  private variable(key: string): number {
    let i = this.variableIndex.get(key);
    if (i === undefined) {
      i = this.variables.push({ key, literals: [] }) - 1;
      this.variableIndex.set(key, i);
    }
    return i;
  }
}

function evaluate(f: Formula, values: ArrayLike<number>): boolean {
  switch (f.k) {
    case 'const': return f.v;
    case 'eq': return values[f.variable] === f.value;
    case 'not': return !evaluate(f.f, values);
    case 'and': return f.fs.every((x) => evaluate(x, values));
    case 'or': return f.fs.some((x) => evaluate(x, values));
  }
}

/**
 * The worlds of an app's routing resources. An app without conditions has one world: its
 * records as they are (no copy, no cost).
 * @param mayVary the records whose values may hold `Fn::If` or `AWS::NoValue`, when the reader
 * knows (it saw every value as it read it); otherwise every record's values are searched
 */
export function worldsOf(
  records: readonly ResourceRecord[], conditions: ReadonlyMap<string, ConditionDef>, mayVary?: readonly ResourceRecord[],
): Worlds {
  const used = new Set<string>();
  const varying = new Set<ResourceRecord>();
  // Indexed: a large app's records are tens of thousands, and this runs once, before the JIT has
  // optimised it (an array iterator then allocates a result per step).
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

  const compiler = new Compiler(conditions);
  const keys = [...used];
  const formulas = keys.map((k) => compiler.condition(k));
  const problems: ReaderProblem[] = [];
  const vectors = new Map<string, boolean[]>();
  const domains = compiler.variables.map((v) => v.literals.length + 1);
  const total = domains.reduce((n, d) => n * d, 1);
  if (total <= MAX_WORLDS) {
    const values = new Int32Array(domains.length);
    for (let n = 0; n < total; n++) {
      let rest = n;
      for (let i = 0; i < domains.length; i++) {
        values[i] = rest % domains[i];
        rest = Math.floor(rest / domains[i]);
      }
      const vector = formulas.map((f) => evaluate(f, values));
      vectors.set(vector.map(Number).join(''), vector);
    }
  } else {
    // Each condition independent of the others: a superset of the worlds (only adds findings).
    const scope = conditions.get(keys[0])?.scope ?? records[0]?.path ?? '';
    const names = keys.map((k) => conditions.get(k)?.name ?? k);
    const exhaustive = keys.length <= Math.log2(MAX_WORLDS);
    const choices: boolean[][] = exhaustive
      ? Array.from({ length: 2 ** keys.length }, (_, n) => keys.map((_k, i) => Math.floor(n / 2 ** i) % 2 === 1))
      : [
        keys.map(() => true), keys.map(() => false),
        ...keys.map((_k, i) => keys.map((_x, j) => j === i)), ...keys.map((_k, i) => keys.map((_x, j) => j !== i)),
      ];
    for (const vector of choices) vectors.set(vector.map(Number).join(''), vector);
    problems.push({
      kind: 'unresolved',
      path: scope,
      message: `The conditions that decide routing resources in ${scope} (${names.join(', ')}) allow more than ${MAX_WORLDS} combinations, `
        + (exhaustive
          ? 'so the guard judged each condition as independent of the others: a finding may need a combination CloudFormation cannot reach. '
          : `so the guard judged only ${vectors.size} of their combinations (all true, all false, each alone), and cannot prove the others compliant. `)
        + 'Fix: decide conditions that do not concern routing elsewhere, or acknowledge this stack.',
    });
  }

  const index = new Map(keys.map((k, i) => [k, i]));
  const worlds: World[] = [];
  const vectorList = [...vectors.values()];
  for (const vector of vectorList) {
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
  const nameOf = (k: string) => conditions.get(k)?.name ?? k.slice(k.lastIndexOf('|') + 1);
  const describe = (indexes: readonly number[]): string | undefined => {
    const set = new Set(indexes);
    if (set.size >= vectorList.length) return undefined;
    const chosen = [...set].map((i) => vectorList[i]);
    // Conditions that hold (or fail) in every world of the set, and vary across all worlds.
    const open = keys.map((_k, i) => i).filter((i) => vectorList.some((v) => v[i] !== vectorList[0][i]));
    let fixed = open.filter((i) => chosen.every((v) => v[i] === chosen[0][i]));
    const matching = (which: number[]) => vectorList.filter((v) => which.every((i) => v[i] === chosen[0][i])).length;
    const words = (v: boolean[], which: number[]) => which.map((i) => `condition ${nameOf(keys[i])} is ${v[i]}`);
    const join = (parts: string[]) => (parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`);
    if (fixed.length > 0 && matching(fixed) === set.size) {
      // Leave out what the others imply (`A and B` where B holds whenever A does is `A`).
      for (const i of [...fixed]) {
        const without = fixed.filter((j) => j !== i);
        if (without.length > 0 && matching(without) === set.size) fixed = without;
      }
      return `If ${join(words(chosen[0], fixed))}`;
    }
    return `In some condition combinations (for example if ${join(words(chosen[0], open))})`;
  };
  return { worlds, problems, describe };
}
