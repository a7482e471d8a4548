/**
 * How every door lays a finding out (docs/judging.md, "Messages"): a first line that fits a
 * terminal, then the path, the fix and how to acknowledge on their own lines, nothing dropped.
 */
import { analyze } from '../../src/analysis/analyze';
import { Finding, POLICY_NOTE, messageParts, oneFindingPerConstruct } from '../../src/analysis/findings';
import { RULE_TABLE, RuleId } from '../../src/analysis/rule-table';
import { HEADLINE_LIMIT, headlineOf, layOut, layoutText } from '../../src/doors/shared/layout';
import { ModelDsl, igw, nat, pcx, target, vgw } from '../analysis/model-dsl';

const ALL = new Set(RULE_TABLE.map((r) => r.id as RuleId));

/** A VPC as deep in a CDK Pipelines app as they come: every path 60-90 characters. */
const P = 'NetworkPipeline/Production/EuWest1/SharedNetworkingStack/EgressVpc';
const t = (name: string) => `${P}/${name}/RouteTable`;

/** One model with a finding of every rule the analysis decides on its own. */
function everyRule(): Finding[] {
  const m = new ModelDsl()
    .table(t('PrivateSubnet1')).route(t('PrivateSubnet1'), '0.0.0.0/0', nat(`${P}/PublicSubnet1/NATGateway`), 'DefaultRoute')
    .table(t('PublicSubnet1'))
    .route(t('PublicSubnet1'), '0.0.0.0/0', igw(`${P}/InternetGateway`), 'DefaultRoute')
    .route(t('PublicSubnet1'), '192.168.1.0/24', vgw(`${P}/VpnGateway`), 'OnPremisesDataCentre')
    .route(t('PublicSubnet1'), '172.16.0.0/12', pcx(`${P}/PeeringToSharedServices`), 'SharedServicesPeering')
    .route(t('PublicSubnet1'), '?Ref(PartnerRange)', target('unknown-gateway', `${P}/PartnerGateway`), 'PartnerRange')
    .nat(`${P}/PublicSubnet1/NATGateway`, t('PublicSubnet1'))
    .table(t('IsolatedSubnet1')).route(t('IsolatedSubnet1'), '10.50.0.0/16', nat(`${P}/IsolatedSubnet1/PrivateNat`), 'ToPartner')
    .table(t('TransitSubnet1')).route(t('TransitSubnet1'), '0.0.0.0/0', igw(`${P}/InternetGateway`), 'Default')
    .nat(`${P}/IsolatedSubnet1/PrivateNat`, t('TransitSubnet1'), { private: true })
    .nat(`${P}/Unassociated/NATGateway`, undefined)
    .propagate(`${P}/VpnGateway/RoutePropagation`, `${P}/VpnGateway`, [t('PublicSubnet1')])
    .endpoint(`${P}/S3GatewayEndpoint`, 'com.amazonaws.eu-west-1.s3', [t('PublicSubnet1')]);
  return analyze(m.build(), ALL);
}

const sentencesOf = (message: string) => {
  const { first } = messageParts(message);
  const fixAt = message.indexOf(' Fix: ');
  const middle = message.slice(first.length, fixAt).trim();
  return middle === '' ? [] : middle.split(/(?<=\.)\s+(?=[A-Z(])/);
};

describe('the short form', () => {
  const findings = everyRule();

  test('covers every rule that judges routes, with paths a pipeline app has', () => {
    expect(new Set(findings.map((f) => f.ruleId))).toEqual(new Set(['NRG-VGW', 'NRG-PCX', 'NRG-PROPAGATION', 'NRG-PRIVATE-IGW', 'NRG-VPCE', 'NRG-UNRESOLVED']));
    // Without the layout, these first sentences do not fit a terminal.
    expect(Math.max(...findings.map((f) => messageParts(f.message).first.length))).toBeGreaterThan(HEADLINE_LIMIT + 50);
  });

  test.each(everyRule().map((f) => [f.ruleId, f.path, f] as const))('%s on %s: the first line fits, names the rule, and the rest follows on its own lines', (ruleId, _path, f) => {
    const laid = layOut(f);
    expect(laid.headline.length).toBeLessThanOrEqual(HEADLINE_LIMIT);
    expect(laid.headline.startsWith(`[${ruleId}] `)).toBe(true);
    expect(laid.headline).not.toContain('\n');
    expect(laid.details.filter((d) => d.startsWith('Fix: '))).toHaveLength(1);
    expect(laid.details).toContain(`Acknowledge (if this is intended): NatRouteGuard.acknowledge(construct, '${ruleId}', '<reason>') on this construct or a scope above it`);
    expect(laid.details[laid.details.length - 1]).toBe(`Rule: https://github.com/cdk-nat-route-guard/cdk-nat-route-guard/blob/main/docs/rules/${ruleId}.md`);
    // The fix is only the fix: how to acknowledge has its own line.
    expect(laid.fix).not.toMatch(/acknowledge:/);
  });

  test.each(everyRule().map((f) => [f.ruleId, f.path, f] as const))('%s on %s: nothing is lost, every name is shown in full', (_id, _path, f) => {
    const laid = layOut(f);
    const text = layoutText(laid);
    // Every path the analysis named is in the text whole (on the path line, or the sentence in full).
    for (const p of f.message.match(/NetworkPipeline\/[^\s(),;]*[^\s(),;.]/g) ?? []) expect([p, text.includes(p)]).toEqual([p, true]);
    // Every sentence is kept, but the policy note (the rule's page says it) and the plain feed (the path line shows it).
    for (const s of sentencesOf(f.message)) {
      const dropped = s === POLICY_NOTE || (f.trail !== undefined && /^That traffic comes from .* -> NAT gateway, route [^)]+\)\.$/.test(s));
      expect([s, laid.details.includes(s)]).toEqual([s, !dropped]);
    }
  });

  test('the long form keeps every sentence', () => {
    for (const f of findings) {
      const laid = layOut(f, { verbose: true });
      for (const s of sentencesOf(f.message)) expect([s, laid.details.includes(s)]).toEqual([s, true]);
    }
  });

  test('a route\'s first line: the table is left out (the path line names it), then the leading ids of every path', () => {
    const vgwFinding = findings.find((f) => f.ruleId === 'NRG-VGW')!;
    const laid = layOut(vgwFinding);
    expect(laid.headline.length).toBeLessThanOrEqual(HEADLINE_LIMIT);
    expect(laid.headline).toMatch(/^\[NRG-VGW\] NAT gateway …\/(\w+\/)*PublicSubnet1\/NATGateway forwards 192\.168\.1\.0\/24 to virtual private gateway …\/(\w+\/)*VpnGateway \(VPN \/ Direct Connect\) through route …\/(\w+\/)*OnPremisesDataCentre\.$/);
    expect(laid.details[0]).toBe(`Path: ${t('PrivateSubnet1')} (0.0.0.0/0 -> NAT gateway, route ${t('PrivateSubnet1')}/DefaultRoute) -> NAT gateway ${P}/PublicSubnet1/NATGateway -> `
      + `route ${t('PublicSubnet1')}/OnPremisesDataCentre (192.168.1.0/24) in ${t('PublicSubnet1')} -> virtual private gateway ${P}/VpnGateway (VPN / Direct Connect)`);
  });
});

