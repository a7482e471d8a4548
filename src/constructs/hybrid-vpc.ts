import { Names } from 'aws-cdk-lib';
import { CfnDirectConnectGatewayAssociation } from 'aws-cdk-lib/aws-directconnect';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct, IConstruct } from 'constructs';
import { checkOnPremises } from './hybrid-vpc-props';
import { NatEgressVpc, NatEgressVpcProps } from './nat-egress-vpc';
import { OnPremisesConnection } from './on-premises';
import { RESERVED_SUBNET_GROUP, defaultSubnets } from './reserved';
import { attachReservedSubnets, isReservedSubnet } from './transit-attachment';
import { Cidr, cidrsOverlap } from '../net/cidr';

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
   * The transit gateway to attach to, as a construct of the app, with `OnPremisesConnection.TRANSIT_GATEWAY`:
   * an `ec2.CfnTransitGateway`, or the `TransitGateway` of `@aws-cdk/aws-ec2-alpha` (any construct whose
   * default child is an `ec2.CfnTransitGateway`). With the alpha module's, the attachment is associated
   * with (propagated into) its default route table when it says so (`defaultRouteTableAssociation`,
   * `defaultRouteTablePropagation`, both true by default), as that module's `attachVpc` does.
   * @default - see transitGatewayId
   */
  readonly transitGateway?: IConstruct;

  /**
   * Associate the attachment with this transit gateway route table. Refused when `transitGateway`
   * associates new attachments with its default table (an `ec2.CfnTransitGateway` whose
   * `defaultRouteTableAssociation` is not `disable`, an alpha `TransitGateway` whose
   * `defaultRouteTableAssociation` is true): an attachment has one association.
   * @default - no association is made here (the transit gateway's default association, or one made elsewhere)
   */
  readonly associationRouteTableId?: string;

  /**
   * Propagate the attachment (the VPC's block) into these transit gateway route tables.
   * @default - no propagation is made here (beyond the alpha TransitGateway's default propagation)
   */
  readonly propagationRouteTableIds?: string[];

  /**
   * Put `onPremisesCidrs` in a customer-managed prefix list (one per address family) and route the
   * prefix list from the private and isolated subnets, instead of one route per range: the ranges
   * can then change without replacing routes. Each entry counts against the route table quota.
   * @default false
   */
  readonly onPremisesPrefixList?: boolean;
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
   * @param scope the construct the VPC is created in (a Stack or any construct in one)
   * @param id the VPC's construct id, unique in `scope`
   * @param props the on-premises ranges and their connection, with every `NatEgressVpcProps` option
   */
  constructor(scope: Construct, id: string, props: HybridVpcProps) {
    const connection = props.connection ?? OnPremisesConnection.VPN_GATEWAY;
    const where = `HybridVpc ${scope.node.path ? `${scope.node.path}/` : ''}${id}`;
    const { cidrs: onPremises, tgw } = checkOnPremises(where, props, connection);
    super(scope, id, {
      ...props,
      ...(tgw
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
    if (tgw) {
      const attachment = attachReservedSubnets(this, where, tgw, props);
      this._transitGatewayAttachment = attachment;
      this.onPremisesRoutes = this.routeOnPremises(onPremises, ec2.RouterType.TRANSIT_GATEWAY, tgw.id, attachment, props.onPremisesPrefixList);
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
    this.onPremisesRoutes = this.routeOnPremises(onPremises, ec2.RouterType.GATEWAY, this.vpnGatewayId!, attachment, props.onPremisesPrefixList);
  }

  /**
   * One route per range and private subnet, ids from the range, so they do not move when the list
   * changes; or, with a prefix list, one route per address family and subnet.
   */
  private routeOnPremises(
    ranges: readonly Cidr[], routerType: ec2.RouterType, routerId: string, dependsOn: IConstruct, prefixList = false,
  ): ec2.CfnRoute[] {
    if (!prefixList) {
      return ranges.flatMap((c) => this.addPrivateRoute(`OnPremises-${c.text.replace(/[/:]/g, '_')}`, {
        ...(c.family === 4 ? { destinationCidrBlock: c.text } : { destinationIpv6CidrBlock: c.text }),
        routerType,
        routerId,
        dependsOn: [dependsOn],
      }));
    }
    const subnets = [...this.privateSubnets, ...this.isolatedSubnets].filter((s) => !isReservedSubnet(s));
    return ([4, 6] as const).flatMap((family) => {
      const entries = ranges.filter((c) => c.family === family);
      if (entries.length === 0) return [];
      const name = `OnPremisesPrefixList${family === 4 ? '' : 'Ipv6'}`;
      const list = new ec2.CfnPrefixList(this, name, {
        addressFamily: family === 4 ? 'IPv4' : 'IPv6',
        maxEntries: entries.length,
        prefixListName: Names.uniqueResourceName(this, { maxLength: 200 }) + `-on-premises-ipv${family}`,
        entries: entries.map((c) => ({ cidr: c.text, description: 'on-premises (HybridVpc onPremisesCidrs)' })),
      });
      return subnets.map((subnet) => {
        const route = new ec2.CfnRoute(subnet, `OnPremises-IPv${family}`, {
          routeTableId: subnet.routeTable.routeTableId,
          destinationPrefixListId: list.attrPrefixListId,
          ...(routerType === ec2.RouterType.TRANSIT_GATEWAY ? { transitGatewayId: routerId } : { gatewayId: routerId }),
        });
        route.node.addDependency(dependsOn);
        return route;
      });
    });
  }
}
