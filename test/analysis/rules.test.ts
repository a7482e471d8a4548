import { ModelDsl, blog, igw, nat, pcx, target, tgw, vgw } from './model-dsl';
import { analyze } from '../../src/analysis/analyze';
import { RuleId } from '../../src/analysis/rule-table';
import { RoutingModel } from '../../src/model/model';

const ALL_ON = new Set<RuleId>(['NRG-VGW', 'NRG-PCX', 'NRG-PROPAGATION', 'NRG-PRIVATE-IGW', 'NRG-VPCE', 'NRG-TGW', 'NRG-UNRESOLVED', 'NRG-INVALID']);
const DEFAULT_ON = new Set<RuleId>([...ALL_ON].filter((r) => r !== 'NRG-TGW'));

/** `rule @ path` for every finding, sorted. */
function verdicts(m: ModelDsl | RoutingModel, rules = DEFAULT_ON): string[] {
  const model = m instanceof ModelDsl ? m.build() : m;
  return analyze(model, rules).map((f) => `${f.ruleId} @ ${f.path}`).sort();
}
function messages(m: ModelDsl, rules = DEFAULT_ON): string[] {
  return analyze(m.build(), rules).map((f) => f.message);
}

describe('worked examples of docs/judging.md', () => {
  test('1. the blog: the public table sends 192.168.1.0/24 to the VGW', () => {
    const m = blog().route('pub', '192.168.1.0/24', vgw(), 'onprem');
    expect(verdicts(m)).toEqual(['NRG-VGW @ pub/onprem']);
    const [msg] = messages(m);
    expect(msg).toMatch(/^\[NRG-VGW\] NAT gateway nat forwards 192\.168\.1\.0\/24 to virtual private gateway vgw \(VPN \/ Direct Connect\) through route pub\/onprem/);
    expect(msg).toContain('That traffic comes from priv (0.0.0.0/0 -> NAT gateway, route priv/default)');
    expect(msg).toContain("acknowledge({ id: 'NRG-VGW'");
    expect(msg).not.toMatch(/drops/);
  });

  test('2. the private table routes the range to the VGW itself: no finding', () => {
    const m = blog().route('pub', '192.168.1.0/24', vgw(), 'onprem').route('priv', '192.168.1.0/24', vgw(), 'onprem');
    expect(verdicts(m)).toEqual([]);
  });

  test('3. the private table covers only half: the other half is the example', () => {
    const m = blog().route('pub', '192.168.1.0/24', vgw(), 'onprem').route('priv', '192.168.1.0/25', vgw(), 'half');
    expect(verdicts(m)).toEqual(['NRG-VGW @ pub/onprem']);
    expect(messages(m)[0]).toContain('forwards 192.168.1.128/25 to virtual private gateway');
  });

  test('4. centralized egress through a transit gateway: off by default, NRG-TGW when turned on', () => {
    const m = new ModelDsl()
      .table('attach').route('attach', '0.0.0.0/0', nat('nat'), 'default')
      .table('pub').route('pub', '0.0.0.0/0', igw(), 'default').route('pub', '10.0.0.0/8', tgw(), 'tgw')
      .nat('nat', 'pub');
    expect(verdicts(m)).toEqual([]);
    expect(verdicts(m, ALL_ON)).toEqual(['NRG-TGW @ pub/tgw']);
  });

  test('6. a firewall endpoint in the NAT table is not a finding', () => {
    const m = new ModelDsl()
      .table('priv').route('priv', '0.0.0.0/0', nat('nat'), 'default')
      .table('pub').route('pub', '0.0.0.0/0', target('gwlb-endpoint', 'vpce-0fw'), 'firewall')
      .table('fw').route('fw', '0.0.0.0/0', igw(), 'default')
      .nat('nat', 'pub');
    expect(verdicts(m, ALL_ON)).toEqual([]);
  });

  test('7. NAT64 inflow is all of IPv4', () => {
    const m = new ModelDsl()
      .table('priv').route('priv', '64:ff9b::/96', nat('nat'), 'nat64')
      .table('pub').route('pub', '192.168.1.0/24', vgw(), 'onprem')
      .nat('nat', 'pub');
    expect(verdicts(m)).toEqual(['NRG-VGW @ pub/onprem']);
    expect(messages(m)[0]).toContain('translated to IPv4 by NAT64');
  });
});

