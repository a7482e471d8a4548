/**
 * Transit gateway shapes at the edges of the walk, on hand-built models (the CDK-app examples are in
 * examples.test.ts): an egress VPC E whose private subnets feed its NAT gateway, the NAT gateway's
 * table sending a range to transit gateway `tgw` (table RT-E, associated with E's attachment), a VPN
 * attachment, and a spoke VPC B. Each case changes one thing.
 */
import { analyze } from '../../../src/analysis/analyze';
import { Destination, Route, RoutingModel, Target } from '../../../src/model/model';
import { Attachment, ExternalTransitGateway, TgwRoute, TransitModel } from '../../../src/model/transit';
import { cidr } from '../model-dsl';
import { DEFAULT_RULES, local, route, tgwRoute } from './routes-dsl';

const tgwTarget = (key = 'tgw'): Target => ({ kind: 'tgw', key, label: key });

interface Shape {
  /** Extra routes of E's NAT gateway table (E.public), beside 0.0.0.0/0 -> igw. */
  readonly natTable: Route[];
  readonly rtE?: TgwRoute[];
  readonly bTable?: Route[];
  readonly external?: ReadonlyMap<string, ExternalTransitGateway>;
  /** E's attachment subnet feeds the NAT gateway (0.0.0.0/0 -> NAT) instead of E's private subnet, declared transit-only or not. */
  readonly attachmentSubnetFeeds?: { readonly declared: boolean };
}

function model(shape: Shape): RoutingModel {
  const attachments = new Map<string, Attachment>([
    ['E-att', { key: 'E-att', path: 'E-att', label: 'E-att', tgw: 'tgw', kind: 'vpc', vpc: 'E', subnets: ['E/tgw'], cidrs: [cidr('10.10.0.0/16')], followsDefaults: 'off' }],
    ['B-att', { key: 'B-att', path: 'B-att', label: 'B-att', tgw: 'tgw', kind: 'vpc', vpc: 'B', subnets: ['B/tgw'], cidrs: [cidr('10.200.0.0/16')], followsDefaults: 'off' }],
    ['vpn-att', { key: 'vpn-att', path: 'vpn-att', label: 'vpn-att', tgw: 'tgw', kind: 'vpn', followsDefaults: 'off' }],
    ['dx-att', { key: 'dx-att', path: 'dx-att', label: 'dx-att', tgw: 'tgw', kind: 'dx-gateway', followsDefaults: 'off' }],
  ]);
  const transit: TransitModel = {
    gateways: new Map([['tgw', { key: 'tgw', path: 'tgw', defaultAssociation: 'off', defaultPropagation: 'off' }]]),
    attachments,
    tables: new Map([['RT-E', { key: 'RT-E', path: 'RT-E', tgw: 'tgw', implicit: false, open: false, routes: shape.rtE ?? [] }]]),
    associations: [{ attachment: 'E-att', table: 'RT-E', path: 'assoc-E', implicit: false }],
    propagations: [],
    subnets: [
      { path: 'E/public', vpc: 'E', tableKey: 'E.public', transitOnly: false }, { path: 'E/private', vpc: 'E', tableKey: 'E.private', transitOnly: false },
      { path: 'E/tgw', vpc: 'E', tableKey: 'E.tgw', transitOnly: shape.attachmentSubnetFeeds?.declared ?? true },
      { path: 'B/tgw', vpc: 'B', tableKey: 'B.tgw', transitOnly: true },
    ],
    vpcsInApp: new Set(['E', 'B']),
    external: shape.external ?? new Map(),
  };
  return {
    tables: [
      { key: 'E.public', path: 'E.public', vpc: 'E', carriesTraffic: true, routes: [local('E.public', '10.10.0.0/16'), route('E.public', '0.0.0.0/0', { kind: 'igw', key: 'igw', label: 'igw' }, 'E.public/Default'), ...shape.natTable] },
      {
        key: 'E.private',
        path: 'E.private',
        vpc: 'E',
        carriesTraffic: true,
        routes: shape.attachmentSubnetFeeds ? [local('E.private', '10.10.0.0/16')] : [local('E.private', '10.10.0.0/16'),
          route('E.private', '0.0.0.0/0', { kind: 'nat', key: 'nat', label: 'nat' }, 'E.private/Default'), route('E.private', '::/0', { kind: 'nat', key: 'nat', label: 'nat' }, 'E.private/Default6')],
      },
      {
        key: 'E.tgw',
        path: 'E.tgw',
        vpc: 'E',
        carriesTraffic: true,
        routes: [local('E.tgw', '10.10.0.0/16'), ...(shape.attachmentSubnetFeeds ? [route('E.tgw', '0.0.0.0/0', { kind: 'nat', key: 'nat', label: 'nat' }, 'E.tgw/Default')] : [])],
      },
      { key: 'B.tgw', path: 'B.tgw', vpc: 'B', carriesTraffic: true, routes: [local('B.tgw', '10.200.0.0/16'), ...(shape.bTable ?? [])] },
    ],
    natGateways: [{ key: 'nat', path: 'nat', connectivity: 'public', regional: false, tableKey: 'E.public' }],
    propagations: [],
    gatewayEndpoints: [],
    problems: [],
    transit,
  };
}

