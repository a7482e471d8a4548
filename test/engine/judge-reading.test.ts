/**
 * Judging a reading (src/engine): one model per condition world, one finding per rule and
 * construct over all of them, named with the conditions it needs.
 */
import { judgeReading } from '../../src/engine/judge-reading';
import { ResourceRecord } from '../../src/records/record';
import { makeRef } from '../../src/records/ref';

const r = (path: string, type: string, properties: Record<string, unknown> = {}, condition?: string): ResourceRecord =>
  (condition ? { path, type: `AWS::EC2::${type}`, properties, condition } : { path, type: `AWS::EC2::${type}`, properties });
const ref = (path: string) => makeRef(path, 'Ref');

/** The blog: a private table feeding the NAT gateway, whose public table has a VGW route (maybe under a condition). */
function blog(onPremCondition?: string): ResourceRecord[] {
  return [
    r('Vpc', 'VPC', { CidrBlock: '10.0.0.0/16' }),
    r('Pub', 'Subnet', { VpcId: ref('Vpc') }), r('Priv', 'Subnet', { VpcId: ref('Vpc') }),
    r('PubRt', 'RouteTable', { VpcId: ref('Vpc') }), r('PrivRt', 'RouteTable', { VpcId: ref('Vpc') }),
    r('PubA', 'SubnetRouteTableAssociation', { SubnetId: ref('Pub'), RouteTableId: ref('PubRt') }),
    r('PrivA', 'SubnetRouteTableAssociation', { SubnetId: ref('Priv'), RouteTableId: ref('PrivRt') }),
    r('Nat', 'NatGateway', { SubnetId: ref('Pub') }), r('Igw', 'InternetGateway'), r('Vgw', 'VPNGateway'),
    r('PubDefault', 'Route', { RouteTableId: ref('PubRt'), DestinationCidrBlock: '0.0.0.0/0', GatewayId: ref('Igw') }),
    r('PrivDefault', 'Route', { RouteTableId: ref('PrivRt'), DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: ref('Nat') }),
    r('OnPrem', 'Route', { RouteTableId: ref('PubRt'), DestinationCidrBlock: '192.168.1.0/24', GatewayId: ref('Vgw') }, onPremCondition),
  ];
}

test('without conditions: the blog\'s leak, once, without words about worlds', () => {
  const findings = judgeReading({ records: blog(), problems: [] });
  expect(findings.map((f) => `${f.ruleId} ${f.path}`)).toEqual(['NRG-VGW OnPrem']);
  expect(findings[0].message).toMatch(/^\[NRG-VGW\] NAT gateway Nat forwards/);
});

test('a leak in some worlds only says in which', () => {
  const conditions = new Map([['S|UseVpn', { name: 'UseVpn', scope: 'S', expression: { 'Fn::Equals': [{ Ref: 'Vpn' }, 'yes'] } }]]);
  const findings = judgeReading({ records: blog('S|UseVpn'), problems: [], conditions });
  expect(findings.map((f) => `${f.ruleId} ${f.path}`)).toEqual(['NRG-VGW OnPrem']);
  expect(findings[0].message).toMatch(/^\[NRG-VGW\] If condition UseVpn is true: NAT gateway Nat forwards/);
});

test('a condition the template decides false removes the leak in every world', () => {
  const conditions = new Map([['S|Never', { name: 'Never', scope: 'S', expression: { 'Fn::Equals': ['a', 'b'] } }]]);
  expect(judgeReading({ records: blog('S|Never'), problems: [], conditions })).toEqual([]);
});

test('the reader\'s problems are findings of their own', () => {
  const findings = judgeReading({ records: [], problems: [{ kind: 'unresolved', path: 'S/Nested', message: 'cannot read it' }] });
  expect(findings.map((f) => `${f.ruleId} ${f.path}`)).toEqual(['NRG-UNRESOLVED S/Nested']);
});
