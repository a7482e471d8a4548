import { CfnResource } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { appWithStack, routesByTable } from './fixtures';
import { HybridVpc, OnPremisesConnection } from '../../src';
import { expectDoorsAgree, summary } from '../support/helpers';

const resources = (t: any, type: string) => Object.entries(t.Resources as Record<string, any>).filter(([, r]) => r.Type === type);

describe('HybridVpc', () => {
  test('the blog scenario rebuilt: on-premises routed from the private tables to the VGW, NAT tables untouched', () => {
    const { app, stack } = appWithStack();
    new HybridVpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1, onPremisesCidrs: ['192.168.1.0/24'] });
    const t = app.synth().getStackByName('S').template;
    const vgw = resources(t, 'AWS::EC2::VPNGateway')[0][0];
    expect(routesByTable(t)).toEqual({
      VpcPublicSubnet1RouteTable6C95E38E: ['0.0.0.0/0 -> VpcIGWD7BA715C'],
      VpcPublicSubnet2RouteTable94F7E489: ['0.0.0.0/0 -> VpcIGWD7BA715C'],
      VpcPrivateSubnet1RouteTableB2C5B500: ['0.0.0.0/0 -> VpcPublicSubnet1NATGateway4D7517AA', `192.168.1.0/24 -> ${vgw}`],
      VpcPrivateSubnet2RouteTableA678073B: ['0.0.0.0/0 -> VpcPublicSubnet1NATGateway4D7517AA', `192.168.1.0/24 -> ${vgw}`],
    });
    // Routes to the VGW wait for its attachment; propagation as ec2.Vpc does it: into the private tables.
    for (const [, r] of resources(t, 'AWS::EC2::Route').filter(([, x]) => x.Properties.DestinationCidrBlock === '192.168.1.0/24')) {
      expect(r.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^VpcVPCVPNGW/)]));
    }
    const [[, propagation]] = resources(t, 'AWS::EC2::VPNGatewayRoutePropagation');
    expect(propagation.Properties.RouteTableIds.map((x: any) => x.Ref).sort()).toEqual(['VpcPrivateSubnet1RouteTableB2C5B500', 'VpcPrivateSubnet2RouteTableA678073B']);
    expect(summary(app)).toEqual([]);
  });

  test('VPN connections, Direct Connect association and propagation into private tables only', () => {
    const { app, stack } = appWithStack();
    new HybridVpc(stack, 'Vpc', {
      maxAzs: 2,
      onPremisesCidrs: ['192.168.0.0/16', '172.16.0.0/12'],
      vpnGatewayAsn: 64600,
      vpnConnections: {
        Dc1: { ip: '203.0.113.10', asn: 65010 },
        Dc2: { ip: '203.0.113.20', staticRoutes: ['192.168.10.0/24'] },
        Dc3: { ip: '203.0.113.30' },
      },
      directConnectGatewayId: '5f3a1b2c-1111-2222-3333-444455556666',
      directConnectAllowedPrefixes: ['10.0.0.0/16'],
    });
    const t = app.synth().getStackByName('S').template;
    const [[, prop]] = resources(t, 'AWS::EC2::VPNGatewayRoutePropagation');
    expect(prop.Properties.RouteTableIds.map((x: any) => x.Ref).sort()).toEqual(['VpcPrivateSubnet1RouteTableB2C5B500', 'VpcPrivateSubnet2RouteTableA678073B']);
    expect(resources(t, 'AWS::EC2::VPNConnection')).toHaveLength(3);
    // As ec2.Vpc routes them: BGP for Dc1 and Dc3 (no staticRoutes), static for Dc2 with its own route.
    const vpns = Object.fromEntries(resources(t, 'AWS::EC2::VPNConnection').map(([id, r]) => [id.replace(/^Vpc|[0-9A-F]{8}$/g, ''), r.Properties.StaticRoutesOnly ?? false]));
    expect(vpns).toEqual({ Dc1: false, Dc2: true, Dc3: false });
    expect(resources(t, 'AWS::EC2::VPNConnectionRoute').map(([, r]) => r.Properties.DestinationCidrBlock)).toEqual(['192.168.10.0/24']);
    expect(resources(t, 'AWS::EC2::VPNGateway')[0][1].Properties.AmazonSideAsn).toBe(64600);
    const [[, dx]] = resources(t, 'AWS::DirectConnect::DirectConnectGatewayAssociation');
    expect(dx.Properties.AllowedPrefixesToDirectConnectGateway).toEqual(['10.0.0.0/16']);
    expect(dx.Properties.DirectConnectGatewayId).toBe('5f3a1b2c-1111-2222-3333-444455556666');
    const routes = routesByTable(t);
    expect(routes.VpcPublicSubnet1RouteTable6C95E38E).toEqual(['0.0.0.0/0 -> VpcIGWD7BA715C']);
    expect(routes.VpcPrivateSubnet2RouteTableA678073B).toHaveLength(3);
    expect(summary(app)).toEqual([]);
  });

  test('transit gateway instead of a VGW: attachment in dedicated subnets, on-premises routes to the transit gateway', () => {
    const { app, stack } = appWithStack();
    const vpc = new HybridVpc(stack, 'Vpc', { maxAzs: 2, onPremisesCidrs: ['192.168.0.0/16'], connection: OnPremisesConnection.TRANSIT_GATEWAY, transitGatewayId: 'tgw-0123' });
    const t = app.synth().getStackByName('S').template;
    const [[attachId, attach]] = resources(t, 'AWS::EC2::TransitGatewayVpcAttachment');
    expect(attach.Properties.SubnetIds.map((x: any) => x.Ref).sort())
      .toEqual([expect.stringMatching(/^VpcTransitGatewayAttachmentSubnet1Subnet/), expect.stringMatching(/^VpcTransitGatewayAttachmentSubnet2Subnet/)]);
    const routes = routesByTable(t);
    expect(routes.VpcPrivateSubnet1RouteTableB2C5B500).toEqual(['0.0.0.0/0 -> VpcPublicSubnet1NATGateway4D7517AA', '192.168.0.0/16 -> tgw-0123']);
    expect(Object.keys(routes).filter((k) => k.startsWith('VpcTransitGatewayAttachment'))).toEqual([]);
    for (const [, r] of resources(t, 'AWS::EC2::Route').filter(([, x]) => x.Properties.TransitGatewayId)) expect(r.DependsOn).toContain(attachId);
    expect(resources(t, 'AWS::EC2::VPNGateway')).toHaveLength(0);
    expect(vpc.transitGatewayAttachment).toBeDefined();
    expect(summary(app)).toEqual([]);
  });

  /** A transit gateway of the app whose table sends the on-premises ranges to a VPN concentrator. */
  function hub(stack: import('aws-cdk-lib').Stack, defaults = false) {
    const tgw = new ec2.CfnTransitGateway(stack, 'Tgw', defaults ? {} : { defaultRouteTableAssociation: 'disable', defaultRouteTablePropagation: 'disable' });
    const table = new ec2.CfnTransitGatewayRouteTable(stack, 'TgwRt', { transitGatewayId: tgw.ref });
    const vpn = new CfnResource(stack, 'Vpn', { type: 'AWS::EC2::VPNConcentrator', properties: { TransitGatewayId: tgw.ref, Type: 'ipsec.1' } });
    for (const [id, cidr] of [['OnPrem', '192.168.0.0/16'], ['Branch', '10.201.0.0/16']]) {
      new ec2.CfnTransitGatewayRoute(stack, id, {
        transitGatewayRouteTableId: table.ref, destinationCidrBlock: cidr, transitGatewayAttachmentId: vpn.getAtt('TransitGatewayAttachmentId').toString(),
      });
    }
    return { tgw, table };
  }

  test('a transit gateway of the app: attachment subnets declared transit-only, association and propagation made, nothing reported', () => {
    const { app, stack } = appWithStack();
    const { tgw, table } = hub(stack);
    const vpc = new HybridVpc(stack, 'Vpc', {
      maxAzs: 2,
      onPremisesCidrs: ['192.168.0.0/16'],
      connection: OnPremisesConnection.TRANSIT_GATEWAY,
      transitGateway: tgw,
      associationRouteTableId: table.ref,
      propagationRouteTableIds: [table.ref],
    });
    const t = app.synth().getStackByName('S').template;
    const attachmentSubnets = resources(t, 'AWS::EC2::Subnet').filter(([id]) => id.startsWith('VpcTransitGatewayAttachmentSubnet'));
    expect(attachmentSubnets).toHaveLength(2);
    for (const [, s] of attachmentSubnets) expect(s.Metadata['cdk-nat-route-guard']).toEqual({ transitOnly: true });
    expect(resources(t, 'AWS::EC2::TransitGatewayRouteTableAssociation')).toHaveLength(1);
    expect(resources(t, 'AWS::EC2::TransitGatewayRouteTablePropagation')).toHaveLength(1);
    expect(vpc.transitGatewayAttachment!.transitGatewayId).toBe(tgw.ref);
    expect(summary(app)).toEqual([]);
  });

  test('a route to the transit gateway added behind the construct\'s back into a NAT gateway\'s table: NRG-TGW-HYBRID for the range the TGW sends to the VPN', () => {
    const { app, stack } = appWithStack();
    const { tgw, table } = hub(stack);
    const vpc = new HybridVpc(stack, 'Vpc', {
      maxAzs: 1, onPremisesCidrs: ['192.168.0.0/16'], connection: OnPremisesConnection.TRANSIT_GATEWAY, transitGateway: tgw, associationRouteTableId: table.ref,
    });
    new ec2.CfnRoute(stack, 'Sneaky', { routeTableId: vpc.publicSubnets[0].routeTable.routeTableId, destinationCidrBlock: '10.0.0.0/8', transitGatewayId: tgw.ref });
    const found = expectDoorsAgree(app);
    expect(found.map((f) => `${f.level} ${f.rule} @ ${f.path}`)).toEqual(['error NRG-TGW-HYBRID @ S/Sneaky']);
    // 192.168.0.0/16 is outside 10.0.0.0/8; the private tables route it straight to the TGW anyway. 10.201.0.0/16 is not theirs.
    expect(found[0].message).toContain('forwards 10.201.0.0/16 to VPN concentrator attachment S/Vpn');
  });

  test('associationRouteTableId is refused when the transit gateway associates new attachments with its default table', () => {
    const { stack } = appWithStack();
    const { tgw, table } = hub(stack, true);
    expect(() => new HybridVpc(stack, 'Vpc', {
      onPremisesCidrs: ['192.168.0.0/16'], connection: OnPremisesConnection.TRANSIT_GATEWAY, transitGateway: tgw, associationRouteTableId: table.ref,
    })).toThrow(/associationRouteTableId: the transit gateway associates new attachments with its default route table \(defaultRouteTableAssociation is enable by default\)/);
    expect(() => new HybridVpc(stack, 'Vpc2', {
      onPremisesCidrs: ['192.168.0.0/16'], connection: OnPremisesConnection.TRANSIT_GATEWAY, transitGateway: tgw, transitGatewayId: 'tgw-1',
    })).toThrow(/give transitGatewayId or transitGateway, not both/);
  });

  test('a route added behind the construct\'s back into a NAT gateway\'s table is still caught', () => {
    const { app, stack } = appWithStack();
    const vpc = new HybridVpc(stack, 'Vpc', { maxAzs: 1, onPremisesCidrs: ['192.168.0.0/16'] });
    new ec2.CfnRoute(stack, 'Sneaky', { routeTableId: vpc.publicSubnets[0].routeTable.routeTableId, destinationCidrBlock: '10.200.0.0/16', gatewayId: vpc.vpnGatewayId });
    expect(summary(app)).toEqual(['error NRG-VGW @ S/Sneaky']);
  });

  test.each([
    [{ onPremisesCidrs: [] }, "onPremisesCidrs is required: list the on-premises ranges to route to the VGW (for example ['192.168.0.0/16'])"],
    [{ onPremisesCidrs: ['192.168.0.0/33'] }, "onPremisesCidrs '192.168.0.0/33' is not a valid CIDR block"],
    [{ onPremisesCidrs: ['192.168.0.0/16', '192.168.4.0/24'] }, 'onPremisesCidrs 192.168.0.0/16 and 192.168.4.0/24 overlap; list each range once'],
    [{ onPremisesCidrs: ['10.0.0.0/8'] }, "onPremisesCidrs 10.0.0.0/8 overlaps the VPC's own 10.0.0.0/16; on-premises ranges must lie outside the VPC"],
    [{ onPremisesCidrs: ['192.168.0.0/16'], connection: OnPremisesConnection.TRANSIT_GATEWAY }, 'transitGatewayId or transitGateway is required with connection TRANSIT_GATEWAY'],
    [{ onPremisesCidrs: ['192.168.0.0/16'], connection: OnPremisesConnection.TRANSIT_GATEWAY, transitGatewayId: 'tgw-1', vpnRoutePropagation: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }] },
      'vpnRoutePropagation belongs to a virtual private gateway; with connection TRANSIT_GATEWAY configure VPN and Direct Connect on the transit gateway'],
    [{ onPremisesCidrs: ['192.168.0.0/16'], transitGatewayId: 'tgw-1' }, 'transitGatewayId is only used with connection TRANSIT_GATEWAY'],
    [{ onPremisesCidrs: ['192.168.0.0/16'], directConnectAllowedPrefixes: ['10.0.0.0/16'] }, 'directConnectAllowedPrefixes needs directConnectGatewayId'],
    [{ onPremisesCidrs: ['192.168.0.0/16'], vpnGateway: false }, 'vpnGateway is false, but connection VPN_GATEWAY needs the virtual private gateway; leave vpnGateway out'],
    [{ onPremisesCidrs: ['192.168.0.0/16'], vpnConnections: { Dc: { ip: '203.0.113.10', staticRoutes: ['172.16.0.0/12'] } } },
      'vpnConnections.Dc.staticRoutes 172.16.0.0/12 is not inside onPremisesCidrs: list it there too, so the private subnets route it to the VGW'],
    [{ onPremisesCidrs: ['192.168.0.0/16'], vpnRoutePropagation: [{ subnetType: ec2.SubnetType.PUBLIC }] },
      'NatEgressVpc S/Vpc: vpnRoutePropagation[0] reaches subnet S/Vpc/PublicSubnet1, which hosts a NAT gateway'],
  ])('refuses %p', (props, message) => {
    const { stack } = appWithStack();
    expect(() => new HybridVpc(stack, 'Vpc', props as any)).toThrow(message);
  });

  test('the on-premises routes are returned, with ids from their range (stable when the list changes)', () => {
    const { stack } = appWithStack();
    const vpc = new HybridVpc(stack, 'Vpc', { maxAzs: 1, onPremisesCidrs: ['192.168.0.0/16', '172.16.0.0/12'] });
    expect(vpc.onPremisesRoutes.map((r) => r.node.path)).toEqual([
      'S/Vpc/PrivateSubnet1/OnPremises-192.168.0.0_16', 'S/Vpc/PrivateSubnet1/OnPremises-172.16.0.0_12',
    ]);
  });
});