const DEFAULTS = DEFAULT_RULES;
const found = (shape: Shape) => analyze(model(shape), DEFAULTS).map((f) => ({ at: `${f.ruleId} @ ${f.path}`, message: f.message }));

describe('transit gateway walks at the edges', () => {
  test('the NAT gateway\'s route to the TGW has an unresolved destination: all of its family is followed, and the message says so', () => {
    const [f, ...rest] = found({ natTable: [route('E.public', '?4:Ref CorpCidr', tgwTarget(), 'E.public/ToCorp')], rtE: [tgwRoute('RT-E', '192.168.0.0/16', 'vpn-att', 'RT-E/OnPrem')] });
    expect(rest).toEqual([]);
    expect(f.at).toBe('NRG-TGW-HYBRID @ E.public/ToCorp');
    expect(f.message).toContain('forwards 192.168.0.0/16 to Site-to-Site VPN attachment vpn-att');
    expect(f.message).toContain('(the route\'s destination could not be resolved at synth, so all NAT gateway traffic of its family is followed)');
  });

  test('the same with an unresolved IPv6 destination: the IPv4 VPN route is not reached, no finding', () => {
    expect(found({ natTable: [route('E.public', '?6:Ref CorpCidrV6', tgwTarget(), 'E.public/ToCorp')], rtE: [tgwRoute('RT-E', '192.168.0.0/16', 'vpn-att', 'RT-E/OnPrem')] })).toEqual([]);
  });

  test('a customer-managed prefix list with known entries sends 192.168.0.0/16 to the TGW, which sends it to the VPN: NRG-TGW-HYBRID, the range from the entries', () => {
    const pl: Destination = { kind: 'prefix-list', key: 'pl-corp', label: 'pl-corp', entries: [cidr('192.168.0.0/16'), cidr('2001:db8::/32')] };
    const [f, ...rest] = found({ natTable: [route('E.public', pl, tgwTarget(), 'E.public/ToCorp')], rtE: [tgwRoute('RT-E', '192.168.0.0/16', 'vpn-att', 'RT-E/OnPrem')] });
    expect(rest).toEqual([]);
    expect(f.at).toBe('NRG-TGW-HYBRID @ E.public/ToCorp');
    expect(f.message).toContain('forwards 192.168.0.0/16 to Site-to-Site VPN attachment vpn-att');
  });

  test('a prefix list whose entries the TGW table does not send to the VPN: no finding', () => {
    const pl: Destination = { kind: 'prefix-list', key: 'pl-corp', label: 'pl-corp', entries: [cidr('172.16.0.0/12')] };
    expect(found({ natTable: [route('E.public', pl, tgwTarget(), 'E.public/ToCorp')], rtE: [tgwRoute('RT-E', '192.168.0.0/16', 'vpn-att', 'RT-E/OnPrem')] })).toEqual([]);
  });

  test('an external TGW declared with an IPv6 on-premises range: IPv6 NAT traffic sent to it for that range is NRG-TGW-HYBRID, IPv4 traffic is not', () => {
    const external = new Map([['tgw-ext', { onPremises: [cidr('2001:db8::/32')] }]]);
    const six = found({ natTable: [route('E.public', '2001:db8::/32', tgwTarget('tgw-ext'), 'E.public/ToCorp6')], external });
    expect(six.map((f) => f.at)).toEqual(['NRG-TGW-HYBRID @ E.public/ToCorp6']);
    expect(six[0].message).toContain('the on-premises ranges declared for transit gateway tgw-ext (externalTransitGateways)');
    expect(found({ natTable: [route('E.public', '192.168.0.0/16', tgwTarget('tgw-ext'), 'E.public/ToCorp')], external })).toEqual([]);
  });

  test('delivered into spoke B, whose attachment subnet\'s table sends the range to a gateway the guard cannot tell: NRG-TGW-UNKNOWN, naming that route', () => {
    const [f, ...rest] = found({
      natTable: [route('E.public', '172.16.0.0/12', tgwTarget(), 'E.public/ToB')],
      rtE: [tgwRoute('RT-E', '172.16.0.0/12', 'B-att', 'RT-E/ToB')],
      bTable: [route('B.tgw', '172.16.0.0/12', { kind: 'unknown-gateway', key: 'Ref GwId', label: 'Ref GwId' }, 'B.tgw/Onward')],
    });
    expect(rest).toEqual([]);
    expect(f.at).toBe('NRG-TGW-UNKNOWN @ E.public/ToB');
    expect(f.message).toContain('the guard cannot tell what gateway Ref GwId is');
    expect(f.message).toContain('B.tgw (172.16.0.0/12 -> ');
  });

  test('centralized egress, the attachment subnet undeclared: a VPN finding that holds only through its feed is a warning that says how to declare it', () => {
    const shape = (declared: boolean): Shape => ({
      natTable: [route('E.public', '192.168.0.0/16', tgwTarget(), 'E.public/ToCorp')],
      rtE: [tgwRoute('RT-E', '192.168.0.0/16', 'vpn-att', 'RT-E/OnPrem')],
      attachmentSubnetFeeds: { declared },
    });
    // Declared, what reaches the NAT gateway from E.tgw is what the TGW delivers to E's attachment: nothing here.
    expect(found(shape(true))).toEqual([]);
    const [f, ...rest] = found(shape(false));
    expect(rest).toEqual([]);
    expect(f.at).toBe('NRG-TGW-HYBRID @ E.public/ToCorp');
    const capped = analyze(model(shape(false)), DEFAULTS)[0];
    expect(capped.atMostWarning).toBe(true);
    expect(f.message).toContain('This traffic reaches the NAT gateway only from E.tgw, whose subnets hold the transit gateway attachment; '
      + 'if nothing else runs in them, declare them transit-only (transitOnlySubnets, or the subnet\'s Metadata { "cdk-nat-route-guard": { "transitOnly": true } }) '
      + 'and this finding goes away. Until then it is reported as a warning. Fix: ');
  });

  test('two NAT gateways, each fed by a look-alike attachment table of its own: the warning\'s hint names only the tables that feed the finding\'s NAT gateway', () => {
    const m = model({
      natTable: [route('E.public', '192.168.0.0/16', tgwTarget(), 'E.public/ToCorp')],
      rtE: [tgwRoute('RT-E', '192.168.0.0/16', 'vpn-att', 'RT-E/OnPrem')],
      attachmentSubnetFeeds: { declared: false },
    });
    // A second AZ: NAT gateway nat2 in E.public2 with the same route to the TGW, fed by the attachment's subnet there, E/tgw2.
    const nat2 = { kind: 'nat', key: 'nat2', label: 'nat2' } as const;
    const transit = m.transit!;
    const withSecondAz: RoutingModel = {
      ...m,
      tables: [...m.tables,
        {
          key: 'E.public2',
          path: 'E.public2',
          vpc: 'E',
          carriesTraffic: true,
          routes: [local('E.public2', '10.10.0.0/16'), route('E.public2', '0.0.0.0/0', { kind: 'igw', key: 'igw', label: 'igw' }, 'E.public2/Default'),
            route('E.public2', '192.168.0.0/16', tgwTarget(), 'E.public2/ToCorp')],
        },
        { key: 'E.tgw2', path: 'E.tgw2', vpc: 'E', carriesTraffic: true, routes: [local('E.tgw2', '10.10.0.0/16'), route('E.tgw2', '0.0.0.0/0', nat2, 'E.tgw2/Default')] }],
      natGateways: [...m.natGateways, { key: 'nat2', path: 'nat2', connectivity: 'public', regional: false, tableKey: 'E.public2' }],
      transit: {
        ...transit,
        attachments: new Map([...transit.attachments].map(([k, a]) => [k, k === 'E-att' ? { ...a, subnets: ['E/tgw', 'E/tgw2'] } : a])),
        subnets: [...transit.subnets, { path: 'E/public2', vpc: 'E', tableKey: 'E.public2', transitOnly: false }, { path: 'E/tgw2', vpc: 'E', tableKey: 'E.tgw2', transitOnly: false }],
      },
    };
    const findings = analyze(withSecondAz, DEFAULTS);
    expect(findings.map((f) => `${f.ruleId} @ ${f.path}`)).toEqual(['NRG-TGW-HYBRID @ E.public/ToCorp', 'NRG-TGW-HYBRID @ E.public2/ToCorp']);
    const [first, second] = findings;
    expect([first.atMostWarning, second.atMostWarning]).toEqual([true, true]);
    expect(first.message).toContain('This traffic reaches the NAT gateway only from E.tgw, whose subnets hold');
    expect(first.message).not.toContain('E.tgw2');
    expect(second.message).toContain('This traffic reaches the NAT gateway only from E.tgw2, whose subnets hold');
  });

  test('one route reaching two hybrid attachments: one finding, the lowest range first (IPv4 before IPv6, then the lower address), the other exit named', () => {
    const cases = [
      // [entries, routes, first exit, first range, other exit]
      [['192.168.0.0/16', '::/8'], [['::/8', 'dx-att'], ['192.168.0.0/16', 'vpn-att']], 'Site-to-Site VPN attachment vpn-att', '192.168.0.0/16', 'Direct Connect gateway attachment dx-att'],
      [['192.168.0.0/16', '172.16.0.0/12'], [['192.168.0.0/16', 'vpn-att'], ['172.16.0.0/12', 'dx-att']], 'Direct Connect gateway attachment dx-att', '172.16.0.0/12', 'Site-to-Site VPN attachment vpn-att'],
    ] as const;
    for (const [entries, routes, first, range, other] of cases) {
      for (const order of [routes, [...routes].reverse()]) {
        const pl: Destination = { kind: 'prefix-list', key: 'pl-corp', label: 'pl-corp', entries: entries.map((e) => cidr(e)) };
        const rtE = order.map(([d, att], i) => tgwRoute('RT-E', d, att, `RT-E/R${i}`));
        const [f, ...rest] = found({ natTable: [route('E.public', pl, tgwTarget(), 'E.public/ToCorp')], rtE });
        expect(rest).toEqual([]);
        expect(f.at).toBe('NRG-TGW-HYBRID @ E.public/ToCorp');
        expect(f.message).toContain(`forwards ${range} to ${first}`);
        expect(f.message).toContain(`It also reaches ${other}.`);
      }
    }
  });

  test('delivered into spoke B, whose table sends it on to a VGW: NRG-TGW-HYBRID through B\'s table', () => {
    const [f, ...rest] = found({
      natTable: [route('E.public', '172.16.0.0/12', tgwTarget(), 'E.public/ToB')],
      rtE: [tgwRoute('RT-E', '172.16.0.0/12', 'B-att', 'RT-E/ToB')],
      bTable: [route('B.tgw', '172.16.0.0/12', { kind: 'vgw', key: 'vgw-b', label: 'vgw-b' }, 'B.tgw/Onward')],
    });
    expect(rest).toEqual([]);
    expect(f.at).toBe('NRG-TGW-HYBRID @ E.public/ToB');
    expect(f.message).toContain('route B.tgw/Onward');
  });
});
