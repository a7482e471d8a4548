import { AspectPriority, Aspects, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct, IConstruct } from 'constructs';
import { RESERVED_SUBNET_GROUP } from './reserved';
import { ownGuard } from '../guard/own-guard';
import { Cidr, cidrsOverlap, parseCidr } from '../net/cidr';

/** How the VPC's NAT gateways are deployed. */
export enum NatGatewayMode {
  /** One NAT gateway per Availability Zone (or `natGateways` of them), each in a public subnet. */
  ZONAL = 'zonal',
  /** One regional NAT gateway for the whole VPC (AWS, November 2025). */
  REGIONAL = 'regional',
}

/** S3 and DynamoDB gateway endpoints. */
export enum GatewayEndpointService {
  /** Amazon S3. */
  S3 = 's3',
  /** Amazon DynamoDB. */
  DYNAMODB = 'dynamodb',
}

/** Properties of a `NatEgressVpc`. */
export interface NatEgressVpcProps {
  /**
   * The VPC's IPv4 CIDR block.
   * @default '10.0.0.0/16'
   */
  readonly cidr?: string;

  /**
   * How many Availability Zones to use.
   * @default 3 (fewer if the region or an environment-agnostic stack offers fewer)
   */
  readonly maxAzs?: number;

  /**
   * How NAT gateways are deployed. `REGIONAL` needs aws-cdk-lib 2.273.0 or later.
   * @default NatGatewayMode.ZONAL
   */
  readonly natGatewayMode?: NatGatewayMode;

  /**
   * Number of zonal NAT gateways; at most the number of Availability Zones. Not allowed with
   * `NatGatewayMode.REGIONAL`.
   * @default - one per Availability Zone
   */
  readonly natGateways?: number;

  /**
   * Elastic IP allocation ids to bring for the zonal NAT gateways, one per NAT gateway.
   * @default - new Elastic IPs are allocated
   */
  readonly natEipAllocationIds?: string[];

  /**
   * Subnet groups. At least one public group (for the NAT gateways) and one
   * `PRIVATE_WITH_EGRESS` group.
   * @default - a public group `Public` (/24) and a private group `Private` (/20)
   */
  readonly subnetConfiguration?: ec2.SubnetConfiguration[];

  /**
   * Give the VPC an Amazon-provided IPv6 block; private subnets then reach the internet over
   * IPv6 through an egress-only internet gateway.
   * @default false
   */
  readonly dualStack?: boolean;

  /**
   * Gateway endpoints to create, associated with every route table of the VPC (so their
   * traffic never crosses a NAT gateway).
   * @default [GatewayEndpointService.S3, GatewayEndpointService.DYNAMODB]
   */
  readonly gatewayEndpoints?: GatewayEndpointService[];

  /**
   * Add `NatRouteGuard` to the stack. The guard reports each finding once, even when the app
   * adds it too.
   * @default true
   */
  readonly guard?: boolean;
}

/** Where a route installed by `NatEgressVpc` goes, and from which subnets. */
export interface PrivateRouteOptions {
  /** Destination, IPv4 or IPv6 CIDR (e.g. `172.31.0.0/16`). */
  readonly destinationCidr: string;
  /**
   * Subnets whose route tables get the route. Subnets that host a NAT gateway are refused.
   * @default - every private (with egress) and isolated subnet
   */
  readonly subnets?: ec2.SubnetSelection;
}

/** A route to a VPC peering connection. */
export interface PeeringRouteOptions extends PrivateRouteOptions {
  /** The peering connection id (`pcx-…` or a reference). */
  readonly peeringConnectionId: string;
}

/** A route to a transit gateway. */
export interface TransitGatewayRouteOptions extends PrivateRouteOptions {
  /** The transit gateway id (`tgw-…` or a reference). */
  readonly transitGatewayId: string;
  /**
   * Something the routes must wait for (usually the transit gateway VPC attachment).
   * @default - no dependency
   */
  readonly dependsOn?: IConstruct;
}

/** A route to the VPC's virtual private gateway. */
export interface VpnGatewayRouteOptions extends PrivateRouteOptions {}

/**
 * A VPC with internet egress through NAT gateways whose route tables hold only the local routes
 * and the default route to the internet gateway. Routes to peering connections, transit gateways
 * and the virtual private gateway go into the private and isolated subnets' tables only, so their
 * traffic never crosses a NAT gateway.
 *
 * It is an `ec2.Vpc`: subnet selection, `privateSubnets`, endpoints and every `Vpc` method work.
 */
