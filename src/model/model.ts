/**
 * The routing model: plain data that readers build and the analysis decides on.
 * Nothing here knows about CDK. Every element carries `path`, the construct path
 * (or template location) a finding points back to. Unknown values are explicit.
 */
import { TransitModel } from './transit';
import { Cidr, Family } from '../net/cidr';

/** What a route sends traffic to. */
export type TargetKind =
  | 'nat' // NAT gateway
  | 'igw' // internet gateway
  | 'vgw' // virtual private gateway (VPN / Direct Connect)
  | 'pcx' // VPC peering connection
  | 'tgw' // transit gateway
  | 'core-network' // Cloud WAN core network
  | 'gateway-endpoint' // S3 / DynamoDB gateway endpoint (only through an endpoint's route tables)
  | 'gwlb-endpoint' // Gateway Load Balancer / Network Firewall endpoint
  | 'eni'
  | 'instance'
  | 'egress-only-igw'
  | 'local-gateway'
  | 'carrier-gateway'
  | 'odb-network'
  | 'local' // the VPC's local route
  | 'unknown-gateway'; // a GatewayId that is neither provably an internet gateway nor a VGW

export interface Target {
  readonly kind: TargetKind;
  /** Identity: two targets with the same kind and key are the same gateway. */
  readonly key: string;
  /** How a person recognises it: a construct path, a literal id or an expression. */
  readonly label: string;
}

/** A destination of a route. */
export type Destination =
  | { readonly kind: 'cidr'; readonly cidr: Cidr }
  /** A prefix list. `entries` undefined: its contents are not visible at synth (AWS-managed, imported). */
  | { readonly kind: 'prefix-list'; readonly key: string; readonly label: string; readonly entries?: readonly Cidr[] }
  /** An expression the reader could not resolve (parameter, import, GetAtt of something without a literal CIDR). */
  | { readonly kind: 'unknown'; readonly key: string; readonly label: string; readonly family?: Family };

/** How a route came to be; decides ties between identical prefixes. */
export type RouteOrigin = 'static' | 'local';

export interface Route {
  /** Unique among all routes of the model. */
  readonly id: string;
  /** Where a finding on this route is placed. */
  readonly path: string;
  readonly tableKey: string;
  readonly origin: RouteOrigin;
  readonly destination: Destination;
  readonly target: Target;
  /** Made by AWS, not written in the app (local routes, a regional NAT gateway's default route). */
  readonly implicit?: boolean;
}

export interface RouteTable {
  readonly key: string;
  readonly path: string;
  /**
   * Whether the table forwards anyone's traffic: associated with a subnet or a gateway,
   * known only by id (imported), or a regional NAT gateway's own table.
   * A table created in the app with no association carries nothing.
   */
  readonly carriesTraffic: boolean;
  /** Known only by an id or an expression: the app does not define it (it may be any table, a NAT gateway's among them). */
  readonly external?: boolean;
  readonly routes: readonly Route[];
  /** The VPC (path) the table belongs to, when known. */
  readonly vpc?: string;
}

/** `AWS::EC2::VPNGatewayRoutePropagation`: the VGW's learned prefixes appear in each table. */
export interface Propagation {
  readonly path: string;
  readonly vgw: Target;
  readonly tableKeys: readonly string[];
}

/** A gateway (S3 / DynamoDB) VPC endpoint: a route from the service's prefix list in each table. */
export interface GatewayEndpoint {
  readonly path: string;
  /** Identity of the service (two endpoints with the same key serve the same prefix list). */
  readonly serviceKey: string;
  readonly serviceLabel: string;
  readonly tableKeys: readonly string[];
}

/**
 * A Gateway Load Balancer endpoint or a Network Firewall (its endpoints): traffic routed to it
 * comes out in its subnets and is routed by their tables.
 */
export interface MiddleboxEndpoint {
  /** Matched against route targets of kind `gwlb-endpoint`. */
  readonly key: string;
  readonly path: string;
  /** The route tables of its subnets (all of them, when the route cannot be tied to one). */
  readonly tableKeys: readonly string[];
}

export type NatConnectivity = 'public' | 'private';

export interface NatGateway {
  /** Identity, matched against route targets of kind `nat`. */
  readonly key: string;
  readonly path: string;
  readonly connectivity: NatConnectivity;
  readonly regional: boolean;
  /** The table that forwards this NAT gateway's outbound traffic, when it can be determined. */
  readonly tableKey?: string;
  /** Why the table cannot be determined (then `tableKey` is undefined). */
  readonly unresolvedReason?: string;
  /**
   * The blocks its private address is in (its subnet's; a regional NAT gateway: its VPC's), where
   * known: the source a transit gateway policy table sees (docs/transit.md, "Policy tables").
   */
  readonly sources?: readonly Cidr[];
}

/** Something the reader could not read as CloudFormation would, or could not resolve. */
export interface ReaderProblem {
  readonly kind: 'invalid' | 'unresolved';
  readonly path: string;
  readonly message: string;
  /**
   * The key of the condition the resource it is about needs (its `Condition`): the problem exists
   * only in the worlds where that condition holds, and its finding says so.
   */
  readonly condition?: string;
}

export interface RoutingModel {
  readonly tables: readonly RouteTable[];
  readonly natGateways: readonly NatGateway[];
  readonly propagations: readonly Propagation[];
  readonly gatewayEndpoints: readonly GatewayEndpoint[];
  /** Gateway Load Balancer and Network Firewall endpoints the app defines, with their subnets' tables. */
  readonly endpoints?: readonly MiddleboxEndpoint[];
  readonly problems: readonly ReaderProblem[];
  /** Transit gateways and what attaches to them (docs/transit.md); absent when the app has none. */
  readonly transit?: TransitModel;
}

/** Human words for each target kind, used in messages. */
export const TARGET_WORDS: Record<TargetKind, string> = {
  'nat': 'NAT gateway',
  'igw': 'internet gateway',
  'vgw': 'virtual private gateway',
  'pcx': 'VPC peering connection',
  'tgw': 'transit gateway',
  'core-network': 'Cloud WAN core network',
  'gateway-endpoint': 'gateway VPC endpoint',
  'gwlb-endpoint': 'Gateway Load Balancer endpoint',
  'eni': 'network interface',
  'instance': 'instance',
  'egress-only-igw': 'egress-only internet gateway',
  'local-gateway': 'local gateway',
  'carrier-gateway': 'carrier gateway',
  'odb-network': 'ODB network',
  'local': 'local',
  'unknown-gateway': 'gateway',
};

/** `kind label`, e.g. `virtual private gateway S/Vpc/VpnGateway (VPN / Direct Connect)`. */
export function describeTarget(t: Target): string {
  const suffix = t.kind === 'vgw' ? ' (VPN / Direct Connect)' : '';
  return t.kind === 'local' ? 'local' : `${TARGET_WORDS[t.kind]} ${t.label}${suffix}`;
}

/** `192.168.1.0/24`, a prefix list's label, or an unresolved expression. */
export function describeDestination(d: Destination): string {
  switch (d.kind) {
    case 'cidr': return d.cidr.text;
    case 'prefix-list': return `prefix list ${d.label}`;
    case 'unknown': return `${d.label} (unresolved)`;
  }
}