describe('forbidden targets', () => {
  test('peering, private NAT to an internet gateway, and harmless targets', () => {
    const m = new ModelDsl()
      .table('priv').route('priv', '0.0.0.0/0', nat('pnat'), 'default')
      .table('pub')
      .route('pub', '0.0.0.0/0', igw(), 'default')
      .route('pub', '172.16.0.0/12', pcx(), 'peer')
      .route('pub', '100.64.0.0/10', target('eni', 'eni-1'), 'appliance')
      .route('pub', '198.18.0.0/15', target('instance', 'i-1'), 'instance')
      .route('pub', '192.0.2.0/24', nat('other'), 'chain')
      .route('pub', '203.0.113.0/24', target('local-gateway', 'lgw-1'), 'lgw')
      .nat('pnat', 'pub', { private: true });
    expect(verdicts(m)).toEqual(['NRG-PCX @ pub/peer', 'NRG-PRIVATE-IGW @ pub/default']);
    const igwMsg = messages(m).find((x) => x.startsWith('[NRG-PRIVATE-IGW]'))!;
    expect(igwMsg).toContain('private NAT gateway pnat');
    expect(igwMsg).toContain('AWS drops');
  });

  test('a public NAT gateway to an internet gateway is normal', () => {
    expect(verdicts(blog())).toEqual([]);
  });

  test('a NAT gateway that nothing feeds carries no traffic', () => {
    const m = new ModelDsl().table('pub').route('pub', '192.168.1.0/24', vgw(), 'onprem').nat('nat', 'pub')
      .table('orphan', false).route('orphan', '0.0.0.0/0', nat('nat'), 'default');
    expect(verdicts(m, ALL_ON)).toEqual([]);
  });

  test('a feed route shadowed everywhere feeds nothing', () => {
    const m = new ModelDsl()
      .table('priv').route('priv', '10.0.0.0/8', nat('nat'), 'wide')
      .route('priv', '10.0.0.0/9', vgw(), 'lo').route('priv', '10.128.0.0/9', vgw(), 'hi')
      .table('pub').route('pub', '10.0.0.0/8', vgw(), 'onprem')
      .nat('nat', 'pub');
    expect(verdicts(m)).toEqual([]);
  });

  test('a forbidden route shadowed inside the NAT table carries nothing', () => {
    const m = blog()
      .route('pub', '192.168.1.0/24', vgw(), 'onprem')
      .route('pub', '192.168.1.0/25', igw(), 'low').route('pub', '192.168.1.128/25', igw(), 'high');
    expect(verdicts(m)).toEqual([]);
  });

  test('a route outside the inflow is not a finding', () => {
    const m = new ModelDsl()
      .table('priv').route('priv', '10.0.0.0/8', nat('nat'), 'corp')
      .table('pub').route('pub', '0.0.0.0/0', igw(), 'default').route('pub', '192.168.0.0/16', vgw(), 'onprem')
      .nat('nat', 'pub');
    expect(verdicts(m)).toEqual([]);
  });

  test('IPv6 peering route fed by IPv6 traffic', () => {
    const m = new ModelDsl()
      .table('priv').route('priv', '2001:db8::/32', nat('nat'), 'v6')
      .table('pub').route('pub', '2001:db8:1::/48', pcx(), 'peer6')
      .nat('nat', 'pub');
    expect(verdicts(m)).toEqual(['NRG-PCX @ pub/peer6']);
    expect(messages(m)[0]).toContain('forwards 2001:db8:1::/48');
  });

  test('two prefix lists tying: if either choice is a finding, it is reported', () => {
    const m = blog().route('pub', 'pl:a=192.168.0.0/16', vgw(), 'a').route('pub', 'pl:b=192.168.0.0/16', igw(), 'b');
    expect(verdicts(m)).toEqual(['NRG-VGW @ pub/a']);
  });
});

