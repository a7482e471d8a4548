import { AspectPriority, Aspects, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct, IConstruct } from 'constructs';
import { checkProps } from './nat-egress-props';
import { addSubnetRoute } from './subnet-route';
import { attachReservedSubnets, isReservedSubnet } from './transit-attachment';
import { addReturnRoutes } from './transit-egress';
import { TransitGatewayEgressOptions } from './transit-egress-options';
import { ownGuard } from '../doors/aspect/own-guard';
import { Cidr, cidrsOverlap, parseCidr } from '../net/cidr';

/**
 * Properties of a `NatEgressVpc`: everything `ec2.VpcProps` takes, with the same names, types and
 * defaults, except where said here.
 *
 * What `NatEgressVpc` adds, changes or refuses:
 * - `gatewayEndpoints`: defaults to S3 and DynamoDB gateway endpoints on every subnet (so their
 *   traffic never crosses a NAT gateway). Give `{}` for none.
 * - `natGatewayProvider`: NAT gateways only, zonal (`ec2.NatProvider.gateway()`, the default) or
 *   regional (`ec2.NatProvider.regionalGateway()`, aws-cdk-lib 2.273.0 or later). NAT instances
 *   are refused: the guard judges NAT gateways, and a NAT instance's routing is out of its scope
 *   (use `ec2.Vpc` for them).
 * - `natGateways`: at least 1 (the VPC egresses through NAT gateways); not with a regional NAT gateway.
 * - `subnetConfiguration`: needs a `PUBLIC` group (for the NAT gateways) and a
 *   `PRIVATE_WITH_EGRESS` group (for what uses them).
 * - `vpnRoutePropagation`: a selection that reaches a subnet hosting a NAT gateway is refused (the
 *   VGW's learned routes would pull NAT gateway traffic to VPN / Direct Connect).
 * - `ipAddresses`: an IPv4 block of /16 to /28 when it is literal (`ec2.IpAddresses.cidr`).
 */
export interface NatEgressVpcProps extends ec2.VpcProps {
  /**
   * With `ipProtocol: ec2.IpProtocol.DUAL_STACK`: route `64:ff9b::/96` from each private subnet
   * to its NAT gateway, so IPv6-only workloads reach IPv4 destinations through NAT64 (DNS64 on
   * the subnets is yours to turn on).
   * @default false
   */
  readonly nat64?: boolean;

  /**
   * Centralized egress: other VPCs reach the internet through this VPC's NAT gateways over a transit
   * gateway. Adds a reserved `/28` subnet per AZ for the attachment (declared transit-only to the
   * guard; their tables send everything to the NAT gateway of their AZ) and routes `returnCidrs`
   * from the NAT gateways' tables back to the transit gateway. The private subnet groups become
   * optional. Zonal NAT gateways only.
   * @default - no transit gateway attachment
   */
  readonly transitGatewayEgress?: TransitGatewayEgressOptions;

  /**
   * Add `NatRouteGuard` to the stack. A guard you add yourself (at the App, a Stage or the stack)
   * takes precedence with its settings; each finding is reported once.
   * @default true
   */
  readonly guard?: boolean;
}

/** A route from private and isolated subnets, shaped like `ec2.AddRouteOptions`. */
export interface AddPrivateRouteOptions {
  /**
   * IPv4 destination (for example `172.31.0.0/16`).
   * @default - give destinationCidrBlock or destinationIpv6CidrBlock
   */
  readonly destinationCidrBlock?: string;
  /**
   * IPv6 destination.
   * @default - give destinationCidrBlock or destinationIpv6CidrBlock
   */
  readonly destinationIpv6CidrBlock?: string;
  /** What kind of router the route targets. */
  readonly routerType: ec2.RouterType;
  /** The router's id (`pcx-…`, `tgw-…`, `vgw-…`, or a reference). */
  readonly routerId: string;
  /**
   * Subnets whose route tables get the route. A selection that reaches a subnet hosting a NAT
   * gateway is refused.
   * @default - every private (with egress) and isolated subnet
   */
  readonly subnets?: ec2.SubnetSelection;
  /**
   * Constructs the routes must wait for (a transit gateway attachment, a VGW attachment).
   * @default - none
   */
  readonly dependsOn?: IConstruct[];
}

