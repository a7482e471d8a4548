/**
 * Odd property values in a real CDK app: raw overrides put numbers, lists, objects, empty strings
 * and nested intrinsics (conditions included) into every routing property of the blog's L1s. The
 * guard never throws, every finding lands on a construct of a stack, and the three doors agree.
 */
import { CfnCondition, CfnParameter, CfnResource, Fn, Stack } from 'aws-cdk-lib';
import fc from 'fast-check';
import { expectDoorsAgree, l1Blog, newApp } from '../../support/helpers';

const RUNS = Number(process.env.NRG_ODD_APP_RUNS ?? 60);
const SEED = process.env.NRG_ODD_SEED === 'random' ? undefined : Number(process.env.NRG_ODD_SEED ?? 20261127);

const refs = ['Vpc', 'Igw', 'Vgw', 'PubRt', 'PrivRt', 'Nat', 'PubSubnet', 'PrivSubnet', 'Missing'];
const scalar = fc.oneof(
  fc.constantFrom('', '10.0.0.0/16', '0.0.0.0/0', '192.168.1.0/24', '64:ff9b::/96', 'not-a-cidr', 'vgw-1', 'igw-1', 'nat-1', 'rtb-1', 'private', 'regional',
    '{{resolve:ssm:/x}}', 'toString', '__proto__'),
  fc.integer(), fc.boolean(), fc.constant(null),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'Cidr', 'Ref', 'constructor'), tie('v'), { maxKeys: 2 }),
    fc.constantFrom(...refs).map((id) => ({ Ref: id })),
    fc.tuple(fc.constantFrom(...refs), fc.constantFrom('CidrBlock', 'RouteTableId')).map(([id, a]) => ({ 'Fn::GetAtt': [id, a] })),
    fc.tuple(tie('v'), tie('v')).map(([a, b]) => ({ 'Fn::If': ['Odd', a, b] })),
    fc.tuple(tie('v'), tie('v')).map(([i, l]) => ({ 'Fn::Select': [i, l] })),
    fc.tuple(fc.constantFrom('', '/'), tie('v')).map(([sep, l]) => ({ 'Fn::Join': [sep, l] })),
    tie('v').map((x) => ({ 'Fn::Sub': x })),
    fc.constant({ Ref: 'AWS::NoValue' }),
  ),
})).v;

const PROPS: Record<string, string[]> = {
  OnPrem: ['RouteTableId', 'DestinationCidrBlock', 'DestinationIpv6CidrBlock', 'GatewayId', 'NatGatewayId', 'VpcPeeringConnectionId', 'TransitGatewayId'],
  PrivDefault: ['DestinationCidrBlock', 'NatGatewayId', 'GatewayId'],
  Nat: ['SubnetId', 'ConnectivityType', 'AvailabilityMode', 'VpcId'],
  PubAssoc: ['SubnetId', 'RouteTableId'],
  Vpc: ['CidrBlock'],
  PubSubnet: ['VpcId', 'CidrBlock'],
  Prop: ['RouteTableIds', 'VpnGatewayId'],
  S3: ['RouteTableIds', 'ServiceName', 'VpcEndpointType'],
};
const override = fc.constantFrom(...Object.keys(PROPS)).chain((id) => fc.tuple(fc.constant(id), fc.constantFrom(...PROPS[id]), value));

test(`${RUNS} apps with odd values in routing properties: no exception, every finding on a construct of a stack, the doors agree`, () => {
  let withFindings = 0;
  fc.assert(fc.property(fc.array(override, { minLength: 1, maxLength: 4 }), fc.boolean(), (overrides, conditional) => {
    const { app, stack } = newApp();
    const b = l1Blog(stack);
    new CfnResource(stack, 'OnPrem', { type: 'AWS::EC2::Route', properties: { RouteTableId: b.pubRt.ref, DestinationCidrBlock: '192.168.1.0/24', GatewayId: b.vgw.ref } });
    new CfnResource(stack, 'Prop', { type: 'AWS::EC2::VPNGatewayRoutePropagation', properties: { RouteTableIds: [b.privRt.ref], VpnGatewayId: b.vgw.ref } });
    new CfnResource(stack, 'S3', { type: 'AWS::EC2::VPCEndpoint', properties: { VpcId: b.vpc.ref, ServiceName: 'com.amazonaws.eu-west-1.s3', RouteTableIds: [b.privRt.ref] } });
    if (conditional) {
      const p = new CfnParameter(stack, 'OddParam');
      new CfnCondition(stack, 'Odd', { expression: Fn.conditionEquals(p.valueAsString, 'yes') });
    }
    for (const [id, prop, v] of overrides) {
      (stack.node.findChild(id) as CfnResource).addPropertyOverride(prop, v);
    }
    const r = expectDoorsAgree(app); // throws if a door throws or the doors disagree
    if (r.length > 0) withFindings++;
    for (const f of r) {
      const c = app.node.findAll().find((x) => x.node.path === f.path);
      expect(c && c !== app && Stack.of(c)).toBeTruthy();
      expect(f.message.startsWith(`[${f.rule}] `)).toBe(true);
    }
  }), { numRuns: RUNS, seed: SEED });
  expect(withFindings).toBeGreaterThan(RUNS / 4);
});
