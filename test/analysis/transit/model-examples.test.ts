/**
 * Worked examples of docs/transit.md that CloudFormation cannot express, on hand-built models:
 * a transit gateway prefix-list reference (example 8: no CloudFormation type exists for it; the
 * model takes it from a future type or deployed state) against a VPC propagation of the same prefix.
 */
import { analyze } from '../../../src/analysis/analyze';
import { RULE_TABLE, RuleId } from '../../../src/analysis/rule-table';
import { RoutingModel } from '../../../src/model/model';
import { Attachment, TgwRoute, TransitModel } from '../../../src/model/transit';
import { cidr } from '../model-dsl';
import { local, route } from './routes-dsl';


/** Egress VPC E (workloads feed its NAT gateway); its NAT table sends 10/8 to the TGW; RT-E is E's attachment's table. */
function model(rtE: TgwRoute[]): RoutingModel {
  const attachments = new Map<string, Attachment>([
    ['E-att', { key: 'E-att', path: 'E-att', label: 'E-att', tgw: 'tgw', kind: 'vpc', vpc: 'E', subnets: ['E/tgw'], cidrs: [cidr('10.10.0.0/16')], followsDefaults: 'off' }],
    ['B-att', { key: 'B-att', path: 'B-att', label: 'B-att', tgw: 'tgw', kind: 'vpc', vpc: 'B', subnets: ['B/tgw'], cidrs: [cidr('10.200.0.0/16')], followsDefaults: 'off' }],
    ['vpn-att', { key: 'vpn-att', path: 'vpn-att', label: 'vpn-att', tgw: 'tgw', kind: 'vpn', followsDefaults: 'off' }],
  ]);
  const transit: TransitModel = {
    gateways: new Map([['tgw', { key: 'tgw', path: 'tgw', defaultAssociation: 'off', defaultPropagation: 'off' }]]),
    attachments,
    tables: new Map([['RT-E', { key: 'RT-E', path: 'RT-E', tgw: 'tgw', implicit: false, open: false, routes: rtE }]]),
    associations: [{ attachment: 'E-att', table: 'RT-E', path: 'assoc', implicit: false }],
    propagations: [{ attachment: 'B-att', table: 'RT-E', path: 'prop-B', implicit: false }],
    subnets: [
      { path: 'E/public', vpc: 'E', tableKey: 'E.public', transitOnly: false }, { path: 'E/private', vpc: 'E', tableKey: 'E.private', transitOnly: false },
      { path: 'E/tgw', vpc: 'E', tableKey: 'E.tgw', transitOnly: true }, { path: 'B/tgw', vpc: 'B', tableKey: 'B.tgw', transitOnly: true },
    ],
    vpcsInApp: new Set(['E', 'B']),
    external: new Map(),
  };
  return {
    tables: [
      { key: 'E.public', path: 'E.public', vpc: 'E', carriesTraffic: true, routes: [local('E.public', '10.10.0.0/16'), route('E.public', '10.0.0.0/8', { kind: 'tgw', key: 'tgw', label: 'tgw' }, 'E.public/ToCorp')] },
      { key: 'E.private', path: 'E.private', vpc: 'E', carriesTraffic: true, routes: [local('E.private', '10.10.0.0/16'), route('E.private', '0.0.0.0/0', { kind: 'nat', key: 'nat', label: 'nat' }, 'E.private/Default')] },
      { key: 'E.tgw', path: 'E.tgw', vpc: 'E', carriesTraffic: true, routes: [local('E.tgw', '10.10.0.0/16')] },
      { key: 'B.tgw', path: 'B.tgw', vpc: 'B', carriesTraffic: true, routes: [local('B.tgw', '10.200.0.0/16')] },
    ],
    natGateways: [{ key: 'nat', path: 'nat', connectivity: 'public', regional: false, tableKey: 'E.public' }],
    propagations: [],
    gatewayEndpoints: [],
    problems: [],
    transit,
  };
}

/** Every rule at its default level (NRG-TGW, the opt-in blanket, off). */
const DEFAULTS = new Set(RULE_TABLE.filter((r) => r.defaultLevel !== 'off').map((r) => r.id as RuleId));

const propagatedB: TgwRoute = { id: 'prop-B#10.200', path: 'prop-B', table: 'RT-E', destination: { kind: 'cidr', cidr: cidr('10.200.0.0/16') }, attachment: 'B-att', blackhole: false, rank: 2, propagation: 'prop-B' };
const prefixList = (rank: number): TgwRoute => ({
  id: 'pl-corp',
  path: 'pl-corp',
  table: 'RT-E',
  attachment: 'vpn-att',
  blackhole: false,
  rank,
  destination: { kind: 'prefix-list', key: 'pl-corp', label: 'pl-corp', entries: [cidr('10.200.0.0/16'), cidr('10.201.0.0/16')] },
});

test('8. a prefix-list reference beats a VPC propagation of the same prefix (rank 1 before 2): HYBRID for 10.200.0.0/16 as well as 10.201.0.0/16', () => {
  const findings = analyze(model([prefixList(1), propagatedB]), DEFAULTS);
  expect(findings.map((f) => `${f.ruleId} @ ${f.path}`)).toEqual(['NRG-TGW-HYBRID @ E.public/ToCorp']);
  // Both entries reach the VPN: the example is the block they make together.
  expect(findings[0].message).toContain('forwards 10.200.0.0/15 to Site-to-Site VPN attachment vpn-att');
  // Were the reference ranked after VPC propagations, 10.200.0.0/16 would go to VPC B and the first range would be 10.201.0.0/16.
  const after = analyze(model([prefixList(3), propagatedB]), DEFAULTS);
  expect(after[0].message).toContain('forwards 10.201.0.0/16 to Site-to-Site VPN attachment vpn-att');
  expect(analyze(model([propagatedB]), DEFAULTS)).toEqual([]);
});
