/**
 * Reads CloudFormation templates (already parsed from JSON or YAML) into resource records, as
 * the construct reader reads a construct tree: references to resources become explicit, and
 * what the templates decide among themselves is resolved as CloudFormation would resolve it:
 * parameters a parent stack passes to a nested stack, `Fn::GetAtt [Nested, Outputs.X]`,
 * `Fn::ImportValue` of an export another template of the same app defines, and joins, selects
 * and subs of literals. Everything else (parameters nobody passes, pseudo parameters, dynamic
 * references) stays as the CloudFormation expression it is: unknown, never invalid. No CDK.
 *
 * Templates read together are one app.
 */
import { READ_PROPS, ResourceRecord, emptyProperties } from './build-model';
import { foldIntrinsics, hasRef, makeRef, mappingValue, missingNestedTemplate, substitute } from './values';
import { ConditionDef } from './worlds';
import { ReaderProblem } from '../model/model';

/** One template to read. */
export interface TemplateSource {
  /** The template's file (or another name for it). */
  readonly name: string;
  /**
   * How a person names the template: element paths without a construct path are `<label>#<LogicalId>`.
   * @default - the name
   */
  readonly label?: string;
  /** The parsed template (or `load`). */
  readonly template?: unknown;
  /**
   * Parses the template when the reader comes to it, instead of `template`: the reader then keeps
   * nothing of it once its resources are read, so that a large app's templates are not all in
   * memory together (the collector copied them all through the reading). Returns `UNREADABLE`
   * for a file that could not be parsed and is left out (whoever loads it says why).
   * @default - `template`
   */
  readonly load?: () => unknown;
  /** Parameter values given for this template (a parent stack's, or the user's). */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /**
   * Construct paths by logical id, where the template's resources carry no `aws:cdk:path`
   * metadata (CDK records them in the cloud assembly's metadata as well).
   */
  readonly constructPaths?: ReadonlyMap<string, string>;
  /** The construct path of the stack the template is, where CDK recorded it. */
  readonly stackPath?: string;
}

/** Where a record came from. */
export interface RecordLocation {
  /** The template's name. */
  readonly template: string;
  /** How a person names the template. */
  readonly label: string;
  /** The resource's logical id; none for what concerns the whole template (its conditions). */
  readonly logicalId?: string;
  /** The construct path CDK recorded (`aws:cdk:path`), if any. */
  readonly constructPath?: string;
}

export interface TemplateReading {
  readonly records: ResourceRecord[];
  readonly problems: ReaderProblem[];
  /** Where the resource (or template) of a path is, for any path the reading gave. */
  readonly locationOf: (path: string) => RecordLocation | undefined;
  /** Nested stacks whose template could not be found (each is also a problem). */
  readonly missingNested: readonly string[];
  /** The conditions of every template instance, by key (`worlds.ts`). */
  readonly conditions: ReadonlyMap<string, ConditionDef>;
  /** The records whose values may vary between condition worlds (`worlds.ts`). */
  readonly mayVary: readonly ResourceRecord[];
}

/**
 * Finds the template of a nested stack (`AWS::CloudFormation::Stack`): from CDK's
 * `aws:asset:path` metadata or a local `TemplateURL`. Undefined when it is not available.
 */
export type NestedTemplateFinder = (parent: TemplateSource, logicalId: string, resource: Record<string, unknown>) => TemplateSource | undefined;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** What `TemplateSource.load` returns for a template that could not be read (and is left out, silently). */
export const UNREADABLE: unique symbol = Symbol('unreadable template');

/** The paths given to one template instance's resources. */
interface PathIndex {
  readonly source: TemplateSource;
  /** The template's resources while it is read; undefined once it is (`ids` then). */
  resources: Json | undefined;
  /** Once the template is read: each resource's logical id, with the construct path its metadata records (or null). */
  ids?: Map<string, string | null>;
  /** Path by logical id, made on first need. */
  readonly paths: Map<string, string>;
}

/** One instance of a template: a top-level stack, or a nested stack with the parameters its parent passes. */
interface Instance {
  readonly source: TemplateSource;
  readonly index: PathIndex;
  readonly outputs: Json;
  /** Parameter values, already read in the parent's terms (a nested stack's), or as given. */
  readonly given: ReadonlyMap<string, unknown>;
  /** The path of a resource of this template (undefined if there is none by that id). */
  readonly pathOf: (logicalId: string) => string | undefined;
  readonly children: Map<string, Instance | undefined>;
  /** The template's `Conditions` section. */
  readonly conditions: Json;
  /** The template's `Mappings` section. */
  readonly mappings: unknown;
  /** Condition keys of this instance: its own prefix and the name. */
  readonly conditionKey: (name: string) => string;
}