describe('unknown values', () => {
  test('an unresolved forbidden destination fails closed, and says so', () => {
    const m = blog().route('pub', '?Ref(OnPremCidr)', vgw(), 'onprem');
    expect(verdicts(m)).toEqual(['NRG-VGW @ pub/onprem']);
    expect(messages(m)[0]).toContain('could not be resolved');
  });

  test('shadowed when every feeding table routes the same expression elsewhere', () => {
    const m = blog().route('pub', '?Ref(OnPremCidr)', vgw(), 'onprem').route('priv', '?Ref(OnPremCidr)', vgw(), 'onprem');
    expect(verdicts(m)).toEqual([]);
    m.table('priv2').route('priv2', '0.0.0.0/0', nat('nat'), 'default');
    expect(verdicts(m)).toEqual(['NRG-VGW @ pub/onprem']);
  });

  test('the same expression routed to the NAT gateway itself does not shadow', () => {
    const m = blog().route('pub', '?Ref(OnPremCidr)', vgw(), 'onprem').route('priv', '?Ref(OnPremCidr)', nat('nat'), 'alsoNat');
    expect(verdicts(m)).toEqual(['NRG-VGW @ pub/onprem']);
  });

  test('a prefix list of the same key in a feeding table shadows an opaque prefix-list route', () => {
    const m = blog().route('pub', 'pl:pl-corp', vgw(), 'corp').route('priv', 'pl:pl-corp', vgw(), 'corp');
    expect(verdicts(m)).toEqual([]);
  });

  test('a different expression does not shadow', () => {
    const m = blog().route('pub', '?Ref(OnPremCidr)', vgw(), 'onprem').route('priv', '?Ref(OtherCidr)', vgw(), 'other');
    expect(verdicts(m)).toEqual(['NRG-VGW @ pub/onprem']);
  });

  test('an unresolved feed reports every forbidden route of the NAT table', () => {
    const m = new ModelDsl()
      .table('priv').route('priv', '?ImportValue(Shared-Cidr)', nat('nat'), 'imported')
      .table('pub').route('pub', '0.0.0.0/0', igw(), 'default')
      .route('pub', '192.168.0.0/16', vgw(), 'onprem').route('pub', '172.16.0.0/12', pcx(), 'peer')
      .nat('nat', 'pub');
    expect(verdicts(m)).toEqual(['NRG-PCX @ pub/peer', 'NRG-VGW @ pub/onprem']);
    expect(messages(m)[0]).toContain('may come from priv');
  });

  test('a GatewayId that is neither provably an IGW nor a VGW, carrying NAT traffic', () => {
    const m = blog().route('pub', '192.168.1.0/24', target('unknown-gateway', 'Ref(GatewayParam)'), 'mystery');
    expect(verdicts(m)).toEqual(['NRG-UNRESOLVED @ pub/mystery']);
  });

  test('a NAT gateway whose table cannot be determined', () => {
    const m = new ModelDsl().table('priv').route('priv', '0.0.0.0/0', nat('nat'), 'default').nat('nat', undefined);
    expect(verdicts(m)).toEqual(['NRG-UNRESOLVED @ nat']);
  });

  test('an unresolved IPv4 destination is not reached by IPv6-only inflow', () => {
    const m = new ModelDsl()
      .table('priv').route('priv', '2001:db8::/32', nat('nat'), 'v6')
      .table('pub').route('pub', '?Ref(OnPremCidr)', vgw(), 'onprem')
      .nat('nat', 'pub');
    expect(verdicts(m)).toEqual([]);
  });
});

