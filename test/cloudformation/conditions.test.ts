/**
 * Conditions and alternatives (docs/conditions.md): templates whose routing CloudFormation decides at
 * deploy time, read by the template reader (what the plugin and the command line run) and judged
 * in every world.
 */
import { Finding } from '../../src/analysis/findings';
import { MAX_WORLDS } from '../../src/cloudformation/conditions/worlds';
import { judgeReading } from '../../src/engine/judge-reading';
import { readTemplates } from '../../src/readers/template/reader';
import { Resources, blogTemplate, ref, route } from '../fixtures/blog-template';

const NO_VALUE = { Ref: 'AWS::NoValue' };

/** The blog's VPC with a second NAT gateway (`Nat2`, table `PublicRt2`), conditions and parameters. */
function blog(extra: Resources, conditions: Resources = {}, parameters: string[] = []): unknown {
  const Parameters = Object.fromEntries(parameters.map((p) => [p, { Type: 'String', Default: 'true' }]));
  return blogTemplate(extra, { secondNat: true, sections: { Parameters, Conditions: conditions } });
}

const LEAK = { Leak: route('PublicRt', '192.168.1.0/24', { GatewayId: ref('Vgw') }) };
const OPEN = (param: string) => ({ 'Fn::Equals': [ref(param), 'true'] });

