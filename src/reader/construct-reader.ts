/**
 * Reads a construct tree (one Stage, nested stacks included) into resource records: each
 * routing L1 rendered as CloudFormation renders it (raw overrides included), with references
 * to elements of the app made explicit so they survive stack boundaries.
 */
import {
  CfnElement, CfnResource, DefaultTokenResolver, IFragmentConcatenator, IPostProcessor, IResolvable, IResolveContext,
  ITokenResolver, NestedStack, Reference, Stack, Stage, Token, Tokenization,
} from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { READ_PROPS, ResourceRecord, emptyProperties } from './build-model';
import { memo } from './memo';
import { foldIntrinsics, makeRef, mappingValue, missingNestedTemplate, refOf } from './values';
import { ConditionDef, qualifyConditions } from './worlds';
import { ReaderProblem } from '../model/model';

/** The same, with the L1 attribute of each CloudFormation name (side by side: read in a plain loop). */
const READ_ATTRS: ReadonlyMap<string, { readonly names: readonly string[]; readonly attrs: readonly string[] }> = new Map(
  [...READ_PROPS].map(([type, names]) => [type, { names, attrs: names.map((n) => n.charAt(0).toLowerCase() + n.slice(1)) }]));

export interface ConstructTreeReading {
  readonly records: ResourceRecord[];
  readonly problems: ReaderProblem[];
  /** The conditions the records name, by key (`worlds.ts`). */
  readonly conditions: ReadonlyMap<string, ConditionDef>;
  /** The CloudFormation element at a path, to place findings on. */
  readonly elementAt: (path: string) => IConstruct | undefined;
  /** Whether the tree holds Stages, which are not read here (each has its own reading). */
  readonly nestedStages: boolean;
  /** The records whose values may vary between condition worlds (`worlds.ts`). */
  readonly mayVary: readonly ResourceRecord[];
}

/** Joins string fragments the way CloudFormation would (`Fn::Join`), keeping markers intact. */
class JoinConcat implements IFragmentConcatenator {
  public join(left: unknown, right: unknown): unknown {
    if (left === undefined) return right;
    if (right === undefined) return left;
    // A number in a string (`192.168.1.0/${Token.asString(24)}`) is written as CloudFormation writes it.
    const text = (v: unknown) => (typeof v === 'number' ? String(v) : v);
    left = text(left);
    right = text(right);
    if (typeof left === 'string' && typeof right === 'string') return left + right;
    const parts = (v: unknown): unknown[] => {
      const j = v && typeof v === 'object' ? (v as Record<string, unknown>)['Fn::Join'] : undefined;
      return Array.isArray(j) && j[0] === '' && Array.isArray(j[1]) ? j[1] : [v];
    };
    return { 'Fn::Join': ['', [...parts(left), ...parts(right)]] };
  }
}

/** Resolves tokens like the stack would, but turns references to elements into markers. */
class MarkingResolver extends DefaultTokenResolver {
  constructor() {
    super(new JoinConcat());
  }

  public resolveToken(t: IResolvable, context: IResolveContext, postProcessor: IPostProcessor): unknown {
    return markerOf(t) ?? this.fromParentStack(t) ?? super.resolveToken(t, context, postProcessor);
  }

  /**
   * A `Ref` to a parameter of a nested stack (a `CfnInclude`d nested template's, for example) is
   * the value the parent stack passes for it, read in the parent's terms; undefined when the
   * parent passes none (the parameter's default applies, which is unknown).
   */
  private fromParentStack(t: IResolvable): unknown {
    if (!Reference.isReference(t) || t.displayName !== 'Ref') return undefined;
    if (!CfnElement.isCfnElement(t.target) || CfnResource.isCfnResource(t.target)) return undefined;
    const stack = t.target.stack;
    if (!NestedStack.isNestedStack(stack)) return undefined;
    const name = stack.resolve(t.target.logicalId) as unknown;
    const resource = stack.nestedStackResource;
    const passed = (resource as unknown as { parameters?: unknown } | undefined)?.parameters;
    if (typeof name !== 'string' || !resource || passed === undefined) return undefined;
    const values = Tokenization.resolve(passed, { scope: resource, resolver: this, preparing: false }) as Record<string, unknown> | undefined;
    return values && Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
  }
}

/**
 * The marker for a reference to an element (`Ref` or `Fn::GetAtt`); undefined for any other token.
 * The path walks to the root, but reference targets are few and each token is decoded once.
 */
