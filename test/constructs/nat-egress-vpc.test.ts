import { AspectPriority, Aspects } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { HAS_REGIONAL_NAT, testIf } from '../cdk-version';
import { appWithStack, routesByTable } from './fixtures';
import { GatewayEndpointService, NatEgressVpc, NatEgressVpcProps, NatGatewayMode, NatRouteGuard } from '../../src';
import { summary } from '../guard/helpers';

describe('NatEgressVpc', () => {
  test('is an ec2.Vpc: NAT tables hold only the default route to the IGW, private tables 0.0.0.0/0 to their NAT gateway', () => {
    const { app, stack } = appWithStack();
    const vpc = new NatEgressVpc(stack, 'Vpc', { maxAzs: 2 });
    expect(vpc).toBeInstanceOf(ec2.Vpc);
    expect(vpc.privateSubnets).toHaveLength(2);
    expect(vpc.natGatewaySubnets.map((s) => s.node.path)).toEqual(['S/Vpc/PublicSubnet1', 'S/Vpc/PublicSubnet2']);
    const routes = routesByTable(app.synth().getStackByName('S').template);
    expect(routes).toEqual({
      VpcPublicSubnet1RouteTable6C95E38E: ['0.0.0.0/0 -> VpcIGWD7BA715C'],
      VpcPublicSubnet2RouteTable94F7E489: ['0.0.0.0/0 -> VpcIGWD7BA715C'],
      VpcPrivateSubnet1RouteTableB2C5B500: ['0.0.0.0/0 -> VpcPublicSubnet1NATGateway4D7517AA'],
      VpcPrivateSubnet2RouteTableA678073B: ['0.0.0.0/0 -> VpcPublicSubnet2NATGateway9182C01D'],
    });
  });

  test('gateway endpoints cover every route table (S3 and DynamoDB by default)', () => {
    const { app, stack } = appWithStack();
    new NatEgressVpc(stack, 'Vpc', { maxAzs: 2 });
    const t = app.synth().getStackByName('S').template;
    const tables = Object.entries(t.Resources).filter(([, r]: any) => r.Type === 'AWS::EC2::RouteTable').map(([k]) => k).sort();
    const endpoints = Object.values(t.Resources).filter((r: any) => r.Type === 'AWS::EC2::VPCEndpoint') as any[];
    expect(endpoints).toHaveLength(2);
    for (const e of endpoints) expect(e.Properties.RouteTableIds.map((x: any) => x.Ref).sort()).toEqual(tables);
  });

  test('gateway endpoints can be chosen or left out', () => {
    const { app, stack } = appWithStack();
    new NatEgressVpc(stack, 'Vpc', { maxAzs: 1, gatewayEndpoints: [GatewayEndpointService.DYNAMODB] });
    const endpoints = Object.values(app.synth().getStackByName('S').template.Resources).filter((r: any) => r.Type === 'AWS::EC2::VPCEndpoint');
    expect(endpoints).toHaveLength(1);
    const none = appWithStack();
    new NatEgressVpc(none.stack, 'Vpc', { maxAzs: 1, gatewayEndpoints: [] });
    expect(Object.values(none.app.synth().getStackByName('S').template.Resources).filter((r: any) => r.Type === 'AWS::EC2::VPCEndpoint')).toHaveLength(0);
  });

  testIf(HAS_REGIONAL_NAT, 'aws-cdk-lib < 2.273.0 has no regional NAT gateways')('NAT gateway count, regional mode and brought Elastic IPs', () => {
    const one = appWithStack();
    new NatEgressVpc(one.stack, 'Vpc', { natGateways: 1 });
    const t1 = one.app.synth().getStackByName('S').template;
    expect(Object.values(t1.Resources).filter((r: any) => r.Type === 'AWS::EC2::NatGateway')).toHaveLength(1);

    const regional = appWithStack();
    new NatEgressVpc(regional.stack, 'Vpc', { natGatewayMode: NatGatewayMode.REGIONAL });
    const nats = Object.values(regional.app.synth().getStackByName('S').template.Resources).filter((r: any) => r.Type === 'AWS::EC2::NatGateway') as any[];
    expect(nats).toHaveLength(1);
    expect(nats[0].Properties.AvailabilityMode).toBe('regional');

    const eips = appWithStack();
    new NatEgressVpc(eips.stack, 'Vpc', { maxAzs: 2, natEipAllocationIds: ['eipalloc-1', 'eipalloc-2'] });
    const t3 = eips.app.synth().getStackByName('S').template;
    expect((Object.values(t3.Resources).filter((r: any) => r.Type === 'AWS::EC2::NatGateway') as any[]).map((n) => n.Properties.AllocationId).sort())
      .toEqual(['eipalloc-1', 'eipalloc-2']);
    expect(Object.values(t3.Resources).filter((r: any) => r.Type === 'AWS::EC2::EIP')).toHaveLength(0);
  });

  test('routes to peering and transit gateway go to private tables only', () => {
    const { app, stack } = appWithStack();
    const vpc = new NatEgressVpc(stack, 'Vpc', { maxAzs: 2 });
    vpc.routeToPeeringConnection('Peer', { destinationCidr: '172.31.0.0/16', peeringConnectionId: 'pcx-0123' });
    vpc.routeToTransitGateway('Corp', { destinationCidr: '10.128.0.0/9', transitGatewayId: 'tgw-0123' });
    vpc.routeToPeeringConnection('Peer6', { destinationCidr: '2001:db8::/32', peeringConnectionId: 'pcx-0123' });
    const routes = routesByTable(app.synth().getStackByName('S').template);
    expect(routes.VpcPublicSubnet1RouteTable6C95E38E).toEqual(['0.0.0.0/0 -> VpcIGWD7BA715C']);
    expect(routes.VpcPrivateSubnet1RouteTableB2C5B500).toEqual([
      '0.0.0.0/0 -> VpcPublicSubnet1NATGateway4D7517AA', '10.128.0.0/9 -> tgw-0123', '172.31.0.0/16 -> pcx-0123', '2001:db8::/32 -> pcx-0123',
    ]);
    expect(summary(app)).toEqual([]);
  });

  test('a selection that reaches a NAT gateway\'s subnet is refused, naming the subnet and the fix', () => {
    const { stack } = appWithStack();
    const vpc = new NatEgressVpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    expect(() => vpc.routeToPeeringConnection('Peer', { destinationCidr: '172.31.0.0/16', peeringConnectionId: 'pcx-1', subnets: { subnetType: ec2.SubnetType.PUBLIC } }))
      .toThrow("S/Vpc.routeToPeeringConnection('Peer'): subnet S/Vpc/PublicSubnet1 hosts a NAT gateway, so a route in its table would send NAT gateway traffic to this target. Select the private or isolated subnets (the default) instead.");
  });

  test('a public subnet without a NAT gateway may take the route', () => {
    const { app, stack } = appWithStack();
    const vpc = new NatEgressVpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    vpc.routeToPeeringConnection('Peer', { destinationCidr: '172.31.0.0/16', peeringConnectionId: 'pcx-1', subnets: { subnets: [vpc.publicSubnets[1]] } });
    expect(routesByTable(app.synth().getStackByName('S').template).VpcPublicSubnet2RouteTable94F7E489).toContain('172.31.0.0/16 -> pcx-1');
  });

  test.each<[NatEgressVpcProps, string]>([
    [{ cidr: '10.0.0.0/33' }, "cidr '10.0.0.0/33' is not a valid CIDR block: the prefix length 33 exceeds 32"],
    [{ cidr: '10.0.0.0/8' }, 'cidr 10.0.0.0/8: a VPC block is /16 to /28'],
    [{ maxAzs: 0 }, 'maxAzs must be a whole number of at least 1 (got 0)'],
    [{ natGateways: 0 }, 'natGateways must be at least 1 (got 0)'],
    [{ maxAzs: 2, natGateways: 3 }, 'natGateways is 3 but the VPC has 2 Availability Zone(s); use at most one NAT gateway per AZ or raise maxAzs'],
    ...(HAS_REGIONAL_NAT ? [
      [{ natGatewayMode: NatGatewayMode.REGIONAL, natGateways: 2 }, 'natGateways counts zonal NAT gateways; leave it out with natGatewayMode REGIONAL'],
      [{ natGatewayMode: NatGatewayMode.REGIONAL, natEipAllocationIds: ['eipalloc-1'] }, 'natEipAllocationIds applies to zonal NAT gateways'],
    ] as Array<[NatEgressVpcProps, string]> : []),
    [{ maxAzs: 2, natEipAllocationIds: ['eipalloc-1'] }, 'natEipAllocationIds has 1 id(s) for 2 NAT gateway(s); give one per NAT gateway'],
    [{ subnetConfiguration: [{ name: 'P', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }] }, 'subnetConfiguration needs a PUBLIC group'],
    [{ subnetConfiguration: [{ name: 'P', subnetType: ec2.SubnetType.PUBLIC }] }, 'subnetConfiguration needs a PRIVATE_WITH_EGRESS group'],
  ])('refuses %p: %s', (props, message) => {
    const { stack } = appWithStack();
    expect(() => new NatEgressVpc(stack, 'Vpc', props)).toThrow(`NatEgressVpc S/Vpc: ${message}`);
  });

  test('regional mode on an aws-cdk-lib without regional NAT gateways says which release it needs', () => {
    const provider = ec2.NatProvider as unknown as { regionalGateway?: unknown };
    const original = provider.regionalGateway;
    delete provider.regionalGateway;
    try {
      const { stack } = appWithStack();
      expect(() => new NatEgressVpc(stack, 'Vpc', { natGatewayMode: NatGatewayMode.REGIONAL }))
        .toThrow('NatEgressVpc S/Vpc: natGatewayMode REGIONAL needs aws-cdk-lib 2.273.0 or later (ec2.NatProvider.regionalGateway); upgrade aws-cdk-lib or use NatGatewayMode.ZONAL');
    } finally {
      provider.regionalGateway = original;
    }
  });

  test.each([
    ['192.168.1.0/33', "destinationCidr '192.168.1.0/33' is not a valid CIDR block"],
    ['10.0.128.0/17', "destinationCidr 10.0.128.0/17 overlaps the VPC's own 10.0.0.0/16"],
  ])('route methods refuse %s', (cidr, message) => {
    const { stack } = appWithStack();
    const vpc = new NatEgressVpc(stack, 'Vpc', { maxAzs: 1 });
    expect(() => vpc.routeToPeeringConnection('Peer', { destinationCidr: cidr, peeringConnectionId: 'pcx-1' })).toThrow(message);
    expect(() => vpc.routeToVpnGateway('OnPrem', { destinationCidr: '192.168.0.0/16' })).toThrow("S/Vpc.routeToVpnGateway('OnPrem'): the VPC has no virtual private gateway");
  });

  test('adds the guard unless told not to, and never reports twice when the app adds it too', () => {
    const build = (guard: boolean, appGuard: boolean) => {
      const { app, stack } = appWithStack();
      const vpc = new NatEgressVpc(stack, 'Vpc', { maxAzs: 1, guard });
      if (appGuard) Aspects.of(app).add(new NatRouteGuard(), { priority: AspectPriority.READONLY });
      // Behind the construct's back: a peering route in the NAT gateway's table.
      new ec2.CfnRoute(stack, 'Sneaky', { routeTableId: vpc.publicSubnets[0].routeTable.routeTableId, destinationCidrBlock: '172.31.0.0/16', vpcPeeringConnectionId: 'pcx-1' });
      return summary(app, { doors: guard || appGuard });
    };
    expect(build(true, false)).toEqual(['error NRG-PCX @ S/Sneaky']);
    expect(build(true, true)).toEqual(['error NRG-PCX @ S/Sneaky']);
    expect(build(false, false)).toEqual([]);
  });
});
