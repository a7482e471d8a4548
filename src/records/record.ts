/**
 * The record a reader produces: one routing resource as CloudFormation would see it, with
 * references made explicit (`ref.ts`). Both readers write them; the model is built from them. No CDK.
 */

/** One resource as CloudFormation would see it, references made explicit. */
export interface ResourceRecord {
  /** Construct path (or `template#LogicalId`). */
  readonly path: string;
  readonly type: string;
  /** The properties the model reads; one CloudFormation would not render is absent or undefined. */
  readonly properties: Record<string, unknown>;
  /** The key of the condition the resource exists under (`cloudformation/conditions`), if any. */
  readonly condition?: string;
  /** A subnet declared transit-only (docs/transit.md, "Inflow through transit gateways"). */
  readonly transitOnly?: boolean;
}

/** The key of this library's own resource metadata (`Metadata: { cdk-nat-route-guard: { transitOnly: true } }`). */
export const GUARD_METADATA_KEY = 'cdk-nat-route-guard';

/** Whether a resource's Metadata declares it transit-only (`{ "cdk-nat-route-guard": { "transitOnly": true } }`). */
export function declaredTransitOnly(metadata: unknown): boolean {
  const own = metadata && typeof metadata === 'object' ? (metadata as Record<string, unknown>)[GUARD_METADATA_KEY] : undefined;
  return !!own && typeof own === 'object' && (own as Record<string, unknown>).transitOnly === true;
}

/** The rule ids a resource's (or template's) Metadata acknowledges (`{ "cdk-nat-route-guard": { "acknowledge": { "NRG-VGW": "<reason>" } } }`). */
export function acknowledgedInMetadata(metadata: unknown): string[] {
  const own = metadata && typeof metadata === 'object' ? (metadata as Record<string, unknown>)[GUARD_METADATA_KEY] : undefined;
  const acks = own && typeof own === 'object' ? (own as Record<string, unknown>).acknowledge : undefined;
  return acks && typeof acks === 'object' && !Array.isArray(acks) ? Object.keys(acks) : [];
}

/** The route properties the model reads, in the order readers read them (CloudFormation names). */
export const ROUTE_PROPS = [
  'RouteTableId', 'DestinationCidrBlock', 'DestinationIpv6CidrBlock', 'DestinationPrefixListId', 'GatewayId', 'NatGatewayId',
  'TransitGatewayId', 'VpcPeeringConnectionId', 'VpcEndpointId', 'NetworkInterfaceId', 'InstanceId', 'LocalGatewayId',
  'CarrierGatewayId', 'EgressOnlyInternetGatewayId', 'CoreNetworkArn', 'OdbNetworkArn',
] as const;

