/** The checks of `HybridVpcProps`, each naming the property and the fix, and the transit gateway it names. */
import { CfnResource, Token } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import type { HybridVpcProps } from './hybrid-vpc';
import { OnPremisesConnection } from './on-premises';
import { RESERVED_SUBNET_GROUP } from './reserved';
import { Cidr, cidrsOverlap, parseCidr } from '../net/cidr';

/** The transit gateway a `HybridVpc` attaches to, as the props give it. */
export interface NamedTransitGateway {
  /** Its id, as routes and the attachment name it. */
  readonly id: string;
  /** Its L1, when it is in the app. */
  readonly cfn?: ec2.CfnTransitGateway;
  /**
   * The aws-ec2-alpha `TransitGateway`'s own default route table, when it associates (propagates)
   * attachments with it: that module makes the association and propagation for each attachment
   * itself, and so does `HybridVpc` for its own.
   */
  readonly alphaDefaults?: { readonly tableId: string; readonly associate: boolean; readonly propagate: boolean };
}

const isCfnTgw = (c: unknown): c is ec2.CfnTransitGateway => CfnResource.isCfnResource(c as IConstruct) && (c as CfnResource).cfnResourceType === 'AWS::EC2::TransitGateway';

/** The transit gateway of `transitGateway` / `transitGatewayId`. */
export function namedTransitGateway(where: string, props: HybridVpcProps): NamedTransitGateway {
  const given = props.transitGateway;
  if (given === undefined) return { id: props.transitGatewayId! };
  if (isCfnTgw(given)) return { id: given.ref, cfn: given };
  const child = given.node?.defaultChild;
  if (!isCfnTgw(child)) {
    throw new Error(`${where}: transitGateway ${given.node?.path ?? String(given)} is neither an ec2.CfnTransitGateway nor a construct whose default child is one `
      + '(the TransitGateway of @aws-cdk/aws-ec2-alpha); give one of those, or the transit gateway\'s id as transitGatewayId');
  }
  // The aws-ec2-alpha TransitGateway (read by shape: this library does not depend on that module).
  const alpha = given as unknown as {
    transitGatewayId?: string;
    defaultRouteTable?: { routeTableId?: string };
    defaultRouteTableAssociation?: boolean;
    defaultRouteTablePropagation?: boolean;
  };
  const tableId = alpha.defaultRouteTable?.routeTableId;
  return {
    id: typeof alpha.transitGatewayId === 'string' ? alpha.transitGatewayId : child.ref,
    cfn: child,
    ...(typeof tableId === 'string'
      ? { alphaDefaults: { tableId, associate: alpha.defaultRouteTableAssociation === true, propagate: alpha.defaultRouteTablePropagation === true } }
      : {}),
  };
}

/** The on-premises ranges, canonical, once every prop is checked; the transit gateway with `TRANSIT_GATEWAY`. */
export function checkOnPremises(
  where: string, props: HybridVpcProps, connection: OnPremisesConnection,
): { cidrs: Cidr[]; tgw?: NamedTransitGateway } {
  const fail = (msg: string): never => {
    throw new Error(`${where}: ${msg}`);
  };
  if (!Array.isArray(props.onPremisesCidrs) || props.onPremisesCidrs.length === 0) {
    fail('onPremisesCidrs is required: list the on-premises ranges to route to the VGW (for example [\'192.168.0.0/16\'])');
  }
  let tgw: NamedTransitGateway | undefined;
  const cidrs = props.onPremisesCidrs.map((text, i) => {
    if (Token.isUnresolved(text)) {
      fail(`onPremisesCidrs[${i}] is a token (${text}): a literal CIDR is needed, since the routes to it and the checks of it are made at synth`);
    }
    const p = parseCidr(text);
    return p.ok ? p.cidr : fail(`onPremisesCidrs ${p.error}`);
  });
  cidrs.forEach((a, i) => cidrs.slice(i + 1).forEach((b) => {
    if (cidrsOverlap(a, b)) fail(`onPremisesCidrs ${a.text} and ${b.text} overlap; list each range once`);
  }));
  if (connection === OnPremisesConnection.TRANSIT_GATEWAY) {
    if (!props.transitGatewayId && !props.transitGateway) fail('transitGatewayId or transitGateway is required with connection TRANSIT_GATEWAY');
    if (props.transitGatewayId && props.transitGateway) fail('give transitGatewayId or transitGateway, not both');
    tgw = namedTransitGateway(where, props);
    const taken = (props.subnetConfiguration ?? []).find((c) => c.name === RESERVED_SUBNET_GROUP);
    if (taken) fail(`subnetConfiguration: the group name ${RESERVED_SUBNET_GROUP} is HybridVpc's own (the transit gateway attachment's subnets); name the group otherwise`);
    const defaultAssociation = tgw.cfn?.defaultRouteTableAssociation;
    if (props.associationRouteTableId !== undefined && tgw.alphaDefaults?.associate) {
      fail('associationRouteTableId: the transit gateway (aws-ec2-alpha) associates new attachments with its default route table (defaultRouteTableAssociation is true), '
        + 'and an attachment has one association; create it with defaultRouteTableAssociation: false, or leave associationRouteTableId out');
    }
    if (props.associationRouteTableId !== undefined && tgw.cfn && !tgw.alphaDefaults && defaultAssociation !== 'disable') {
      fail(`associationRouteTableId: the transit gateway associates new attachments with its default route table (defaultRouteTableAssociation is ${defaultAssociation ?? 'enable by default'}), and an attachment has one association; set defaultRouteTableAssociation: 'disable' on it, or leave associationRouteTableId out`);
    }
    for (const key of ['vpnGateway', 'vpnConnections', 'directConnectGatewayId', 'vpnRoutePropagation', 'vpnGatewayAsn'] as const) {
      if (props[key] !== undefined) fail(`${key} belongs to a virtual private gateway; with connection TRANSIT_GATEWAY configure VPN and Direct Connect on the transit gateway`);
    }
  } else {
    for (const key of ['transitGatewayId', 'transitGateway', 'associationRouteTableId', 'propagationRouteTableIds'] as const) {
      if (props[key] !== undefined) fail(`${key} is only used with connection TRANSIT_GATEWAY; set connection or leave ${key} out`);
    }
    if (props.vpnGateway === false) fail('vpnGateway is false, but connection VPN_GATEWAY needs the virtual private gateway; leave vpnGateway out');
  }
  for (const [connId, options] of Object.entries(props.vpnConnections ?? {})) {
    for (const r of options.staticRoutes ?? []) {
      const p = parseCidr(r);
      if (!p.ok) fail(`vpnConnections.${connId}.staticRoutes ${p.error}`);
      if (p.ok && !cidrs.some((c) => c.family === p.cidr.family && c.first <= p.cidr.first && p.cidr.last <= c.last)) {
        fail(`vpnConnections.${connId}.staticRoutes ${p.cidr.text} is not inside onPremisesCidrs: list it there too, so the private subnets route it to the VGW`);
      }
    }
  }
  if (props.directConnectAllowedPrefixes && !props.directConnectGatewayId) fail('directConnectAllowedPrefixes needs directConnectGatewayId');
  for (const p of props.directConnectAllowedPrefixes ?? []) {
    const parsed = parseCidr(p);
    if (!parsed.ok) fail(`directConnectAllowedPrefixes ${parsed.error}`);
  }
  return { cidrs, tgw };
}