export function readTemplates(sources: readonly TemplateSource[], findNested?: NestedTemplateFinder): TemplateReading {
  return new TemplateReader(findNested).read(sources);
}

class TemplateReader {
  private readonly problems: ReaderProblem[] = [];
  private readonly missingNested: string[] = [];
  /**
   * The template instance that holds the resource of each construct path. Its location is made
   * when asked for (findings only): an object per resource of a large app cost a tenth of reading it.
   * A resource without one is `<label>#<LogicalId>`, found again through `labels`: a map of every
   * such path (all of them, in templates without CDK's metadata) cost a tenth of reading them.
   */
  private readonly owners = new Map<string, PathIndex>();
  /** The template instances of each label (`TemplateSource.label`, or its name). */
  private readonly labels = new Map<string, PathIndex[]>();
  /** The locations of whole templates' paths. */
  private readonly scopes = new Map<string, RecordLocation>();
  /** Export name -> the instance and the value of the output that exports it. */
  private readonly exports = new Map<string, { instance: Instance; value: unknown }>();
  /** Values being read, to stop at a cycle (an import of an export that imports itself). */
  private readonly reading = new Set<unknown>();
  /**
   * The `Ref` marker of each resource, made once: a large template refers to a few tables and
   * gateways thousands of times, and one string (hashed once) is cheaper to look up than many.
   */
  private readonly refs = new Map<string, string>();
  /** Set when a value read may vary between condition worlds (`Fn::If`, `AWS::NoValue`, an object given). */
  private mayVary = false;
  /** Whether sources remain to be read (an export they define may be imported before). */
  private toCome = false;
  /** Set when a value read imports an export that no template read so far defines, while `toCome`. */
  private waits = false;

  constructor(private readonly findNested?: NestedTemplateFinder) {}

  public read(sources: readonly TemplateSource[]): TemplateReading {
    const instances: Instance[] = [];
    // Records in template and resource order; one that imports an export no template read so far
    // defines is read again at the end (`later`), in its place.
    const records: ResourceRecord[] = [];
    const varies: boolean[] = [];
    const later: Array<{ slot: number; instance: Instance; path: string; type: string; props: Json; r: Json }> = [];
    // One source (and its nested stacks) at a time, each read and dropped before the next is parsed.
    for (let s = 0; s < sources.length; s++) {
      this.toCome = s < sources.length - 1;
      const first = instances.length;
      const source = sources[s];
      this.add(source, new Map(Object.entries(source.parameters ?? {}).map(([k, v]) => [k, { [GIVEN]: v }])), 0, instances);
      for (let i = first; i < instances.length; i++) this.collectExports(instances[i]);
      for (let i = first; i < instances.length; i++) {
        const instance = instances[i];
        const resources = instance.index.resources!;
        const ids = Object.keys(resources);
        for (let n = 0; n < ids.length; n++) {
          const id = ids[n];
          const r = resources[id];
          const type = isObject(r) && typeof r.Type === 'string' ? r.Type : undefined;
          if (type === undefined || !READ_PROPS.has(type) || !isObject(r)) continue;
          const path = instance.pathOf(id)!;
          const props = r.Properties === undefined ? {} : r.Properties;
          if (!isObject(props)) {
            this.problems.push({ kind: 'unresolved', path, message: `The Properties of ${type} ${path} are not a mapping, so it is left out of the analysis.` });
            continue;
          }
          this.waits = false;
          records.push(this.record(instance, path, type, props, r));
          varies.push(this.mayVary);
          if (this.waits) later.push({ slot: records.length - 1, instance, path, type, props, r });
        }
      }
      for (let i = first; i < instances.length; i++) forget(instances[i].index);
    }
    this.toCome = false;
    for (const w of later) {
      records[w.slot] = this.record(w.instance, w.path, w.type, w.props, w.r);
      varies[w.slot] = this.mayVary;
    }
    const mayVary = records.filter((_, i) => varies[i]);
    const conditions = new Map<string, ConditionDef>();
    for (const instance of instances) {
      for (const [name, expression] of Object.entries(instance.conditions)) {
        const scope = this.templateScope(instance.source);
        conditions.set(instance.conditionKey(name), { name, scope, expression: this.value(expression, instance) });
      }
    }
    const locationOf = (path: string) => this.locationOf(path);
    return { records, problems: this.problems, locationOf, missingNested: this.missingNested, conditions, mayVary };
  }