function markerOf(t: IResolvable): string | undefined {
  // Parameters, conditions and outputs stay the CloudFormation expression they are (`{ Ref: Param }`).
  if (!Reference.isReference(t) || !CfnResource.isCfnResource(t.target)) return undefined;
  return makeRef(pathOf(t.target), t.displayName === 'Ref' ? 'Ref' : t.displayName);
}

/**
 * Walk `root` and everything below it in tree order, without entering nested Stages (they have
 * their own), with each construct's path (computed along the way: `node.path` walks to the root
 * on every call).
 */
function walk(root: IConstruct, visit: (c: IConstruct, path: string, element: boolean) => void): { nestedStages: boolean } {
  let nestedStages = false;
  // A class of construct node seen keeping its children in `_children` (below).
  let keeps: unknown;
  const enter = (c: IConstruct, path: string) => {
    // Most constructs of a large app are elements, and an element is never a Stage: one test each.
    visit(c, path, CfnElement.isCfnElement(c));
    // The children by id as constructs keeps them: `node.children` makes an array for every
    // construct, and most constructs of a large app have none. constructs makes `_children` with
    // the first child, so a node without it has none, if its class is one seen keeping children
    // there. Anything else (another version of constructs, another shape): the API.
    const node = c.node;
    const own = (node as unknown as { _children?: unknown })._children;
    if (own !== null && typeof own === 'object' && !Array.isArray(own)) {
      keeps = Object.getPrototypeOf(node);
      for (const id in own) child((own as Record<string, IConstruct>)[id], path);
    } else if (own === undefined && Object.getPrototypeOf(node) === keeps) {
      // no children
    } else {
      const children = c.node.children;
      for (let i = 0; i < children.length; i++) child(children[i], path);
    }
  };
  const child = (c: IConstruct, parentPath: string) => {
    if (!(c instanceof CfnElement) && Stage.isStage(c)) nestedStages = true;
    else enter(c, parentPath ? `${parentPath}/${c.node.id}` : c.node.id);
  };
  enter(root, root.node.path);
  return { nestedStages };
}

/** `node.path` without the lists it makes on the way (the same text: the ids from the root down, the root's empty id left out). */
function pathOf(c: IConstruct): string {
  let path = '';
  for (let x: IConstruct | undefined = c; x; x = x.node.scope) {
    const id = x.node.id;
    if (id) path = path ? `${id}/${path}` : id;
  }
  return path;
}

