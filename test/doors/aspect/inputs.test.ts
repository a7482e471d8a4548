/**
 * Every kind of input the guard reads: L1s, L2s, aws-ec2-alpha, CfnInclude, nested stacks,
 * cross-stack references, raw overrides, regional and private NAT gateways.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ec2alpha from '@aws-cdk/aws-ec2-alpha';
import { CfnParameter, CfnResource, Fn, NestedStack, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { NatRouteGuard } from '../../../src';
import { HAS_REGIONAL_NAT, regionalNatProvider, testIf } from '../../cdk-version';
import { expectDoorsAgree, l1Blog, newApp, summary } from '../../support/helpers';

describe('L1 resources', () => {
  test('hand-written L1s: the blog', () => {
    const { app, stack } = newApp();
    const { vgw, pubRt } = l1Blog(stack);
    new ec2.CfnRoute(stack, 'OnPrem', { routeTableId: pubRt.ref, destinationCidrBlock: '192.168.1.0/24', gatewayId: vgw.ref });
    expect(summary(app)).toEqual(['error NRG-VGW @ S/OnPrem']);
  });

  test('a plain CfnResource of type AWS::EC2::Route is read too', () => {
    const { app, stack } = newApp();
    const { vgw, pubRt } = l1Blog(stack);
    new CfnResource(stack, 'Generic', {
      type: 'AWS::EC2::Route',
      properties: { RouteTableId: pubRt.ref, DestinationCidrBlock: '192.168.1.0/24', GatewayId: vgw.ref },
    });
    expect(summary(app)).toEqual(['error NRG-VGW @ S/Generic']);
  });

  test('peering connection route in the NAT table', () => {
    const { app, stack } = newApp();
    const { vpc, pubRt } = l1Blog(stack);
    const pcx = new ec2.CfnVPCPeeringConnection(stack, 'Peering', { vpcId: vpc.ref, peerVpcId: 'vpc-0123456789abcdef0' });
    new ec2.CfnRoute(stack, 'ToPeer', { routeTableId: pubRt.ref, destinationCidrBlock: '172.31.0.0/16', vpcPeeringConnectionId: pcx.ref });
    const r = expectDoorsAgree(app);
    expect(r.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['error NRG-PCX @ S/ToPeer']);
    expect(r[0].message).toContain('to VPC peering connection S/Peering through route S/ToPeer');
  });

  test('peering to the peer VPC\'s CIDR given by Fn::GetAtt', () => {
    const { app, stack } = newApp();
    const { pubRt } = l1Blog(stack);
    const peerVpc = new ec2.CfnVPC(stack, 'PeerVpc', { cidrBlock: '172.20.0.0/16' });
    new ec2.CfnRoute(stack, 'ToPeer', { routeTableId: pubRt.ref, destinationCidrBlock: peerVpc.attrCidrBlock, vpcPeeringConnectionId: 'pcx-0123456789abcdef0' });
    const r = expectDoorsAgree(app);
    expect(r.map((x) => `${x.rule} @ ${x.path}`)).toEqual(['NRG-PCX @ S/ToPeer']);
    expect(r[0].message).toContain('forwards 172.20.0.0/16');
  });

  test('a private NAT gateway whose table sends traffic to the internet gateway', () => {
    const { app, stack } = newApp();
    l1Blog(stack, { natConnectivity: 'private' });
    const r = expectDoorsAgree(app);
    expect(r.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['error NRG-PRIVATE-IGW @ S/PubDefault']);
    expect(r[0].message).toContain('private NAT gateway S/Nat');
  });

  test('a private NAT gateway towards a VGW (allow-listed addresses): reported, and acknowledgeable', () => {
    const build = (acknowledged: boolean) => {
      const { app, stack } = newApp();
      const { vgw, pubRt } = l1Blog(stack, { natConnectivity: 'private' });
      (stack.node.findChild('PubDefault') as ec2.CfnRoute).addPropertyOverride('DestinationCidrBlock', '203.0.113.0/24');
      (stack.node.findChild('PrivDefault') as ec2.CfnRoute).addPropertyOverride('DestinationCidrBlock', '192.168.0.0/16');
      const route = new ec2.CfnRoute(stack, 'OnPrem', { routeTableId: pubRt.ref, destinationCidrBlock: '192.168.0.0/16', gatewayId: vgw.ref });
      if (acknowledged) NatRouteGuard.acknowledge(route, 'NRG-VGW', 'Partner allow-lists the private NAT gateway address');
      return app;
    };
    expect(summary(build(false))).toEqual(['error NRG-VGW @ S/OnPrem']);
    const r = expectDoorsAgree(build(true));
    expect(r.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['info NRG-VGW @ S/OnPrem']);
    expect(r[0].message).toContain('Acknowledged on S/OnPrem: Partner allow-lists the private NAT gateway address');
  });

  test('customer-managed prefix list in the app resolves to its entries', () => {
    const { app, stack } = newApp();
    const { vgw, pubRt } = l1Blog(stack);
    const pl = new ec2.CfnPrefixList(stack, 'OnPremList', {
      addressFamily: 'IPv4',
      maxEntries: 5,
      prefixListName: 'onprem',
      entries: [{ cidr: '192.168.1.0/24' }, { cidr: '192.168.2.0/24' }],
    });
    new ec2.CfnRoute(stack, 'OnPrem', { routeTableId: pubRt.ref, destinationPrefixListId: pl.ref, gatewayId: vgw.ref });
    const r = expectDoorsAgree(app);
    expect(r.map((x) => `${x.rule} @ ${x.path}`)).toEqual(['NRG-VGW @ S/OnPrem']);
    expect(r[0].message).toContain('forwards 192.168.1.0/24');
  });
});

describe('raw overrides', () => {
  test('a destination changed by addPropertyOverride is what the guard sees', () => {
    const build = (override: boolean) => {
      const { app, stack } = newApp();
      const { vgw, pubRt } = l1Blog(stack);
      const route = new ec2.CfnRoute(stack, 'OnPrem', { routeTableId: pubRt.ref, destinationCidrBlock: '10.0.0.0/16', gatewayId: vgw.ref });
      if (override) route.addPropertyOverride('DestinationCidrBlock', '192.168.1.0/24');
      return app;
    };
    // 10.0.0.0/16 is the VPC's own range: the private table keeps it local, so the NAT gateway never sees it.
    expect(summary(build(false))).toEqual([]);
    expect(summary(build(true))).toEqual(['error NRG-VGW @ S/OnPrem']);
  });

  test('a raw { Ref: LogicalId } override resolves to the element', () => {
    const { app, stack } = newApp();
    const { vgw, pubRt } = l1Blog(stack);
    const route = new ec2.CfnRoute(stack, 'OnPrem', { routeTableId: pubRt.ref, destinationCidrBlock: '192.168.1.0/24', gatewayId: 'igw-0123' });
    route.addPropertyOverride('GatewayId', { Ref: stack.getLogicalId(vgw) });
    expect(summary(app)).toEqual(['error NRG-VGW @ S/OnPrem']);
  });
});

describe('aws-cdk-lib ec2.Vpc', () => {
  test('gateway endpoints on every table: no finding; on the NAT tables only: NRG-VPCE', () => {
    const good = newApp();
    const vpc = new ec2.Vpc(good.stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    expect(summary(good.app)).toEqual([]);

    const bad = newApp();
    const vpc2 = new ec2.Vpc(bad.stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    vpc2.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3, subnets: [{ subnetType: ec2.SubnetType.PUBLIC }] });
    const r = expectDoorsAgree(bad.app);
    expect(r.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['warning NRG-VPCE @ S/Vpc/S3/Resource']);
    expect(r[0].message).toMatch(/Gateway endpoint S\/Vpc\/S3\/Resource \(com\.amazonaws\.\S+\.s3\) is associated with S\/Vpc\/PublicSubnet1\/RouteTable/);
  });

  testIf(HAS_REGIONAL_NAT, 'aws-cdk-lib < 2.273.0 has no regional NAT gateways')('regional NAT gateway: nothing by default, a VGW route in its AWS-made table is reported', () => {
    const build = (withRoute: boolean) => {
      const { app, stack } = newApp();
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGatewayProvider: regionalNatProvider(), vpnGateway: true });
      const nat = vpc.node.findChild('RegionalNatGateway') as ec2.CfnNatGateway;
      if (withRoute) {
        new ec2.CfnRoute(stack, 'OnPrem', { routeTableId: nat.attrRouteTableId, destinationCidrBlock: '192.168.1.0/24', gatewayId: vpc.vpnGatewayId });
      }
      return app;
    };
    expect(summary(build(false))).toEqual([]);
    const r = expectDoorsAgree(build(true));
    expect(r.map((x) => `${x.rule} @ ${x.path}`)).toEqual(['NRG-VGW @ S/OnPrem']);
    expect(r[0].message).toContain('regional NAT gateway S/Vpc/RegionalNatGateway');
    expect(r[0].message).toMatch(/Path: S\/Vpc\/PrivateSubnet[12]\/RouteTable \(0\.0\.0\.0\/0 -> NAT gateway/);
  });
});

describe('aws-ec2-alpha VpcV2', () => {
  test('NAT gateway subnet table with a route to the VPNGatewayV2', () => {
    const { app, stack } = newApp();
    Validations.of(stack).acknowledge({ id: 'CloudFormation-Validate::W3010', reason: 'test fixture pins one AZ' });
    // aws-ec2-alpha is published only up to 2.200 and lags aws-cdk-lib's interfaces: cast at the seam.
    const v2 = new ec2alpha.VpcV2(stack, 'Vpc', { primaryAddressBlock: ec2alpha.IpAddresses.ipv4('10.1.0.0/16') });
    const vpc = v2 as unknown as ec2alpha.IVpcV2;
    const igw = v2.addInternetGateway();
    const vgw = v2.enableVpnGatewayV2({ type: ec2.VpnConnectionType.IPSEC_1 });
    const pubRt = new ec2alpha.RouteTable(stack, 'PubRt', { vpc });
    const privRt = new ec2alpha.RouteTable(stack, 'PrivRt', { vpc });
    const pub = new ec2alpha.SubnetV2(stack, 'Pub', {
      vpc, availabilityZone: 'eu-west-1a', ipv4CidrBlock: new ec2alpha.IpCidr('10.1.0.0/24'), subnetType: ec2.SubnetType.PUBLIC, routeTable: pubRt,
    });
    new ec2alpha.SubnetV2(stack, 'Priv', {
      vpc, availabilityZone: 'eu-west-1a', ipv4CidrBlock: new ec2alpha.IpCidr('10.1.1.0/24'), subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, routeTable: privRt,
    });
    const nat = v2.addNatGateway({ subnet: pub as unknown as ec2alpha.ISubnetV2 });
    pubRt.addRoute('Default', '0.0.0.0/0', { gateway: igw });
    pubRt.addRoute('OnPrem', '192.168.1.0/24', { gateway: vgw });
    privRt.addRoute('Default', '0.0.0.0/0', { gateway: nat });
    const r = expectDoorsAgree(app);
    expect(r.map((x) => `${x.level} ${x.rule}`)).toEqual(['error NRG-VGW']);
    expect(r[0].path).toMatch(/^S\/PubRt\/OnPrem/);
  });
});

describe('stacks', () => {
  test('a route in another stack referencing the network stack\'s table and VGW', () => {
    const { app, stack: network } = newApp();
    const vpc = new ec2.Vpc(network, 'Vpc', { maxAzs: 1, natGateways: 1, vpnGateway: true });
    const other = new Stack(app, 'Other', { env: network.environment ? { account: '111111111111', region: 'eu-west-1' } : undefined });
    new ec2.CfnRoute(other, 'OnPrem', {
      routeTableId: vpc.publicSubnets[0].routeTable.routeTableId, destinationCidrBlock: '192.168.1.0/24', gatewayId: vpc.vpnGatewayId,
    });
    expect(summary(app)).toEqual(['error NRG-VGW @ Other/OnPrem']);
  });

  test('nested stacks: the VPC in a nested stack, the offending route in another', () => {
    const { app, stack } = newApp();
    const netStack = new NestedStack(stack, 'Net');
    const vpc = new ec2.Vpc(netStack, 'Vpc', { maxAzs: 1, natGateways: 1, vpnGateway: true });
    const routes = new NestedStack(new NestedStack(stack, 'Outer'), 'Routes');
    new ec2.CfnRoute(routes, 'OnPrem', {
      routeTableId: vpc.publicSubnets[0].routeTable.routeTableId, destinationCidrBlock: '192.168.1.0/24', gatewayId: vpc.vpnGatewayId,
    });
    expect(summary(app)).toEqual(['error NRG-VGW @ S/Outer/Routes/OnPrem']);
  });

  test('CfnInclude of an existing template', () => {
    const { app, stack } = newApp();
    const source = new Stack(undefined as any, 'Source');
    const { vgw, pubRt } = l1Blog(source);
    new ec2.CfnRoute(source, 'OnPrem', { routeTableId: pubRt.ref, destinationCidrBlock: '192.168.1.0/24', gatewayId: vgw.ref });
    const template = source.resolve((source as any)._toCloudFormation());
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nrg-')), 'legacy.json');
    fs.writeFileSync(file, JSON.stringify(template));
    new CfnInclude(stack, 'Legacy', { templateFile: file });
    const r = expectDoorsAgree(app);
    expect(r.map((x) => `${x.rule} @ ${x.path}`)).toEqual([`NRG-VGW @ S/Legacy/${source.getLogicalId(source.node.findChild('OnPrem') as ec2.CfnRoute)}`]);
  });
});

describe('unresolved values', () => {
  test('a parameter as the destination fails closed and says so', () => {
    const { app, stack } = newApp();
    const { vgw, pubRt } = l1Blog(stack);
    const cidr = new CfnParameter(stack, 'OnPremCidr', { default: '192.168.1.0/24' });
    new ec2.CfnRoute(stack, 'OnPrem', { routeTableId: pubRt.ref, destinationCidrBlock: cidr.valueAsString, gatewayId: vgw.ref });
    const r = expectDoorsAgree(app);
    expect(r.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['error NRG-VGW @ S/OnPrem']);
    expect(r[0].message).toContain('Ref OnPremCidr');
    expect(r[0].message).toContain('could not be resolved');
  });

  test('the same parameter routed to the VGW from the private table shadows it', () => {
    const { app, stack } = newApp();
    const { vgw, pubRt, privRt } = l1Blog(stack);
    const cidr = new CfnParameter(stack, 'OnPremCidr', { default: '192.168.1.0/24' });
    new ec2.CfnRoute(stack, 'OnPrem', { routeTableId: pubRt.ref, destinationCidrBlock: cidr.valueAsString, gatewayId: vgw.ref });
    new ec2.CfnRoute(stack, 'PrivOnPrem', { routeTableId: privRt.ref, destinationCidrBlock: cidr.valueAsString, gatewayId: vgw.ref });
    expect(summary(app)).toEqual([]);
  });

  test('an imported value feeding the NAT gateway makes every forbidden route a finding', () => {
    const { app, stack } = newApp();
    const { vgw, pubRt, nat } = l1Blog(stack);
    new ec2.CfnRoute(stack, 'Imported', { routeTableId: 'rtb-0123456789abcdef0', destinationCidrBlock: Fn.importValue('Shared-Cidr'), natGatewayId: nat.ref });
    (stack.node.findChild('PrivDefault') as ec2.CfnRoute).addPropertyOverride('DestinationCidrBlock', '10.99.0.0/16');
    new ec2.CfnRoute(stack, 'OnPrem', { routeTableId: pubRt.ref, destinationCidrBlock: '192.168.1.0/24', gatewayId: vgw.ref });
    const r = expectDoorsAgree(app);
    expect(r.map((x) => `${x.rule} @ ${x.path}`)).toEqual(['NRG-VGW @ S/OnPrem']);
    expect(r[0].message).toContain('Fn::ImportValue Shared-Cidr');
  });

  test('a GatewayId from a parameter in the NAT table: NRG-UNRESOLVED warning', () => {
    const { app, stack } = newApp();
    const { pubRt } = l1Blog(stack);
    const gw = new CfnParameter(stack, 'GatewayParam');
    new ec2.CfnRoute(stack, 'Mystery', { routeTableId: pubRt.ref, destinationCidrBlock: '192.168.1.0/24', gatewayId: gw.valueAsString });
    expect(summary(app)).toEqual(['warning NRG-UNRESOLVED @ S/Mystery']);
  });

  test('a NAT gateway in a subnet without explicit association: NRG-UNRESOLVED on the NAT gateway', () => {
    const { app, stack } = newApp();
    const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
    const subnet = new ec2.CfnSubnet(stack, 'Subnet', { vpcId: vpc.ref, cidrBlock: '10.0.0.0/24' });
    new ec2.CfnNatGateway(stack, 'Nat', { subnetId: subnet.ref, connectivityType: 'private' });
    const r = expectDoorsAgree(app);
    expect(r.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['warning NRG-UNRESOLVED @ S/Nat']);
    expect(r[0].message).toContain('main route table');
  });

  test('a NAT gateway in an imported subnet', () => {
    const { app, stack } = newApp();
    new ec2.CfnNatGateway(stack, 'Nat', { subnetId: 'subnet-0123456789abcdef0', connectivityType: 'private' });
    expect(summary(app)).toEqual(['warning NRG-UNRESOLVED @ S/Nat']);
  });
});
