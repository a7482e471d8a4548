/**
 * Values of a template read in an instance's terms: references to resources become markers, and
 * what the templates decide among themselves is resolved as CloudFormation would (parameters a
 * parent passes, `Fn::GetAtt [Nested, Outputs.X]`, `Fn::ImportValue` of another template's
 * export, joins, selects, subs and mappings of literals). Everything else stays as written. No CDK.
 */
import { Json, isObject } from './source';
import { foldIntrinsics, mappingValue, substitute } from '../../cloudformation/intrinsics';
import { hasRef, makeRef } from '../../records/ref';
import { SSM_STRING_PARAMETER_TYPE, ssmMarker } from '../../records/ssm';

/** One instance of a template: a top-level stack, or a nested stack with the parameters its parent passes. */
export interface Instance {
  readonly outputs: Json;
  /** Parameter values: the user's (`GivenValue`) or a parent stack's (`PassedByParent`). */
  readonly given: ReadonlyMap<string, GivenValue | PassedByParent>;
  /** The path of a resource of this template (undefined if there is none by that id). */
  readonly pathOf: (logicalId: string) => string | undefined;
  /** The instances of its nested stacks by logical id (undefined where the template was not found). */
  readonly children: Map<string, Instance | undefined>;
  /** The template's `Mappings` section. */
  readonly mappings: unknown;
  /** The template's `Parameters` section. */
  readonly parameters?: Json;
  /** Condition keys of this instance: its own prefix and the name. */
  readonly conditionKey: (name: string) => string;
}

/** A parameter value the user gave (the command line's, `CfnInclude`'s): used as it is. */
export class GivenValue {
  constructor(public readonly value: unknown) {}
}

/** A parameter value a parent stack passes: read in the parent's terms when used. */
export class PassedByParent {
  constructor(public readonly parent: Instance, public readonly value: unknown) {}
}

/** What reading one record's values found out. */
export interface ReadFacts {
  /** A value may vary between condition worlds (`Fn::If`, `AWS::NoValue`, an object given). */
  varies: boolean;
  /** A value imports an export that no template read so far defines (while templates remain). */
  waits: boolean;
}

/** Facts nobody asks for (values read outside a record). */
export const noFacts = (): ReadFacts => ({ varies: false, waits: false });

export class TemplateValues {
  /** Export name -> the instance and the value of the output that exports it. */
  private readonly exports = new Map<string, { instance: Instance; value: unknown }>();
  /** Values being read, to stop at a cycle (an import of an export that imports itself). */
  private readonly reading = new Set<unknown>();
  /** The `Ref` marker of each resource, made once (one string, hashed once, is cheaper to look up than many). */
  private readonly refs = new Map<string, string>();
  /** Whether sources remain to be read (an export they define may be imported before). */
  public toCome = false;
  /** Whether a reference to an SSM-typed parameter was marked (records/ssm.ts). */
  public ssmMarked = false;

  /** Collect an instance's exports: the first template to export a name defines it, for every import. */
  public collectExports(instance: Instance): void {
    for (const o of Object.values(instance.outputs)) {
      if (!isObject(o) || !isObject(o.Export)) continue;
      const name = this.value(o.Export.Name, instance, noFacts());
      if (typeof name === 'string' && !hasRef(name) && !this.exports.has(name)) this.exports.set(name, { instance, value: o.Value });
    }
  }

  /** A value read in an instance's terms. */
  public value(v: unknown, at: Instance, facts: ReadFacts): unknown {
    if (Array.isArray(v)) return v.map((x) => this.value(x, at, facts));
    if (!isObject(v)) return v;
    // The most common value by far, without the general path's allocations.
    if (typeof v.Ref === 'string' && v.Ref !== 'AWS::NoValue' && isSingleKey(v) && Object.prototype.hasOwnProperty.call(v, 'Ref')) return this.ref(v.Ref, at, v, facts);
    const keys = Object.keys(v);
    if (keys.length !== 1) return Object.fromEntries(keys.map((k) => [k, this.value(v[k], at, facts)]));
    const fn = keys[0];
    const arg = v[fn];
    if (fn === 'Fn::If' || (fn === 'Ref' && arg === 'AWS::NoValue')) facts.varies = true;
    switch (fn) {
      case 'Ref': return typeof arg === 'string' ? this.ref(arg, at, v, facts) : this.inside(fn, arg, at, facts);
      case 'Fn::GetAtt': return this.getAtt(arg, at, facts) ?? this.inside(fn, arg, at, facts);
      case 'Fn::ImportValue': return this.importValue(arg, at, facts);
      case 'Fn::If':
        if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return this.inside(fn, arg, at, facts);
        return { 'Fn::If': [at.conditionKey(arg[0]), this.value(arg[1], at, facts), this.value(arg[2], at, facts)] };
      case 'Condition': return typeof arg === 'string' ? { Condition: at.conditionKey(arg) } : this.inside(fn, arg, at, facts);
      // Decided on what is read inside, as the construct reader decides them.
      case 'Fn::Join': case 'Fn::Select': return foldIntrinsics(this.inside(fn, arg, at, facts));
      case 'Fn::Sub': return this.subValue(v, arg, at, facts);
      case 'Fn::FindInMap': {
        const mapKeys = this.value(arg, at, facts);
        return foldIntrinsics({ 'Fn::FindInMap': mapKeys }, (m, a, b) => {
          const found = mappingValue(at.mappings, m, a, b);
          return found === undefined ? undefined : this.value(found, at, facts);
        });
      }
      default:
        return this.inside(fn, arg, at, facts);
    }
  }