export class NatEgressVpc extends ec2.Vpc {
  /** The VPC's IPv4 block as given. */
  public readonly cidr: string;

  /** @internal */
  protected readonly _parsedCidr: Cidr;

  constructor(scope: Construct, id: string, props: NatEgressVpcProps = {}) {
    const checked = checkProps(scope, id, props);
    super(scope, id, checked.vpcProps);
    this.cidr = checked.cidr.text;
    this._parsedCidr = checked.cidr;

    for (const service of props.gatewayEndpoints ?? [GatewayEndpointService.S3, GatewayEndpointService.DYNAMODB]) {
      this.addGatewayEndpoint(service === GatewayEndpointService.S3 ? 'S3Endpoint' : 'DynamoDbEndpoint', {
        service: service === GatewayEndpointService.S3 ? ec2.GatewayVpcEndpointAwsService.S3 : ec2.GatewayVpcEndpointAwsService.DYNAMODB,
      });
    }
    if (props.guard ?? true) {
      Aspects.of(Stack.of(this)).add(ownGuard(), { priority: AspectPriority.READONLY });
    }
  }

  /** Route a range from the private and isolated subnets to a VPC peering connection. */
  public routeToPeeringConnection(id: string, options: PeeringRouteOptions): void {
    this._addPrivateRoutes(id, 'routeToPeeringConnection', options, { vpcPeeringConnectionId: options.peeringConnectionId });
  }

  /** Route a range from the private and isolated subnets to a transit gateway. */
  public routeToTransitGateway(id: string, options: TransitGatewayRouteOptions): void {
    this._addPrivateRoutes(id, 'routeToTransitGateway', options, { transitGatewayId: options.transitGatewayId }, options.dependsOn);
  }

  /**
   * Route a range from the private and isolated subnets to the virtual private gateway.
   * The VPC must have one (`HybridVpc` creates it).
   */
  public routeToVpnGateway(id: string, options: VpnGatewayRouteOptions): void {
    if (!this.vpnGatewayId) {
      throw new Error(`${this.node.path}.routeToVpnGateway('${id}'): the VPC has no virtual private gateway. Use HybridVpc, or call enableVpnGateway() first.`);
    }
    this._addPrivateRoutes(id, 'routeToVpnGateway', options, { gatewayId: this.vpnGatewayId }, this.node.tryFindChild('VPCVPNGW'));
  }

  /** The subnets whose route tables forward a NAT gateway's traffic (zonal NAT gateways only). */
  public get natGatewaySubnets(): ec2.ISubnet[] {
    return this.publicSubnets.filter((s) => s.node.tryFindChild('NATGateway') !== undefined);
  }

  /** @internal */
  protected _addPrivateRoutes(
    id: string, method: string, options: PrivateRouteOptions, target: Partial<ec2.CfnRouteProps>, dependsOn?: IConstruct,
  ): ec2.CfnRoute[] {
    const where = `${this.node.path}.${method}('${id}')`;
    const parsed = parseCidr(options.destinationCidr);
    if (!parsed.ok) throw new Error(`${where}: destinationCidr ${parsed.error}`);
    if (cidrsOverlap(parsed.cidr, this._parsedCidr)) {
      throw new Error(`${where}: destinationCidr ${parsed.cidr.text} overlaps the VPC's own ${this._parsedCidr.text}; the local route would keep that traffic inside the VPC. Route a range outside it.`);
    }
    const subnets = options.subnets
      ? this.selectSubnets(options.subnets).subnets
      : [...this.privateSubnets, ...this.isolatedSubnets].filter((s) => !isReservedSubnet(s));
    if (subnets.length === 0) throw new Error(`${where}: the subnet selection matches no subnet.`);
    const natSubnets = new Set(this.natGatewaySubnets);
    const hostingNat = subnets.find((s) => natSubnets.has(s));
    if (hostingNat) {
      throw new Error(`${where}: subnet ${hostingNat.node.path} hosts a NAT gateway, so a route in its table would send NAT gateway traffic to this target. `
        + 'Select the private or isolated subnets (the default) instead.');
    }
    return subnets.map((subnet) => {
      const route = new ec2.CfnRoute(subnet, id, {
        routeTableId: subnet.routeTable.routeTableId,
        ...(parsed.cidr.family === 4 ? { destinationCidrBlock: parsed.cidr.text } : { destinationIpv6CidrBlock: parsed.cidr.text }),
        ...target,
      });
      if (dependsOn) route.node.addDependency(dependsOn);
      return route;
    });
  }
}

