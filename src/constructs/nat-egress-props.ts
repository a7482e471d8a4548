/** The checks of `NatEgressVpcProps`, each naming the property and the fix. */
import { Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { NatEgressVpcProps } from './nat-egress-vpc';
import { defaultSubnets, refuseReservedGroupName } from './reserved';
import { TransitEgressPlan, egressSubnetGroup, planTransitEgress } from './transit-egress';
import { Cidr, parseCidr } from '../net/cidr';

/** The subnet types ec2.Vpc routes through its NAT gateways (the deprecated PRIVATE_WITH_NAT among them). */
const PRIVATE_WITH_EGRESS: readonly ec2.SubnetType[] = [ec2.SubnetType.PRIVATE_WITH_EGRESS, ec2.SubnetType.PRIVATE_WITH_NAT];

/** Validate the props, naming the property and the fix; the `ec2.VpcProps` to build. */
export function checkProps(where: string, props: NatEgressVpcProps): { cidr?: Cidr; vpcProps: ec2.VpcProps; egress?: TransitEgressPlan } {
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
  if (props.createInternetGateway === false) {
    fail('createInternetGateway: false leaves the NAT gateways without an internet gateway, so nothing would egress; leave it out, or use ec2.Vpc for a VPC without internet egress');
  }
  const given = props.subnetConfiguration ?? defaultSubnets();
  if (!given.some((c) => c.subnetType === ec2.SubnetType.PUBLIC)) fail('subnetConfiguration needs a PUBLIC group for the NAT gateways and the internet gateway');
  let egress: TransitEgressPlan | undefined;
  if (props.transitGatewayEgress) {
    if (regional) {
      fail('transitGatewayEgress needs zonal NAT gateways (ec2.NatProvider.gateway(), the default): the return routes go into the tables of the subnets that host them');
    }
    refuseReservedGroupName(fail, given, 'the construct\'s');
    egress = planTransitEgress(where, props.transitGatewayEgress, cidr, props.ipProtocol === ec2.IpProtocol.DUAL_STACK);
  }
  // The attachment subnets use the NAT gateways in centralized egress; otherwise a private group must.
  const subnetConfiguration = egress ? [...given, egressSubnetGroup()] : given;
  // As ec2.Vpc takes them: the deprecated PRIVATE_WITH_NAT and PRIVATE are PRIVATE_WITH_EGRESS.
  if (!subnetConfiguration.some((c) => PRIVATE_WITH_EGRESS.includes(c.subnetType))) {
    fail('subnetConfiguration needs a PRIVATE_WITH_EGRESS group (or the deprecated PRIVATE_WITH_NAT): nothing would use the NAT gateways');
  }
  if (props.nat64 && props.ipProtocol !== ec2.IpProtocol.DUAL_STACK) fail('nat64 needs ipProtocol: ec2.IpProtocol.DUAL_STACK (NAT64 translates IPv6 to IPv4)');
  const { nat64: _nat64, guard: _guard, transitGatewayEgress: _egress, ...vpcProps } = props;
  return {
    cidr,
    egress,
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
