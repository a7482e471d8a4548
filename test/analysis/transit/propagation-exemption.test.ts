/**
 * The NRG-TGW-PROPAGATION exemption (docs/transit.md 6.2) with default propagations, on
 * hand-built models: centralized egress where egress VPC E's attachment subnet (declared
 * transit-only) is the NAT gateway's only feed; spoke B's workloads send everything to the TGW;
 * RT-B delivers it to E by a static default; E's NAT table returns 10.0.0.0/8 to the TGW, into
 * RT-E, where a VPN attachment propagates BGP routes and a static default blackholes the rest.
 * The exemption holds when the VPN attachment propagates into RT-B as well: any prefix it
 * advertises is then taken toward the VPN before the traffic could reach the NAT gateway. Whether
 * a *default* propagation into RT-B counts depends on what the template decides about defaults.
 */
import { analyze } from '../../../src/analysis/analyze';
import { RuleId } from '../../../src/analysis/rule-table';
import { RoutingModel, Target } from '../../../src/model/model';
import { Setting, TgwPropagation, TgwRoute, TransitModel } from '../../../src/model/transit';
import { cidr } from '../model-dsl';
import { route, tgwRoute } from './routes-dsl';

const TGW: Target = { kind: 'tgw', key: 'tgw', label: 'tgw' };
const NAT: Target = { kind: 'nat', key: 'nat', label: 'nat' };
/** The route AWS installs for a VPN attachment's propagation: prefixes learned over BGP, unknown at synth. */
const learned = (table: string, propagation: string): TgwRoute => ({
  id: `${propagation}>${table}`,
  path: propagation,
  table,
  destination: { kind: 'unknown', key: 'propagated:vpn-att', label: 'vpn-att' },
  attachment: 'vpn-att',
  blackhole: false,
  rank: 5,
  propagation,
});

