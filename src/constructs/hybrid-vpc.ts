import { CfnDirectConnectGatewayAssociation } from 'aws-cdk-lib/aws-directconnect';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct, IConstruct } from 'constructs';
import { NatEgressVpc, NatEgressVpcProps } from './nat-egress-vpc';
import { RESERVED_SUBNET_GROUP } from './reserved';
import { Cidr, cidrsOverlap, parseCidr } from '../net/cidr';

/** How on-premises networks are reached. */
export enum OnPremisesConnection {
  /** A virtual private gateway: Site-to-Site VPN and/or Direct Connect (private VIF through a Direct Connect gateway). */
  VPN_GATEWAY = 'vpn-gateway',
  /** An existing transit gateway, attached in dedicated subnets. */
  TRANSIT_GATEWAY = 'transit-gateway',
}

/** Properties of a `HybridVpc`. */
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
   * Private ASN for the Amazon side of the virtual private gateway.
   * @default - AWS's default (64512)
   */
  readonly vpnGatewayAsn?: number;

  /**
   * Propagate the VGW's learned routes (VPN BGP, Direct Connect) into the private and isolated
   * subnets' tables. Never into a table that forwards NAT gateway traffic.
   * @default false
   */
  readonly vpnRoutePropagation?: boolean;

  /**
   * Site-to-Site VPN connections to create on the VGW, by id (customer gateway IP, ASN, static
   * routes or BGP, tunnel options).
   * @default - none
   */
  readonly vpnConnections?: { [id: string]: ec2.VpnConnectionOptions };

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
   * The transit gateway to attach to, with `OnPremisesConnection.TRANSIT_GATEWAY`.
   * @default - required with OnPremisesConnection.TRANSIT_GATEWAY, not allowed otherwise
   */
  readonly transitGatewayId?: string;
}

/**
 * A `NatEgressVpc` connected to on-premises networks the compliant way: every on-premises range
 * is routed from the private and isolated subnets straight to the virtual private gateway (or a
 * transit gateway), so on-premises traffic never reaches a NAT gateway; VGW route propagation,
 * when asked for, reaches only tables that do not forward NAT gateway traffic.
 */
export class HybridVpc extends NatEgressVpc {
  /** The on-premises ranges, canonical. */
  public readonly onPremisesCidrs: string[];

  /** The transit gateway VPC attachment, with `OnPremisesConnection.TRANSIT_GATEWAY`. */
  public readonly transitGatewayAttachment?: ec2.CfnTransitGatewayVpcAttachment;

  constructor(scope: Construct, id: string, props: HybridVpcProps) {
    const connection = props.connection ?? OnPremisesConnection.VPN_GATEWAY;
    const where = `HybridVpc ${scope.node.path ? `${scope.node.path}/` : ''}${id}`;
    const onPremises = checkOnPremises(where, props, connection);
    super(scope, id, connection === OnPremisesConnection.TRANSIT_GATEWAY
      ? {
        ...props,
        subnetConfiguration: [
          ...(props.subnetConfiguration ?? defaultSubnets()),
          { name: RESERVED_SUBNET_GROUP, subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 28 },
        ],
      }
      : props);
    for (const c of onPremises) {
      if (cidrsOverlap(c, this._parsedCidr)) {
        throw new Error(`${where}: onPremisesCidrs ${c.text} overlaps the VPC's own ${this._parsedCidr.text}; on-premises ranges must lie outside the VPC`);
      }
    }
    this.onPremisesCidrs = onPremises.map((c) => c.text);

    if (connection === OnPremisesConnection.TRANSIT_GATEWAY) {
      const attachmentSubnets = this.selectSubnets({ subnetGroupName: RESERVED_SUBNET_GROUP }).subnets;
      this.transitGatewayAttachment = new ec2.CfnTransitGatewayVpcAttachment(this, 'TransitGatewayAttachment', {
        transitGatewayId: props.transitGatewayId!,
        vpcId: this.vpcId,
        subnetIds: attachmentSubnets.map((s) => s.subnetId),
      });
      onPremises.forEach((c, i) => this.routeToTransitGateway(`OnPremises${i}`, {
        destinationCidr: c.text, transitGatewayId: props.transitGatewayId!, dependsOn: this.transitGatewayAttachment,
      }));
      return;
    }

    const attachment = this.attachVpnGateway(props);
    if (props.vpnRoutePropagation) {
      const tables = [...this.privateSubnets, ...this.isolatedSubnets].map((s) => s.routeTable.routeTableId);
      new ec2.CfnVPNGatewayRoutePropagation(this, 'RoutePropagation', { routeTableIds: tables, vpnGatewayId: this.vpnGatewayId! })
        .node.addDependency(attachment);
    }
    for (const [connId, options] of Object.entries(props.vpnConnections ?? {})) {
      this.addVpnConnection(connId, options).node.addDependency(attachment);
    }
    if (props.directConnectGatewayId) {
      new CfnDirectConnectGatewayAssociation(this, 'DirectConnectGatewayAssociation', {
        directConnectGatewayId: props.directConnectGatewayId,
        associatedGatewayId: this.vpnGatewayId!,
        allowedPrefixesToDirectConnectGateway: props.directConnectAllowedPrefixes ?? [this.cidr],
      }).node.addDependency(attachment);
    }
    onPremises.forEach((c, i) => this.routeToVpnGateway(`OnPremises${i}`, { destinationCidr: c.text }));
  }