/**
 * An `ec2.Vpc` with internet egress through NAT gateways whose route tables hold only the local
 * routes and the default route to the internet gateway. Routes to peering connections, transit
 * gateways and the virtual private gateway go into the private and isolated subnets' tables only
 * (`addPrivateRoute`), so their traffic never crosses a NAT gateway.
 *
 * It takes `ec2.VpcProps` (see `NatEgressVpcProps` for what it adds, changes or refuses), and
 * every `ec2.Vpc` method and property works.
 */
export class NatEgressVpc extends ec2.Vpc {
  /** The VPC's IPv4 block, when it is literal (undefined with IPAM). */
  public readonly cidr?: string;

  /**
   * The routes from the NAT gateways' tables back to the transit gateway, one per `returnCidrs`
   * block and NAT gateway (empty without `transitGatewayEgress`).
   */
  public readonly transitGatewayReturnRoutes: ec2.CfnRoute[];

  /** @internal */
  protected readonly _parsedCidr?: Cidr;

  /** @internal */
  protected _transitGatewayAttachment?: ec2.CfnTransitGatewayVpcAttachment;

  // ec2.Vpc's own attributes, undocumented there: declared again (no code) so that every language's
  // API reference describes them.
  /** The ids of the VPC's CIDR block associations (`Fn::GetAtt VPC.CidrBlockAssociations`). */
  declare public readonly vpcCidrBlockAssociations: string[];
  /** The id of the network ACL EC2 made for the VPC (`Fn::GetAtt VPC.DefaultNetworkAcl`). */
  declare public readonly vpcDefaultNetworkAcl: string;
  /** The id of the security group EC2 made for the VPC (`Fn::GetAtt VPC.DefaultSecurityGroup`). */
  declare public readonly vpcDefaultSecurityGroup: string;
  /** The VPC's IPv6 blocks (`Fn::GetAtt VPC.Ipv6CidrBlocks`), empty without IPv6. */
  declare public readonly vpcIpv6CidrBlocks: string[];

  /**
   * @param scope the construct the VPC is created in (a Stack or any construct in one)
   * @param id the VPC's construct id, unique in `scope`
   * @param props `ec2.VpcProps`, with what `NatEgressVpcProps` adds, changes or refuses
   */
  constructor(scope: Construct, id: string, props: NatEgressVpcProps = {}) {
    const where = `NatEgressVpc ${scope.node.path ? `${scope.node.path}/` : ''}${id}`;
    const checked = checkProps(where, props);
    super(scope, id, checked.vpcProps);
    this._parsedCidr = checked.cidr;
    this.cidr = checked.cidr?.text;
    this.transitGatewayReturnRoutes = [];
    if (checked.egress) {
      const attachment = attachReservedSubnets(this, where, checked.egress.tgw, { ...props.transitGatewayEgress, ipProtocol: props.ipProtocol });
      this._transitGatewayAttachment = attachment;
      this.transitGatewayReturnRoutes.push(...addReturnRoutes(this.subnetsHostingNatGateways, checked.egress, attachment));
    }

    const hosting = new Set(this.subnetsHostingNatGateways);
    (props.vpnRoutePropagation ?? []).forEach((selection, i) => {
      const reached = this.selectSubnets(selection).subnets.find((s) => hosting.has(s));
      if (reached) {
        throw new Error(`${where}: vpnRoutePropagation[${i}] reaches subnet ${reached.node.path}, which hosts a NAT gateway: the VGW's learned routes `
          + 'in its table would send NAT gateway traffic to VPN / Direct Connect. Select the private or isolated subnets (the default) instead.');
      }
    });
    if (props.nat64) {
      for (const subnet of this.privateSubnets) {
        const toNat = subnet.node.tryFindChild('DefaultRoute') as ec2.CfnRoute | undefined;
        if (toNat?.natGatewayId) (subnet as ec2.Subnet).addIpv6Nat64Route(toNat.natGatewayId);
      }
    }
    if (props.guard ?? true) {
      Aspects.of(Stack.of(this)).add(ownGuard(), { priority: AspectPriority.READONLY });
    }
  }