export function readConstructTree(root: IConstruct): ConstructTreeReading {
  // Findings go on CloudFormation elements (or, failing that, the Stage): only those are indexed.
  const elements: CfnElement[] = [];
  const elementPaths: string[] = [];
  // The resources of the nested stacks whose constructs are in the tree (their templates are read).
  const nestedWithTemplate = new Set<IConstruct>();
  const { nestedStages } = walk(root, (c, path, element) => {
    if (element) {
      elements.push(c as CfnElement);
      elementPaths.push(path);
    } else if (NestedStack.isNestedStack(c) && c.nestedStackResource) {
      nestedWithTemplate.add(c.nestedStackResource);
    }
  });
  const elementAt = lookupByPath(elements, elementPaths);
  const quick = new QuickReader();

  // Logical ids per stack, so raw `{ Ref: LogicalId }` overrides resolve to their element.
  // Built on first need: most apps write no raw references.
  let logical: Map<Stack, Map<string, string>> | undefined;
  const logicalIds = (stack: Stack): ReadonlyMap<string, string> => {
    logical ??= logicalIdsByStack(elements);
    return logical.get(stack) ?? new Map();
  };

  const records: ResourceRecord[] = [];
  // The records whose values may vary between condition worlds (only values with objects can).
  const mayVary: ResourceRecord[] = [];
  const problems: ReaderProblem[] = [];
  const resolver = new MarkingResolver();
  // The Mappings and Conditions of each stack (CfnMapping and CfnCondition elements, CfnInclude's
  // among them), rendered on first need: most apps have none, or use none for routing.
  const sections = new Map<Stack, { Mappings: Record<string, unknown>; Conditions: Record<string, unknown> }>();
  const sectionsOf = (stack: Stack) => memo(sections, stack, () => {
    const out = { Mappings: {}, Conditions: {} };
    for (const el of elements) {
      if (CfnResource.isCfnResource(el) || el.stack !== stack) continue;
      try {
        const rendered = stack.resolve((el as unknown as { _toCloudFormation(): object })._toCloudFormation()) as Partial<typeof out>;
        for (const section of ['Mappings', 'Conditions'] as const) {
          for (const [name, value] of Object.entries(rendered?.[section] ?? {})) {
            Object.defineProperty(out[section], name, { value, enumerable: true });
          }
        }
      } catch {
        // An element that cannot be rendered is not used: Fn::FindInMap over it stays unknown, a condition stays open.
      }
    }
    return out;
  });
  // Conditions by stack: a condition's key is its stack's path and its logical id.
  const conditionStacks = new Set<Stack>();
  const conditionKey = (stack: Stack, logicalId: string) => {
    conditionStacks.add(stack);
    return `${stack.node.path}|${logicalId}`;
  };
  // Indexed, without a callback: this runs for every element of the app.
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i];
    if (!CfnResource.isCfnResource(el)) continue;
    const type = resourceType(el);
    if (type === 'AWS::CloudFormation::Stack' && !nestedWithTemplate.has(el)) {
      // A nested stack known only by its template's URL (CfnStack, CfnInclude without loadNestedStacks).
      problems.push({ kind: 'unresolved', path: elementPaths[i], message: missingNestedTemplate(elementPaths[i]) });
      continue;
    }
    if (!READ_PROPS.has(type)) continue;
    const path = elementPaths[i];
    try {
      const read = readProperties(el, type, resolver, quick);
      // Only objects (`Fn::If`, `{ Ref: AWS::NoValue }`, raw references) need more reading.
      const objects = holdsObject(read);
      const properties = objects
        ? qualifyConditions(
          foldIntrinsics(markRawReferences(read, () => logicalIds(el.stack)), (m, a, b) => mappingValue(sectionsOf(el.stack).Mappings, m, a, b)),
          (name) => conditionKey(el.stack, name)) as Record<string, unknown>
        : read;
      const condition = el.cfnOptions.condition ? conditionKey(el.stack, el.stack.resolve(el.cfnOptions.condition.logicalId)) : undefined;
      const record: ResourceRecord = condition === undefined ? { path, type, properties } : { path, type, properties, condition };
      records.push(record);
      if (objects) mayVary.push(record);
    } catch (e) {
      problems.push({
        kind: 'unresolved',
        path,
        message: `The guard could not render ${type} ${path} as CloudFormation (${(e as Error).message}), so it is left out of the analysis.`,
      });
    }
  }
  const conditions = new Map<string, ConditionDef>();
  for (const stack of conditionStacks) {
    for (const [name, expression] of Object.entries(sectionsOf(stack).Conditions)) {
      const qualified = qualifyConditions(expression, (n) => conditionKey(stack, n));
      conditions.set(conditionKey(stack, name), { name, scope: stack.node.path, expression: qualified });
    }
  }
  return { records, problems, conditions, elementAt, nestedStages, mayVary };
}

/** The resource type CloudFormation gets: the L1's, or the one a raw override (`addOverride('Type', …)`) writes. */
function resourceType(el: CfnResource): string {
  const override = (el as unknown as { rawOverrides?: { Type?: unknown } }).rawOverrides?.Type;
  return typeof override === 'string' ? override : el.cfnResourceType;
}

/**
 * Whether a string may encode a token (`${Token[..]}`, a list's `#{Token[..]}`, a number's
 * `-1.8e+289`): a cheap test that spares the regular expression for literal CIDRs and ids.
 */
function mayHoldToken(s: string): boolean {
  return s.includes('{Token[') || s.includes('e+289');
}

/**
 * Elements by path, the map built on first need (only findings look elements up). A function of
 * its own so that the lookup, which outlives the reading, holds nothing else of it (a closure
 * in `readConstructTree` would keep every record alive until the end of synth).
 */
function lookupByPath(elements: readonly CfnElement[], paths: readonly string[]): (path: string) => IConstruct | undefined {
  let byPath: Map<string, IConstruct> | undefined;
  return (path) => {
    byPath ??= new Map(elements.map((el, i) => [paths[i], el]));
    return byPath.get(path);
  };
}

/** Returned by `QuickReader.value` for a value it leaves to the full resolver. */
const SLOW = Symbol('slow');

/**
 * The common values without the cost of a full resolve (a resolve context per value): a plain
 * string, a string that is exactly one reference to an element, or a list of those. Anything
 * else (functions, joins, lazies, encoded lists or numbers, objects) is `SLOW`.
 */
class QuickReader {
  /** Token strings already decoded: the same reference recurs in every route of a table. */
  private readonly tokens = new Map<string, unknown>();

  public value(v: unknown): unknown {
    if (v === undefined) return undefined;
    if (typeof v === 'string') return mayHoldToken(v) ? this.token(v) : v;
    if (Array.isArray(v) && !Token.isUnresolved(v)) {
      const out: unknown[] = [];
      for (const x of v) {
        const q = this.value(x);
        if (q === SLOW || q === undefined) return SLOW;
        out.push(q);
      }
      return out;
    }
    return SLOW;
  }

