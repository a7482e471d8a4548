/**
 * NatEgressVpc's centralized egress (transitGatewayEgress): AWS's centralized-egress design built by
 * the construct, the guard reporting nothing on it, reporting a route added behind its back, and
 * telling the user when the transit gateway's side would carry NAT traffic to a VPN.
 */
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { appWithStack, routesByTable } from './fixtures';
import { HybridVpc, NatEgressVpc, NatEgressVpcProps, OnPremisesConnection } from '../../src';
import { expectDoorsAgree, summary } from '../support/helpers';
import { L1Tgw, L1Vpc } from '../support/transit-apps';

const resources = (t: any, type: string) => Object.entries(t.Resources as Record<string, any>).filter(([, r]) => r.Type === type);
const BRANCH = '10.200.0.0/16';

/**
 * The hub of AWS's centralized egress: spokes associated with RtS (0.0.0.0/0 to the egress
 * attachment), the egress attachment with RtE (the spokes propagated into it). `branchInRtE` adds a
 * static route for a branch office to a VPN concentrator in RtE.
 */
function centralEgress(opts: { returnCidrs?: string[]; branchInRtE?: boolean; egress?: Partial<NatEgressVpcProps> } = {}) {
  const { app, stack } = appWithStack();
  const hub = new L1Tgw(stack, 'Hub');
  const egress = new NatEgressVpc(stack, 'Egress', {
    maxAzs: 2,
    subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }],
    transitGatewayEgress: { transitGateway: hub.tgw, returnCidrs: opts.returnCidrs ?? ['10.1.0.0/16', '10.2.0.0/16'], associationRouteTableId: hub.table('RtE').ref },
    ...opts.egress,
  });
  for (const [name, cidr] of [['SpokeA', '10.1.0.0/16'], ['SpokeB', '10.2.0.0/16']]) {
    const second = cidr.replace('.0.0/16', '.0.0/28');
    const spoke = new L1Vpc(stack, name, cidr).subnet('Tgw', second, { transitOnly: true }).subnet('App', cidr.replace('.0.0/16', '.1.0/24'), { table: 'App' });
    spoke.toTgw('App', '0.0.0.0/0', hub.tgw, 'Default');
    hub.attach(`${name}Att`, spoke, ['Tgw'], { table: 'RtS', propagateTo: ['RtE'] });
  }
  hub.staticRoute('RtS', '0.0.0.0/0', egress.transitGatewayAttachment!.ref, 'ToEgress');
  if (opts.branchInRtE) hub.staticRoute('RtE', BRANCH, hub.vpnConcentrator('Vpn'), 'Branch');
  return { app, stack, hub, egress };
}

