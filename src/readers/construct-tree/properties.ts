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
import { READ_PROPS, emptyProperties } from '../../records/record';

type L1 = Record<string, unknown>;
/** One property of an L1: its CloudFormation name, and how to read its attribute. */
type AttributeRead = readonly [name: string, read: (l1: L1) => unknown];

/**
 * A CfnRoute's attributes, each read by name: routes are most of a large app's resources, and a
 * keyed read (`l1[attr]`) shared by every type is megamorphic. In the order of `READ_PROPS`.
 */
const ROUTE_READS: readonly AttributeRead[] = [
  ['RouteTableId', (o) => o.routeTableId],
  ['DestinationCidrBlock', (o) => o.destinationCidrBlock],
  ['DestinationIpv6CidrBlock', (o) => o.destinationIpv6CidrBlock],
  ['DestinationPrefixListId', (o) => o.destinationPrefixListId],
  ['GatewayId', (o) => o.gatewayId],
  ['NatGatewayId', (o) => o.natGatewayId],
  ['TransitGatewayId', (o) => o.transitGatewayId],
  ['VpcPeeringConnectionId', (o) => o.vpcPeeringConnectionId],
  ['VpcEndpointId', (o) => o.vpcEndpointId],
  ['NetworkInterfaceId', (o) => o.networkInterfaceId],
  ['InstanceId', (o) => o.instanceId],
  ['LocalGatewayId', (o) => o.localGatewayId],
  ['CarrierGatewayId', (o) => o.carrierGatewayId],
  ['EgressOnlyInternetGatewayId', (o) => o.egressOnlyInternetGatewayId],
  ['CoreNetworkArn', (o) => o.coreNetworkArn],
  ['OdbNetworkArn', (o) => o.odbNetworkArn],
];

/** The L1 attribute of a CloudFormation property name (`RouteTableId` is `routeTableId`). */
const attributeOf = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/** For each routing type, how its generated L1's attributes are read. */
export const L1_READS: ReadonlyMap<string, readonly AttributeRead[]> = new Map([...READ_PROPS].map(([type, names]) => [
  type,
  type === 'AWS::EC2::Route' ? ROUTE_READS : names.map((name): AttributeRead => {
    const attr = attributeOf(name);
    return [name, (o) => o[attr]];
  }),
]));

/** What a reading needs from CDK that the guard could not get (reported once per reading). */
export interface RenderFailures {
  /** A resource had to be rendered whole and could not be. */
  render?: string;
}

/** The resource type CloudFormation gets: the L1's, or the one a raw override (`addOverride('Type', …)`) writes. */
export function resourceType(el: CfnResource, resolver: ITokenResolver, failures: RenderFailures): string {
  const raw = rawOverridesOf(el);
  if (raw !== undefined) return typeof raw.Type === 'string' ? raw.Type : el.cfnResourceType;
  const rendered = renderedResource(el, resolver, failures);
  return typeof rendered?.Type === 'string' ? rendered.Type : el.cfnResourceType;
}

/** The properties of a routing resource as CloudFormation would render them. */
export function readProperties(
  el: CfnResource, type: string, resolver: ITokenResolver, quick: QuickReader, failures: RenderFailures,
): Record<string, unknown> {
  const generated = (el.constructor as { CFN_RESOURCE_TYPE_NAME?: string }).CFN_RESOURCE_TYPE_NAME === type;
  const raw = rawOverridesOf(el);
  if (!generated || raw === undefined || raw.Properties !== undefined) {
    const rendered = renderedResource(el, resolver, failures);
    if (rendered) return rendered.Properties ?? {};
    if (!generated) return {};
  }
  const reads = L1_READS.get(type)!;
  const o = el as unknown as L1;
  const fast = emptyProperties(type);
  let slow: Record<string, unknown> | undefined;
  // Indexed: runs for every routing resource, mostly before the JIT has optimised it.
  for (let i = 0; i < reads.length; i++) {
    const [name, read] = reads[i];
    const value = read(o);
    if (value === undefined) continue;
    const q = quick.value(value);
    if (q === SLOW) (slow ??= {})[name] = value;
    else fast[name] = q;
  }
  return slow ? { ...fast, ...(pascalCaseNested(resolveAt(el, resolver, slow)) as Record<string, unknown>) } : fast;
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
