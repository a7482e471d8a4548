/**
 * Templates nobody should write, read as one app by the template reader, the model builder and the
 * analysis (what the plugin and the command line run): no exception escapes, whatever the values.
 */
import fc from 'fast-check';
import { judgeReading } from '../../../src/engine/judge-reading';
import { readTemplates } from '../../../src/readers/template/reader';

const RUNS = Number(process.env.NRG_ODD_RUNS ?? 2_000);

/** Names of Object.prototype's own members, as ids, types, keys and attributes: no lookup may reach the prototype. */
const PROTOTYPE_NAMES = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];
/** A fixed seed, so that CI runs what was run here; NRG_ODD_SEED=random explores further. */
const SEED = process.env.NRG_ODD_SEED === 'random' ? undefined : Number(process.env.NRG_ODD_SEED ?? 20261127);

const ids = fc.constantFrom('Vpc', 'Rt', 'Rt2', 'Subnet', 'Nat', 'Vgw', 'Igw', 'Route', 'Param', 'Nested', 'X', ...PROTOTYPE_NAMES);
const scalar = fc.oneof(
  fc.constantFrom('', '10.0.0.0/16', '0.0.0.0/0', '192.168.1.0/24', '64:ff9b::/96', 'not-a-cidr', 'vgw-1', 'igw-1', 'nat-1', 'private', 'regional', 'Gateway'),
  fc.integer(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 8 }),
);
/** A value: scalars, lists, objects, and intrinsics over them, nested. */
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'Cidr', 'Ref', 'Value', ...PROTOTYPE_NAMES), tie('v'), { maxKeys: 2 }),
    ids.map((id) => ({ Ref: id })),
    fc.tuple(ids, fc.constantFrom('CidrBlock', 'RouteTableId', 'Outputs.Y', 'Ref', 'Outputs.toString', 'toString')).map(([id, a]) => ({ 'Fn::GetAtt': [id, a] })),
    fc.tuple(ids, fc.constantFrom('CidrBlock', 'Outputs.Y')).map(([id, a]) => ({ 'Fn::GetAtt': `${id}.${a}` })),
    fc.tuple(fc.constantFrom('', '/', ','), tie('v')).map(([sep, list]) => ({ 'Fn::Join': [sep, list] })),
    fc.tuple(tie('v'), tie('v')).map(([i, list]) => ({ 'Fn::Select': [i, list] })),
    tie('v').map((x) => ({ 'Fn::Sub': x })),
    tie('v').map((x) => ({ 'Fn::ImportValue': x })),
    fc.tuple(tie('v'), tie('v'), tie('v')).map(([c, a, b]) => ({ 'Fn::If': [c, a, b] })),
    fc.constant({ Ref: 'AWS::NoValue' }),
  ),
})).v;

const TYPES = ['AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::RouteTable', 'AWS::EC2::SubnetRouteTableAssociation', 'AWS::EC2::Route', 'AWS::EC2::NatGateway',
  'AWS::EC2::VPNGateway', 'AWS::EC2::InternetGateway', 'AWS::EC2::VPNGatewayRoutePropagation', 'AWS::EC2::VPCEndpoint', 'AWS::EC2::PrefixList',
  'AWS::CloudFormation::Stack', 'AWS::EC2::VPCCidrBlock', 'Custom::Thing', ...PROTOTYPE_NAMES];
const PROPS = ['VpcId', 'CidrBlock', 'SubnetId', 'RouteTableId', 'RouteTableIds', 'DestinationCidrBlock', 'DestinationIpv6CidrBlock', 'DestinationPrefixListId',
  'GatewayId', 'NatGatewayId', 'VpcPeeringConnectionId', 'TransitGatewayId', 'ConnectivityType', 'AvailabilityMode', 'VpnGatewayId', 'ServiceName',
  'VpcEndpointType', 'Entries', 'Parameters', 'TemplateURL', ...PROTOTYPE_NAMES];

/** Mostly what a template holds there, sometimes any value at all. */
const mostly = <T>(usual: fc.Arbitrary<T>) => fc.oneof({ weight: 9, arbitrary: usual as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: value });

const resource = fc.record({
  Type: fc.oneof({ arbitrary: fc.constantFrom(...TYPES), weight: 9 }, { arbitrary: value, weight: 1 }),
  Properties: fc.oneof({ arbitrary: fc.dictionary(fc.constantFrom(...PROPS), value, { maxKeys: 5 }), weight: 9 }, { arbitrary: value, weight: 1 }),
  Condition: fc.option(fc.constantFrom('IsProd', 'Nope', 'Missing'), { nil: undefined }),
  Metadata: fc.option(fc.dictionary(fc.constantFrom('aws:cdk:path', 'cdk-nat-route-guard'), value, { maxKeys: 1 }), { nil: undefined }),
}, { requiredKeys: ['Type'] });

const template = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.record({
      Parameters: fc.option(fc.dictionary(ids, fc.record({ Type: fc.constant('String') }), { maxKeys: 2 }), { nil: undefined }),
      Resources: fc.oneof(
        { weight: 9, arbitrary: fc.dictionary(ids, mostly(resource), { minKeys: 1, maxKeys: 8 }) },
        { weight: 1, arbitrary: value },
      ),
      Outputs: fc.option(fc.dictionary(ids, fc.record({ Value: value, Export: fc.record({ Name: value }) }), { maxKeys: 2 }), { nil: undefined }),
      // Conditions as written, and as nobody should write them.
      Conditions: fc.option(fc.dictionary(fc.constantFrom('IsProd', 'Nope', ...PROTOTYPE_NAMES), fc.oneof(
        fc.tuple(value, value).map(([a, b]) => ({ 'Fn::Equals': [a, b] })),
        fc.array(fc.constantFrom({ Condition: 'IsProd' }, { Condition: 'Nope' }, { Condition: 'Missing' }), { maxLength: 3 }).map((xs) => ({ 'Fn::Or': xs })),
        fc.constantFrom({ Condition: 'IsProd' }, { 'Fn::Not': [{ Condition: 'Nope' }] }, { 'Fn::And': [] }),
        value,
      ), { maxKeys: 3 }), { nil: undefined }),
    }),
  },
  { weight: 1, arbitrary: value },
);

test(`${RUNS} odd templates, read together two at a time: no exception escapes the reader, the worlds, the model or the analysis`, () => {
  let withRecords = 0;
  let withFindings = 0;
  fc.assert(fc.property(template, template, fc.dictionary(ids, scalar, { maxKeys: 2 }), (a, b, parameters) => {
    const reading = readTemplates(
      [{ name: 'a.yaml', template: a, parameters }, { name: 'b.json', template: b }],
      (_parent, id) => (id === 'Nested' ? { name: 'nested.json', template: a } : undefined),
    );
    const findings = judgeReading(reading);
    if (reading.records.length > 0) withRecords++;
    if (findings.length > 0) withFindings++;
    // Every finding names where it is and starts with its rule id.
    for (const f of findings) {
      expect(typeof f.path === 'string' && f.path.length > 0).toBe(true);
      expect(f.message.startsWith(`[${f.ruleId}] `)).toBe(true);
    }
  }), { numRuns: RUNS, seed: SEED });
  // The generator reaches the model and the rules, not only the reader's first checks.
  expect(withRecords).toBeGreaterThan(RUNS / 4);
  expect(withFindings).toBeGreaterThan(RUNS / 10);
});