describe('NatEgressVpc with transitGatewayEgress', () => {
  test('AWS\'s centralized egress: attachment subnets (transit-only) to the NAT gateway of their AZ, NAT tables to the IGW and the spokes back to the TGW; nothing reported', () => {
    const { app, egress } = centralEgress();
    const t = app.synth().getStackByName('S').template;
    const routes = routesByTable(t);
    const tgw = Object.keys(t.Resources).find((k) => t.Resources[k].Type === 'AWS::EC2::TransitGateway')!;
    const nat = (n: number) => Object.keys(t.Resources).find((k) => k.startsWith(`EgressPublicSubnet${n}NATGateway`))!;
    const igw = Object.keys(t.Resources).find((k) => t.Resources[k].Type === 'AWS::EC2::InternetGateway')!;
    const table = (prefix: string) => routes[Object.keys(routes).find((k) => k.startsWith(prefix))!];
    for (const n of [1, 2]) {
      expect(table(`EgressPublicSubnet${n}RouteTable`)).toEqual([`0.0.0.0/0 -> ${igw}`, `10.1.0.0/16 -> ${tgw}`, `10.2.0.0/16 -> ${tgw}`]);
      expect(table(`EgressTransitGatewayAttachmentSubnet${n}RouteTable`)).toEqual([`0.0.0.0/0 -> ${nat(n)}`]);
    }
    const subnets = resources(t, 'AWS::EC2::Subnet').filter(([id]) => id.startsWith('EgressTransitGatewayAttachment'));
    expect(subnets.map(([, s]) => [s.Properties.CidrBlock, s.Metadata['cdk-nat-route-guard']])).toEqual([
      [expect.stringMatching(/\/28$/), { transitOnly: true }], [expect.stringMatching(/\/28$/), { transitOnly: true }],
    ]);
    // Return routes wait for the attachment; the attachment is associated with RtE.
    for (const r of egress.transitGatewayReturnRoutes) expect(r.node.dependencies).toContain(egress.transitGatewayAttachment);
    expect(egress.transitGatewayReturnRoutes).toHaveLength(4);
    expect(resources(t, 'AWS::EC2::TransitGatewayRouteTableAssociation').filter(([id]) => id.startsWith('Egress'))).toHaveLength(1);
    expect(expectDoorsAgree(app)).toEqual([]);
  });

  test('a branch office behind a VPN in the egress attachment\'s table does not change that: the NAT tables send only the spokes back', () => {
    expect(summary(centralEgress({ branchInRtE: true }).app)).toEqual([]);
  });

  test('a route added behind the construct\'s back into a NAT gateway\'s table, to the TGW: NRG-TGW-HYBRID for the branch range the TGW sends to the VPN', () => {
    const { app, stack, hub, egress } = centralEgress({ branchInRtE: true });
    new ec2.CfnRoute(stack, 'Sneaky', { routeTableId: egress.publicSubnets[0].routeTable.routeTableId, destinationCidrBlock: '10.0.0.0/8', transitGatewayId: hub.tgw.ref });
    const found = expectDoorsAgree(app);
    expect(found.map((f) => `${f.level} ${f.rule} @ ${f.path}`)).toEqual(['error NRG-TGW-HYBRID @ S/Sneaky']);
    expect(found[0].message).toContain(`forwards ${BRANCH} to VPN concentrator attachment S/Hub/Vpn`);
  });

  test('returnCidrs wider than the spokes (10.0.0.0/8) over a TGW table that sends part of it to a VPN: the guard reports the construct\'s own return route', () => {
    const found = expectDoorsAgree(centralEgress({ returnCidrs: ['10.0.0.0/8'], branchInRtE: true }).app);
    expect(found.map((f) => `${f.level} ${f.rule}`)).toEqual(['error NRG-TGW-HYBRID', 'error NRG-TGW-HYBRID']);
    expect(found.map((f) => f.path).sort()).toEqual([
      'S/Egress/PublicSubnet1/ReturnToTransitGateway-10.0.0.0_8', 'S/Egress/PublicSubnet2/ReturnToTransitGateway-10.0.0.0_8',
    ]);
  });

  test('the transit gateway by id only: the return routes cannot be followed, a warning each (never an error, never silence)', () => {
    const { app, stack } = appWithStack();
    new NatEgressVpc(stack, 'Egress', { maxAzs: 2, transitGatewayEgress: { transitGatewayId: 'tgw-0123456789abcdef0', returnCidrs: ['10.1.0.0/16'] } });
    expect(summary(app)).toEqual([
      'warning NRG-TGW-UNKNOWN @ S/Egress/PublicSubnet1/ReturnToTransitGateway-10.1.0.0_16',
      'warning NRG-TGW-UNKNOWN @ S/Egress/PublicSubnet2/ReturnToTransitGateway-10.1.0.0_16',
    ]);
  });

  test('private subnet groups stay available beside it, and addPrivateRoute still avoids the attachment subnets', () => {
    const { app, stack } = appWithStack();
    const egress = new NatEgressVpc(stack, 'Egress', { maxAzs: 2, transitGatewayEgress: { transitGatewayId: 'tgw-1', returnCidrs: ['10.1.0.0/16'] } });
    const routes = egress.addPrivateRoute('Peer', { destinationCidrBlock: '172.31.0.0/16', routerType: ec2.RouterType.VPC_PEERING_CONNECTION, routerId: 'pcx-1' });
    expect(routes.map((r) => r.node.path)).toEqual(['S/Egress/PrivateSubnet1/Peer', 'S/Egress/PrivateSubnet2/Peer']);
    expect(app.synth().getStackByName('S').template.Resources).toBeDefined();
  });

  const refused: Array<[string, Partial<NatEgressVpcProps>, RegExp]> = [
    ['returnCidrs missing', { transitGatewayEgress: { transitGatewayId: 'tgw-1', returnCidrs: [] } }, /transitGatewayEgress\.returnCidrs is required/],
    ['returnCidrs invalid', { transitGatewayEgress: { transitGatewayId: 'tgw-1', returnCidrs: ['10.1.0.0/33'] } }, /transitGatewayEgress\.returnCidrs '10\.1\.0\.0\/33' is not a valid CIDR block/],
    ['returnCidrs every address', { transitGatewayEgress: { transitGatewayId: 'tgw-1', returnCidrs: ['0.0.0.0/0'] } }, /0\.0\.0\.0\/0 is every address/],
    ['returnCidrs inside the VPC', { transitGatewayEgress: { transitGatewayId: 'tgw-1', returnCidrs: ['10.0.5.0/24'] } }, /10\.0\.5\.0\/24 is inside the VPC's own 10\.0\.0\.0\/16/],
    ['returnCidrs overlapping', { transitGatewayEgress: { transitGatewayId: 'tgw-1', returnCidrs: ['10.1.0.0/16', '10.1.4.0/24'] } }, /10\.1\.0\.0\/16 and 10\.1\.4\.0\/24 overlap/],
    ['IPv6 without dual stack', { transitGatewayEgress: { transitGatewayId: 'tgw-1', returnCidrs: ['fd00::/48'] } }, /is IPv6: give ipProtocol: ec2\.IpProtocol\.DUAL_STACK/],
    ['no transit gateway', { transitGatewayEgress: { returnCidrs: ['10.1.0.0/16'] } }, /transitGatewayEgress\.transitGatewayId or transitGatewayEgress\.transitGateway is required/],
    ['both', { transitGatewayEgress: { transitGatewayId: 'tgw-1', transitGateway: new ec2.CfnTransitGateway(new Stack(), 'T'), returnCidrs: ['10.1.0.0/16'] } },
      /give transitGatewayEgress\.transitGatewayId or transitGatewayEgress\.transitGateway, not both/],
    ['a regional NAT gateway', { natGatewayProvider: (ec2 as any).NatProvider.regionalGateway?.() ?? ec2.NatProvider.gateway(), transitGatewayEgress: { transitGatewayId: 'tgw-1', returnCidrs: ['10.1.0.0/16'] } },
      (ec2 as any).NatProvider.regionalGateway ? /transitGatewayEgress needs zonal NAT gateways/ : /^$/],
  ];
  test.each(refused)('refuses %s, naming the property and the fix', (name, props, message) => {
    const { stack } = appWithStack();
    if (message.source === '^$') return; // regional NAT gateways need aws-cdk-lib 2.273.0 or later
    expect(() => new NatEgressVpc(stack, 'Egress', props)).toThrow(message);
    void name;
  });

  test('a HybridVpc refuses it: one VPC, one role', () => {
    const { stack } = appWithStack();
    expect(() => new HybridVpc(stack, 'Vpc', {
      onPremisesCidrs: ['192.168.0.0/16'], connection: OnPremisesConnection.VPN_GATEWAY, transitGatewayEgress: { transitGatewayId: 'tgw-1', returnCidrs: ['10.1.0.0/16'] },
    })).toThrow(/transitGatewayEgress is for a NatEgressVpc that other VPCs egress through/);
  });
});
