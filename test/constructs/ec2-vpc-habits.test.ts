/**
 * What someone who knows ec2.Vpc does with the L3 constructs, and gets: the same meaning, or a
 * refusal that names the prop and the fix. Never two endpoints for one service on one table,
 * never a NatEgressVpc without a way out.
 */
import { CfnParameter } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { appWithStack, routesByTable } from './fixtures';
import { HybridVpc, NatEgressVpc } from '../../src';
import { summary } from '../support/helpers';

const resourcesOf = (t: { Resources: Record<string, { Type: string; Properties?: any }> }, type: string) =>
  Object.entries(t.Resources).filter(([, r]) => r.Type === type);

describe('addGatewayEndpoint on a NatEgressVpc, which has S3 and DynamoDB endpoints already', () => {
  test.each(['S3Endpoint', 'MyS3'])('for S3 on every subnet, with id %s: the existing endpoint, not a second one', (id) => {
    const { app, stack } = appWithStack();
    const vpc = new NatEgressVpc(stack, 'Vpc', { maxAzs: 2 });
    const existing = vpc.node.findChild('S3Endpoint');
    expect(vpc.addGatewayEndpoint(id, { service: ec2.GatewayVpcEndpointAwsService.S3 })).toBe(existing);
    const endpoints = resourcesOf(app.synth().getStackByName('S').template, 'AWS::EC2::VPCEndpoint');
    expect(endpoints).toHaveLength(2);
  });

  test('for S3 on some subnets: refused, naming the endpoint there and gatewayEndpoints', () => {
    const { stack } = appWithStack();
    const vpc = new NatEgressVpc(stack, 'Vpc', { maxAzs: 2 });
    expect(() => vpc.addGatewayEndpoint('S3Private', { service: ec2.GatewayVpcEndpointAwsService.S3, subnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }] }))
      .toThrow("S/Vpc.addGatewayEndpoint('S3Private'): the VPC already has gateway endpoint 'S3Endpoint' for this service");
    expect(() => vpc.addGatewayEndpoint('S3Private', { service: ec2.GatewayVpcEndpointAwsService.S3, subnets: [{ subnetType: ec2.SubnetType.PUBLIC }] }))
      .toThrow(/give gatewayEndpoints to choose the endpoints and their subnets/);
  });

  test('with gatewayEndpoints: {} it adds endpoints as ec2.Vpc does; a second one for the same service is the first', () => {
    const { app, stack } = appWithStack();
    const vpc = new NatEgressVpc(stack, 'Vpc', { maxAzs: 2, gatewayEndpoints: {} });
    const s3 = vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    expect(vpc.addGatewayEndpoint('S3Again', { service: ec2.GatewayVpcEndpointAwsService.S3 })).toBe(s3);
    vpc.addGatewayEndpoint('Ddb', { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB });
    expect(resourcesOf(app.synth().getStackByName('S').template, 'AWS::EC2::VPCEndpoint')).toHaveLength(2);
  });
});

test('createInternetGateway: false is refused by name (the NAT gateways would have no way out)', () => {
  const { stack } = appWithStack();
  expect(() => new NatEgressVpc(stack, 'Vpc', { createInternetGateway: false }))
    .toThrow('NatEgressVpc S/Vpc: createInternetGateway: false leaves the NAT gateways without an internet gateway');
});

test('the deprecated SubnetType.PRIVATE_WITH_NAT is taken as ec2.Vpc takes it: private subnets routed to their NAT gateway', () => {
  const { app, stack } = appWithStack();
  const vpc = new NatEgressVpc(stack, 'Vpc', {
    maxAzs: 2,
    subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }, { name: 'App', subnetType: ec2.SubnetType.PRIVATE_WITH_NAT }],
  });
  expect(vpc.privateSubnets.map((s) => s.node.id)).toEqual(['AppSubnet1', 'AppSubnet2']);
  const routes = routesByTable(app.synth().getStackByName('S').template);
  const app1 = Object.keys(routes).find((k) => k.startsWith('VpcAppSubnet1RouteTable'))!;
  expect(routes[app1]).toEqual([expect.stringMatching(/^0\.0\.0\.0\/0 -> VpcPublicSubnet1NATGateway/)]);
  expect(summary(app)).toEqual([]);
});

describe('HybridVpc VPN connections route as ec2.Vpc\'s do', () => {
  test('BGP unless staticRoutes, in vpnConnections and addVpnConnection alike; VGW propagation into the private tables only', () => {
    const { app, stack } = appWithStack();
    const vpc = new HybridVpc(stack, 'Vpc', { maxAzs: 2, onPremisesCidrs: ['192.168.0.0/16'], vpnConnections: { Prop: { ip: '203.0.113.10' } } });
    vpc.addVpnConnection('Added', { ip: '203.0.113.20' });
    vpc.addVpnConnection('AddedStatic', { ip: '203.0.113.30', staticRoutes: ['192.168.1.0/24'] });
    const t = app.synth().getStackByName('S').template;
    const staticOnly = Object.fromEntries(resourcesOf(t, 'AWS::EC2::VPNConnection').map(([id, r]) => [id.replace(/^Vpc|[0-9A-F]{8}$/g, ''), !!r.Properties.StaticRoutesOnly]));
    expect(staticOnly).toEqual({ Prop: false, Added: false, AddedStatic: true });
    const [[, propagation]] = resourcesOf(t, 'AWS::EC2::VPNGatewayRoutePropagation');
    expect(propagation.Properties.RouteTableIds.map((x: { Ref: string }) => x.Ref).sort()).toEqual(['VpcPrivateSubnet1RouteTableB2C5B500', 'VpcPrivateSubnet2RouteTableA678073B']);
    expect(summary(app)).toEqual([]);
  });
});

test('a token in onPremisesCidrs is named as such: a literal CIDR is needed', () => {
  const { stack } = appWithStack();
  const param = new CfnParameter(stack, 'OnPrem');
  expect(() => new HybridVpc(stack, 'Vpc', { onPremisesCidrs: ['192.168.0.0/16', param.valueAsString] }))
    .toThrow(/HybridVpc S\/Vpc: onPremisesCidrs\[1\] is a token \(\$\{Token\[[^\]]+\]\}\): a literal CIDR is needed/);
});
