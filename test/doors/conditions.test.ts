/**
 * CloudFormation conditions in CDK apps (`cfnOptions.condition`, `Fn.conditionIf`, `CfnInclude`
 * with and without parameter values): every door judges each world (docs/conditions.md), and the
 * finding says which condition it needs.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnCondition, CfnParameter, CfnResource, Fn, NestedStack, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { expectDoorsAgree, l1Blog, newApp, summary } from '../support/helpers';

function useVpn(stack: Stack): CfnCondition {
  const param = new CfnParameter(stack, 'VpnParam', { type: 'String', default: 'yes' });
  return new CfnCondition(stack, 'UseVpn', { expression: Fn.conditionEquals(param.valueAsString, 'yes') });
}

test('a route under cfnOptions.condition is reported in the worlds where it exists, naming the condition', () => {
  const { app, stack } = newApp();
  const { vgw, pubRt } = l1Blog(stack);
  const leak = new ec2.CfnRoute(stack, 'OnPrem', { routeTableId: pubRt.ref, destinationCidrBlock: '192.168.1.0/24', gatewayId: vgw.ref });
  leak.cfnOptions.condition = useVpn(stack);
  const r = expectDoorsAgree(app);
  expect(r.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['error NRG-VGW @ S/OnPrem']);
  expect(r[0].message).toMatch(/^\[NRG-VGW\] If condition UseVpn is true: NAT gateway S\/Nat forwards 192\.168\.1\.0\/24/);
});

test('a condition the app decides false removes the route: no finding', () => {
  const { app, stack } = newApp();
  const { vgw, pubRt } = l1Blog(stack);
  const leak = new ec2.CfnRoute(stack, 'OnPrem', { routeTableId: pubRt.ref, destinationCidrBlock: '192.168.1.0/24', gatewayId: vgw.ref });
  leak.cfnOptions.condition = new CfnCondition(stack, 'Never', { expression: Fn.conditionEquals('prod', 'dev') });
  expect(summary(app)).toEqual([]);
});

test('Fn.conditionIf with AWS::NoValue switches a target: one target per world, never "2 targets"', () => {
  const { app, stack } = newApp();
  const { vgw, igw, pubRt } = l1Blog(stack);
  const cond = useVpn(stack);
  new ec2.CfnRoute(stack, 'OnPrem', {
    routeTableId: pubRt.ref,
    destinationCidrBlock: '192.168.1.0/24',
    gatewayId: Fn.conditionIf(cond.logicalId, vgw.ref, Fn.ref('AWS::NoValue')).toString(),
    transitGatewayId: Fn.conditionIf(cond.logicalId, Fn.ref('AWS::NoValue'), 'tgw-0123456789abcdef0').toString(),
  });
  void igw;
  const r = expectDoorsAgree(app).sort((a, b) => a.rule.localeCompare(b.rule));
  // The transit gateway is not defined in the app: in the other world the guard says it cannot follow the traffic.
  expect(r.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['warning NRG-TGW-UNKNOWN @ S/OnPrem', 'error NRG-VGW @ S/OnPrem']);
  expect(r[1].message).toMatch(/^\[NRG-VGW\] If condition UseVpn is true: /);
  expect(r[0].message).toMatch(/^\[NRG-TGW-UNKNOWN\] If condition UseVpn is false: /);
});

test('a raw CfnResource whose Type is set by addOverride is read as that type', () => {
  const { app, stack } = newApp();
  const { vgw, pubRt } = l1Blog(stack);
  const raw = new CfnResource(stack, 'Raw', { type: 'Custom::Placeholder', properties: { RouteTableId: pubRt.ref, DestinationCidrBlock: '192.168.1.0/24', GatewayId: vgw.ref } });
  raw.addOverride('Type', 'AWS::EC2::Route');
  expect(summary(app)).toEqual(['error NRG-VGW @ S/Raw']);
});

describe('CfnInclude: parameter values given decide conditions, defaults do not', () => {
  const template = {
    Parameters: { UseVpn: { Type: 'String', Default: 'false' } },
    Conditions: { VpnOn: { 'Fn::Equals': [{ Ref: 'UseVpn' }, 'true'] } },
    Resources: {
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
      Igw: { Type: 'AWS::EC2::InternetGateway' },
      Vgw: { Type: 'AWS::EC2::VPNGateway', Properties: { Type: 'ipsec.1' } },
      Public: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24' } },
      Private: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24' } },
      PublicRt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
      PrivateRt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
      PublicAssoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'Public' }, RouteTableId: { Ref: 'PublicRt' } } },
      PrivateAssoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'Private' }, RouteTableId: { Ref: 'PrivateRt' } } },
      Nat: { Type: 'AWS::EC2::NatGateway', Properties: { SubnetId: { Ref: 'Public' } } },
      PublicDefault: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'PublicRt' }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: 'Igw' } } },
      PrivateDefault: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'PrivateRt' }, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: { Ref: 'Nat' } } },
      OnPrem: {
        Type: 'AWS::EC2::Route',
        Condition: 'VpnOn',
        Properties: { RouteTableId: { Ref: 'PublicRt' }, DestinationCidrBlock: '192.168.1.0/24', GatewayId: { Ref: 'Vgw' } },
      },
    },
  };
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nrg-cond-')), 'legacy.json');
  fs.writeFileSync(file, JSON.stringify(template));

  test('no value given: the leak is reported in the worlds of VpnOn', () => {
    const { app, stack } = newApp();
    new CfnInclude(stack, 'Legacy', { templateFile: file });
    const r = expectDoorsAgree(app);
    expect(r.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['error NRG-VGW @ S/Legacy/OnPrem']);
    expect(r[0].message).toMatch(/^\[NRG-VGW\] If condition VpnOn is true: /);
  });

  test('UseVpn given as false: VpnOn is decided, the route is never created', () => {
    const { app, stack } = newApp();
    new CfnInclude(stack, 'Legacy', { templateFile: file, parameters: { UseVpn: 'false' } });
    expect(summary(app)).toEqual([]);
  });

  test('UseVpn given as true: the finding holds in every world and names no condition', () => {
    const { app, stack } = newApp();
    new CfnInclude(stack, 'Legacy', { templateFile: file, parameters: { UseVpn: 'true' } });
    const r = expectDoorsAgree(app);
    expect(r.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['error NRG-VGW @ S/Legacy/OnPrem']);
    expect(r[0].message).toMatch(/^\[NRG-VGW\] NAT gateway/);
  });
});

test('more than 4096 worlds: the warning goes on the stack whose conditions they are', () => {
  const { app } = newApp();
  const other = new Stack(app, 'First');
  new CfnResource(other, 'Nothing', { type: 'AWS::SNS::Topic' });
  const stack = new Stack(app, 'Conditional');
  const { vgw, pubRt, privRt } = l1Blog(stack);
  new ec2.CfnRoute(stack, 'OnPrem', { routeTableId: pubRt.ref, destinationCidrBlock: '192.168.1.0/24', gatewayId: vgw.ref });
  for (let i = 0; i < 13; i++) {
    const param = new CfnParameter(stack, `P${i}`, { type: 'String' });
    const route = new ec2.CfnRoute(stack, `R${i}`, { routeTableId: privRt.ref, destinationCidrBlock: `172.16.${i}.0/24`, gatewayId: vgw.ref });
    route.cfnOptions.condition = new CfnCondition(stack, `C${i}`, { expression: Fn.conditionEquals(param.valueAsString, 'yes') });
  }
  expect(summary(app)).toEqual(['error NRG-VGW @ Conditional/OnPrem', 'warning NRG-UNRESOLVED @ Conditional']);
});

describe('what CloudFormation decides: the id of a resource is never the empty string', () => {
  /** A peering route in the NAT gateway's table, made only when the table id passed in is '' (a fallback for "no second table"). */
  function fallbackRoute(scope: Stack, natTable: string, secondTable: string) {
    const noSecond = new CfnCondition(scope, 'NoSecondTable', { expression: Fn.conditionEquals(secondTable, '') });
    const route = new ec2.CfnRoute(scope, 'PeerFallback', { routeTableId: natTable, destinationCidrBlock: '172.31.0.0/16', vpcPeeringConnectionId: 'pcx-0123456789abcdef0' });
    route.cfnOptions.condition = noSecond;
  }

  test('a nested stack given a route table\'s Ref by its parent: Fn::Equals of it with \'\' is false, the route is never made', () => {
    const { app, stack } = newApp();
    const { pubRt, privRt } = l1Blog(stack);
    fallbackRoute(new NestedStack(stack, 'Peering'), pubRt.ref, privRt.ref);
    expect(summary(app)).toEqual([]);
  });

  test('the same with a parameter the parent leaves to the deployer: the condition stays open, the finding names it', () => {
    const { app, stack } = newApp();
    const { pubRt } = l1Blog(stack);
    const nested = new NestedStack(stack, 'Peering');
    fallbackRoute(nested, pubRt.ref, new CfnParameter(nested, 'SecondTable', { default: '' }).valueAsString);
    const r = expectDoorsAgree(app);
    expect(r.map((x) => `${x.level} ${x.rule}`)).toEqual(['error NRG-PCX']);
    expect(r[0].message).toMatch(/^\[NRG-PCX\] If condition NoSecondTable is true: /);
  });

  test('CfnInclude given a route table\'s Ref for a parameter used in a condition: both readers decide it the same way', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nrg-never-empty-'));
    const file = path.join(dir, 'peering.json');
    fs.writeFileSync(file, JSON.stringify({
      Parameters: { NatTable: { Type: 'String' }, SecondTable: { Type: 'String', Default: '' } },
      Conditions: { NoSecondTable: { 'Fn::Equals': [{ Ref: 'SecondTable' }, ''] } },
      Resources: {
        PeerFallback: {
          Type: 'AWS::EC2::Route',
          Condition: 'NoSecondTable',
          Properties: { RouteTableId: { Ref: 'NatTable' }, DestinationCidrBlock: '172.31.0.0/16', VpcPeeringConnectionId: 'pcx-0123456789abcdef0' },
        },
      },
    }));
    const { app, stack } = newApp();
    const { pubRt, privRt } = l1Blog(stack);
    new CfnInclude(stack, 'Peering', { templateFile: file, parameters: { NatTable: pubRt.ref, SecondTable: privRt.ref } });
    expect(summary(app)).toEqual([]);
  });
});

