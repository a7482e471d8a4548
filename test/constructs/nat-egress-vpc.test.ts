import { AspectPriority, Aspects } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { HAS_REGIONAL_NAT, regionalNatProvider, testIf } from '../cdk-version';
import { appWithStack, routesByTable } from './fixtures';
import { NatEgressVpc, NatEgressVpcProps, NatRouteGuard } from '../../src';
import { summary } from '../support/helpers';

describe('NatEgressVpc', () => {
  test('is an ec2.Vpc: NAT tables hold only the default route to the IGW, private tables 0.0.0.0/0 to their NAT gateway', () => {
    const { app, stack } = appWithStack();
    const vpc = new NatEgressVpc(stack, 'Vpc', { maxAzs: 2 });
    expect(vpc).toBeInstanceOf(ec2.Vpc);
    expect(vpc.privateSubnets).toHaveLength(2);
    expect(vpc.subnetsHostingNatGateways.map((s) => s.node.path)).toEqual(['S/Vpc/PublicSubnet1', 'S/Vpc/PublicSubnet2']);
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

  test('gateway endpoints are ec2.Vpc\'s record: chosen, or none', () => {
    const { app, stack } = appWithStack();
    new NatEgressVpc(stack, 'Vpc', { maxAzs: 1, gatewayEndpoints: { Dynamo: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB } } });
    const endpoints = Object.values(app.synth().getStackByName('S').template.Resources).filter((r: any) => r.Type === 'AWS::EC2::VPCEndpoint');
    expect(endpoints).toHaveLength(1);
    const none = appWithStack();
    new NatEgressVpc(none.stack, 'Vpc', { maxAzs: 1, gatewayEndpoints: {} });
    expect(Object.values(none.app.synth().getStackByName('S').template.Resources).filter((r: any) => r.Type === 'AWS::EC2::VPCEndpoint')).toHaveLength(0);
  });

  test('ec2.VpcProps pass through: ipAddresses, natGateways, NAT provider with brought Elastic IPs, names, flow logs, default security group', () => {
    const { app, stack } = appWithStack();
    new NatEgressVpc(stack, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr('10.20.0.0/16'),
      maxAzs: 2,
      natGatewayProvider: ec2.NatProvider.gateway({ eipAllocationIds: ['eipalloc-1', 'eipalloc-2'] }),
      vpcName: 'egress',
      restrictDefaultSecurityGroup: false,
      flowLogs: { All: {} },
      enableDnsHostnames: true,
      enableDnsSupport: true,
    });
    const t = app.synth().getStackByName('S').template;
    const of = (type: string) => Object.values(t.Resources).filter((r: any) => r.Type === type) as any[];
    expect(of('AWS::EC2::VPC')[0].Properties).toMatchObject({ CidrBlock: '10.20.0.0/16', Tags: [{ Key: 'Name', Value: 'egress' }] });
    expect(of('AWS::EC2::NatGateway').map((n) => n.Properties.AllocationId).sort()).toEqual(['eipalloc-1', 'eipalloc-2']);
    expect(of('AWS::EC2::EIP')).toHaveLength(0);
    expect(of('AWS::EC2::FlowLog')).toHaveLength(1);
    expect(summary(app)).toEqual([]);
  });

  testIf(HAS_REGIONAL_NAT, 'aws-cdk-lib < 2.273.0 has no regional NAT gateways')('one NAT gateway, or a regional one', () => {
    const one = appWithStack();
    new NatEgressVpc(one.stack, 'Vpc', { natGateways: 1 });
    const t1 = one.app.synth().getStackByName('S').template;
    expect(Object.values(t1.Resources).filter((r: any) => r.Type === 'AWS::EC2::NatGateway')).toHaveLength(1);

    const regional = appWithStack();
    new NatEgressVpc(regional.stack, 'Vpc', { natGatewayProvider: regionalNatProvider() });
    const nats = Object.values(regional.app.synth().getStackByName('S').template.Resources).filter((r: any) => r.Type === 'AWS::EC2::NatGateway') as any[];
    expect(nats).toHaveLength(1);
    expect(nats[0].Properties.AvailabilityMode).toBe('regional');
  });

  test('dual stack with nat64: 64:ff9b::/96 from each private subnet to its own NAT gateway, nothing in the NAT tables', () => {
    const { app, stack } = appWithStack();
    new NatEgressVpc(stack, 'Vpc', { maxAzs: 2, ipProtocol: ec2.IpProtocol.DUAL_STACK, nat64: true, gatewayEndpoints: {} });
    const routes = routesByTable(app.synth().getStackByName('S').template);
    expect(routes.VpcPrivateSubnet1RouteTableB2C5B500).toEqual(expect.arrayContaining(['64:ff9b::/96 -> VpcPublicSubnet1NATGateway4D7517AA']));
    expect(routes.VpcPrivateSubnet2RouteTableA678073B).toEqual(expect.arrayContaining(['64:ff9b::/96 -> VpcPublicSubnet2NATGateway9182C01D']));
    expect(routes.VpcPublicSubnet1RouteTable6C95E38E.filter((r) => r.startsWith('64:ff9b'))).toEqual([]);
    expect(summary(app)).toEqual([]);
  });

  test('addPrivateRoute: shaped like subnet.addRoute, into private tables only, returning the routes with stable ids', () => {
    const { app, stack } = appWithStack();
    const vpc = new NatEgressVpc(stack, 'Vpc', { maxAzs: 2 });
    const peer = vpc.addPrivateRoute('Peer', { destinationCidrBlock: '172.31.0.0/16', routerType: ec2.RouterType.VPC_PEERING_CONNECTION, routerId: 'pcx-0123' });
    vpc.addPrivateRoute('Corp', { destinationCidrBlock: '10.128.0.0/9', routerType: ec2.RouterType.TRANSIT_GATEWAY, routerId: 'tgw-0123' });
    vpc.addPrivateRoute('Peer6', { destinationIpv6CidrBlock: '2001:db8::/32', routerType: ec2.RouterType.VPC_PEERING_CONNECTION, routerId: 'pcx-0123' });
    expect(peer.map((r) => r.node.path)).toEqual(['S/Vpc/PrivateSubnet1/Peer', 'S/Vpc/PrivateSubnet2/Peer']);
    expect(peer.every((r) => r instanceof ec2.CfnRoute)).toBe(true);
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
    expect(() => vpc.addPrivateRoute('Peer', {
      destinationCidrBlock: '172.31.0.0/16', routerType: ec2.RouterType.VPC_PEERING_CONNECTION, routerId: 'pcx-1', subnets: { subnetType: ec2.SubnetType.PUBLIC },
    })).toThrow("S/Vpc.addPrivateRoute('Peer'): subnet S/Vpc/PublicSubnet1 hosts a NAT gateway, so a route in its table would send NAT gateway traffic to this router. "
      + 'Select the private or isolated subnets (the default) instead.');
  });

  test('a public subnet without a NAT gateway may take the route', () => {
    const { app, stack } = appWithStack();
    const vpc = new NatEgressVpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    vpc.addPrivateRoute('Peer', {
      destinationCidrBlock: '172.31.0.0/16', routerType: ec2.RouterType.VPC_PEERING_CONNECTION, routerId: 'pcx-1', subnets: { subnets: [vpc.publicSubnets[1]] },
    });
    expect(routesByTable(app.synth().getStackByName('S').template).VpcPublicSubnet2RouteTable94F7E489).toContain('172.31.0.0/16 -> pcx-1');
  });

  test.each<[NatEgressVpcProps, string]>([
    [{ ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/8') }, 'ipAddresses 10.0.0.0/8: a VPC block is /16 to /28'],
    [{ natGateways: 0 }, 'natGateways must be at least 1 (got 0); a NatEgressVpc egresses through NAT gateways'],
    [{ natGatewayProvider: ec2.NatProvider.instanceV2({ instanceType: new ec2.InstanceType('t3.micro') }) },
      'natGatewayProvider: NAT instances are out of scope (the guard judges NAT gateways; an instance\'s routing is yours to check). '
      + 'Use ec2.NatProvider.gateway() or ec2.NatProvider.regionalGateway(), or ec2.Vpc for NAT instances'],
    ...(HAS_REGIONAL_NAT ? [
      [{ natGatewayProvider: regionalNatProvider(), natGateways: 2 },
        'natGateways counts zonal NAT gateways; leave it out with ec2.NatProvider.regionalGateway() (one regional NAT gateway serves every AZ)'],
    ] as Array<[NatEgressVpcProps, string]> : []),
    [{ subnetConfiguration: [{ name: 'P', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }] }, 'subnetConfiguration needs a PUBLIC group for the NAT gateways and the internet gateway'],
    [{ subnetConfiguration: [{ name: 'P', subnetType: ec2.SubnetType.PUBLIC }] }, 'subnetConfiguration needs a PRIVATE_WITH_EGRESS group (or the deprecated PRIVATE_WITH_NAT): nothing would use the NAT gateways'],
    [{ nat64: true }, 'nat64 needs ipProtocol: ec2.IpProtocol.DUAL_STACK (NAT64 translates IPv6 to IPv4)'],
    [{ vpnGateway: true, vpnRoutePropagation: [{ subnetType: ec2.SubnetType.PUBLIC }] },
      'vpnRoutePropagation[0] reaches subnet S/Vpc/PublicSubnet1, which hosts a NAT gateway: the VGW\'s learned routes in its table would send NAT gateway '
      + 'traffic to VPN / Direct Connect. Select the private or isolated subnets (the default) instead.'],
  ])('refuses %p with the prop and the fix', (props, message) => {
    const { stack } = appWithStack();
    expect(() => new NatEgressVpc(stack, 'Vpc', props)).toThrow(`NatEgressVpc S/Vpc: ${message}`);
  });

  test.each([
    [{ destinationCidrBlock: '192.168.1.0/33' }, "destinationCidrBlock '192.168.1.0/33' is not a valid CIDR block: the prefix length 33 exceeds 32"],
    [{ destinationCidrBlock: '10.0.128.0/17' }, "destinationCidrBlock 10.0.128.0/17 overlaps the VPC's own 10.0.0.0/16; the local route would keep that traffic inside the VPC. Route a range outside it."],
    [{}, 'give exactly one of destinationCidrBlock and destinationIpv6CidrBlock'],
  ])('addPrivateRoute refuses %p', (destination, message) => {
    const { stack } = appWithStack();
    const vpc = new NatEgressVpc(stack, 'Vpc', { maxAzs: 1 });
    expect(() => vpc.addPrivateRoute('Peer', { ...destination, routerType: ec2.RouterType.VPC_PEERING_CONNECTION, routerId: 'pcx-1' }))
      .toThrow(`S/Vpc.addPrivateRoute('Peer'): ${message}`);
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
