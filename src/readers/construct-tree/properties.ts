/**
 * The properties of a routing L1 as CloudFormation would render them, raw overrides included.
 *
 * A generated L1 without overrides is read attribute by attribute, only the properties the model
 * reads (rendering every property, tags included, doubles the cost of synth for large apps).
 * Anything else (a plain `CfnResource`, an L1 with raw overrides, a release whose overrides the
 * guard cannot see) is rendered whole, by CDK itself, overrides merged as CDK merges them.
 */
import { CfnResource, ITokenResolver } from 'aws-cdk-lib';
import { QuickReader, SLOW, resolveAt } from './resolve';
import { rawOverridesOf, renderElement } from '../../internal/cdk';
import { READ_PROPS, emptyProperties, isCustomResourceType } from '../../records/record';

type L1 = Record<string, unknown>;

/** Takes the properties an L1 reader reads, one by one (CloudFormation name, attribute value; only defined values). */
export interface PropertySink {
  put(name: string, value: unknown): void;
}

/** Reads the properties the model reads of one routing type's generated L1 into a sink, in the order of `READ_PROPS`. */
export type L1Reader = (l1: L1, sink: PropertySink) => void;

/**
 * A CfnRoute's attributes, each read by name: routes are most of a large app's resources, and a
 * keyed read (`l1[attr]`) shared by every type is megamorphic. In the order of `READ_PROPS`.
 */
const readRoute: L1Reader = (o, sink) => {
  // Most of a route's attributes are undefined: tested here, so that only values cost a call.
  let v: unknown;
  if ((v = o.routeTableId) !== undefined) sink.put('RouteTableId', v);
  if ((v = o.destinationCidrBlock) !== undefined) sink.put('DestinationCidrBlock', v);
  if ((v = o.destinationIpv6CidrBlock) !== undefined) sink.put('DestinationIpv6CidrBlock', v);
  if ((v = o.destinationPrefixListId) !== undefined) sink.put('DestinationPrefixListId', v);
  if ((v = o.gatewayId) !== undefined) sink.put('GatewayId', v);
  if ((v = o.natGatewayId) !== undefined) sink.put('NatGatewayId', v);
  if ((v = o.transitGatewayId) !== undefined) sink.put('TransitGatewayId', v);
  if ((v = o.vpcPeeringConnectionId) !== undefined) sink.put('VpcPeeringConnectionId', v);
  if ((v = o.vpcEndpointId) !== undefined) sink.put('VpcEndpointId', v);
  if ((v = o.networkInterfaceId) !== undefined) sink.put('NetworkInterfaceId', v);
  if ((v = o.instanceId) !== undefined) sink.put('InstanceId', v);
  if ((v = o.localGatewayId) !== undefined) sink.put('LocalGatewayId', v);
  if ((v = o.carrierGatewayId) !== undefined) sink.put('CarrierGatewayId', v);
  if ((v = o.egressOnlyInternetGatewayId) !== undefined) sink.put('EgressOnlyInternetGatewayId', v);
  if ((v = o.coreNetworkArn) !== undefined) sink.put('CoreNetworkArn', v);
  if ((v = o.odbNetworkArn) !== undefined) sink.put('OdbNetworkArn', v);
};

/** The L1 attribute of a CloudFormation property name (`RouteTableId` is `routeTableId`). */
const attributeOf = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/** A reader of the attributes named after these properties (the types with few resources). */
function readByName(names: readonly string[]): L1Reader {
  const attrs = names.map(attributeOf);
  return (o, sink) => {
    for (let i = 0; i < names.length; i++) {
      const v = o[attrs[i]];
      if (v !== undefined) sink.put(names[i], v);
    }
  };
}

/** For each routing type, how its generated L1's attributes are read. */
export const L1_READS: ReadonlyMap<string, L1Reader> = new Map([...READ_PROPS].map(([type, names]) => [
  type, type === 'AWS::EC2::Route' ? readRoute : readByName(names),
]));

/**
 * The property map of one resource as its reader fills it: values the quick reader decodes go in
 * as they are, the others (`SLOW`) are kept for one full resolve. One per reading, started again
 * for each resource.
 */