  /** A string that may hold a token: the string itself if it does not after all, its marker, or `SLOW`. */
  private token(s: string): unknown {
    // Looked up without a closure per call: every reference of every routing resource comes here.
    let read = this.tokens.get(s);
    if (read === undefined) this.tokens.set(s, read = this.decode(s));
    return read;
  }

  private decode(s: string): unknown {
    if (!Token.isUnresolved(s)) return s;
    const fragments = Tokenization.reverseString(s);
    const token = fragments.length === 1 ? fragments.firstToken : undefined;
    return (token && markerOf(token)) ?? SLOW;
  }
}

/**
 * The properties of a routing resource as CloudFormation would render them, raw overrides included.
 *
 * Generated L1 classes: only the properties the model reads are resolved (rendering every
 * property, tags included, doubled the cost of synth for large apps), then the raw overrides are
 * merged as CDK merges them. Anything else (a plain `CfnResource`) is rendered whole.
 */
function readProperties(el: CfnResource, type: string, resolver: ITokenResolver, quick: QuickReader): Record<string, unknown> {
  const generated = (el.constructor as { CFN_RESOURCE_TYPE_NAME?: string }).CFN_RESOURCE_TYPE_NAME === type;
  const internals = el as unknown as { rawOverrides?: { Properties?: unknown }; _toCloudFormation(): object };
  if (!generated) {
    type Rendered = { Resources?: Record<string, { Properties?: Record<string, unknown> }> };
    const rendered = resolveAt(el, resolver, internals._toCloudFormation()) as Rendered;
    return Object.values(rendered?.Resources ?? {})[0]?.Properties ?? {};
  }
  // The L1's own attributes (what `cfnProperties` reads, without building the whole object).
  // Plain indexed loops: this runs for every routing resource, mostly before the JIT has
  // optimised it, where iterators and destructuring allocate at every step.
  const o = el as unknown as Record<string, unknown>;
  const { names, attrs } = READ_ATTRS.get(type)!;
  const fast = emptyProperties(type);
  const route = type === 'AWS::EC2::Route' ? routeAttributes(o) : undefined;
  let slow: Record<string, unknown> | undefined;
  for (let i = 0; i < attrs.length; i++) {
    const value = route ? route[i] : o[attrs[i]];
    if (value === undefined) continue;
    const q = quick.value(value);
    if (q === SLOW) (slow ??= {})[names[i]] = value;
    else fast[names[i]] = q;
  }
  const properties = slow ? { ...fast, ...(pascalCaseNested(resolveAt(el, resolver, slow)) as Record<string, unknown>) } : fast;
  const overrides = internals.rawOverrides?.Properties;
  return overrides === undefined ? properties : deepMerge(properties, resolveAt(el, resolver, overrides, false) as Record<string, unknown>);
}

/** What `routeAttributes` returns, filled again at each call (nothing is allocated per route). */
const ROUTE_VALUES: unknown[] = [];

/**
 * The attributes of a `CfnRoute` that the model reads, in the order of `READ_PROPS`, each read by
 * name: routes are most of a large app's resources, and the general loop's one keyed read
 * (`o[attrs[i]]`), which sees every attribute of every type, was the slowest line of the reader.
 */
export function routeAttributes(o: Record<string, unknown>): readonly unknown[] {
  const v = ROUTE_VALUES;
  v[0] = o.routeTableId;
  v[1] = o.destinationCidrBlock;
  v[2] = o.destinationIpv6CidrBlock;
  v[3] = o.destinationPrefixListId;
  v[4] = o.gatewayId;
  v[5] = o.natGatewayId;
  v[6] = o.transitGatewayId;
  v[7] = o.vpcPeeringConnectionId;
  v[8] = o.vpcEndpointId;
  v[9] = o.networkInterfaceId;
  v[10] = o.instanceId;
  v[11] = o.localGatewayId;
  v[12] = o.carrierGatewayId;
  v[13] = o.egressOnlyInternetGatewayId;
  v[14] = o.coreNetworkArn;
  v[15] = o.odbNetworkArn;
  return v;
}

/** A value resolved as the element's stack would (the common values never come here: `QuickReader`). */
function resolveAt(el: CfnResource, resolver: ITokenResolver, v: unknown, removeEmpty = true): unknown {
  return Tokenization.resolve(v, { scope: el, resolver, preparing: false, removeEmpty });
}