function isReservedSubnet(s: ec2.ISubnet): boolean {
  return s.node.path.split('/').pop()?.startsWith(RESERVED_SUBNET_GROUP) ?? false;
}

/** Validate the props, naming the property and the fix; translate them to `ec2.VpcProps`. */
function checkProps(scope: Construct, id: string, props: NatEgressVpcProps): { cidr: Cidr; vpcProps: ec2.VpcProps } {
  const where = `NatEgressVpc ${scope.node.path ? `${scope.node.path}/` : ''}${id}`;
  const fail = (msg: string) => {
    throw new Error(`${where}: ${msg}`);
  };
  const parsed = parseCidr(props.cidr ?? '10.0.0.0/16', 4);
  if (!parsed.ok) return fail(`cidr ${parsed.error}`);
  if (parsed.cidr.length < 16 || parsed.cidr.length > 28) fail(`cidr ${parsed.cidr.text}: a VPC block is /16 to /28`);
  const maxAzs = props.maxAzs ?? 3;
  if (!Number.isInteger(maxAzs) || maxAzs < 1) fail(`maxAzs must be a whole number of at least 1 (got ${maxAzs})`);
  const mode = props.natGatewayMode ?? NatGatewayMode.ZONAL;
  if (mode === NatGatewayMode.REGIONAL && typeof (ec2.NatProvider as { regionalGateway?: unknown }).regionalGateway !== 'function') {
    fail('natGatewayMode REGIONAL needs aws-cdk-lib 2.273.0 or later (ec2.NatProvider.regionalGateway); upgrade aws-cdk-lib or use NatGatewayMode.ZONAL');
  }
  if (mode === NatGatewayMode.REGIONAL && props.natGateways !== undefined) {
    fail('natGateways counts zonal NAT gateways; leave it out with natGatewayMode REGIONAL (one regional NAT gateway serves every AZ)');
  }
  if (mode === NatGatewayMode.REGIONAL && props.natEipAllocationIds !== undefined) {
    fail('natEipAllocationIds applies to zonal NAT gateways; leave it out with natGatewayMode REGIONAL');
  }
  const azCount = Math.min(maxAzs, Stack.of(scope).availabilityZones.length);
  const natGateways = props.natGateways ?? azCount;
  if (mode === NatGatewayMode.ZONAL) {
    if (!Number.isInteger(natGateways) || natGateways < 1) fail(`natGateways must be at least 1 (got ${natGateways}); a NatEgressVpc egresses through NAT gateways`);
    if (natGateways > azCount) fail(`natGateways is ${natGateways} but the VPC has ${azCount} Availability Zone(s); use at most one NAT gateway per AZ or raise maxAzs`);
    if (props.natEipAllocationIds && props.natEipAllocationIds.length !== natGateways) {
      fail(`natEipAllocationIds has ${props.natEipAllocationIds.length} id(s) for ${natGateways} NAT gateway(s); give one per NAT gateway`);
    }
  }
  const subnetConfiguration = props.subnetConfiguration ?? [
    { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
    { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
  ];
  if (!subnetConfiguration.some((c) => c.subnetType === ec2.SubnetType.PUBLIC)) fail('subnetConfiguration needs a PUBLIC group for the NAT gateways and the internet gateway');
  if (!subnetConfiguration.some((c) => c.subnetType === ec2.SubnetType.PRIVATE_WITH_EGRESS)) fail('subnetConfiguration needs a PRIVATE_WITH_EGRESS group: nothing would use the NAT gateways');
  return {
    cidr: parsed.cidr,
    vpcProps: {
      ipAddresses: ec2.IpAddresses.cidr(parsed.cidr.text),
      maxAzs,
      subnetConfiguration,
      ipProtocol: props.dualStack ? ec2.IpProtocol.DUAL_STACK : ec2.IpProtocol.IPV4_ONLY,
      ...(mode === NatGatewayMode.REGIONAL
        ? { natGatewayProvider: ec2.NatProvider.regionalGateway() }
        : { natGateways, natGatewayProvider: ec2.NatProvider.gateway({ eipAllocationIds: props.natEipAllocationIds }) }),
    },
  };
}
