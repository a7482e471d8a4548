import { Token } from 'aws-cdk-lib';
import { CfnDirectConnectGatewayAssociation } from 'aws-cdk-lib/aws-directconnect';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct, IConstruct } from 'constructs';
import { NatEgressVpc, NatEgressVpcProps } from './nat-egress-vpc';
import { RESERVED_SUBNET_GROUP, defaultSubnets } from './reserved';
import { Cidr, cidrsOverlap, parseCidr } from '../net/cidr';
import { GUARD_METADATA_KEY } from '../records/record';

/** How on-premises networks are reached. */
export enum OnPremisesConnection {
  /** A virtual private gateway: Site-to-Site VPN and/or Direct Connect (private VIF through a Direct Connect gateway). */
  VPN_GATEWAY = 'vpn-gateway',
  /** An existing transit gateway, attached in dedicated subnets. */
  TRANSIT_GATEWAY = 'transit-gateway',
}

/**
 * Properties of a `HybridVpc`: those of `NatEgressVpcProps` (so of `ec2.VpcProps`), with the
 * on-premises side on top. `onPremisesCidrs` is the one list of on-premises ranges: it is routed
 * from the private and isolated subnets, and a VPN connection's static routes must lie inside it.
 * VPN connections route as `ec2.Vpc`'s do, in `vpnConnections` and `addVpnConnection` alike: by
 * BGP (the VGW propagates what it learns into the private and isolated subnets' tables), unless
 * the connection gives `staticRoutes`.
 *
 * With `OnPremisesConnection.VPN_GATEWAY` (the default) the VPC gets a virtual private gateway
 * (`vpnGateway` may be left out; `false` is refused), and `vpnGatewayAsn`, `vpnConnections` and
 * `vpnRoutePropagation` mean what they mean for `ec2.Vpc`, propagation never reaching a table
 * that forwards NAT gateway traffic. With `TRANSIT_GATEWAY` those VGW props are refused.
 */
export interface HybridVpcProps extends NatEgressVpcProps {
  /**
   * On-premises ranges, routed statically from every private and isolated subnet straight to the
   * virtual private gateway (or transit gateway), never through a NAT gateway.
   * Real CIDR blocks, not overlapping the VPC's block or each other.
   */
  readonly onPremisesCidrs: string[];

  /**
   * How on-premises networks are reached.
   * @default OnPremisesConnection.VPN_GATEWAY
   */
  readonly connection?: OnPremisesConnection;

  /**
   * Associate the VGW with this existing Direct Connect gateway.
   * @default - no Direct Connect association
   */
  readonly directConnectGatewayId?: string;

  /**
   * Prefixes the Direct Connect gateway advertises to on-premises for this VPC.
   * @default - the VPC's CIDR block
   */
  readonly directConnectAllowedPrefixes?: string[];

  /**
   * The transit gateway to attach to, by id, with `OnPremisesConnection.TRANSIT_GATEWAY`.
   * Give `transitGateway` instead when the transit gateway is defined in the app, so the guard
   * can follow traffic into it.
   * @default - one of transitGatewayId or transitGateway is required with OnPremisesConnection.TRANSIT_GATEWAY, neither is allowed otherwise
   */
  readonly transitGatewayId?: string;

  /**
   * The transit gateway to attach to, as a construct of the app, with `OnPremisesConnection.TRANSIT_GATEWAY`.
   * @default - see transitGatewayId
   */
  readonly transitGateway?: ec2.CfnTransitGateway;

  /**
   * Associate the attachment with this transit gateway route table. Refused when `transitGateway`
   * associates new attachments with its default table (its `defaultRouteTableAssociation` is not
   * `disable`): an attachment has one association.
   * @default - no association is made here (the transit gateway's default association, or one made elsewhere)
   */
  readonly associationRouteTableId?: string;

  /**
   * Propagate the attachment (the VPC's block) into these transit gateway route tables.
   * @default - no propagation is made here
   */
  readonly propagationRouteTableIds?: string[];
}

/**
 * A `NatEgressVpc` connected to on-premises networks the compliant way: every on-premises range
 * is routed from the private and isolated subnets straight to the virtual private gateway (or a
 * transit gateway), so on-premises traffic never reaches a NAT gateway; VGW route propagation
 * reaches only tables that do not forward NAT gateway traffic.
 */
export class HybridVpc extends NatEgressVpc {
  /** The on-premises ranges, canonical. */
  public readonly onPremisesCidrs: string[];

  /** The routes to the on-premises ranges, in every private and isolated subnet. */
  public readonly onPremisesRoutes: ec2.CfnRoute[];

  /**
   * The transit gateway VPC attachment, with `OnPremisesConnection.TRANSIT_GATEWAY`. Its subnets (the
   * reserved group, one per Availability Zone) are declared transit-only to the guard: put nothing else in them.
   */
  public readonly transitGatewayAttachment?: ec2.CfnTransitGatewayVpcAttachment;

