/**
 * Behind Gateway Load Balancer and Network Firewall endpoints, on hand-built models (the CDK apps
 * are in test/analysis/transit/endpoints.test.ts): which traffic reaches the table of the
 * endpoint's subnet, and what the finding there says (docs/transit.md, "Behind endpoints").
 */
import { ModelDsl, blog, igw, nat, target, vgw } from './model-dsl';
import { analyze } from '../../src/analysis/analyze';

const fw = target('gwlb-endpoint', 'fw');

/** `rule @ path: message` of every finding. */
function found(m: ModelDsl): string[] {
  return analyze(m.build()).map((f) => `${f.ruleId} @ ${f.path}: ${f.message}`);
}

/** The blog VPC with a firewall whose subnet's table (fwt) sends 192.168.0.0/16 to the VGW. */
const inspected = () => blog().table('fwt').route('fwt', '192.168.0.0/16', vgw(), 'onprem').firewall('fw', ['fwt']);

describe('what reaches the table behind an endpoint', () => {
  test('the NAT gateway\'s table sends 192.168.0.0/16 to the firewall: NRG-VGW on the firewall subnet\'s VGW route, the endpoint route named', () => {
    const [f, ...rest] = found(inspected().route('pub', '192.168.0.0/16', fw, 'inspect'));
    expect(rest).toEqual([]);
    expect(f).toMatch(/^NRG-VGW @ fwt\/onprem: \[NRG-VGW\] NAT gateway nat forwards 192\.168\.0\.0\/16 to virtual private gateway vgw/);
    expect(f).toContain('That traffic comes from priv (0.0.0.0/0 -> NAT gateway, route priv/default). '
      + 'The NAT gateway\'s table sends it there through endpoint fw (route pub/inspect, 192.168.0.0/16, in pub).');
  });

  test('only part of the VGW range goes to the firewall: the example range is that part', () => {
    const [f] = found(inspected().route('pub', '192.168.4.0/22', fw, 'inspect'));
    expect(f).toContain('NAT gateway nat forwards 192.168.4.0/22 to virtual private gateway vgw');
  });

  test('the endpoint route\'s destination is unresolved IPv4: it may carry any of the IPv4 traffic, so the VGW route is reported (fail closed), the expression named', () => {
    const [f, ...rest] = found(inspected().route('pub', '?4:Ref InspectCidr', fw, 'inspect'));
    expect(rest).toEqual([]);
    expect(f).toMatch(/^NRG-VGW @ fwt\/onprem: /);
    expect(f).toContain('through endpoint fw (route pub/inspect, Ref InspectCidr (unresolved), in pub)');
  });

  test('the endpoint route\'s destination is unresolved IPv6: no IPv4 traffic takes it, no finding', () => {
    expect(found(inspected().route('pub', '?6:Ref InspectCidrV6', fw, 'inspect'))).toEqual([]);
  });

  test('IPv6 traffic to the NAT gateway: an unresolved IPv4 endpoint route does not carry it, an unresolved IPv6 one may (fail closed)', () => {
    const v6 = (family: '4' | '6') => new ModelDsl()
      .table('priv').route('priv', '::/0', nat('nat'), 'v6')
      .table('pub').route('pub', '0.0.0.0/0', igw(), 'default').route('pub', `?${family}:Ref InspectCidr`, fw, 'inspect')
      .nat('nat', 'pub')
      .table('fwt').route('fwt', '2001:db8::/32', vgw(), 'onprem6').firewall('fw', ['fwt']);
    expect(found(v6('4'))).toEqual([]);
    const [f, ...rest] = found(v6('6'));
    expect(rest).toEqual([]);
    expect(f).toMatch(/^NRG-VGW @ fwt\/onprem6: .*forwards 2001:db8::\/32 to virtual private gateway vgw/);
  });

  test('a second feeding table whose range never goes to the firewall is not named as the source', () => {
    const m = new ModelDsl()
      .table('priv2').route('priv2', '10.0.0.0/8', nat('nat'), 'ten')
      .table('priv').route('priv', '0.0.0.0/0', nat('nat'), 'default')
      .table('pub').route('pub', '0.0.0.0/0', igw(), 'default').route('pub', '192.168.0.0/16', fw, 'inspect')
      .nat('nat', 'pub')
      .table('fwt').route('fwt', '192.168.0.0/16', vgw(), 'onprem').firewall('fw', ['fwt']);
    const [f, ...rest] = found(m);
    expect(rest).toEqual([]);
    expect(f).toContain('That traffic comes from priv (0.0.0.0/0 -> NAT gateway, route priv/default)');
    expect(f).not.toContain('priv2');
  });

  test('the feed is unresolved (Ref Feed -> NAT): what the NAT gateway\'s table sends to the firewall still reaches its table, attributed to that route', () => {
    const m = new ModelDsl()
      .table('priv').route('priv', '?4:Ref Feed', nat('nat'), 'feed')
      .table('pub').route('pub', '0.0.0.0/0', igw(), 'default').route('pub', '192.168.0.0/16', fw, 'inspect')
      .nat('nat', 'pub')
      .table('fwt').route('fwt', '192.168.0.0/16', vgw(), 'onprem').firewall('fw', ['fwt']);
    const [f, ...rest] = found(m);
    expect(rest).toEqual([]);
    expect(f).toMatch(/^NRG-VGW @ fwt\/onprem: .*forwards 192\.168\.0\.0\/16 to virtual private gateway vgw/);
    expect(f).toContain('That traffic comes from priv (Ref Feed (unresolved) -> NAT gateway, route priv/feed)');
  });

  test('two firewalls in a row: the VGW route behind the second is reported, the message names both endpoint routes in order', () => {
    const m = blog()
      .table('fwt').route('fwt', '192.168.0.0/16', target('gwlb-endpoint', 'fw2'), 'next').firewall('fw', ['fwt'])
      .table('fw2t').route('fw2t', '192.168.1.0/24', vgw(), 'onprem').firewall('fw2', ['fw2t'])
      .route('pub', '192.168.0.0/16', fw, 'inspect');
    const [f, ...rest] = found(m);
    expect(rest).toEqual([]);
    expect(f).toMatch(/^NRG-VGW @ fw2t\/onprem: .*forwards 192\.168\.1\.0\/24/);
    expect(f).toContain('through endpoint fw (route pub/inspect, 192.168.0.0/16, in pub), then endpoint fw2 (route fwt/next, 192.168.0.0/16, in fwt)');
  });

  test('an endpoint in two subnets, one of whose tables sends the traffic back to it: the other table\'s VGW route is reported once, the loop ends', () => {
    const m = blog()
      .table('fwt').route('fwt', '192.168.0.0/16', fw, 'loop')
      .table('fwt2').route('fwt2', '192.168.0.0/16', vgw(), 'onprem')
      .firewall('fw', ['fwt', 'fwt2'])
      .route('pub', '192.168.0.0/16', fw, 'inspect');
    expect(found(m).map((f) => f.split(':')[0])).toEqual(['NRG-VGW @ fwt2/onprem']);
  });

  test('an endpoint\'s table that is not in the model, and a route to an endpoint that is not: skipped, the rest judged', () => {
    const m = blog().firewall('fw', ['gone', 'fwt']).table('fwt').route('fwt', '192.168.0.0/16', vgw(), 'onprem')
      .route('pub', '192.168.0.0/16', fw, 'inspect').route('pub', '192.168.9.0/24', target('gwlb-endpoint', 'other'), 'elsewhere');
    expect(found(m).map((f) => f.split(':')[0])).toEqual(['NRG-VGW @ fwt/onprem']);
  });

  test('the NAT gateway\'s table does not send the range to the firewall: nothing behind it is judged', () => {
    expect(found(inspected())).toEqual([]);
  });
});
