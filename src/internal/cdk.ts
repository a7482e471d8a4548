/**
 * Every private or undocumented detail of aws-cdk-lib and constructs that the guard relies on,
 * behind one boundary (docs/architecture.md, "CDK internals"). Each has the public way beside it.
 * Each assumption is checked once per process, on a construct tree of its own; where it fails,
 * the guard uses the public way, and where there is none it says so (`InternalsProblem`): it
 * never reads less and passes in silence.
 */
import * as fs from 'fs';
import * as os from 'os';
import { App, CfnResource, Lazy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Construct, IConstruct, Node } from 'constructs';

/** The assumptions, each checked on its own. */
export interface Assumptions {
  /**
   * constructs keeps a node's children by id in an own object `_children`, made with the first
   * child, in the order of `node.children`. Public way: `node.children`, which makes an array per
   * node (most nodes of a large app have no children).
   */
  readonly children: boolean;
  /** `node._metadata` is the list behind `node.metadata` (a copy). No public way to withdraw an entry. */
  readonly metadata: boolean;
  /** `CfnResource.rawOverrides` holds what `addOverride` writes. No public getter: without it, every resource is rendered whole. */
  readonly rawOverrides: boolean;
  /**
   * `CfnElement._toCloudFormation()` renders an element as its template section, CDK's override
   * merge included. No public way before synthesis.
   */
  readonly render: boolean;
  /**
   * An encoded token holds `{Token[` (strings and list elements) or `e+289` (numbers as
   * strings): a cheap test before the regular expression. Public way: `Token.isUnresolved` on
   * every string.
   */
  readonly tokenMarkers: boolean;
  /** `App._validationPlugins` lists an App's validation plugins. No public getter. */
  readonly validationPlugins: boolean;
}

/** Each assumption, checked when first needed (the plugin's door needs none of them). */
let checked: { -readonly [K in keyof Assumptions]?: boolean } = {};
/** What the resource check found (two assumptions, one check). */
let resourceCheck: { rawOverrides: boolean; render: boolean } | undefined;
// The checks read the internals directly: a read through `holds` inside them would check again.

const CHECKS: { readonly [K in keyof Assumptions]: () => boolean } = {
  children: () => checkChildren(),
  metadata: () => checkMetadata(),
  rawOverrides: () => (resourceCheck ??= checkResource()).rawOverrides,
  render: () => (resourceCheck ??= checkResource()).render,
  tokenMarkers: () => tokenMarkersHold(encodedTokens()),
  validationPlugins: () => checkValidationPlugins(),
};

/** Whether an assumption holds, checked on first need; a check that throws fails. */
function holds(name: keyof Assumptions): boolean {
  let known = checked[name];
  if (known === undefined) {
    try {
      known = CHECKS[name]();
    } catch {
      known = false;
    }
    checked[name] = known;
  }
  return known;
}

/** The assumptions as they hold for the aws-cdk-lib and constructs of this process. */
export function assumptions(): Assumptions {
  const all = {} as { -readonly [K in keyof Assumptions]: boolean };
  for (const name of Object.keys(CHECKS) as Array<keyof Assumptions>) all[name] = holds(name);
  return all;
}

/**
 * Check the assumptions again, or take these instead of checking (tests change the libraries'
 * internals, or what the guard believes of them, then restore them).
 */
export function recheckAssumptions(instead?: Partial<Assumptions>): Assumptions {
  checked = { ...instead };
  resourceCheck = undefined;
  childrenKeeper = undefined;
  return assumptions();
}

/** The releases of aws-cdk-lib and constructs in this process, as their classes record them. */
export function releases(): string {
  const version = (c: object) => (c as Record<symbol, { version?: string } | undefined>)[Symbol.for('jsii.rtti')]?.version ?? 'unknown';
  return `aws-cdk-lib ${version(App)} with constructs ${version(Construct)}`;
}

