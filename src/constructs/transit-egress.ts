/**
 * `NatEgressVpc`'s centralized egress (docs/transit.md, "Centralized egress"): other VPCs reach the
 * internet through this VPC's NAT gateways over a transit gateway. The attachment is in reserved
 * transit-only subnets whose tables send everything to the NAT gateway of their AZ; the NAT gateways'
 * tables send the internet to the internet gateway and only `returnCidrs` back to the transit gateway.
 */
import { Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { RESERVED_SUBNET_GROUP } from './reserved';
import { addSubnetRoute } from './subnet-route';
import { namedTransitGateway, NamedTransitGateway } from './transit-attachment';
import { TransitGatewayEgressOptions } from './transit-egress-options';
import { Cidr, cidrContains, cidrsOverlap, parseCidr } from '../net/cidr';

/** What `transitGatewayEgress` builds. */
export interface TransitEgressPlan {
  readonly tgw: NamedTransitGateway;
  readonly returnCidrs: readonly Cidr[];
}

/** The checked options, or a thrown error naming the property and the fix. */
export function planTransitEgress(
  where: string, options: TransitGatewayEgressOptions, vpcCidr: Cidr | undefined, dualStack: boolean,
): TransitEgressPlan {
  const fail = (msg: string): never => {
    throw new Error(`${where}: transitGatewayEgress.${msg}`);
  };
  if (!Array.isArray(options.returnCidrs) || options.returnCidrs.length === 0) {
    fail('returnCidrs is required: list the blocks of the VPCs that egress through this one (for example [\'10.1.0.0/16\', \'10.2.0.0/16\'])');
  }
  const returnCidrs = options.returnCidrs.map((text, i) => {
    if (Token.isUnresolved(text)) fail(`returnCidrs[${i}] is a token (${text}): a literal CIDR is needed, since the routes to it are checked at synth`);
    const p = parseCidr(text);
    if (!p.ok) return fail(`returnCidrs ${p.error}`);
    if (p.cidr.family === 6 && !dualStack) fail(`returnCidrs ${p.cidr.text} is IPv6: give ipProtocol: ec2.IpProtocol.DUAL_STACK, or leave it out`);
    if (p.cidr.length === 0) fail(`returnCidrs ${p.cidr.text} is every address: the internet would go back to the transit gateway; list the spokes' blocks`);
    // A summary that holds the VPC's block is fine (the local route is more specific); a block inside it would never be used.
    const inside = vpcCidr && cidrContains(vpcCidr, p.cidr);
    if (inside) fail(`returnCidrs ${p.cidr.text} is inside the VPC's own ${vpcCidr!.text}; the local route keeps that traffic in the VPC. List the spokes' blocks`);
    return p.cidr;
  });
  returnCidrs.forEach((a, i) => returnCidrs.slice(i + 1).forEach((b) => {
    if (cidrsOverlap(a, b)) fail(`returnCidrs ${a.text} and ${b.text} overlap; list each block once`);
  }));
  return { tgw: namedTransitGateway(where, options, 'transitGatewayEgress.'), returnCidrs };
}

/** The reserved attachment subnets: one `/28` per AZ, private with egress, so ec2.Vpc routes each to the NAT gateway of its AZ. */
export function egressSubnetGroup(): ec2.SubnetConfiguration {
  return { name: RESERVED_SUBNET_GROUP, subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 28 };
}

/** The return routes: each of `returnCidrs` from each NAT gateway's table to the transit gateway. */
export function addReturnRoutes(natSubnets: readonly ec2.ISubnet[], plan: TransitEgressPlan, attachment: IConstruct): ec2.CfnRoute[] {
  return natSubnets.flatMap((subnet) => plan.returnCidrs.map((c) => {
    const id = `ReturnToTransitGateway-${c.text.replace(/[/:]/g, '_')}`;
    return addSubnetRoute(subnet, id, c, { routerType: ec2.RouterType.TRANSIT_GATEWAY, routerId: plan.tgw.id }, [attachment]);
  }));
}
