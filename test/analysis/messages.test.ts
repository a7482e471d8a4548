/**
 * Every rule's message, whole: what a network engineer reads to act without reading code.
 * NAT gateway, offending route and target, one feeding table and route, an example range, the fix.
 */
import { ModelDsl, blog, igw, nat, pcx, target, tgw, vgw } from './model-dsl';
import { analyze } from '../../src/analysis/analyze';
import { messageParts } from '../../src/analysis/findings';
import { RuleId } from '../../src/analysis/rule-table';

const ALL = new Set<RuleId>(['NRG-VGW', 'NRG-PCX', 'NRG-PROPAGATION', 'NRG-PRIVATE-IGW', 'NRG-VPCE', 'NRG-TGW', 'NRG-UNRESOLVED', 'NRG-INVALID']);
const messages = (m: ModelDsl) => analyze(m.build(), ALL).map((f) => f.message);

const POLICY = 'AWS forwards this traffic source-NATed to the NAT gateway\'s address and charges NAT processing for it; this guard\'s policy is to keep it off the NAT gateway.';
const ack = (id: string) => `or acknowledge: Validations.of(scope).acknowledge({ id: '${id}', reason: '...' }).`;
const FROM_PRIV = 'That traffic comes from priv (0.0.0.0/0 -> NAT gateway, route priv/default).';

