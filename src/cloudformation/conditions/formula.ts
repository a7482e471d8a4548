/**
 * Conditions as formulas over atoms. A condition the template decides (literals; parameter
 * values given to `CfnInclude`, to the command line, or by a parent stack) is a constant; each
 * open expression an `Fn::Equals` compares with a literal is a variable whose domain is every
 * literal it is compared with, or something else. No CDK.
 */
import { ConditionDef } from './condition';
import { neverEmpty } from '../../records/ref';
import { canonical, isLiteral } from '../literal';

/** A condition as a formula over variables. */
export type Formula =
  | { readonly k: 'const'; readonly v: boolean }
  | { readonly k: 'eq'; readonly variable: number; readonly value: number }
  | { readonly k: 'not'; readonly f: Formula }
  | { readonly k: 'and' | 'or'; readonly fs: readonly Formula[] };

export interface Variable {
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

/** Compiles conditions by key into formulas, sharing variables between them. */
export class Compiler {
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
      if (fn === 'Fn::Not' && Array.isArray(arg) && arg.length === 1) return not(this.expression(arg[0], scope));
      if ((fn === 'Fn::And' || fn === 'Fn::Or') && Array.isArray(arg) && arg.length > 0) {
        return junction(fn === 'Fn::And', arg.map((x) => this.expression(x, scope)));
      }
      if (fn === 'Fn::Equals' && Array.isArray(arg) && arg.length === 2) return this.equalsOf(arg[0], arg[1], scope);
    }
    if (typeof e === 'boolean') return { k: 'const', v: e };
    return this.open(`${scope}\u0000${canonical(e)}`);
  }

  private equalsOf(left: unknown, right: unknown, scope: string): Formula {
    const [a, b] = [literalOf(left), literalOf(right)];
    if (a !== undefined && b !== undefined) return { k: 'const', v: a === b };
    // What CloudFormation decides: the id of a resource is never the empty string (docs/conditions.md).
    if ((a === '' && neverEmpty(right)) || (b === '' && neverEmpty(left))) return { k: 'const', v: false };
    if (a !== undefined || b !== undefined) return this.equals(`${scope}\u0000${canonical(a === undefined ? left : right)}`, (a ?? b)!);
    return this.open(`${scope}\u0000${canonical([canonical(left), canonical(right)].sort())}`);
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

function not(f: Formula): Formula {
  return f.k === 'const' ? { k: 'const', v: !f.v } : { k: 'not', f };
}

/** `Fn::And` (and) or `Fn::Or` of formulas, constants folded. */
function junction(and: boolean, fs: readonly Formula[]): Formula {
  if (fs.some((f) => f.k === 'const' && f.v !== and)) return { k: 'const', v: !and };
  const rest = fs.filter((f) => f.k !== 'const');
  return rest.length === 0 ? { k: 'const', v: and } : rest.length === 1 ? rest[0] : { k: and ? 'and' : 'or', fs: rest };
}
