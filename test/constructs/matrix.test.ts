/**
 * A matrix over the constructs' options: every synthesized app has zero guard findings and every
 * template passes cfn-lint (where installed).
 */
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { HAS_REGIONAL_NAT, regionalNatProvider } from '../cdk-version';
import { appWithStack, cfnLint } from './fixtures';
import { HybridVpc, NatEgressVpc, NatEgressVpcProps, OnPremisesConnection } from '../../src';
import { summary } from '../support/helpers';

interface Combo {
  readonly azs: number;
  readonly nat: 'one' | 'per-az' | 'regional';
  readonly hybrid: 'none' | 'vpn' | 'vpn+dx+propagation' | 'tgw' | 'tgw+prefix-list' | 'egress';
  readonly peering: boolean;
  readonly dualStack: boolean;
  readonly endpoints: boolean;
}

// Every value of every option appears, and each pair of AZ count and hybrid mode.
const COMBOS: Combo[] = [];
for (const azs of [1, 2, 3]) {
  for (const hybrid of ['none', 'vpn', 'vpn+dx+propagation', 'tgw', 'tgw+prefix-list', 'egress'] as const) {
    const i = COMBOS.length;
    COMBOS.push({
      azs,
      hybrid,
      // The peer minimum of aws-cdk-lib has no regional NAT gateways: zonal per AZ there instead.
      // Centralized egress needs zonal NAT gateways.
      nat: (['one', 'per-az', HAS_REGIONAL_NAT && hybrid !== 'egress' ? 'regional' : 'per-az'] as const)[i % 3],
      peering: i % 2 === 0,
      dualStack: i % 4 === 1 || i % 4 === 2,
      endpoints: i % 5 !== 4,
    });
  }
}

const ON_PREMISES = ['192.168.0.0/16', '172.16.0.0/12'];
const RETURN_CIDRS = ['10.1.0.0/16', '10.2.0.0/16'];

function build(stack: Stack, c: Combo) {
  const base: NatEgressVpcProps = {
    maxAzs: c.azs,
    ...(c.nat === 'regional' ? { natGatewayProvider: regionalNatProvider() } : { natGateways: c.nat === 'one' ? 1 : c.azs }),
    ...(c.dualStack ? { ipProtocol: ec2.IpProtocol.DUAL_STACK, nat64: true } : {}),
    gatewayEndpoints: c.endpoints ? undefined : {},
  };
  const tgw = c.hybrid === 'tgw+prefix-list' || c.hybrid === 'egress' ? new ec2.CfnTransitGateway(stack, 'Tgw', {}) : undefined;
  const vpc = c.hybrid === 'none' || c.hybrid === 'egress'
    ? new NatEgressVpc(stack, 'Vpc', { ...base, ...(c.hybrid === 'egress' ? { transitGatewayEgress: { transitGateway: tgw, returnCidrs: RETURN_CIDRS } } : {}) })
    : new HybridVpc(stack, 'Vpc', {
      ...base,
      onPremisesCidrs: ON_PREMISES,
      ...(c.hybrid === 'tgw' ? { connection: OnPremisesConnection.TRANSIT_GATEWAY, transitGatewayId: 'tgw-0123456789abcdef0' } : {}),
      ...(c.hybrid === 'tgw+prefix-list' ? { connection: OnPremisesConnection.TRANSIT_GATEWAY, transitGateway: tgw, onPremisesPrefixList: true } : {}),
      ...(c.hybrid === 'vpn' ? { vpnConnections: { Site: { ip: '203.0.113.10', asn: 65010 } } } : {}),
      ...(c.hybrid === 'vpn+dx+propagation' ? {
        vpnRoutePropagation: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }], directConnectGatewayId: '5f3a1b2c-1111-2222-3333-444455556666',
      } : {}),
    });
  if (c.peering) vpc.addPrivateRoute('Peer', { destinationCidrBlock: '10.50.0.0/16', routerType: ec2.RouterType.VPC_PEERING_CONNECTION, routerId: 'pcx-0123456789abcdef0' });
}

/**
 * The routes each private table must hold, by kind of target, worked out from the combination
 * alone: the default route to a NAT gateway, IPv6 egress and NAT64 with dual stack, every
 * on-premises range to the VGW or transit gateway, the peering route.
 */