  /** A VGW attached to the VPC, without the propagation `enableVpnGateway` always adds. */
  private attachVpnGateway(props: HybridVpcProps): IConstruct {
    const vgw = new ec2.VpnGateway(this, 'VpnGateway', { type: ec2.VpnConnectionType.IPSEC_1, amazonSideAsn: props.vpnGatewayAsn });
    this._vpnGatewayId = vgw.gatewayId;
    return new ec2.CfnVPCGatewayAttachment(this, 'VPCVPNGW', { vpcId: this.vpcId, vpnGatewayId: vgw.gatewayId });
  }
}

function defaultSubnets(): ec2.SubnetConfiguration[] {
  return [
    { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
    { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
  ];
}

function checkOnPremises(where: string, props: HybridVpcProps, connection: OnPremisesConnection): Cidr[] {
  const fail = (msg: string): never => {
    throw new Error(`${where}: ${msg}`);
  };
  if (!Array.isArray(props.onPremisesCidrs) || props.onPremisesCidrs.length === 0) {
    fail('onPremisesCidrs is required: list the on-premises ranges to route to the VGW (for example [\'192.168.0.0/16\'])');
  }
  const cidrs = props.onPremisesCidrs.map((text) => {
    const p = parseCidr(text);
    return p.ok ? p.cidr : fail(`onPremisesCidrs ${p.error}`);
  });
  cidrs.forEach((a, i) => cidrs.slice(i + 1).forEach((b) => {
    if (cidrsOverlap(a, b)) fail(`onPremisesCidrs ${a.text} and ${b.text} overlap; list each range once`);
  }));
  if (connection === OnPremisesConnection.TRANSIT_GATEWAY) {
    if (!props.transitGatewayId) fail('transitGatewayId is required with connection TRANSIT_GATEWAY');
    for (const key of ['vpnConnections', 'directConnectGatewayId', 'vpnRoutePropagation', 'vpnGatewayAsn'] as const) {
      if (props[key] !== undefined) fail(`${key} belongs to a virtual private gateway; with connection TRANSIT_GATEWAY configure VPN and Direct Connect on the transit gateway`);
    }
  } else if (props.transitGatewayId !== undefined) {
    fail('transitGatewayId is only used with connection TRANSIT_GATEWAY; set connection or leave transitGatewayId out');
  }
  if (props.directConnectAllowedPrefixes && !props.directConnectGatewayId) fail('directConnectAllowedPrefixes needs directConnectGatewayId');
  for (const p of props.directConnectAllowedPrefixes ?? []) {
    const parsed = parseCidr(p);
    if (!parsed.ok) fail(`directConnectAllowedPrefixes ${parsed.error}`);
  }
  return cidrs;
}