/** What the guard cannot read on these releases, in words for a finding (`NRG-UNRESOLVED`). */
export function cannotRead(what: string, consequence: string): string {
  return `cdk-nat-route-guard cannot read ${what} on ${releases()}, which keep it in a way the guard does not know, so ${consequence}. `
    + 'Fix: use a release of aws-cdk-lib the guard is tested with, and report this with the releases named here.';
}

function checkChildren(): boolean {
  const root = new Construct(undefined as unknown as Construct, '');
  const leaf = new Construct(root, 'a');
  const other = new Construct(root, 'b');
  const own = ownChildren(root);
  return own !== undefined && own.a === leaf && own.b === other && Object.keys(own).join() === root.node.children.map((c) => c.node.id).join()
    && (node(leaf)._children === undefined || ownChildren(leaf) !== undefined);
}

function checkMetadata(): boolean {
  const c = new Construct(undefined as unknown as Construct, '');
  c.node.addMetadata('nrg:probe', 1);
  const list = ownMetadata(c);
  return list !== undefined && list.length === 1 && (list[0] as { data?: unknown }).data === 1;
}

/** A resource with an override, rendered. */
function checkResource(): { rawOverrides: boolean; render: boolean } {
  const stack = new Stack(probeApp(), 'Probe');
  const r = new CfnResource(stack, 'R', { type: 'Nrg::Probe::Thing', properties: { A: 1, B: { C: 2 } } });
  r.addPropertyOverride('B.D', 3);
  const raw = (r as unknown as { rawOverrides?: { Properties?: { B?: { D?: unknown } } } }).rawOverrides;
  const section = (r as unknown as { _toCloudFormation?: () => object })._toCloudFormation?.();
  const rendered = stack.resolve(section) as { Resources?: Record<string, { Type?: unknown; Properties?: Record<string, unknown> }> };
  const def = rendered?.Resources?.[stack.resolve(r.logicalId) as string];
  return {
    rawOverrides: raw?.Properties?.B?.D === 3,
    render: def?.Type === 'Nrg::Probe::Thing' && JSON.stringify(def.Properties) === JSON.stringify({ A: 1, B: { C: 2, D: 3 } }),
  };
}

function checkValidationPlugins(): boolean {
  const app = probeApp();
  const plugin = { name: 'nrg-probe', validate: () => ({ success: true, violations: [] }) };
  Validations.of(app).addPlugins(plugin);
  const listed = (app as unknown as { _validationPlugins?: unknown })._validationPlugins;
  return Array.isArray(listed) && listed.includes(plugin);
}

/** An App for checks: no output folder of its own, never synthesized. */
function probeApp(): App {
  // No creation stack traces (their capture is most of a probe's cost; older releases read the second key).
  return new App({ outdir: os.tmpdir(), autoSynth: false, context: { 'aws:cdk:disable-creation-stack-traces': true, 'aws:cdk:disable-stack-trace': true } });
}

/** A string token, a number token as a string, and a list token's element, as this aws-cdk-lib encodes them. */
function encodedTokens(): string[] {
  return [
    Token.asString(Lazy.string({ produce: () => 'x' })),
    String(Token.asNumber(Lazy.number({ produce: () => 1 }))),
    Token.asList(Lazy.list({ produce: () => ['x'] }))[0],
  ];
}

/**
 * Whether each encoded token holds a marker `mayHoldToken` tests for, and is a token as CDK reads
 * it: a string, a list's element (as a one-element list), or a number written as a string.
 */
export function tokenMarkersHold(encoded: readonly string[]): boolean {
  const isToken = (s: string) => Token.isUnresolved(s) || Token.isUnresolved([s]) || Token.isUnresolved(Number(s));
  return encoded.length > 0 && encoded.every((s) => (s.includes('{Token[') || s.includes('e+289')) && isToken(s));
}

// ---- The reads themselves -------------------------------------------------------------------

type NodeInternals = { _children?: unknown; _metadata?: unknown };
const node = (c: IConstruct) => c.node as unknown as NodeInternals;

function ownChildren(c: IConstruct): Record<string, IConstruct> | undefined {
  return asChildren(node(c)._children);
}