describe('messages', () => {
  test('NRG-VGW', () => {
    expect(messages(blog().route('pub', '192.168.1.0/24', vgw(), 'onprem'))).toEqual([
      `[NRG-VGW] NAT gateway nat forwards 192.168.1.0/24 to virtual private gateway vgw (VPN / Direct Connect) through route pub/onprem in pub. ${FROM_PRIV} ${POLICY} `
      + 'Fix: route 192.168.1.0/24 from the route tables that feed the NAT gateway straight to the virtual private gateway, so it bypasses the NAT gateway '
      + `(and drop the route from the NAT gateway's table if nothing else needs it), ${ack('NRG-VGW')}`,
    ]);
  });

  test('a route wider than its example: the first sentence and the fix name the route\'s own destination', () => {
    // The private table already sends 10.0.0.0/9 straight to the VGW; 10.128.0.0/9 still reaches the NAT gateway.
    const [msg] = messages(blog().route('priv', '10.0.0.0/9', vgw(), 'direct').route('pub', '10.0.0.0/8', vgw(), 'corp'));
    expect(msg.split('. That traffic')[0]).toBe(
      '[NRG-VGW] NAT gateway nat forwards 10.128.0.0/9 to virtual private gateway vgw (VPN / Direct Connect) through route pub/corp for 10.0.0.0/8 in pub');
    expect(msg).toContain('Fix: route 10.0.0.0/8 (of which 10.128.0.0/9 now reaches the NAT gateway; leave out what the feeding tables already route elsewhere) '
      + 'from the route tables that feed the NAT gateway straight to the virtual private gateway');
  });

  test('NRG-PCX', () => {
    expect(messages(blog().route('pub', '172.16.0.0/12', pcx(), 'peer'))).toEqual([
      `[NRG-PCX] NAT gateway nat forwards 172.16.0.0/12 to VPC peering connection pcx through route pub/peer in pub. ${FROM_PRIV} ${POLICY} `
      + 'Fix: route 172.16.0.0/12 from the route tables that feed the NAT gateway straight to the peering connection, so it bypasses the NAT gateway '
      + `(and drop the route from the NAT gateway's table if nothing else needs it), ${ack('NRG-PCX')}`,
    ]);
  });

  test('NRG-TGW', () => {
    expect(messages(blog().route('pub', '10.0.0.0/8', tgw(), 'corp'))).toEqual([
      `[NRG-TGW] NAT gateway nat forwards 10.0.0.0/8 to transit gateway tgw through route pub/corp in pub. ${FROM_PRIV} ${POLICY} `
      + `Fix: route 10.0.0.0/8 from the route tables that feed the NAT gateway straight to the transit gateway, so it bypasses the NAT gateway, ${ack('NRG-TGW')}`,
    ]);
  });

  test('NRG-PRIVATE-IGW states the fact, not a policy', () => {
    const m = new ModelDsl().table('priv').route('priv', '0.0.0.0/0', nat('pnat'), 'default')
      .table('pub').route('pub', '0.0.0.0/0', igw(), 'default').nat('pnat', 'pub', { private: true });
    expect(messages(m)).toEqual([
      '[NRG-PRIVATE-IGW] private NAT gateway pnat forwards 0.0.0.0/0 to internet gateway igw through route pub/default in pub. '
      + 'That traffic comes from priv (0.0.0.0/0 -> NAT gateway, route priv/default). AWS drops traffic that a private NAT gateway sends to an internet gateway. '
      + 'Fix: send 0.0.0.0/0 from the feeding tables to a public NAT gateway instead, or route it from the private NAT gateway\'s table to a transit gateway (unless you turned NRG-TGW on), '
      + ack('NRG-PRIVATE-IGW'),
    ]);
  });

  test('a regional NAT gateway is named so', () => {
    const m = new ModelDsl().table('priv').route('priv', '0.0.0.0/0', nat('rnat'), 'default')
      .table('pub').route('pub', '192.168.1.0/24', vgw(), 'onprem').nat('rnat', 'pub', { regional: true });
    expect(messages(m)[0]).toMatch(/^\[NRG-VGW\] regional NAT gateway rnat forwards 192\.168\.1\.0\/24/);
  });

  test('NAT64 feeds say so', () => {
    const m = new ModelDsl().table('priv').route('priv', '64:ff9b::/96', nat('nat'), 'nat64')
      .table('pub').route('pub', '192.168.1.0/24', vgw(), 'onprem').nat('nat', 'pub');
    expect(messages(m)[0]).toContain('That traffic comes from priv (64:ff9b::/96 -> NAT gateway, translated to IPv4 by NAT64, route priv/nat64).');
  });

  test('IPv6 feeds are not called NAT64', () => {
    const m = new ModelDsl().table('priv').route('priv', '2001:db8::/32', nat('nat'), 'v6')
      .table('pub').route('pub', '2001:db8:1::/48', pcx(), 'peer6').nat('nat', 'pub');
    expect(messages(m)[0]).toContain('forwards 2001:db8:1::/48 to VPC peering connection pcx through route pub/peer6 in pub. That traffic comes from priv (2001:db8::/32 -> NAT gateway, route priv/v6).');
  });

  test('NRG-UNRESOLVED: a gateway that may be an internet gateway or a VGW', () => {
    expect(messages(blog().route('pub', '192.168.1.0/24', target('unknown-gateway', 'Ref(Gw)'), 'mystery'))).toEqual([
      `[NRG-UNRESOLVED] NAT gateway nat forwards 192.168.1.0/24 to gateway Ref(Gw) through route pub/mystery in pub. ${FROM_PRIV} `
      + 'The guard cannot tell whether the GatewayId is an internet gateway or a virtual private gateway (VPN / Direct Connect). '
      + `Fix: reference the gateway construct (or a literal igw- / vgw- id) so the guard can classify it, ${ack('NRG-UNRESOLVED')}`,
    ]);
  });

  test('NRG-UNRESOLVED: a NAT gateway whose table cannot be determined', () => {
    expect(messages(new ModelDsl().nat('nat', undefined))).toEqual([
      '[NRG-UNRESOLVED] The route table of NAT gateway nat cannot be determined: its subnet has no explicit route table association. '
      + 'The guard checks nothing else for this NAT gateway. Fix: associate its subnet explicitly with a route table defined in the app, '
      + ack('NRG-UNRESOLVED'),
    ]);
  });

  test('NRG-PROPAGATION', () => {
    expect(messages(blog().propagate('prop-pub', 'vgw', ['pub']))).toEqual([
      '[NRG-PROPAGATION] Virtual private gateway vgw (VPN / Direct Connect) propagates its routes into pub, the route table of NAT gateway nat. '
      + 'Any prefix it learns over VPN or Direct Connect (unknown at synth; for example an on-premises range) that is more specific than the route that feeds the NAT gateway would send NAT gateway traffic to the VGW. '
      + `${FROM_PRIV} ${POLICY} `
      + `Fix: propagate the VGW only into the tables that feed the NAT gateway (ec2.Vpc: vpnRoutePropagation with the private subnets), not into pub, ${ack('NRG-PROPAGATION')}`,
    ]);
  });

  test('NRG-VPCE', () => {
    expect(messages(blog().endpoint('s3', 'com.amazonaws.s3', ['pub']))).toEqual([
      '[NRG-VPCE] Gateway endpoint s3 (com.amazonaws.s3) is associated with pub, the route table of NAT gateway nat, so com.amazonaws.s3 traffic from other subnets crosses the NAT gateway before it reaches the endpoint. '
      + `${FROM_PRIV} That table is not associated with a com.amazonaws.s3 gateway endpoint, so the traffic pays NAT processing. `
      + `Fix: associate the endpoint with priv as well (ec2.Vpc: addGatewayEndpoint without subnets covers every table), ${ack('NRG-VPCE')}`,
    ]);
  });

  test('unresolved destination, and unresolved inflow, say so', () => {
    const m = new ModelDsl()
      .table('priv').route('priv', '?ImportValue(Feed)', nat('nat'), 'imported')
      .table('pub').route('pub', '192.168.0.0/16', vgw(), 'onprem').route('pub', '?Ref(X)', pcx(), 'x')
      .nat('nat', 'pub');
    const mayCome = 'That traffic may come from priv (ImportValue(Feed) (unresolved) -> NAT gateway, route priv/imported), whose destination could not be resolved at synth, '
      + 'so the guard cannot prove that no NAT gateway traffic takes this route.';
    const [vgwMsg, pcxMsg] = messages(m);
    expect(vgwMsg).toContain(`[NRG-VGW] NAT gateway nat forwards 192.168.0.0/16 to virtual private gateway vgw (VPN / Direct Connect) through route pub/onprem in pub. ${mayCome}`);
    expect(pcxMsg).toContain(`[NRG-PCX] NAT gateway nat forwards traffic for Ref(X) (unresolved), whose destination could not be resolved at synth, to VPC peering connection pcx through route pub/x in pub. ${mayCome}`);
    const known = messages(blog().route('pub', '?Ref(OnPremCidr)', vgw(), 'onprem'));
    expect(known[0]).toContain(`forwards traffic for Ref(OnPremCidr) (unresolved), whose destination could not be resolved at synth, to virtual private gateway vgw (VPN / Direct Connect) through route pub/onprem in pub. ${FROM_PRIV}`);
  });
});

