/**
 * HybridVpc on a transit gateway (docs/transit.md section 11 of the specification): the alpha
 * module's TransitGateway as well as the L1, dual-stack attachments, on-premises ranges in a
 * prefix list, and the reserved attachment subnets kept for the attachment.
 */
import * as ec2alpha from '@aws-cdk/aws-ec2-alpha';
import { CfnResource, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { appWithStack, routesByTable } from './fixtures';
import { HybridVpc, OnPremisesConnection } from '../../src';
import { expectDoorsAgree, summary } from '../support/helpers';

const resources = (t: any, type: string) => Object.entries(t.Resources as Record<string, any>).filter(([, r]) => r.Type === type);
const ON_PREM = '192.168.0.0/16';

/** An aws-ec2-alpha transit gateway whose default route table sends the on-premises range and a branch to a VPN concentrator. */
function alphaHub(stack: Stack, props: ec2alpha.TransitGatewayProps = {}) {
  const tgw = new ec2alpha.TransitGateway(stack, 'Tgw', props);
  const vpn = new CfnResource(stack, 'Vpn', { type: 'AWS::EC2::VPNConcentrator', properties: { TransitGatewayId: tgw.transitGatewayId, Type: 'ipsec.1' } });
  for (const [id, cidr] of [['OnPrem', ON_PREM], ['Branch', '10.201.0.0/16']]) {
    new ec2.CfnTransitGatewayRoute(stack, id, {
      transitGatewayRouteTableId: tgw.defaultRouteTable.routeTableId,
      destinationCidrBlock: cidr,
      transitGatewayAttachmentId: vpn.getAtt('TransitGatewayAttachmentId').toString(),
    });
  }
  return tgw;
}

const hybrid = (stack: Stack, props: Partial<import('../../src').HybridVpcProps> = {}) => new HybridVpc(stack, 'Vpc', {
  maxAzs: 2, onPremisesCidrs: [ON_PREM], connection: OnPremisesConnection.TRANSIT_GATEWAY, ...props,
});

describe('HybridVpc with the aws-ec2-alpha TransitGateway', () => {
  test('associated with and propagated into its default route table, as the module\'s attachVpc does; nothing reported', () => {
    const { app, stack } = appWithStack();
    const tgw = alphaHub(stack);
    const vpc = hybrid(stack, { transitGateway: tgw });
    const t = app.synth().getStackByName('S').template;
    const tgwId = Object.keys(t.Resources).find((k) => t.Resources[k].Type === 'AWS::EC2::TransitGateway');
    const defaultTable = Object.keys(t.Resources).find((k) => t.Resources[k].Type === 'AWS::EC2::TransitGatewayRouteTable');
    expect(vpc.transitGatewayAttachment!.transitGatewayId).toBe(tgw.transitGatewayId);
    const [[, assoc]] = resources(t, 'AWS::EC2::TransitGatewayRouteTableAssociation');
    const [[, prop]] = resources(t, 'AWS::EC2::TransitGatewayRouteTablePropagation');
    for (const r of [assoc, prop]) expect(r.Properties.TransitGatewayRouteTableId).toEqual({ 'Fn::GetAtt': [defaultTable, 'TransitGatewayRouteTableId'] });
    expect(routesByTable(t).VpcPrivateSubnet1RouteTableB2C5B500).toEqual(['0.0.0.0/0 -> VpcPublicSubnet1NATGateway4D7517AA', `${ON_PREM} -> ${tgwId}`]);
    expect(expectDoorsAgree(app)).toEqual([]);
  });

  test('a route to it added behind the construct\'s back into a NAT gateway\'s table: followed through the default table, NRG-TGW-HYBRID', () => {
    const { app, stack } = appWithStack();
    const tgw = alphaHub(stack);
    const vpc = hybrid(stack, { transitGateway: tgw, maxAzs: 1 });
    new ec2.CfnRoute(stack, 'Sneaky', { routeTableId: vpc.publicSubnets[0].routeTable.routeTableId, destinationCidrBlock: '10.0.0.0/8', transitGatewayId: tgw.transitGatewayId });
    const found = expectDoorsAgree(app);
    expect(found.map((f) => `${f.level} ${f.rule} @ ${f.path}`)).toEqual(['error NRG-TGW-HYBRID @ S/Sneaky']);
    expect(found[0].message).toContain('forwards 10.201.0.0/16 to VPN concentrator attachment S/Vpn');
  });

  test('defaults off on the alpha TransitGateway: no association made, so nothing is forwarded and the sneaky route carries nothing', () => {
    const { app, stack } = appWithStack();
    const tgw = alphaHub(stack, { defaultRouteTableAssociation: false, defaultRouteTablePropagation: false });
    const vpc = hybrid(stack, { transitGateway: tgw, maxAzs: 1 });
    new ec2.CfnRoute(stack, 'Sneaky', { routeTableId: vpc.publicSubnets[0].routeTable.routeTableId, destinationCidrBlock: '10.0.0.0/8', transitGatewayId: tgw.transitGatewayId });
    const t = app.synth().getStackByName('S').template;
    expect(resources(t, 'AWS::EC2::TransitGatewayRouteTableAssociation')).toHaveLength(0);
    expect(resources(t, 'AWS::EC2::TransitGatewayRouteTablePropagation')).toHaveLength(0);
    expect(summary(app)).toEqual([]);
  });

  test('associationRouteTableId with the alpha default association on is refused, naming the fix; off, it is made', () => {
    const { stack } = appWithStack();
    const tgw = alphaHub(stack);
    const other = tgw.addRouteTable('Other');
    expect(() => hybrid(stack, { transitGateway: tgw, associationRouteTableId: other.routeTableId }))
      .toThrow(/associationRouteTableId: the transit gateway \(aws-ec2-alpha\) associates new attachments with its default route table .*create it with defaultRouteTableAssociation: false/);
    const { app: app2, stack: stack2 } = appWithStack();
    const tgw2 = alphaHub(stack2, { defaultRouteTableAssociation: false });
    const table2 = tgw2.addRouteTable('Other');
    hybrid(stack2, {
      transitGateway: tgw2, associationRouteTableId: table2.routeTableId, propagationRouteTableIds: [tgw2.defaultRouteTable.routeTableId],
    });
    const t = app2.synth().getStackByName('S').template;
    expect(resources(t, 'AWS::EC2::TransitGatewayRouteTableAssociation').map(([, r]) => r.Properties.TransitGatewayRouteTableId['Fn::GetAtt'][0]))
      .toEqual([expect.stringMatching(/^TgwOther/)]);
    // The default propagation is made once, not again for the same table listed in propagationRouteTableIds.
    expect(resources(t, 'AWS::EC2::TransitGatewayRouteTablePropagation')).toHaveLength(1);
  });

  test('a construct that is not a transit gateway is refused, naming it', () => {
    const { stack } = appWithStack();
    const notTgw = new ec2.CfnVPC(stack, 'NotTgw', { cidrBlock: '10.9.0.0/16' });
    expect(() => hybrid(stack, { transitGateway: notTgw })).toThrow(/transitGateway S\/NotTgw is neither an ec2.CfnTransitGateway nor a construct whose default child is one/);
  });
});

describe('HybridVpc on a transit gateway: dual stack, prefix lists, the reserved subnets', () => {
  test('dual-stack VPC: the attachment has Ipv6Support, IPv6 on-premises ranges are routed to the TGW', () => {
    const { app, stack } = appWithStack();
    hybrid(stack, { transitGatewayId: 'tgw-0123', ipProtocol: ec2.IpProtocol.DUAL_STACK, onPremisesCidrs: [ON_PREM, 'fd00:1::/48'] });
    const t = app.synth().getStackByName('S').template;
    expect(resources(t, 'AWS::EC2::TransitGatewayVpcAttachment')[0][1].Properties.Options).toEqual({ Ipv6Support: 'enable' });
    expect(routesByTable(t).VpcPrivateSubnet1RouteTableB2C5B500).toEqual(expect.arrayContaining([`${ON_PREM} -> tgw-0123`, 'fd00:1::/48 -> tgw-0123']));
    expect(summary(app)).toEqual([]);
  });

  test('IPv4 only: no attachment options', () => {
    const { app, stack } = appWithStack();
    hybrid(stack, { transitGatewayId: 'tgw-0123' });
    expect(resources(app.synth().getStackByName('S').template, 'AWS::EC2::TransitGatewayVpcAttachment')[0][1].Properties.Options).toBeUndefined();
  });

  const withPrefixList = (connection: OnPremisesConnection) => {
    const { app, stack } = appWithStack();
    const viaTgw = connection === OnPremisesConnection.TRANSIT_GATEWAY;
    const tgw = viaTgw ? new ec2.CfnTransitGateway(stack, 'Tgw', { defaultRouteTableAssociation: 'disable', defaultRouteTablePropagation: 'disable' }) : undefined;
    const vpc = new HybridVpc(stack, 'Vpc', {
      maxAzs: 2,
      connection,
      onPremisesPrefixList: true,
      ipProtocol: ec2.IpProtocol.DUAL_STACK,
      onPremisesCidrs: [ON_PREM, '172.16.0.0/12', 'fd00:1::/48'],
      ...(tgw ? { transitGateway: tgw } : {}),
    });
    return { app, stack, vpc, viaTgw };
  };

  test.each([OnPremisesConnection.TRANSIT_GATEWAY, OnPremisesConnection.VPN_GATEWAY])('onPremisesPrefixList (%s): one prefix list per family, one route per family and private subnet, nothing reported', (connection) => {
    const { app, vpc, viaTgw } = withPrefixList(connection);
    const t = app.synth().getStackByName('S').template;
    const lists = resources(t, 'AWS::EC2::PrefixList').map(([, r]) => [r.Properties.AddressFamily, r.Properties.MaxEntries, r.Properties.Entries.map((e: any) => e.Cidr)]);
    expect(lists).toEqual([['IPv4', 2, [ON_PREM, '172.16.0.0/12']], ['IPv6', 1, ['fd00:1::/48']]]);
    const plRoutes = resources(t, 'AWS::EC2::Route').filter(([, r]) => r.Properties.DestinationPrefixListId);
    expect(plRoutes).toHaveLength(4); // two families x two private subnets
    expect(vpc.onPremisesRoutes).toHaveLength(4);
    for (const [, r] of plRoutes) expect(Object.keys(r.Properties)).toContain(viaTgw ? 'TransitGatewayId' : 'GatewayId');
    expect(summary(app)).toEqual([]);
  });

  test.each([
    ['172.16.0.0/12', []],
    ['10.50.0.0/16', ['error NRG-VGW @ S/Sneaky']],
  ])('the prefix list\'s entries are read: %s routed from a NAT gateway\'s table to the VGW gives %p', (cidr, expected) => {
    // 172.16.0.0/12 is in the list the private subnets route straight to the VGW: no NAT gateway traffic for it
    // (were the list opaque, the guard could not tell and would report). 10.50.0.0/16 is not.
    const { app, stack, vpc } = withPrefixList(OnPremisesConnection.VPN_GATEWAY);
    new ec2.CfnRoute(stack, 'Sneaky', { routeTableId: vpc.publicSubnets[0].routeTable.routeTableId, destinationCidrBlock: cidr, gatewayId: vpc.vpnGatewayId! });
    expect(expectDoorsAgree(app).map((f) => `${f.level} ${f.rule} @ ${f.path}`)).toEqual(expected);
  });

  test('without onPremisesPrefixList, one route per range and private subnet (ids from the range)', () => {
    const { stack } = appWithStack();
    const vpc = hybrid(stack, { transitGatewayId: 'tgw-0123', maxAzs: 1 });
    expect(vpc.onPremisesRoutes.map((r) => r.node.path)).toEqual(['S/Vpc/PrivateSubnet1/OnPremises-192.168.0.0_16']);
  });

  test('addPrivateRoute into the reserved attachment subnets is refused; so is a group of the user named like them', () => {
    const { stack } = appWithStack();
    const vpc = hybrid(stack, { transitGatewayId: 'tgw-0123' });
    expect(() => vpc.addPrivateRoute('Peer', {
      destinationCidrBlock: '172.31.0.0/16', routerType: ec2.RouterType.VPC_PEERING_CONNECTION, routerId: 'pcx-1', subnets: { subnetGroupName: 'TransitGatewayAttachment' },
    })).toThrow(/subnet S\/Vpc\/TransitGatewayAttachmentSubnet1 holds the transit gateway attachment and is declared transit-only/);
    const { stack: s2 } = appWithStack();
    expect(() => new HybridVpc(s2, 'Vpc', {
      onPremisesCidrs: [ON_PREM],
      connection: OnPremisesConnection.TRANSIT_GATEWAY,
      transitGatewayId: 'tgw-1',
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC }, { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        { name: 'TransitGatewayAttachment', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
    })).toThrow(/subnetConfiguration: the group name TransitGatewayAttachment is HybridVpc's own/);
  });
});