/** `intoRtB`: how the VPN attachment propagates into RT-B (explicitly, by the TGW's default, or not at all). */
function model(intoRtB: 'explicit' | 'default' | 'none', defaults: { gateway: Setting; attachment: Setting } = { gateway: 'on', attachment: 'on' }): RoutingModel {
  const propagations: TgwPropagation[] = [{ attachment: 'vpn-att', table: 'RT-E', path: 'prop-E', implicit: false }];
  if (intoRtB !== 'none') propagations.push({ attachment: 'vpn-att', table: 'RT-B', path: intoRtB === 'default' ? 'tgw' : 'prop-B', implicit: intoRtB === 'default' });
  const transit: TransitModel = {
    gateways: new Map([['tgw', { key: 'tgw', path: 'tgw', defaultAssociation: 'off', defaultPropagation: defaults.gateway, propagationTable: 'RT-B' }]]),
    attachments: new Map([
      ['E-att', { key: 'E-att', path: 'E-att', label: 'E-att', tgw: 'tgw', kind: 'vpc', vpc: 'E', subnets: ['E/tgw'], cidrs: [cidr('10.10.0.0/16')], followsDefaults: 'off' }],
      ['B-att', { key: 'B-att', path: 'B-att', label: 'B-att', tgw: 'tgw', kind: 'vpc', vpc: 'B', subnets: ['B/tgw'], cidrs: [cidr('10.20.0.0/16')], followsDefaults: 'off' }],
      ['vpn-att', { key: 'vpn-att', path: 'vpn-att', label: 'vpn-att', tgw: 'tgw', kind: 'vpn', followsDefaults: defaults.attachment }],
    ]),
    tables: new Map([
      ['RT-E', { key: 'RT-E', path: 'RT-E', tgw: 'tgw', implicit: false, open: false, routes: [tgwRoute('RT-E', '0.0.0.0/0', undefined, 'RT-E/Drop'), learned('RT-E', 'prop-E')] }],
      ['RT-B', {
        key: 'RT-B',
        path: 'RT-B',
        tgw: 'tgw',
        implicit: false,
        open: false,
        routes: [tgwRoute('RT-B', '0.0.0.0/0', 'E-att', 'RT-B/Egress'), ...(intoRtB === 'none' ? [] : [learned('RT-B', intoRtB === 'default' ? 'tgw' : 'prop-B')])],
      }],
    ]),
    associations: [{ attachment: 'E-att', table: 'RT-E', path: 'assoc-E', implicit: false }, { attachment: 'B-att', table: 'RT-B', path: 'assoc-B', implicit: false }],
    propagations,
    subnets: [
      { path: 'E/public', vpc: 'E', tableKey: 'E.public', transitOnly: false }, { path: 'E/tgw', vpc: 'E', tableKey: 'E.tgw', transitOnly: true },
      { path: 'B/work', vpc: 'B', tableKey: 'B.work', transitOnly: false }, { path: 'B/tgw', vpc: 'B', tableKey: 'B.tgw', transitOnly: true },
    ],
    vpcsInApp: new Set(['E', 'B']),
    external: new Map(),
  };
  return {
    tables: [
      { key: 'E.public', path: 'E.public', vpc: 'E', carriesTraffic: true, routes: [route('E.public', '0.0.0.0/0', { kind: 'igw', key: 'igw', label: 'igw' }, 'E.public/Default'), route('E.public', '10.0.0.0/8', TGW, 'E.public/ToCorp')] },
      { key: 'E.tgw', path: 'E.tgw', vpc: 'E', carriesTraffic: true, routes: [route('E.tgw', '0.0.0.0/0', NAT, 'E.tgw/Default')] },
      { key: 'B.work', path: 'B.work', vpc: 'B', carriesTraffic: true, routes: [route('B.work', '0.0.0.0/0', TGW, 'B.work/Default')] },
      { key: 'B.tgw', path: 'B.tgw', vpc: 'B', carriesTraffic: true, routes: [] },
    ],
    natGateways: [{ key: 'nat', path: 'nat', connectivity: 'public', regional: false, tableKey: 'E.public' }],
    propagations: [],
    gatewayEndpoints: [],
    problems: [],
    transit,
  };
}

const RULES = new Set<RuleId>(['NRG-TGW-HYBRID', 'NRG-TGW-PEERING', 'NRG-TGW-PROPAGATION', 'NRG-TGW-UNKNOWN']);
const found = (m: RoutingModel) => analyze(m, RULES).map((f) => `${f.ruleId} @ ${f.path}`);

describe('NRG-TGW-PROPAGATION exemption with propagations into the delivering table', () => {
  test('the VPN attachment propagates into RT-B explicitly: exempt, no finding', () => {
    expect(found(model('explicit'))).toEqual([]);
  });

  test('not at all: a prefix it advertises could pull the NAT gateway\'s traffic on-premises from RT-E: NRG-TGW-PROPAGATION, the exemption\'s failing condition named', () => {
    const [f, ...rest] = analyze(model('none'), RULES);
    expect(rest).toEqual([]);
    expect(`${f.ruleId} @ ${f.path}`).toBe('NRG-TGW-PROPAGATION @ prop-E');
    expect(f.message).toContain('It would not report this if ');
  });

  test('by the TGW\'s default propagation, which the template turns on and the attachment follows: exempt as if explicit', () => {
    expect(found(model('default', { gateway: 'on', attachment: 'on' }))).toEqual([]);
  });

  test.each([
    ['the TGW\'s default propagation is left open (a parameter)', { gateway: 'open', attachment: 'on' }],
    ['the attachment may not follow the defaults', { gateway: 'on', attachment: 'open' }],
  ] as const)('by a default propagation that may be absent (%s): it never helps the exemption: NRG-TGW-PROPAGATION', (_, defaults) => {
    expect(found(model('default', defaults))).toEqual(['NRG-TGW-PROPAGATION @ prop-E']);
  });
});