class Properties implements PropertySink {
  public fast: Record<string, unknown> = {};
  public slow: Record<string, unknown> | undefined;

  constructor(private readonly quick: QuickReader) {}

  public start(type: string): this {
    this.fast = emptyProperties(type);
    this.slow = undefined;
    return this;
  }

  public put(name: string, value: unknown): void {
    const q = this.quick.value(value);
    if (q === SLOW) (this.slow ??= {})[name] = value;
    else this.fast[name] = q;
  }
}

/** Reads routing L1s' properties: one per reading. */
export class PropertyReader {
  private readonly sink: Properties;
  /** The last resource rendered whole, and its rendering (`typeOf` and `read` ask for the same one in turn). */
  private last?: { readonly el: CfnResource; readonly rendered: ReturnType<typeof renderedResource> };

  constructor(private readonly resolver: ITokenResolver, quick: QuickReader, private readonly failures: RenderFailures) {
    this.sink = new Properties(quick);
  }

  /** The properties of a routing resource as CloudFormation would render them. */
  public read(el: CfnResource, type: string): Record<string, unknown> {
    // A custom resource's properties are free-form: all of them, as CDK renders them.
    if (isCustomResourceType(type)) return this.rendered(el)?.Properties ?? {};
    const generated = (el.constructor as { CFN_RESOURCE_TYPE_NAME?: string }).CFN_RESOURCE_TYPE_NAME === type;
    const raw = rawOverridesOf(el);
    if (!generated || raw === undefined || raw.Properties !== undefined) {
      const rendered = this.rendered(el);
      if (rendered) return rendered.Properties ?? {};
      if (!generated) return {};
    }
    L1_READS.get(type)!(el as unknown as L1, this.sink.start(type));
    const { fast, slow } = this.sink;
    return slow ? { ...fast, ...(pascalCaseNested(resolveAt(el, this.resolver, slow)) as Record<string, unknown>) } : fast;
  }

  /** The properties of any resource, rendered whole as CDK renders them (undefined where it cannot be). */
  public renderedProperties(el: CfnResource): Record<string, unknown> | undefined {
    return this.rendered(el)?.Properties;
  }

  private rendered(el: CfnResource): ReturnType<typeof renderedResource> {
    if (this.last?.el !== el) this.last = { el, rendered: renderedResource(el, this.resolver, this.failures) };
    return this.last.rendered;
  }

  /** The resource type CloudFormation gets: the L1's, or the one a raw override (`addOverride('Type', …)`) writes. */
  public typeOf(el: CfnResource): string {
    const raw = rawOverridesOf(el);
    if (raw !== undefined) return typeof raw.Type === 'string' ? raw.Type : el.cfnResourceType;
    const rendered = this.rendered(el);
    return typeof rendered?.Type === 'string' ? rendered.Type : el.cfnResourceType;
  }
}

/** What a reading needs from CDK that the guard could not get (reported once per reading). */
export interface RenderFailures {
  /** A resource had to be rendered whole and could not be. */
  render?: string;
}

/** The resource as CDK renders it (overrides merged), or undefined (and a failure noted) where it cannot be. */
function renderedResource(
  el: CfnResource, resolver: ITokenResolver, failures: RenderFailures,
): { Type?: unknown; Properties?: Record<string, unknown> } | undefined {
  const section = renderElement(el);
  if (section === undefined) {
    failures.render ??= el.node.path;
    return undefined;
  }
  type Rendered = { Resources?: Record<string, { Type?: unknown; Properties?: Record<string, unknown> }> };
  const rendered = resolveAt(el, resolver, section) as Rendered;
  return Object.values(rendered?.Resources ?? {})[0] ?? {};
}

/** Keys of objects inside property values (`Entries: [{ cidr }]`) as CloudFormation spells them. */
function pascalCaseNested(v: unknown, depth = 0): unknown {
  if (Array.isArray(v)) return v.map((x) => pascalCaseNested(x, depth + 1));
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) =>
    [depth === 0 ? k : k.charAt(0).toUpperCase() + k.slice(1), pascalCaseNested(x, depth + 1)]));
}

/** Whether a property map or list holds an object below its top level (only objects can be raw references). */
export function holdsObject(v: unknown, depth = 0): boolean {
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