/** The routing resource types and the properties the model reads of each (CloudFormation names). */
export const READ_PROPS: ReadonlyMap<string, readonly string[]> = new Map(Object.entries({
  'AWS::EC2::VPC': ['CidrBlock'],
  'AWS::EC2::VPCCidrBlock': ['VpcId', 'CidrBlock', 'Ipv6CidrBlock'],
  'AWS::EC2::Subnet': ['VpcId', 'CidrBlock', 'AvailabilityZone', 'AvailabilityZoneId'],
  'AWS::EC2::RouteTable': ['VpcId'],
  'AWS::EC2::SubnetRouteTableAssociation': ['SubnetId', 'RouteTableId'],
  'AWS::EC2::GatewayRouteTableAssociation': ['RouteTableId', 'GatewayId'],
  'AWS::EC2::Route': ROUTE_PROPS,
  'AWS::EC2::NatGateway': ['SubnetId', 'VpcId', 'ConnectivityType', 'AvailabilityMode'],
  'AWS::EC2::InternetGateway': [],
  'AWS::EC2::VPNGateway': [],
  'AWS::EC2::VPNGatewayRoutePropagation': ['RouteTableIds', 'VpnGatewayId'],
  'AWS::EC2::VPCEndpoint': ['VpcEndpointType', 'ServiceName', 'RouteTableIds', 'SubnetIds'],
  'AWS::EC2::VPCPeeringConnection': [],
  'AWS::EC2::TransitGateway': ['DefaultRouteTableAssociation', 'DefaultRouteTablePropagation', 'AssociationDefaultRouteTableId', 'PropagationDefaultRouteTableId'],
  'AWS::EC2::TransitGatewayAttachment': ['TransitGatewayId', 'VpcId', 'SubnetIds'],
  'AWS::EC2::TransitGatewayVpcAttachment': ['TransitGatewayId', 'VpcId', 'SubnetIds', 'AddSubnetIds'],
  'AWS::EC2::TransitGatewayRouteTable': ['TransitGatewayId'],
  'AWS::EC2::TransitGatewayRoute': ['TransitGatewayRouteTableId', 'DestinationCidrBlock', 'TransitGatewayAttachmentId', 'Blackhole'],
  'AWS::EC2::TransitGatewayRouteTableAssociation': ['TransitGatewayAttachmentId', 'TransitGatewayRouteTableId'],
  'AWS::EC2::TransitGatewayRouteTablePropagation': ['TransitGatewayAttachmentId', 'TransitGatewayRouteTableId'],
  'AWS::EC2::TransitGatewayPolicyTableAssociation': ['TransitGatewayAttachmentId', 'TransitGatewayPolicyTableId'],
  'AWS::EC2::TransitGatewayPolicyTable': ['TransitGatewayId'],
  'AWS::SSM::Parameter': ['Name', 'Value'],
  'AWS::EC2::TransitGatewayPolicyTableEntry': ['TransitGatewayPolicyTableId', 'PolicyRuleNumber', 'PolicyRule', 'TargetRouteTableId'],
  'AWS::EC2::TransitGatewayPeeringAttachment': ['TransitGatewayId', 'PeerTransitGatewayId', 'PeerRegion', 'PeerAccountId'],
  'AWS::EC2::TransitGatewayConnect': ['TransportTransitGatewayAttachmentId'],
  'AWS::EC2::TransitGatewayAttachmentNatConfiguration': ['TransitGatewayAttachmentId', 'NatGatewaySupport', 'NatGatewayRules'],
  'AWS::EC2::VPNConnection': ['TransitGatewayId', 'VpnGatewayId', 'VpnConcentratorId'],
  'AWS::EC2::VPNConcentrator': ['TransitGatewayId'],
  'AWS::DirectConnect::DirectConnectGatewayAssociation': ['AssociatedGatewayId', 'DirectConnectGatewayId'],
  'AWS::NetworkFirewall::Firewall': ['TransitGatewayId', 'VpcId', 'SubnetMappings'],
  'AWS::EC2::PrefixList': ['AddressFamily', 'Entries'],
  'AWS::EC2::EgressOnlyInternetGateway': [],
}));

/**
 * Custom resources (`Custom::…`, `AWS::CloudFormation::CustomResource`): readers keep all their
 * properties, since what they reference (a route table, a transit gateway) is what the builder
 * looks at; a function can make routes there at deploy time that no template shows.
 */
export function isCustomResourceType(type: string): boolean {
  return type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
}

/** Whether readers make a record of a resource of this type. */
export function isReadType(type: string): boolean {
  return READ_PROPS.has(type) || isCustomResourceType(type);
}

/**
 * The properties a route of an app usually has: its table, an IPv4 destination and a gateway or
 * NAT gateway. Its other properties are added when present (few routes have them), so that a
 * large app's routes do not each carry a dozen empty slots.
 */
const USUAL_ROUTE_PROPS: readonly string[] = ['RouteTableId', 'DestinationCidrBlock', 'GatewayId', 'NatGatewayId'];

/** For each type, the properties its objects start with, all undefined (`emptyProperties`). */
const SHAPES: ReadonlyMap<string, Readonly<Record<string, unknown>>> = new Map([...READ_PROPS].map(([type, names]) => {
  const shape: Record<string, unknown> = {};
  for (const n of type === 'AWS::EC2::Route' ? USUAL_ROUTE_PROPS : names) shape[n] = undefined;
  return [type, shape];
}));

/**
 * A fresh property map for a routing resource type, for a reader to fill in: the properties a
 * resource of the type usually has present and undefined (every read property but a route's
 * rarer ones), so that the objects of one type share one shape and V8 keeps them on its fast paths.
 */
export function emptyProperties(type: string): Record<string, unknown> {
  return { ...SHAPES.get(type) };
}