test('a first line that fits is left whole; CIDRs, prefix lists and dynamic references are never taken for paths', () => {
  expect(headlineOf('[NRG-VGW] NAT gateway S/Nat forwards 10.0.0.0/8 to virtual private gateway S/Vgw through route S/Pub/Rt in S/Pub.', true))
    .toEqual({ headline: '[NRG-VGW] NAT gateway S/Nat forwards 10.0.0.0/8 to virtual private gateway S/Vgw through route S/Pub/Rt in S/Pub.', shortened: false, cut: false });
  const long = `[NRG-VGW] NAT gateway ${P}/Nat forwards traffic for {{resolve:ssm:/net/onprem/cidr}} (unresolved) and 2001:db8::/32 to ${P}/Vgw through route ${P}/PublicSubnet1/R in ${P}/T.`;
  const { headline } = headlineOf(long, true);
  expect(headline).toContain('{{resolve:ssm:/net/onprem/cidr}}');
  expect(headline).toContain('2001:db8::/32');
  expect(headline.length).toBeLessThanOrEqual(HEADLINE_LIMIT);
});

test('a first sentence that no shortening makes fit is cut, and given in full on the next line', () => {
  const id = 'A'.repeat(250);
  const f: Finding = { ruleId: 'NRG-UNRESOLVED', path: id, message: `[NRG-UNRESOLVED] The route table of NAT gateway ${id} cannot be determined. Fix: associate its subnet.` };
  const laid = layOut(f);
  expect(laid.headline).toHaveLength(HEADLINE_LIMIT);
  expect(laid.headline.endsWith('…')).toBe(true);
  expect(laid.details[0]).toBe(`In full: [NRG-UNRESOLVED] The route table of NAT gateway ${id} cannot be determined.`);
});

test('a plain template\'s finding advises its resource Metadata', () => {
  const f: Finding = {
    ruleId: 'NRG-VGW',
    path: 'vpc.yaml#OnPrem',
    message: '[NRG-VGW] NAT gateway vpc.yaml#Nat forwards 10.0.0.0/8 to virtual private gateway vpc.yaml#Vgw through route vpc.yaml#OnPrem in vpc.yaml#Pub. '
      + 'Fix: route 10.0.0.0/8 from the private tables, or acknowledge: resource Metadata { "cdk-nat-route-guard": { "acknowledge": { "NRG-VGW": "<reason>" } } }.',
  };
  expect(layOut(f).details).toEqual([
    'Fix: route 10.0.0.0/8 from the private tables.',
    'Acknowledge (if this is intended): resource Metadata { "cdk-nat-route-guard": { "acknowledge": { "NRG-VGW": "<reason>" } } }',
    'Rule: https://github.com/cdk-nat-route-guard/cdk-nat-route-guard/blob/main/docs/rules/NRG-VGW.md',
  ]);
});

test('findings merged on one construct keep each their first line and fix, one acknowledgement line for all', () => {
  const m = new ModelDsl()
    .table('priv').route('priv', '0.0.0.0/0', nat('nat'), 'default').route('priv', '10.9.0.0/16', target('unknown-gateway', 'Ref(Gw)'), 'x')
    .table('pub').route('pub', '0.0.0.0/0', igw(), 'default').nat('nat', 'pub')
    .problem({ kind: 'unresolved', path: 'pub/default', message: 'First problem. Fix: one, or acknowledge the route.' })
    .problem({ kind: 'unresolved', path: 'pub/default', message: 'Second problem. Fix: two.' });
  const merged = oneFindingPerConstruct(analyze(m.build(), ALL)).find((f) => f.path === 'pub/default')!;
  const laid = layOut(merged);
  expect(laid.headline).toBe('[NRG-UNRESOLVED] First problem.');
  expect(laid.details).toEqual([
    'Fix: one, or acknowledge the route.',
    'Also: Second problem.',
    'Fix: two.',
    'Acknowledge (if this is intended): NatRouteGuard.acknowledge(construct, \'NRG-UNRESOLVED\', \'<reason>\') on this construct or a scope above it',
    'Rule: https://github.com/cdk-nat-route-guard/cdk-nat-route-guard/blob/main/docs/rules/NRG-UNRESOLVED.md',
  ]);
});