  /**
   * What the template does not decide stays as written, read inside (references to elements
   * become markers, as the construct reader's are), whatever its shape.
   */
  private inside(fn: string, arg: unknown, at: Instance, facts: ReadFacts): Json {
    return { [fn]: this.value(arg, at, facts) };
  }

  private importValue(arg: unknown, at: Instance, facts: ReadFacts): unknown {
    const name = this.value(arg, at, facts);
    const exported = typeof name === 'string' ? this.exports.get(name) : undefined;
    if (exported) return this.guarded(exported, () => this.value(exported.value, exported.instance, facts), { 'Fn::ImportValue': name });
    if (this.toCome) facts.waits = true;
    return { 'Fn::ImportValue': name };
  }

  private subValue(v: Json, arg: unknown, at: Instance, facts: ReadFacts): unknown {
    if (typeof arg === 'string') return this.sub(arg, at, facts) ?? v;
    if (Array.isArray(arg)) return this.sub(arg, at, facts) ?? { 'Fn::Sub': this.value(arg, at, facts) };
    // Not a form CloudFormation takes: what is inside, read, as the construct reader folds it.
    const read = this.value(arg, at, facts);
    return (typeof read === 'string' ? this.sub(read, at, facts) : undefined) ?? { 'Fn::Sub': read };
  }

  private ref(name: string, at: Instance, original: unknown, facts: ReadFacts): unknown {
    const path = at.pathOf(name);
    if (path !== undefined) {
      let marker = this.refs.get(path);
      if (marker === undefined) this.refs.set(path, marker = makeRef(path, 'Ref'));
      return marker;
    }
    const passed = at.given.get(name);
    if (passed instanceof GivenValue) {
      if (passed.value !== null && typeof passed.value === 'object') facts.varies = true;
      return passed.value;
    }
    if (passed instanceof PassedByParent) return this.guarded(passed, () => this.value(passed.value, passed.parent, facts), original);
    // A parameter that reads an SSM parameter by a literal name: the value of that parameter, if the templates define it (records/ssm.ts).
    const def = at.parameters?.[name];
    if (isObject(def) && def.Type === SSM_STRING_PARAMETER_TYPE && typeof def.Default === 'string') {
      this.ssmMarked = true;
      return ssmMarker(def.Default, original);
    }
    return original;
  }

  /** The attribute, or undefined when the template does not define what it names. */
  private getAtt(arg: unknown, at: Instance, facts: ReadFacts): unknown {
    const [id, attr] = typeof arg === 'string' ? splitOnce(arg, '.') : Array.isArray(arg) ? [arg[0], this.value(arg[1], at, facts)] : [];
    const path = typeof id === 'string' ? at.pathOf(id) : undefined;
    if (path === undefined || typeof attr !== 'string') return undefined;
    if (at.children.has(id) && attr.startsWith('Outputs.')) {
      const child = at.children.get(id);
      const name = attr.slice('Outputs.'.length);
      const output = child && Object.prototype.hasOwnProperty.call(child.outputs, name) ? child.outputs[name] : undefined;
      return child && isObject(output) ? this.value(output.Value, child, facts) : undefined;
    }
    return makeRef(path, attr);
  }

  /**
   * `Fn::Sub` whose every variable the template decides (its own map of literals, parameters
   * given, `${!Literal}`) is the string; otherwise undefined (the caller keeps the expression).
   */
  private sub(arg: unknown, at: Instance, facts: ReadFacts): string | undefined {
    const [text, vars] = typeof arg === 'string' ? [arg, {}]
      : Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string' && isObject(arg[1]) ? [arg[0], arg[1]] : [];
    if (text === undefined || vars === undefined) return undefined;
    return substitute(text, (name) => (Object.prototype.hasOwnProperty.call(vars, name) ? this.value(vars[name], at, facts)
      : name.includes('.') ? this.getAtt(name, at, facts) : this.ref(name, at, undefined, facts)));
  }

  /** Read a value once at a time: a cycle keeps the expression as written. */
  private guarded(key: unknown, read: () => unknown, fallback: unknown): unknown {
    if (this.reading.has(key)) return fallback;
    this.reading.add(key);
    try {
      return read();
    } finally {
      this.reading.delete(key);
    }
  }
}

/** Whether an object has exactly one own enumerable key (without listing its keys). */
function isSingleKey(o: object): boolean {
  let n = 0;
  for (const k in o) {
    if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
    if (++n > 1) return false;
  }
  return n === 1;
}

function splitOnce(s: string, sep: string): [string, string] | [] {
  const i = s.indexOf(sep);
  return i < 0 ? [] : [s.slice(0, i), s.slice(i + 1)];
}
