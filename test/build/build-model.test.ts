/**
 * Records to the routing model (src/build): what each record becomes, written as the records a
 * reader gives (references as markers).
 */
import { buildModel } from '../../src/build/build-model';
import { ResourceRecord } from '../../src/records/record';
import { makeRef } from '../../src/records/ref';

const r = (path: string, type: string, properties: Record<string, unknown> = {}): ResourceRecord => ({ path, type: `AWS::EC2::${type}`, properties });
const ref = (path: string, attr = 'Ref') => makeRef(path, attr);

/** A VPC with one subnet, its table, and a NAT gateway in it. */
const base = (): ResourceRecord[] => [
  r('Vpc', 'VPC', { CidrBlock: '10.0.0.0/16' }),
  r('Sub', 'Subnet', { VpcId: ref('Vpc'), CidrBlock: '10.0.0.0/24' }),
  r('Rt', 'RouteTable', { VpcId: ref('Vpc') }),
  r('Assoc', 'SubnetRouteTableAssociation', { SubnetId: ref('Sub'), RouteTableId: ref('Rt') }),
  r('Nat', 'NatGateway', { SubnetId: ref('Sub') }),
  r('Igw', 'InternetGateway'),
  r('Vgw', 'VPNGateway'),
];

test('a table gets the local route of its VPC, and routes their targets by what the reference names', () => {
  const model = buildModel([...base(),
    r('Default', 'Route', { RouteTableId: ref('Rt'), DestinationCidrBlock: '0.0.0.0/0', GatewayId: ref('Igw') }),
    r('OnPrem', 'Route', { RouteTableId: ref('Rt'), DestinationCidrBlock: '192.168.0.0/16', GatewayId: ref('Vgw') }),
    r('Literal', 'Route', { RouteTableId: ref('Rt'), DestinationCidrBlock: '172.16.0.0/12', GatewayId: 'vgw-0123' })]);
  const table = model.tables.find((t) => t.key === 'Rt')!;
  expect(table.carriesTraffic).toBe(true);
  expect(table.routes.map((x) => `${x.origin} ${x.destination.kind === 'cidr' ? x.destination.cidr.text : '?'} ${x.target.kind}`)).toEqual([
    'local 10.0.0.0/16 local', 'static 0.0.0.0/0 igw', 'static 192.168.0.0/16 vgw', 'static 172.16.0.0/12 vgw',
  ]);
  expect(model.natGateways).toEqual([expect.objectContaining({ key: 'Nat', tableKey: 'Rt', connectivity: 'public', regional: false })]);
  expect(model.problems).toEqual([]);
});

test.each([
  ['no SubnetId', [r('Nat', 'NatGateway')], /it has no SubnetId/],
  ['a subnet outside the app', [r('Nat', 'NatGateway', { SubnetId: 'subnet-0123' })], /its subnet subnet-0123 is not defined in the app/],
  ['no association (the main route table)', [r('Sub', 'Subnet', { VpcId: ref('Vpc') }), r('Nat', 'NatGateway', { SubnetId: ref('Sub') })], /main route table/],
])('a NAT gateway whose table cannot be told (%s) says why', (_what, records, why) => {
  const [nat] = buildModel([r('Vpc', 'VPC', { CidrBlock: '10.0.0.0/16' }), ...records]).natGateways;
  expect(nat.tableKey).toBeUndefined();
  expect(nat.unresolvedReason).toMatch(why);
});

test('a regional NAT gateway has the table AWS makes, with its default route to the internet gateway', () => {
  const model = buildModel([r('Vpc', 'VPC', { CidrBlock: '10.0.0.0/16' }), r('Nat', 'NatGateway', { VpcId: ref('Vpc'), AvailabilityMode: 'regional' })]);
  expect(model.natGateways[0]).toEqual(expect.objectContaining({ regional: true, tableKey: 'Nat.RouteTableId' }));
  const table = model.tables.find((t) => t.key === 'Nat.RouteTableId')!;
  expect(table.routes.map((x) => `${x.origin} ${x.target.kind}`)).toEqual(['local local', 'static igw']);
});

test('what CloudFormation would reject is a problem, named with its fix', () => {
  const model = buildModel([...base(),
    r('Assoc2', 'SubnetRouteTableAssociation', { SubnetId: ref('Sub'), RouteTableId: ref('Rt') }),
    r('TwoTargets', 'Route', { RouteTableId: ref('Rt'), DestinationCidrBlock: '0.0.0.0/0', GatewayId: ref('Igw'), NatGatewayId: ref('Nat') }),
    r('HostBits', 'Route', { RouteTableId: ref('Rt'), DestinationCidrBlock: '10.0.0.1/16', GatewayId: ref('Igw') })]);
  expect(model.problems.map((p) => `${p.kind} ${p.path}`)).toEqual(['invalid Assoc2', 'invalid TwoTargets', 'invalid HostBits']);
  expect(model.problems[1].message).toMatch(/has 2 targets \(NatGatewayId, GatewayId\).*Fix: give it exactly one target/);
});

test('a VGW route in a table the app does not define is unresolved, and the table is imported', () => {
  const model = buildModel([...base(), r('Far', 'Route', { RouteTableId: 'rtb-0123', DestinationCidrBlock: '192.168.0.0/16', GatewayId: ref('Vgw') })]);
  expect(model.problems.map((p) => `${p.kind} ${p.path}`)).toEqual(['unresolved Far']);
  expect(model.tables.find((t) => t.key === 'rtb-0123')).toEqual(expect.objectContaining({ carriesTraffic: true, path: 'rtb-0123' }));
});