describe('NRG-PROPAGATION', () => {
  const exempt = () => blog().propagate('prop-pub', 'vgw', ['pub']).propagate('prop-priv', 'vgw', ['priv']);

  test('exempt when all three conditions hold', () => {
    expect(verdicts(exempt())).toEqual([]);
  });

  test('reported when a feeding table does not propagate the same VGW', () => {
    expect(verdicts(blog().propagate('prop-pub', 'vgw', ['pub']))).toEqual(['NRG-PROPAGATION @ prop-pub']);
    expect(verdicts(blog().propagate('prop-pub', 'vgw', ['pub']).propagate('prop-priv', 'other', ['priv'])))
      .toEqual(['NRG-PROPAGATION @ prop-pub']);
  });

  test('reported when a feeding route is not a static IPv4 default route', () => {
    const m = exempt().table('corp').route('corp', '10.0.0.0/8', nat('nat'), 'corp').propagate('prop-corp', 'vgw', ['corp']);
    expect(verdicts(m)).toEqual(['NRG-PROPAGATION @ prop-pub']);
  });

  test('reported when the NAT table has no static IPv4 default route', () => {
    const m = new ModelDsl()
      .table('priv').route('priv', '0.0.0.0/0', nat('nat'), 'default')
      .table('pub').route('pub', '0.0.0.0/1', igw(), 'half1').route('pub', '128.0.0.0/1', igw(), 'half2')
      .nat('nat', 'pub').propagate('prop-pub', 'vgw', ['pub']).propagate('prop-priv', 'vgw', ['priv']);
    expect(verdicts(m)).toEqual(['NRG-PROPAGATION @ prop-pub']);
  });

  test('exempt with more routes in the NAT table besides the static default', () => {
    expect(verdicts(exempt().route('pub', '198.51.100.0/24', igw(), 'partner'))).toEqual([]);
  });

  test('reported when only some of several feeding tables propagate the VGW', () => {
    const m = exempt().table('priv2').route('priv2', '0.0.0.0/0', nat('nat'), 'default');
    expect(verdicts(m)).toEqual(['NRG-PROPAGATION @ prop-pub']);
    // The message names the table that breaks the exemption.
    expect(messages(m)[0]).toContain('That traffic comes from priv2 (0.0.0.0/0 -> NAT gateway, route priv2/default)');
  });

  test('a default route that is not static (the local route) does not exempt', () => {
    const m = new ModelDsl()
      .table('priv').route('priv', '0.0.0.0/0', nat('nat'), 'default')
      .table('pub').local('pub', '0.0.0.0/0')
      .nat('nat', 'pub').propagate('prop-pub', 'vgw', ['pub']).propagate('prop-priv', 'vgw', ['priv']);
    expect(verdicts(m)).toEqual(['NRG-PROPAGATION @ prop-pub']);
  });

  test('propagation into tables that feed the NAT gateway is fine', () => {
    expect(verdicts(blog().propagate('prop-priv', 'vgw', ['priv']))).toEqual([]);
  });

  test('not reported for a NAT gateway nothing feeds', () => {
    const m = new ModelDsl().table('pub').route('pub', '0.0.0.0/0', igw(), 'default').nat('nat', 'pub').propagate('p', 'vgw', ['pub']);
    expect(verdicts(m)).toEqual([]);
  });
});

describe('NRG-VPCE', () => {
  test('endpoint on every table: no finding', () => {
    expect(verdicts(blog().endpoint('s3', 'com.amazonaws.s3', ['priv', 'pub']))).toEqual([]);
  });

  test('endpoint on the NAT table only: the feeding table sends S3 traffic through the NAT gateway', () => {
    const m = blog().endpoint('s3', 'com.amazonaws.s3', ['pub']);
    expect(verdicts(m)).toEqual(['NRG-VPCE @ s3']);
    expect(messages(m)[0]).toContain('associate the endpoint with priv');
  });

  test('an endpoint of another service on the feeding table does not help', () => {
    const m = blog().endpoint('s3', 'com.amazonaws.s3', ['pub']).endpoint('ddb', 'com.amazonaws.dynamodb', ['priv']);
    expect(verdicts(m)).toEqual(['NRG-VPCE @ s3']);
  });

  test('a feed of private ranges only cannot cover a service prefix list', () => {
    const m = new ModelDsl()
      .table('priv').route('priv', '10.0.0.0/8', nat('nat'), 'corp')
      .table('pub').route('pub', '0.0.0.0/0', igw(), 'default')
      .nat('nat', 'pub').endpoint('s3', 'com.amazonaws.s3', ['pub']);
    expect(verdicts(m)).toEqual([]);
  });
});

