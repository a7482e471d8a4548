import { AspectPriority, Aspects, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct, IConstruct } from 'constructs';
import { RESERVED_SUBNET_GROUP, defaultSubnets } from './reserved';
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

  /** @internal */
  protected readonly _parsedCidr?: Cidr;

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
    const hosting = new Set(this.subnetsHostingNatGateways);
    const hostingNat = subnets.find((s) => hosting.has(s));
    if (hostingNat) {
      throw new Error(`${where}: subnet ${hostingNat.node.path} hosts a NAT gateway, so a route in its table would send NAT gateway traffic to this router. `
        + 'Select the private or isolated subnets (the default) instead.');
    }
    return subnets.map((subnet) => {
      (subnet as ec2.Subnet).addRoute(id, {
        routerType: options.routerType,
        routerId: options.routerId,
        ...(family === 4 ? { destinationCidrBlock: destination } : { destinationIpv6CidrBlock: destination }),
      });
      const route = subnet.node.findChild(id) as ec2.CfnRoute;
      for (const d of options.dependsOn ?? []) route.node.addDependency(d);
      return route;
    });
  }
}

function isReservedSubnet(s: ec2.ISubnet): boolean {
  return s.node.path.split('/').pop()?.startsWith(RESERVED_SUBNET_GROUP) ?? false;
}

/** Validate the props, naming the property and the fix; the `ec2.VpcProps` to build. */
function checkProps(where: string, props: NatEgressVpcProps): { cidr?: Cidr; vpcProps: ec2.VpcProps } {
  const fail = (msg: string): never => {
    throw new Error(`${where}: ${msg}`);
  };
  // The VPC's block, when the address provider gives a literal one (ec2.IpAddresses.cidr, the default).
  const allocated = props.ipAddresses?.allocateVpcCidr().cidrBlock ?? props.cidr ?? ec2.Vpc.DEFAULT_CIDR_RANGE;
  let cidr: Cidr | undefined;
  if (!Token.isUnresolved(allocated)) {
    const parsed = parseCidr(allocated, 4);
    if (!parsed.ok) return fail(`ipAddresses ${parsed.error}`);
    if (parsed.cidr.length < 16 || parsed.cidr.length > 28) fail(`ipAddresses ${parsed.cidr.text}: a VPC block is /16 to /28`);
    cidr = parsed.cidr;
  }
  const provider = props.natGatewayProvider;
  if (provider instanceof ec2.NatInstanceProvider || provider instanceof ec2.NatInstanceProviderV2) {
    fail('natGatewayProvider: NAT instances are out of scope (the guard judges NAT gateways; an instance\'s routing is yours to check). '
      + 'Use ec2.NatProvider.gateway() or ec2.NatProvider.regionalGateway(), or ec2.Vpc for NAT instances');
  }
  // Regional NAT gateways exist from aws-cdk-lib 2.273.0.
  const Regional = (ec2 as { RegionalNatGatewayProvider?: new (...a: never[]) => unknown }).RegionalNatGatewayProvider;
  const regional = !!provider && !!Regional && provider instanceof Regional;
  if (regional && props.natGateways !== undefined) {
    fail('natGateways counts zonal NAT gateways; leave it out with ec2.NatProvider.regionalGateway() (one regional NAT gateway serves every AZ)');
  }
  if (props.natGateways !== undefined && (!Number.isInteger(props.natGateways) || props.natGateways < 1)) {
    fail(`natGateways must be at least 1 (got ${props.natGateways}); a NatEgressVpc egresses through NAT gateways`);
  }
  const subnetConfiguration = props.subnetConfiguration ?? defaultSubnets();
  if (!subnetConfiguration.some((c) => c.subnetType === ec2.SubnetType.PUBLIC)) fail('subnetConfiguration needs a PUBLIC group for the NAT gateways and the internet gateway');
  if (!subnetConfiguration.some((c) => c.subnetType === ec2.SubnetType.PRIVATE_WITH_EGRESS)) fail('subnetConfiguration needs a PRIVATE_WITH_EGRESS group: nothing would use the NAT gateways');
  if (props.nat64 && props.ipProtocol !== ec2.IpProtocol.DUAL_STACK) fail('nat64 needs ipProtocol: ec2.IpProtocol.DUAL_STACK (NAT64 translates IPv6 to IPv4)');
  const { nat64: _nat64, guard: _guard, ...vpcProps } = props;
  return {
    cidr,
    vpcProps: {
      ...vpcProps,
      subnetConfiguration,
      gatewayEndpoints: props.gatewayEndpoints ?? {
        S3Endpoint: { service: ec2.GatewayVpcEndpointAwsService.S3 },
        DynamoDbEndpoint: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB },
      },
    },
  };
}