test('a reader problem names the condition its resource needs (issue 19, item 3): a nested stack made only under cNeedNatInstance', () => {
  const { app, stack } = newApp();
  l1Blog(stack);
  const param = new CfnParameter(stack, 'NatType', { type: 'String', default: 'gateway' });
  const needNatInstance = new CfnCondition(stack, 'cNeedNatInstance', { expression: Fn.conditionEquals(param.valueAsString, 'instance') });
  const nested = new CfnResource(stack, 'NatInstanceStack', {
    type: 'AWS::CloudFormation::Stack', properties: { TemplateURL: 'https://example.com/nat-instance.yaml' },
  });
  nested.cfnOptions.condition = needNatInstance;
  const r = expectDoorsAgree(app);
  expect(r.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['warning NRG-UNRESOLVED @ S/NatInstanceStack']);
  expect(r[0].message).toMatch(/^\[NRG-UNRESOLVED\] If condition cNeedNatInstance is true: /);
});

test('the same nested stack without a condition: the problem is unconditional', () => {
  const { app, stack } = newApp();
  l1Blog(stack);
  new CfnResource(stack, 'NatInstanceStack', { type: 'AWS::CloudFormation::Stack', properties: { TemplateURL: 'https://example.com/nat-instance.yaml' } });
  const r = expectDoorsAgree(app);
  expect(r.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['warning NRG-UNRESOLVED @ S/NatInstanceStack']);
  expect(r[0].message).not.toMatch(/condition/);
});