describe('message parts, for reports that show them apart', () => {
  test('the first sentence ends at the first period followed by a space and a capital or a parenthesis; the fix is what follows "Fix: "', () => {
    const [msg] = messages(blog().route('pub', '192.168.1.0/24', vgw(), 'onprem'));
    const parts = messageParts(msg);
    expect(parts.first).toBe('[NRG-VGW] NAT gateway nat forwards 192.168.1.0/24 to virtual private gateway vgw (VPN / Direct Connect) through route pub/onprem in pub.');
    expect(parts.fix).toBe(`route 192.168.1.0/24 from the route tables that feed the NAT gateway straight to the virtual private gateway, so it bypasses the NAT gateway (and drop the route from the NAT gateway's table if nothing else needs it), ${ack('NRG-VGW')}`);
    // A period inside a name (S/Vpc.CidrBlock, 10.0.0.0) or before a lower-case word does not end it.
    expect(messageParts('[NRG-X] Route S/Vpc.CidrBlock sends 10.0.0.0/8 e.g. there.  (Next) sentence. Fix: do it.')).toEqual({
      first: '[NRG-X] Route S/Vpc.CidrBlock sends 10.0.0.0/8 e.g. there.', fix: 'do it.',
    });
    expect(messageParts('[NRG-X] One sentence only')).toEqual({ first: '[NRG-X] One sentence only', fix: undefined });
    expect(messageParts('Fix: at the start. Then more.')).toEqual({ first: 'Fix: at the start.', fix: undefined });
  });

  test('a route finding carries its trail: feeding table, NAT gateway, offending route, target', () => {
    const [f] = analyze(blog().route('pub', '192.168.1.0/24', vgw(), 'onprem').build(), ALL);
    expect(f.trail).toEqual(['priv (0.0.0.0/0 -> NAT gateway, route priv/default)', 'NAT gateway nat', 'route pub/onprem (192.168.1.0/24) in pub', 'virtual private gateway vgw (VPN / Direct Connect)']);
  });
});