  /**
   * @param scope the construct the VPC is created in (a Stack or any construct in one)
   * @param id the VPC's construct id, unique in `scope`
   * @param props the on-premises ranges and their connection, with every `NatEgressVpcProps` option
   */
  constructor(scope: Construct, id: string, props: HybridVpcProps) {
    const connection = props.connection ?? OnPremisesConnection.VPN_GATEWAY;
    const where = `HybridVpc ${scope.node.path ? `${scope.node.path}/` : ''}${id}`;
    const onPremises = checkOnPremises(where, props, connection);
    const viaTgw = connection === OnPremisesConnection.TRANSIT_GATEWAY;
    super(scope, id, {
      ...props,
      ...(viaTgw
        ? {
          subnetConfiguration: [
            ...(props.subnetConfiguration ?? defaultSubnets()),
            { name: RESERVED_SUBNET_GROUP, subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 28 },
          ],
        }
        : { vpnGateway: true, vpnConnections: undefined }),
    });
    for (const c of onPremises) {
      if (this._parsedCidr && cidrsOverlap(c, this._parsedCidr)) {
        throw new Error(`${where}: onPremisesCidrs ${c.text} overlaps the VPC's own ${this._parsedCidr.text}; on-premises ranges must lie outside the VPC`);
      }
    }
    this.onPremisesCidrs = onPremises.map((c) => c.text);

    if (viaTgw) {
      const attachmentSubnets = this.selectSubnets({ subnetGroupName: RESERVED_SUBNET_GROUP }).subnets;
      // Nothing else goes in these subnets: what reaches their table is what the transit gateway delivers.
      for (const s of attachmentSubnets) (s.node.defaultChild as ec2.CfnSubnet).addMetadata(GUARD_METADATA_KEY, { transitOnly: true });
      const tgw = props.transitGateway?.ref ?? props.transitGatewayId!;
      this.transitGatewayAttachment = new ec2.CfnTransitGatewayVpcAttachment(this, 'TransitGatewayAttachment', {
        transitGatewayId: tgw,
        vpcId: this.vpcId,
        subnetIds: attachmentSubnets.map((s) => s.subnetId),
      });
      if (props.associationRouteTableId !== undefined) {
        new ec2.CfnTransitGatewayRouteTableAssociation(this, 'TransitGatewayAssociation', {
          transitGatewayAttachmentId: this.transitGatewayAttachment.ref, transitGatewayRouteTableId: props.associationRouteTableId,
        });
      }
      (props.propagationRouteTableIds ?? []).forEach((table, i) => new ec2.CfnTransitGatewayRouteTablePropagation(this, `TransitGatewayPropagation${i + 1}`, {
        transitGatewayAttachmentId: this.transitGatewayAttachment!.ref, transitGatewayRouteTableId: table,
      }));
      this.onPremisesRoutes = this.routeOnPremises(onPremises, ec2.RouterType.TRANSIT_GATEWAY, tgw, this.transitGatewayAttachment);
      return;
    }

    const attachment = this.node.findChild('VPCVPNGW');
    // As ec2.Vpc routes them (and addVpnConnection alike): BGP, unless the connection gives staticRoutes.
    for (const [connId, options] of Object.entries(props.vpnConnections ?? {})) this.addVpnConnection(connId, options).node.addDependency(attachment);
    if (props.directConnectGatewayId) {
      new CfnDirectConnectGatewayAssociation(this, 'DirectConnectGatewayAssociation', {
        directConnectGatewayId: props.directConnectGatewayId,
        associatedGatewayId: this.vpnGatewayId!,
        allowedPrefixesToDirectConnectGateway: props.directConnectAllowedPrefixes ?? [this.vpcCidrBlock],
      }).node.addDependency(attachment);
    }
    this.onPremisesRoutes = this.routeOnPremises(onPremises, ec2.RouterType.GATEWAY, this.vpnGatewayId!, attachment);
  }

  /** One route per range and private subnet; ids from the range, so they do not move when the list changes. */
  private routeOnPremises(ranges: readonly Cidr[], routerType: ec2.RouterType, routerId: string, dependsOn: IConstruct): ec2.CfnRoute[] {
    return ranges.flatMap((c) => this.addPrivateRoute(`OnPremises-${c.text.replace(/[/:]/g, '_')}`, {
      ...(c.family === 4 ? { destinationCidrBlock: c.text } : { destinationIpv6CidrBlock: c.text }),
      routerType,
      routerId,
      dependsOn: [dependsOn],
    }));
  }
}

function checkOnPremises(where: string, props: HybridVpcProps, connection: OnPremisesConnection): Cidr[] {
  const fail = (msg: string): never => {
    throw new Error(`${where}: ${msg}`);
  };
  if (!Array.isArray(props.onPremisesCidrs) || props.onPremisesCidrs.length === 0) {
    fail('onPremisesCidrs is required: list the on-premises ranges to route to the VGW (for example [\'192.168.0.0/16\'])');
  }
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
    const defaultAssociation = props.transitGateway?.defaultRouteTableAssociation;
    if (props.associationRouteTableId !== undefined && props.transitGateway && defaultAssociation !== 'disable') {
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
  return cidrs;
}