  /**
   * As `ec2.Vpc`'s, but one endpoint per service: EC2 refuses a second endpoint route for a service
   * in a table. For a service the VPC already has (S3 and DynamoDB by default, see
   * `gatewayEndpoints`), the existing endpoint is returned when every subnet is asked for, as it
   * serves them all; a selection of subnets is refused.
   */
  public addGatewayEndpoint(id: string, options: ec2.GatewayVpcEndpointOptions): ec2.GatewayVpcEndpoint {
    const key = JSON.stringify(Stack.of(this).resolve(options.service.name));
    let byService = GATEWAY_ENDPOINTS.get(this);
    if (!byService) GATEWAY_ENDPOINTS.set(this, byService = new Map());
    const existing = byService.get(key);
    if (existing?.everySubnet && options.subnets === undefined) return existing.endpoint;
    if (existing) {
      throw new Error(`${this.node.path}.addGatewayEndpoint('${id}'): the VPC already has gateway endpoint '${existing.id}' for this service `
        + '(NatEgressVpc adds S3 and DynamoDB unless gatewayEndpoints says otherwise), and EC2 refuses a second one in a route table: '
        + 'use that one, or give gatewayEndpoints to choose the endpoints and their subnets.');
    }
    const endpoint = super.addGatewayEndpoint(id, options);
    byService.set(key, { id, endpoint, everySubnet: options.subnets === undefined });
    return endpoint;
  }

  /**
   * The transit gateway VPC attachment (with `transitGatewayEgress`, or a `HybridVpc` on a transit gateway).
   * Its subnets, one per Availability Zone, are declared transit-only to the guard: put nothing else in them.
   */
  public get transitGatewayAttachment(): ec2.CfnTransitGatewayVpcAttachment | undefined {
    return this._transitGatewayAttachment;
  }

  /**
   * The public subnets that host a zonal NAT gateway: their route tables forward its traffic.
   * (A regional NAT gateway has a route table of its own.)
   */
  public get subnetsHostingNatGateways(): ec2.ISubnet[] {
    return this.publicSubnets.filter((s) => s.node.tryFindChild('NATGateway') !== undefined);
  }

  /**
   * Route a range from the private and isolated subnets (or a selection of them) to a router,
   * as `subnet.addRoute` would in each: a route to a VPC peering connection, a transit gateway,
   * the virtual private gateway. Each route is the subnet's child with the given id.
   *
   * @returns the routes, one per subnet
   */
  public addPrivateRoute(id: string, options: AddPrivateRouteOptions): ec2.CfnRoute[] {
    const where = `${this.node.path}.addPrivateRoute('${id}')`;
    const given = [options.destinationCidrBlock, options.destinationIpv6CidrBlock].filter((d) => d !== undefined);
    if (given.length !== 1) throw new Error(`${where}: give exactly one of destinationCidrBlock and destinationIpv6CidrBlock`);
    const family = options.destinationCidrBlock !== undefined ? 4 : 6;
    const destination = given[0]!;
    let parsed: Cidr | undefined;
    if (!Token.isUnresolved(destination)) {
      const p = parseCidr(destination, family);
      if (!p.ok) throw new Error(`${where}: ${family === 4 ? 'destinationCidrBlock' : 'destinationIpv6CidrBlock'} ${p.error}`);
      parsed = p.cidr;
    }
    if (parsed && this._parsedCidr && cidrsOverlap(parsed, this._parsedCidr)) {
      throw new Error(`${where}: destinationCidrBlock ${parsed.text} overlaps the VPC's own ${this._parsedCidr.text}; the local route would keep that traffic inside the VPC. Route a range outside it.`);
    }
    const subnets = options.subnets
      ? this.selectSubnets(options.subnets).subnets
      : [...this.privateSubnets, ...this.isolatedSubnets].filter((s) => !isReservedSubnet(s));
    if (subnets.length === 0) throw new Error(`${where}: the subnet selection matches no subnet.`);
    const reserved = subnets.find(isReservedSubnet);
    if (reserved) {
      throw new Error(`${where}: subnet ${reserved.node.path} holds the transit gateway attachment and is declared transit-only to the guard (what reaches its table `
        + 'is what the transit gateway delivers): routes for workloads do not go there. Select the private or isolated subnets (the default) instead.');
    }
    const hosting = new Set(this.subnetsHostingNatGateways);
    const hostingNat = subnets.find((s) => hosting.has(s));
    if (hostingNat) {
      throw new Error(`${where}: subnet ${hostingNat.node.path} hosts a NAT gateway, so a route in its table would send NAT gateway traffic to this router. `
        + 'Select the private or isolated subnets (the default) instead.');
    }
    return subnets.map((subnet) => addSubnetRoute(subnet, id, { family, text: destination }, options, options.dependsOn));
  }
}

/** The gateway endpoints of each NatEgressVpc, by service (kept apart: `ec2.Vpc` adds its own while it is constructed). */
const GATEWAY_ENDPOINTS = new WeakMap<NatEgressVpc, Map<string, { id: string; endpoint: ec2.GatewayVpcEndpoint; everySubnet: boolean }>>();