function judge(template: unknown, parameters?: Record<string, string>): Finding[] {
  return judgeReading(readTemplates([{ name: 't.json', template, parameters }]));
}
/** `rule @ logical id: message`, sorted. */
function summary(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.ruleId} @ ${f.path.replace(/^t\.json#/, '')}: ${f.message}`).sort();
}
const rules = (findings: readonly Finding[]) => findings.map((f) => `${f.ruleId} @ ${f.path.replace(/^t\.json#/, '')}`).sort();

test('the reader names the records whose values vary, wherever the Fn::If comes from (here an export of another template)', () => {
  const exporter = {
    Parameters: { Wide: { Type: 'String' } },
    Conditions: { UseWide: OPEN('Wide') },
    Resources: {},
    Outputs: { Dest: { Value: { 'Fn::If': ['UseWide', '192.168.0.0/16', '192.168.1.0/24'] }, Export: { Name: 'onprem-dest' } } },
  };
  const template = blog({
    Leak: route('PublicRt', { 'Fn::ImportValue': 'onprem-dest' }, { GatewayId: ref('Vgw') }),
    Direct: route('PrivateRt', { 'Fn::If': ['UseVpn', '10.9.0.0/16', ref('AWS::NoValue')] }, { GatewayId: ref('Vgw') }),
  }, { UseVpn: OPEN('VpnParam') }, ['VpnParam']);
  const reading = readTemplates([{ name: 'e.json', template: exporter }, { name: 't.json', template }]);
  expect(reading.mayVary.map((r) => r.path).sort()).toEqual(['t.json#Direct', 't.json#Leak']);
  // The imported alternative is judged in each world: the leak holds in both, so no condition is named.
  const findings = judgeReading(reading).filter((f) => f.path === 't.json#Leak');
  expect(findings.map((f) => f.ruleId)).toEqual(['NRG-VGW']);
  expect(findings[0].message).toMatch(/^\[NRG-VGW\] NAT gateway t\.json#Nat forwards 192\.168\.(0\.0\/16|1\.0\/24) /);
});

describe('a resource with a Condition exists only where its condition holds', () => {
  test('a conditional leak is reported, naming the condition it needs', () => {
    const findings = judge(blog({ Leak: route('PublicRt', '192.168.1.0/24', { GatewayId: ref('Vgw') }, { Condition: 'UseVpn' }) },
      { UseVpn: OPEN('VpnParam') }, ['VpnParam']));
    expect(rules(findings)).toEqual(['NRG-VGW @ Leak']);
    expect(findings[0].message).toMatch(/^\[NRG-VGW\] If condition UseVpn is true: NAT gateway t\.json#Nat forwards 192\.168\.1\.0\/24/);
  });

  test('a leak whose condition the template decides false is not created: no finding', () => {
    for (const expression of [{ 'Fn::Equals': ['a', 'b'] }, { 'Fn::Not': [{ 'Fn::Equals': [1, '1'] }] }, { 'Fn::And': [OPEN('P'), { 'Fn::Equals': ['x', 'y'] }] }]) {
      expect(judge(blog({ Leak: route('PublicRt', '192.168.1.0/24', { GatewayId: ref('Vgw') }, { Condition: 'Off' }) }, { Off: expression }, ['P']))).toEqual([]);
    }
  });

  test('a leak whose condition the template decides true is reported without naming it', () => {
    const findings = judge(blog({ Leak: route('PublicRt', '192.168.1.0/24', { GatewayId: ref('Vgw') }, { Condition: 'On' }) },
      { On: { 'Fn::Or': [OPEN('P'), { 'Fn::Equals': ['prod', 'prod'] }] } }, ['P']));
    expect(rules(findings)).toEqual(['NRG-VGW @ Leak']);
    expect(findings[0].message).toMatch(/^\[NRG-VGW\] NAT gateway/);
  });

  test('parameter values given decide conditions; defaults do not', () => {
    const template = blog({ Leak: route('PublicRt', '192.168.1.0/24', { GatewayId: ref('Vgw') }, { Condition: 'UseVpn' }) },
      { UseVpn: OPEN('VpnParam') }, ['VpnParam']);
    expect(judge(template, { VpnParam: 'false' })).toEqual([]);
    expect(summary(judge(template, { VpnParam: 'true' }))[0]).toMatch(/^NRG-VGW @ Leak: \[NRG-VGW\] NAT gateway/);
  });

  test('a conditional route that would shadow a leak protects only the worlds in which it exists', () => {
    const shadow = route('PrivateRt', '192.168.1.0/24', { GatewayId: ref('Vgw') }, { Condition: 'Direct' });
    const findings = judge(blog({ ...LEAK, Shadow: shadow }, { Direct: OPEN('P') }, ['P']));
    expect(rules(findings)).toEqual(['NRG-VGW @ Leak']);
    expect(findings[0].message).toMatch(/^\[NRG-VGW\] If condition Direct is false: /);
    // Unconditional, it protects every world.
    expect(judge(blog({ ...LEAK, Shadow: { ...shadow, Condition: undefined } }))).toEqual([]);
  });

  test('conditions on one parameter compared with different values are exclusive: two associations of a subnet are invalid only if some world has both', () => {
    const conditions = { IsProd: { 'Fn::Equals': [ref('Env'), 'prod'] }, IsDev: { 'Fn::Equals': [ref('Env'), 'dev'] } };
    const second = (condition: string) => ({
      Type: 'AWS::EC2::SubnetRouteTableAssociation', Condition: condition, Properties: { SubnetId: ref('Private'), RouteTableId: ref('PublicRt2') },
    });
    const exclusive = blog({ PrivateAssoc: { ...second('IsProd'), Properties: { SubnetId: ref('Private'), RouteTableId: ref('PrivateRt') } }, DevAssoc: second('IsDev') }, conditions, ['Env']);
    expect(rules(judge(exclusive))).toEqual([]);
    // Two open conditions on different parameters: some world has both.
    const both = blog({ PrivateAssoc: { ...second('A'), Properties: { SubnetId: ref('Private'), RouteTableId: ref('PrivateRt') } }, DevAssoc: second('B') },
      { A: OPEN('P1'), B: OPEN('P2') }, ['P1', 'P2']);
    const findings = judge(both);
    expect(rules(findings)).toEqual(['NRG-INVALID @ DevAssoc']);
    expect(findings[0].message).toMatch(/^\[NRG-INVALID\] If condition A is true and condition B is true: /);
  });
});

describe('Fn::If values are one of their branches; AWS::NoValue removes the property', () => {
  test('a target switched by Fn::If with AWS::NoValue is one target in each world', () => {
    const switched = {
      Type: 'AWS::EC2::Route',
      Properties: {
        RouteTableId: ref('PublicRt'),
        DestinationCidrBlock: '192.168.1.0/24',
        GatewayId: { 'Fn::If': ['UseVpn', ref('Vgw'), NO_VALUE] },
        NatGatewayId: { 'Fn::If': ['UseVpn', NO_VALUE, ref('Nat2')] },
      },
    };
    const findings = judge(blog({ Switched: switched }, { UseVpn: OPEN('P') }, ['P']));
    expect(rules(findings)).toEqual(['NRG-VGW @ Switched']);
    expect(findings[0].message).toMatch(/^\[NRG-VGW\] If condition UseVpn is true: /);
  });

  test('NatGatewayId: Fn::If(A, Nat, Nat2) feeds Nat where A holds and Nat2 elsewhere: the leak behind Nat is found', () => {
    const feed = route('PrivateRt', '0.0.0.0/0', { NatGatewayId: { 'Fn::If': ['A', ref('Nat'), ref('Nat2')] } });
    const findings = judge(blog({ PrivateDefault: feed, ...LEAK }, { A: OPEN('P') }, ['P']));
    expect(rules(findings)).toEqual(['NRG-VGW @ Leak']);
    expect(findings[0].message).toMatch(/^\[NRG-VGW\] If condition A is true: NAT gateway t\.json#Nat forwards/);
  });

  test('a ConnectivityType the worlds leave open is judged both ways', () => {
    const nat = { Type: 'AWS::EC2::NatGateway', Properties: { SubnetId: ref('Public'), ConnectivityType: { 'Fn::If': ['Private', 'private', 'public'] } } };
    const findings = judge(blog({ Nat: nat }, { Private: OPEN('P') }, ['P']));
    expect(rules(findings)).toEqual(['NRG-PRIVATE-IGW @ PublicDefault']);
    expect(findings[0].message).toMatch(/^\[NRG-PRIVATE-IGW\] If condition Private is true: /);
  });

  test('a leak in every world is reported once, without conditions', () => {
    const either = route('PublicRt', '192.168.1.0/24', { GatewayId: { 'Fn::If': ['A', ref('Vgw'), ref('Vgw')] } });
    const findings = judge(blog({ Leak: either }, { A: OPEN('P') }, ['P']));
    expect(summary(findings)).toHaveLength(1);
    expect(findings[0].message).toMatch(/^\[NRG-VGW\] NAT gateway/);
  });

  test('an Fn::If over a condition the template does not define is judged both ways, never trusted', () => {
    const findings = judge(blog({ Leak: route('PublicRt', '192.168.1.0/24', { GatewayId: { 'Fn::If': ['Nowhere', ref('Vgw'), ref('Igw')] } }) }));
    expect(rules(findings)).toEqual(['NRG-VGW @ Leak']);
  });
});

test(`more than ${MAX_WORLDS} worlds: conditions judged independently, and the guard says so once`, () => {
  const params = Array.from({ length: 13 }, (_, i) => `P${i}`);
  const conditions = Object.fromEntries(params.map((p) => [`C${p}`, OPEN(p)]));
  const extra = Object.fromEntries(params.map((p, i) => [`R${p}`, route('PrivateRt', `172.16.${i}.0/24`, { GatewayId: ref('Igw') }, { Condition: `C${p}` })]));
  const findings = judge(blog({ ...extra, ...LEAK }, conditions, params));
  expect(rules(findings)).toEqual(['NRG-UNRESOLVED @ t.json', 'NRG-VGW @ Leak']);
  expect(findings.find((f) => f.ruleId === 'NRG-UNRESOLVED')!.message).toMatch(/more than 4096 combinations/);
});

test('an app without conditions is judged once, as before', () => {
  expect(rules(judge(blog(LEAK)))).toEqual(['NRG-VGW @ Leak']);
});

test('a route that concerns one NAT gateway in some worlds and another in the others names both', () => {
  // Both NAT gateways' subnets use the public table (the leak's); the private table feeds Nat2
  // where A holds and Nat elsewhere.
  const feed = route('PrivateRt', '0.0.0.0/0', { NatGatewayId: { 'Fn::If': ['A', ref('Nat2'), ref('Nat')] } });
  const shared = {
    Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: ref('Public2'), RouteTableId: ref('PublicRt') },
  };
  const findings = judge(blog({ PrivateDefault: feed, Public2Assoc: shared, ...LEAK }, { A: OPEN('P') }, ['P']));
  expect(rules(findings)).toEqual(['NRG-VGW @ Leak']);
  expect(findings[0].message).toMatch(/^\[NRG-VGW\] NAT gateway t\.json#Nat2 and NAT gateway t\.json#Nat forward 192\.168\.1\.0\/24/);
});