function expectedPrivateRoutes(c: Combo): string[] {
  return [
    '0.0.0.0/0 -> nat',
    ...(c.dualStack ? ['::/0 -> egress-only-igw', '64:ff9b::/96 -> nat'] : []),
    ...(c.hybrid === 'none' || c.hybrid === 'egress' ? []
      : c.hybrid === 'tgw+prefix-list' ? ['prefix list -> tgw']
        : ON_PREMISES.map((r) => `${r} -> ${c.hybrid === 'tgw' ? 'tgw' : 'vgw'}`)),
    ...(c.peering ? ['10.50.0.0/16 -> pcx'] : []),
  ].sort();
}

/** `destination -> kind of target` for every route of a table. */
function routeKinds(t: any, tableId: string): string[] {
  const kindOf = (p: Record<string, any>) => {
    if (p.NatGatewayId) return 'nat';
    if (p.EgressOnlyInternetGatewayId) return 'egress-only-igw';
    if (p.TransitGatewayId) return 'tgw';
    if (p.VpcPeeringConnectionId) return 'pcx';
    const gw = p.GatewayId?.Ref as string | undefined;
    return t.Resources[gw ?? '']?.Type === 'AWS::EC2::VPNGateway' ? 'vgw' : t.Resources[gw ?? '']?.Type === 'AWS::EC2::InternetGateway' ? 'igw' : JSON.stringify(p);
  };
  return Object.values(t.Resources as Record<string, any>)
    .filter((r) => r.Type === 'AWS::EC2::Route' && r.Properties.RouteTableId.Ref === tableId)
    .map((r) => `${r.Properties.DestinationCidrBlock ?? r.Properties.DestinationIpv6CidrBlock ?? (r.Properties.DestinationPrefixListId ? 'prefix list' : '?')} -> ${kindOf(r.Properties)}`)
    .sort();
}

describe('construct matrix', () => {
  const templates: Record<string, unknown> = {};

  test.each(COMBOS.map((c) => [JSON.stringify(c), c] as const))('%s: zero guard findings', (_name, c) => {
    const { app, stack } = appWithStack();
    build(stack, c);
    expect(summary(app)).toEqual([]);
    const t = app.synth().getStackByName('S').template;
    templates[`combo${Object.keys(templates).length}`] = t;
    // Exact routes per table: the NAT gateways' (public) tables egress to the internet only.
    const tables = Object.entries(t.Resources as Record<string, any>).filter(([, r]) => r.Type === 'AWS::EC2::RouteTable').map(([id]) => id);
    for (const id of tables.filter((x) => x.startsWith('VpcPublic'))) {
      const back = c.hybrid === 'egress' && id.includes('Subnet') && routeKinds(t, id).some((r) => r.endsWith('-> tgw')) ? RETURN_CIDRS.map((r) => `${r} -> tgw`) : [];
      expect(routeKinds(t, id)).toEqual(['0.0.0.0/0 -> igw', ...(c.dualStack ? ['::/0 -> igw'] : []), ...back].sort());
    }
    // Centralized egress: the return routes in every NAT gateway's table; the attachment subnets to their NAT gateway.
    const natTables = Object.values(t.Resources as Record<string, any>).filter((r) => r.Type === 'AWS::EC2::Route' && r.Properties.TransitGatewayId && r.Properties.RouteTableId.Ref.startsWith('VpcPublic'));
    expect(natTables).toHaveLength(c.hybrid === 'egress' ? RETURN_CIDRS.length * (c.nat === 'one' ? 1 : c.azs) : 0);
    const attachmentTables = tables.filter((x) => x.startsWith('VpcTransitGatewayAttachment'));
    expect(attachmentTables).toHaveLength(c.hybrid.startsWith('tgw') || c.hybrid === 'egress' ? c.azs : 0);
    for (const id of attachmentTables) {
      expect(routeKinds(t, id)).toEqual(c.hybrid === 'egress' ? ['0.0.0.0/0 -> nat', ...(c.dualStack ? ['::/0 -> egress-only-igw', '64:ff9b::/96 -> nat'] : [])].sort() : []);
    }
    const privateTables = tables.filter((x) => x.startsWith('VpcPrivate'));
    expect(privateTables).toHaveLength(c.azs);
    for (const id of privateTables) expect(routeKinds(t, id)).toEqual(expectedPrivateRoutes(c));
  });

  test('every template passes cfn-lint', () => {
    expect(Object.keys(templates)).toHaveLength(COMBOS.length);
    const lint = cfnLint(templates);
    if (!lint) return; // reported visibly by cfnLint
    expect(lint.output).toBe('');
    expect(lint.status).toBe(0);
  }, 300_000);
});