/** Keys of objects inside property values (`Entries: [{ cidr }]`) as CloudFormation spells them. */
function pascalCaseNested(v: unknown, depth = 0): unknown {
  if (Array.isArray(v)) return v.map((x) => pascalCaseNested(x, depth + 1));
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) =>
    [depth === 0 ? k : k.charAt(0).toUpperCase() + k.slice(1), pascalCaseNested(x, depth + 1)]));
}

/** Intrinsic functions CDK's override merge replaces whole instead of merging into (aws-cdk-lib 2.257 to 2.276). */
const MERGE_EXCLUDE_KEYS: ReadonlySet<string> = new Set(['Ref', 'Fn::Base64', 'Fn::Cidr', 'Fn::FindInMap', 'Fn::GetAtt', 'Fn::GetAZs',
  'Fn::ImportValue', 'Fn::Join', 'Fn::Select', 'Fn::Split', 'Fn::Sub', 'Fn::Transform', 'Fn::And', 'Fn::Equals', 'Fn::If', 'Fn::Not', 'Fn::Or']);

/**
 * CDK's override merge, as aws-cdk-lib does it: objects merge key by key (an intrinsic on either
 * side is replaced whole), an object left empty is removed, `undefined` deletes, anything else replaces.
 */
function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> {
  const isIntrinsic = (v: unknown) => {
    const keys = Object.keys(v as object);
    return keys.length === 1 && MERGE_EXCLUDE_KEYS.has(keys[0]);
  };
  const merge = (into: Record<string, unknown>, from: Record<string, unknown>) => {
    for (const key of Object.keys(from)) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
      const value = from[key];
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        let current = into[key];
        if (!current || typeof current !== 'object' || isIntrinsic(current) || isIntrinsic(value)) current = {};
        else current = Array.isArray(current) ? [...current] : { ...(current as Record<string, unknown>) };
        merge(current as Record<string, unknown>, value as Record<string, unknown>);
        if (Object.keys(current as object).length === 0) delete into[key];
        else into[key] = current;
      } else if (value === undefined) {
        delete into[key];
      } else {
        into[key] = value;
      }
    }
  };
  const out: Record<string, unknown> = { ...target };
  merge(out, source ?? {});
  return out;
}

/** Whether a property map or list holds an object below its top level (only objects can be raw references). */
function holdsObject(v: unknown, depth = 0): boolean {
  if (!v || typeof v !== 'object') return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (holdsObject(v[i], depth + 1)) return true;
    return false;
  }
  if (depth > 0) return true;
  const o = v as Record<string, unknown>;
  for (const k in o) if (holdsObject(o[k], depth + 1)) return true;
  return false;
}

function logicalIdsByStack(elements: readonly CfnElement[]): Map<Stack, Map<string, string>> {
  const out = new Map<Stack, Map<string, string>>();
  for (const el of elements) {
    if (!CfnResource.isCfnResource(el)) continue;
    try {
      const id = el.stack.resolve(el.logicalId);
      if (typeof id !== 'string') continue;
      const m = out.get(el.stack) ?? new Map<string, string>();
      m.set(id, el.node.path);
      out.set(el.stack, m);
    } catch {
      // an element whose logical id cannot be resolved cannot be referred to raw either
    }
  }
  return out;
}

/** `{ Ref: X }` and `{ Fn::GetAtt: [X, A] }` written raw (overrides, included templates) to markers. */
function markRawReferences(v: unknown, idsOf: () => ReadonlyMap<string, string>): unknown {
  if (Array.isArray(v)) return v.map((x) => markRawReferences(x, idsOf));
  if (!v || typeof v !== 'object' || refOf(v)) return v;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  const rawRef = keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Fn::GetAtt');
  const ids = rawRef ? idsOf() : new Map<string, string>();
  if (keys.length === 1 && keys[0] === 'Ref' && typeof o.Ref === 'string' && ids.has(o.Ref)) {
    return makeRef(ids.get(o.Ref)!, 'Ref');
  }
  const getAtt = o['Fn::GetAtt'];
  if (keys.length === 1 && Array.isArray(getAtt) && typeof getAtt[0] === 'string' && typeof getAtt[1] === 'string' && ids.has(getAtt[0])) {
    return makeRef(ids.get(getAtt[0])!, getAtt[1]);
  }
  if (keys.length === 1 && typeof getAtt === 'string' && getAtt.includes('.')) {
    const [id, attr] = getAtt.split('.', 2);
    if (ids.has(id)) return makeRef(ids.get(id)!, attr);
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = markRawReferences(o[k], idsOf);
  return out;
}