describe('routes EC2 would refuse (NRG-INVALID)', () => {
  test('two routes with one destination in one table: the second is invalid, naming the first', () => {
    const m = blog().route('pub', '192.168.1.0/24', igw(), 'first').route('pub', '192.168.1.0/24', vgw(), 'second');
    expect(verdicts(m)).toContain('NRG-INVALID @ pub/second');
    expect(verdicts(m)).not.toContain('NRG-INVALID @ pub/first');
    expect(messages(m).find((x) => x.startsWith('[NRG-INVALID]'))).toBe(
      '[NRG-INVALID] Route pub/second has the same destination (192.168.1.0/24) as route pub/first in route table pub; a table holds one route per destination. '
      + 'CloudFormation would reject it. Fix: keep one of the two routes.');
    // The same prefix in two tables, or an IPv4 and an IPv6 route, are fine.
    expect(verdicts(blog().route('pub', '192.168.1.0/24', vgw(), 'a').route('priv', '192.168.1.0/24', vgw(), 'b'))).toEqual([]);
  });

  test('one prefix list, or one unresolved expression of one family, twice in a table: the second is invalid', () => {
    const twice = (d1: string, d2: string) => verdicts(new ModelDsl().table('t').route('t', d1, vgw(), 'one').route('t', d2, pcx(), 'two'))
      .filter((v) => v.startsWith('NRG-INVALID'));
    expect(twice('pl:pl-1=10.9.0.0/16', 'pl:pl-1=10.9.0.0/16')).toEqual(['NRG-INVALID @ t/two']);
    expect(twice('pl:pl-1=10.9.0.0/16', 'pl:pl-2=10.9.0.0/16')).toEqual([]);
    expect(twice('?Ref X', '?Ref X')).toEqual(['NRG-INVALID @ t/two']);
    expect(twice('?Ref X', '?Ref Y')).toEqual([]);
    // The same expression as an IPv4 and as an IPv6 destination: two routes.
    expect(twice('?Ref X', '?Ref Xv6')).toEqual([]);
    expect(twice('?Ref X', '10.9.0.0/16')).toEqual([]);
  });

  // Small tables are searched route by route, large ones through maps: both must agree.
  test.each([0, 40])('repeated destinations in a table with %i other routes: each repeat names the first, kinds and families apart', (others) => {
    let m = new ModelDsl().table('t');
    for (let i = 0; i < others; i++) m = m.route('t', `10.200.${i}.0/24`, vgw(), `pad${i}`);
    m = m.route('t', '192.168.1.0/24', igw(), 'a').route('t', 'pl:pl-1=10.9.0.0/16', vgw(), 'b').route('t', '?Ref X', vgw(), 'c')
      .route('t', '?Ref X', pcx(), 'c2').route('t', '?Ref Xv6', pcx(), 'c6').route('t', '192.168.1.0/24', vgw(), 'a2')
      .route('t', 'pl:pl-1=10.9.0.0/16', pcx(), 'b2').route('t', '192.168.1.0/24', pcx(), 'a3').route('t', 'pl:pl-2=10.9.0.0/16', pcx(), 'other')
      // One expression as an IPv4, an IPv6 and a destination of either family: three routes; the IPv6 one twice: a repeat.
      .route('t', '?4:Ref D', vgw(), 'd4').route('t', '?6:Ref D', vgw(), 'd6').route('t', '?any:Ref D', vgw(), 'd').route('t', '?6:Ref D', pcx(), 'd6b');
    const invalid = messages(m).filter((x) => x.startsWith('[NRG-INVALID]')).map((x) => x.match(/^\[NRG-INVALID\] Route (\S+) .* as route (\S+) /)!.slice(1).join(' <- '));
    expect(invalid.sort()).toEqual(['t/a2 <- t/a', 't/a3 <- t/a', 't/b2 <- t/b', 't/c2 <- t/c', 't/d6b <- t/d6']);
  });

  test('a route more specific than the local route: only to a NAT gateway, an ENI or a GWLB endpoint', () => {
    const base = () => blog().local('pub', '10.0.0.0/16').local('priv', '10.0.0.0/16');
    expect(verdicts(base().route('pub', '10.0.1.0/24', vgw(), 'inside'))).toEqual(['NRG-INVALID @ pub/inside']);
    expect(messages(base().route('pub', '10.0.1.0/24', pcx(), 'inside'))[0]).toMatch(
      /^\[NRG-INVALID\] Route pub\/inside sends 10\.0\.1\.0\/24, inside the VPC's local range 10\.0\.0\.0\/16, to VPC peering connection pcx in route table pub; AWS accepts/);
    // The whole message, and the last block of the range (its end is inside too).
    expect(messages(base().route('pub', '10.0.255.0/24', vgw(), 'end')).filter((m) => m.startsWith('[NRG-INVALID]'))).toEqual([
      '[NRG-INVALID] Route pub/end sends 10.0.255.0/24, inside the VPC\'s local range 10.0.0.0/16, to virtual private gateway vgw (VPN / Direct Connect) '
      + 'in route table pub; AWS accepts a route more specific than the local route only to a NAT gateway, a network interface or a Gateway Load Balancer endpoint. '
      + 'CloudFormation would reject it. Fix: route a destination outside the VPC\'s CIDR blocks, or send the subnet\'s range to a network interface or Gateway Load Balancer endpoint.',
    ]);
    for (const ok of [target('eni', 'eni-1'), target('gwlb-endpoint', 'vpce-1'), target('instance', 'i-1'), target('unknown-gateway', 'Ref Gw')]) {
      expect(verdicts(base().route('priv', '10.0.1.0/24', ok, 'middlebox'))).not.toContain('NRG-INVALID @ priv/middlebox');
    }
    // Outside the local range, or the local range itself written again as a wider route: not this rule.
    expect(verdicts(base().route('priv', '10.1.0.0/24', vgw(), 'outside'))).toEqual([]);
    expect(verdicts(base().route('priv', '10.0.0.0/8', vgw(), 'wider'))).toEqual([]);
  });
});

describe('reader problems', () => {
  test('invalid and unresolved problems become findings of their rules', () => {
    const m = new ModelDsl()
      .problem({ kind: 'invalid', path: 'r1', message: 'Route r1 has no target.' })
      .problem({ kind: 'unresolved', path: 'p1', message: 'Propagation p1 tables unknown.' });
    expect(verdicts(m)).toEqual(['NRG-INVALID @ r1', 'NRG-UNRESOLVED @ p1']);
    expect(messages(m).sort()).toEqual(['[NRG-INVALID] Route r1 has no target.', '[NRG-UNRESOLVED] Propagation p1 tables unknown.']);
  });

  test('each rule can be left out on its own', () => {
    const m = blog()
      .route('pub', '192.168.1.0/24', vgw(), 'onprem').route('pub', '172.16.0.0/12', pcx(), 'peer').route('pub', '10.0.0.0/8', tgw(), 'corp')
      .route('pub', '198.18.0.0/15', target('unknown-gateway', 'Ref(Gw)'), 'mystery')
      .propagate('prop', 'vgw', ['pub']).endpoint('s3', 'com.amazonaws.s3', ['pub'])
      .table('ppriv').route('ppriv', '0.0.0.0/0', nat('pnat'), 'default').table('ppub').route('ppub', '0.0.0.0/0', igw(), 'default')
      .nat('pnat', 'ppub', { private: true })
      .problem({ kind: 'invalid', path: 'bad', message: 'bad' });
    const all = verdicts(m, ALL_ON);
    expect(all.map((v) => v.split(' @ ')[0]).sort()).toEqual([...ALL_ON].sort());
    for (const rule of ALL_ON) {
      const without = verdicts(m, new Set([...ALL_ON].filter((r) => r !== rule)));
      expect(without).toEqual(all.filter((v) => !v.startsWith(`${rule} @`)));
    }
  });

  test('a finding is reported once even if the model repeats it', () => {
    const p = { kind: 'invalid' as const, path: 'r1', message: 'Route r1 has no target.' };
    expect(verdicts(new ModelDsl().problem(p).problem(p))).toEqual(['NRG-INVALID @ r1']);
  });

  test('rules can be left out', () => {
    const m = blog().route('pub', '192.168.1.0/24', vgw(), 'onprem').route('pub', '172.16.0.0/12', pcx(), 'peer');
    expect(verdicts(m, new Set<RuleId>(['NRG-PCX']))).toEqual(['NRG-PCX @ pub/peer']);
  });
});