/** `_children` as constructs keeps it: a plain object of children by id. */
function asChildren(own: unknown): Record<string, IConstruct> | undefined {
  return own !== null && typeof own === 'object' && Object.getPrototypeOf(own) === Object.prototype ? own as Record<string, IConstruct> : undefined;
}

/**
 * The Node class whose `_children` the check found as assumed, or null where it did not hold
 * (nodes of another copy of constructs are read the public way).
 */
let childrenKeeper: object | null | undefined;

/** Calls `visit` with each child of `c`, in order, and `arg` (so that one function serves every node). */
export function forEachChild<A>(c: IConstruct, visit: (child: IConstruct, arg: A) => void, arg: A): void {
  childrenKeeper ??= holds('children') ? Node.prototype : null;
  const n = c.node;
  if (Object.getPrototypeOf(n) === childrenKeeper) {
    const raw = (n as unknown as NodeInternals)._children;
    if (raw === undefined) return;
    const own = asChildren(raw);
    if (own) {
      for (const id in own) visit(own[id], arg);
      return;
    }
  }
  const children = n.children;
  for (let i = 0; i < children.length; i++) visit(children[i], arg);
}

/** A construct's acknowledgement entries (`Validations.of(c).acknowledge`: qualified id to reason), in the order given; no copy of the metadata where the fast way holds. */
export function acknowledgementsOf(c: IConstruct): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const m of (metadataListOf(c) ?? c.node.metadata) as Array<{ type?: unknown; data?: unknown }>) {
    if (m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY && m.data && typeof m.data === 'object') out.push(m.data as Record<string, unknown>);
  }
  return out;
}

/** The live list of a construct's metadata entries, where it can be had. */
export function metadataListOf(c: IConstruct): unknown[] | undefined {
  return holds('metadata') ? ownMetadata(c) : undefined;
}

function ownMetadata(c: IConstruct): unknown[] | undefined {
  const list = node(c)._metadata;
  return Array.isArray(list) ? list : undefined;
}

/** What the raw overrides of a resource hold (`Type`, `Properties`, …); undefined where they cannot be read. */
export function rawOverridesOf(el: CfnResource): { readonly Type?: unknown; readonly Properties?: unknown } | undefined {
  if (!holds('rawOverrides')) return undefined;
  const raw = (el as unknown as { rawOverrides?: unknown }).rawOverrides;
  return raw !== null && typeof raw === 'object' ? raw : undefined;
}

/**
 * An element as its template section (resolve it to read it), or undefined where this release
 * does not let the guard render it. An element that fails to render throws, as it would in synth.
 */
export function renderElement(el: IConstruct): object | undefined {
  if (!holds('render')) return undefined;
  const render = (el as unknown as { _toCloudFormation?: () => object })._toCloudFormation;
  return typeof render === 'function' ? render.call(el) : undefined;
}

/**
 * Whether a string may encode a token: a cheap test that spares the regular expression for
 * literal CIDRs and ids, where the markers are known; otherwise every string may.
 */
export function mayHoldToken(s: string): boolean {
  return holds('tokenMarkers') ? s.includes('{Token[') || s.includes('e+289') : true;
}

/** The validation plugins of an App, where they can be listed. */
export function validationPluginsOf(app: IConstruct): ReadonlyArray<{ readonly name?: string }> | undefined {
  if (!holds('validationPlugins')) return undefined;
  const plugins = (app as unknown as { _validationPlugins?: unknown })._validationPlugins;
  return Array.isArray(plugins) ? plugins : undefined;
}

/** The context the `cdk` CLI passed the app in the environment (inline, or in a file when large). */
export function contextFromEnvironment(): Record<string, unknown> | undefined {
  const inline = process.env[cxapi.CONTEXT_ENV];
  const file = process.env[cxapi.CONTEXT_OVERFLOW_LOCATION_ENV];
  if (inline) return JSON.parse(inline);
  return file && fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf-8')) : undefined;
}