  /** A routing resource's record (`mayVary` says whether its values may vary between worlds). */
  private record(instance: Instance, path: string, type: string, props: Json, r: Json): ResourceRecord {
    const names = READ_PROPS.get(type)!;
    const properties = emptyProperties(type);
    this.mayVary = false;
    for (let n = 0; n < names.length; n++) {
      const value = props[names[n]];
      if (value !== undefined) properties[names[n]] = this.value(value, instance);
    }
    return typeof r.Condition === 'string' ? { path, type, properties, condition: instance.conditionKey(r.Condition) } : { path, type, properties };
  }

  /** Add a template instance, and those of its nested stacks after it (undefined if it is not a template). */
  private add(source: TemplateSource, given: ReadonlyMap<string, unknown>, depth: number, instances: Instance[]): Instance | undefined {
    const loaded = source.load ? source.load() : source.template;
    if (loaded === UNREADABLE) return undefined;
    const template = isObject(loaded) ? loaded : undefined;
    if (!template) {
      this.problems.push({ kind: 'unresolved', path: source.name, message: `${source.name} is not a CloudFormation template (no mapping at the top), so nothing in it is checked.` });
      return undefined;
    }
    const resources = isObject(template.Resources) ? template.Resources : {};
    const index: PathIndex = { source, resources, paths: new Map() };
    const label = labelOf(source);
    const sameLabel = this.labels.get(label);
    if (sameLabel) sameLabel.push(index);
    else this.labels.set(label, [index]);
    const instance: Instance = {
      source,
      index,
      outputs: isObject(template.Outputs) ? template.Outputs : {},
      given,
      pathOf: this.pathsOf(index),
      children: new Map(),
      conditions: isObject(template.Conditions) ? template.Conditions : {},
      mappings: template.Mappings,
      conditionKey: ((n) => (name: string) => `${n}|${name}`)(instances.length),
    };
    instances.push(instance);
    // Nested stacks: their parameters are the parent's values, read in the parent's terms.
    const ids = Object.keys(resources);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      const r = resources[id];
      if (!isObject(r) || r.Type !== 'AWS::CloudFormation::Stack') continue;
      const nested = depth < 20 ? this.findNested?.(source, id, r) : undefined;
      if (!nested) {
        instance.children.set(id, undefined);
        this.missingNested.push(instance.pathOf(id)!);
        this.problems.push({
          kind: 'unresolved',
          path: instance.pathOf(id)!,
          message: missingNestedTemplate(instance.pathOf(id)!),
        });
        continue;
      }
      const props = isObject(r.Properties) ? r.Properties : {};
      const params = isObject(props.Parameters) ? props.Parameters : {};
      const values = new Map<string, unknown>();
      // Read lazily: the parent's values may import exports not collected yet.
      for (const [k, v] of Object.entries(params)) values.set(k, { [PARENT]: { instance, value: v } });
      instance.children.set(id, this.add(nested, values, depth + 1, instances));
    }
    return instance;
  }

  /**
   * Each resource's path, made on first need (most resources are never named): the construct
   * path CDK recorded, or `<template>#<LogicalId>` (also where two resources claim one path).
   */
  private pathsOf(index: PathIndex): (id: string) => string | undefined {
    const { paths, source } = index;
    return (id) => {
      let path = paths.get(id);
      if (path !== undefined || !hasResource(index, id)) return path;
      const cdkPath = constructPathOf(index, id);
      if (cdkPath && !this.claimed(cdkPath)) {
        path = cdkPath;
        this.owners.set(path, index);
      } else {
        path = `${labelOf(source)}#${id}`;
      }
      paths.set(id, path);
      return path;
    };
  }

  /** Whether a resource or a whole template already has this path. */
  private claimed(path: string): boolean {
    return this.owners.has(path) || this.scopes.has(path) || this.labelled(path) !== undefined;
  }

  /**
   * The template instance whose resource has this path as `<label>#<LogicalId>`, with the id
   * (a label may itself hold `#`: each split is tried; most paths hold none).
   */
  private labelled(path: string): { index: PathIndex; logicalId: string } | undefined {
    for (let k = path.indexOf('#'); k >= 0; k = path.indexOf('#', k + 1)) {
      const indexes = this.labels.get(path.slice(0, k));
      if (indexes === undefined) continue;
      const logicalId = path.slice(k + 1);
      for (const index of indexes) if (index.paths.get(logicalId) === path) return { index, logicalId };
    }
    return undefined;
  }

  private locationOf(path: string): RecordLocation | undefined {
    const scope = this.scopes.get(path);
    if (scope) return scope;
    const at = (index: PathIndex, logicalId: string): RecordLocation => ({
      template: index.source.name, label: labelOf(index.source), logicalId, constructPath: constructPathOf(index, logicalId),
    });
    const index = this.owners.get(path);
    if (index) {
      for (const [logicalId, p] of index.paths) if (p === path) return at(index, logicalId);
    }
    const labelled = this.labelled(path);
    return labelled ? at(labelled.index, labelled.logicalId) : undefined;
  }

  /** The path of a whole template (for what concerns all of it), with its location. */
  private templateScope(source: TemplateSource): string {
    const label = labelOf(source);
    const path = source.stackPath ?? label;
    if (!this.claimed(path)) this.scopes.set(path, { template: source.name, label, constructPath: source.stackPath });
    return path;
  }

  private collectExports(instance: Instance) {
    for (const o of Object.values(instance.outputs)) {
      if (!isObject(o) || !isObject(o.Export)) continue;
      const name = this.value(o.Export.Name, instance);
      // The first template to export a name defines it (CloudFormation rejects a second), for
      // every import: an import may be read before the templates after it are.
      if (typeof name === 'string' && !hasRef(name) && !this.exports.has(name)) this.exports.set(name, { instance, value: o.Value });
    }
  }

  /** A value read in an instance's terms. */
  private value(v: unknown, at: Instance): unknown {
    if (Array.isArray(v)) return v.map((x) => this.value(x, at));
    if (!isObject(v)) return v;
    // The most common value by far, without the general path's allocations.
    if (typeof v.Ref === 'string' && v.Ref !== 'AWS::NoValue' && isSingleKey(v) && Object.prototype.hasOwnProperty.call(v, 'Ref')) return this.ref(v.Ref, at, v);
    const keys = Object.keys(v);
    if (keys.length !== 1) return Object.fromEntries(keys.map((k) => [k, this.value(v[k], at)]));
    const fn = keys[0];
    const arg = v[fn];
    // What the template does not decide stays as written, read inside (references to elements
    // become markers, as the construct reader's are), whatever its shape.
    const inside = () => ({ [fn]: this.value(arg, at) });
    if (fn === 'Fn::If' || (fn === 'Ref' && arg === 'AWS::NoValue') || (fn === GIVEN && arg !== null && typeof arg === 'object')) this.mayVary = true;
    switch (fn) {
      case PARENT: {
        const p = arg as { instance: Instance; value: unknown };
        return this.guarded(p, () => this.value(p.value, p.instance), v);
      }
      case GIVEN: return arg;
      case 'Ref': return typeof arg === 'string' ? this.ref(arg, at, v) : inside();
      case 'Fn::GetAtt': return this.getAtt(arg, at) ?? inside();
      case 'Fn::ImportValue': {
        const name = this.value(arg, at);
        const exported = typeof name === 'string' ? this.exports.get(name) : undefined;
        if (exported) return this.guarded(exported, () => this.value(exported.value, exported.instance), { 'Fn::ImportValue': name });
        if (this.toCome) this.waits = true;
        return { 'Fn::ImportValue': name };
      }
      case 'Fn::If':
        if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return inside();
        return { 'Fn::If': [at.conditionKey(arg[0]), this.value(arg[1], at), this.value(arg[2], at)] };
      case 'Condition': return typeof arg === 'string' ? { Condition: at.conditionKey(arg) } : inside();
      // Decided on what is read inside, as the construct reader decides them (values.ts).
      case 'Fn::Join': case 'Fn::Select': return foldIntrinsics(inside());
      case 'Fn::Sub': {
        if (typeof arg === 'string') return this.sub(arg, at) ?? v;
        if (Array.isArray(arg)) return this.sub(arg, at) ?? inside();
        // Not a form CloudFormation takes: what is inside, read, as the construct reader folds it.
        const read = this.value(arg, at);
        return (typeof read === 'string' ? this.sub(read, at) : undefined) ?? { 'Fn::Sub': read };
      }
      case 'Fn::FindInMap': {
        const mapKeys = this.value(arg, at);
        return foldIntrinsics({ 'Fn::FindInMap': mapKeys }, (m, a, b) => {
          const found = mappingValue(at.mappings, m, a, b);
          return found === undefined ? undefined : this.value(found, at);
        });
      }
      default:
        return { [fn]: this.value(arg, at) };
    }
  }

  private ref(name: string, at: Instance, original: unknown): unknown {
    const path = at.pathOf(name);
    if (path !== undefined) {
      // Looked up without a closure per call: every reference of every routing resource comes here.
      let marker = this.refs.get(path);
      if (marker === undefined) this.refs.set(path, marker = makeRef(path, 'Ref'));
      return marker;
    }
    if (at.given.has(name)) return this.value(at.given.get(name), at);
    return original;
  }

  /** The attribute, or undefined when the template does not define what it names. */
  private getAtt(arg: unknown, at: Instance): unknown {
    const [id, attr] = typeof arg === 'string' ? splitOnce(arg, '.') : Array.isArray(arg) ? [arg[0], this.value(arg[1], at)] : [];
    const path = typeof id === 'string' ? at.pathOf(id) : undefined;
    if (path === undefined || typeof attr !== 'string') return undefined;
    if (at.children.has(id) && attr.startsWith('Outputs.')) {
      const child = at.children.get(id);
      const name = attr.slice('Outputs.'.length);
      const output = child && Object.prototype.hasOwnProperty.call(child.outputs, name) ? child.outputs[name] : undefined;
      return child && isObject(output) ? this.value(output.Value, child) : undefined;
    }
    return makeRef(path, attr);
  }

  /**
   * `Fn::Sub` whose every variable the template decides (its own map of literals, parameters
   * given, `${!Literal}`) is the string; otherwise undefined (the caller keeps the expression).
   */
  private sub(arg: unknown, at: Instance): string | undefined {
    const [text, vars] = typeof arg === 'string' ? [arg, {}]
      : Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string' && isObject(arg[1]) ? [arg[0], arg[1]] : [];
    if (text === undefined || vars === undefined) return undefined;
    return substitute(text, (name) => (Object.prototype.hasOwnProperty.call(vars, name) ? this.value(vars[name], at)
      : name.includes('.') ? this.getAtt(name, at) : this.ref(name, at, undefined)));
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

/** How a person names a template: its label, or its name. */
function labelOf(source: TemplateSource): string {
  return source.label ?? source.name;
}

/** The construct path CDK recorded for a resource (`aws:cdk:path`, or the cloud assembly's), if any. */
function constructPathOf(index: PathIndex, id: string): string | undefined {
  const recorded = index.resources ? metadataPath(index.resources[id]) : index.ids?.get(id);
  return typeof recorded === 'string' ? recorded : index.source.constructPaths?.get(id);
}

/** The `aws:cdk:path` a resource's metadata records, or null. */
function metadataPath(r: unknown): string | null {
  const meta = isObject(r) && isObject(r.Metadata) ? r.Metadata : undefined;
  return typeof meta?.['aws:cdk:path'] === 'string' ? meta['aws:cdk:path'] : null;
}

/** Whether the template has a resource by that logical id (read or not). */
function hasResource(index: PathIndex, id: string): boolean {
  return index.resources ? Object.prototype.hasOwnProperty.call(index.resources, id) : index.ids!.has(id);
}

/**
 * Keep of a template instance's resources, once they are read, only what paths are made of: the
 * parsed template can then be collected (values of it that records or later reads use stay).
 */
function forget(index: PathIndex): void {
  const resources = index.resources!;
  const ids = new Map<string, string | null>();
  for (const id in resources) if (Object.prototype.hasOwnProperty.call(resources, id)) ids.set(id, metadataPath(resources[id]));
  index.ids = ids;
  index.resources = undefined;
}

/** Markers of values that come from elsewhere: a parent stack's expression, a value the user gave. */
const PARENT = '\u0000parent';
const GIVEN = '\u0000given';

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
