/** The checks of `HybridVpcProps`, each naming the property and the fix, and the transit gateway it names. */
import { Token } from 'aws-cdk-lib';
import type { HybridVpcProps } from './hybrid-vpc';
import { OnPremisesConnection } from './on-premises';
import { refuseReservedGroupName } from './reserved';
import { NamedTransitGateway, namedTransitGateway } from './transit-attachment';
import { Cidr, cidrContains, cidrsOverlap, parseCidr } from '../net/cidr';

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
  if (props.transitGatewayEgress) {
    fail('transitGatewayEgress is for a NatEgressVpc that other VPCs egress through; use NatEgressVpc for the egress VPC, and HybridVpc (or addPrivateRoute) for on-premises routes');
  }
  if (connection === OnPremisesConnection.TRANSIT_GATEWAY) {
    if (!props.transitGatewayId && !props.transitGateway) fail('transitGatewayId or transitGateway is required with connection TRANSIT_GATEWAY');
    tgw = namedTransitGateway(where, props);
    refuseReservedGroupName(fail, props.subnetConfiguration ?? [], 'HybridVpc\'s');
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
      if (p.ok && !cidrs.some((c) => cidrContains(c, p.cidr))) {
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
