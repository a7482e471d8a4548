/**
 * What transit gateways deliver into a declared transit-only table (docs/transit.md, "Inflow through
 * transit gateways"), on hand-built models: centralized egress, egress VPC E's attachment subnet
 * (declared transit-only) feeding its NAT gateway, E's NAT gateway table sending 192.168.0.0/16 to
 * the TGW, whose table RT-E sends it to a VPN. What reaches E's NAT gateway from its attachment
 * subnet is only what the spokes send, so the VPN route is a finding only when some spoke sends
 * on-premises traffic to the TGW.
 */
import { analyze } from '../../../src/analysis/analyze';
import { Route, RouteTable, RoutingModel, Target } from '../../../src/model/model';
import { Attachment, TgwRouteTable, TransitModel } from '../../../src/model/transit';
import { cidr } from '../model-dsl';
import { DEFAULT_RULES, local, route, tgwRoute, transitModel } from './routes-dsl';

const TGW: Target = { kind: 'tgw', key: 'tgw', label: 'tgw' };
const NAT: Target = { kind: 'nat', key: 'nat', label: 'nat' };
const ON_PREM = '192.168.0.0/16';
const vpcAttachment = (vpc: string, block: string): Attachment => ({
  key: `${vpc}-att`, path: `${vpc}-att`, label: `${vpc}-att`, tgw: 'tgw', kind: 'vpc', vpc, subnets: [`${vpc}/tgw`], cidrs: [cidr(block)], followsDefaults: 'off',
});

interface Spoke {
  readonly vpc: string;
  readonly block: string;
  /** The spoke's tables, beyond its attachment subnet's: each with whether a subnet uses it, and its routes besides the local one. */
  readonly tables: ReadonlyArray<{ readonly name: string; readonly carriesTraffic: boolean; readonly routes: (table: string) => Route[] }>;
  /** The TGW table the spoke's attachment is associated with, and its routes (default: RT-S, 0.0.0.0/0 to E). */
  readonly rt?: TgwRouteTable;
  /** The spoke's attachment subnet is declared transit-only and its table sends this to the TGW. */
  readonly transitOnward?: string;
}

function model(spokes: readonly Spoke[], extraTgwTables: readonly TgwRouteTable[] = []): RoutingModel {
  const tables: RouteTable[] = [
    {
      key: 'E.public',
      path: 'E.public',
      vpc: 'E',
      carriesTraffic: true,
      routes: [local('E.public', '10.10.0.0/16'), route('E.public', '0.0.0.0/0', { kind: 'igw', key: 'igw', label: 'igw' }, 'E.public/Default'),
        route('E.public', ON_PREM, TGW, 'E.public/ToCorp')],
    },
    { key: 'E.tgw', path: 'E.tgw', vpc: 'E', carriesTraffic: true, routes: [local('E.tgw', '10.10.0.0/16'), route('E.tgw', '0.0.0.0/0', NAT, 'E.tgw/Default')] },
  ];
  const attachments = new Map<string, Attachment>([
    ['E-att', vpcAttachment('E', '10.10.0.0/16')],
    ['vpn-att', { key: 'vpn-att', path: 'vpn-att', label: 'vpn-att', tgw: 'tgw', kind: 'vpn', followsDefaults: 'off' }],
  ]);
  const tgwTables = new Map<string, TgwRouteTable>([
    ['RT-E', { key: 'RT-E', path: 'RT-E', tgw: 'tgw', implicit: false, open: false, routes: [tgwRoute('RT-E', ON_PREM, 'vpn-att', 'RT-E/OnPrem')] }],
    ['RT-S', { key: 'RT-S', path: 'RT-S', tgw: 'tgw', implicit: false, open: false, routes: [tgwRoute('RT-S', '0.0.0.0/0', 'E-att', 'RT-S/Egress')] }],
  ]);
  for (const t of extraTgwTables) tgwTables.set(t.key, t);
  const associations = [{ attachment: 'E-att', table: 'RT-E', path: 'assoc-E', implicit: false }];
  const subnets = [
    { path: 'E/public', vpc: 'E', tableKey: 'E.public', transitOnly: false },
    { path: 'E/tgw', vpc: 'E', tableKey: 'E.tgw', transitOnly: true },
  ];
  for (const s of spokes) {
    const att = vpcAttachment(s.vpc, s.block);
    attachments.set(att.key, att);
    if (s.rt) tgwTables.set(s.rt.key, s.rt);
    associations.push({ attachment: att.key, table: s.rt?.key ?? 'RT-S', path: `assoc-${s.vpc}`, implicit: false });
    const tgwTable = `${s.vpc}.tgw`;
    tables.push({
      key: tgwTable,
      path: tgwTable,
      vpc: s.vpc,
      carriesTraffic: true,
      routes: [local(tgwTable, s.block), ...(s.transitOnward ? [route(tgwTable, s.transitOnward, TGW, `${tgwTable}/Onward`)] : [])],
    });
    subnets.push({ path: `${s.vpc}/tgw`, vpc: s.vpc, tableKey: tgwTable, transitOnly: s.transitOnward !== undefined });
    for (const t of s.tables) {
      const key = `${s.vpc}.${t.name}`;
      tables.push({ key, path: key, vpc: s.vpc, carriesTraffic: t.carriesTraffic, routes: [local(key, s.block), ...t.routes(key)] });
      if (t.carriesTraffic) subnets.push({ path: `${s.vpc}/${t.name}`, vpc: s.vpc, tableKey: key, transitOnly: false });
    }
  }
  const transit: TransitModel = {
    gateways: new Map([['tgw', { key: 'tgw', path: 'tgw', defaultAssociation: 'off', defaultPropagation: 'off' }]]),
    attachments,
    tables: tgwTables,
    associations,
    propagations: [],
    subnets,
    vpcsInApp: new Set(['E', ...spokes.map((s) => s.vpc)]),
    external: new Map(),
  };
  return transitModel(tables, [{ key: 'nat', path: 'nat', connectivity: 'public', regional: false, tableKey: 'E.public' }], transit);
}

const DEFAULTS = DEFAULT_RULES;
const found = (m: RoutingModel) => analyze(m, DEFAULTS).map((f) => `${f.ruleId} @ ${f.path}${f.atMostWarning ? ' (warning)' : ''}`);
const toTgw = (block: string) => (table: string) => [route(table, block, TGW, `${table}/ToTgw`)];

describe('what transit gateways deliver into a transit-only attachment subnet', () => {
  test('a spoke whose workload subnets send on-premises traffic to the TGW: it reaches E\'s NAT gateway, whose table sends it to the VPN: NRG-TGW-HYBRID', () => {
    expect(found(model([{ vpc: 'B', block: '10.1.0.0/16', tables: [{ name: 'app', carriesTraffic: true, routes: toTgw('0.0.0.0/0') }] }])))
      .toEqual(['NRG-TGW-HYBRID @ E.public/ToCorp']);
  });

  test('spokes that send the TGW only other ranges: nothing on-premises reaches the NAT gateway, no finding', () => {
    expect(found(model([{ vpc: 'B', block: '10.1.0.0/16', tables: [{ name: 'app', carriesTraffic: true, routes: toTgw('10.0.0.0/8') }] }]))).toEqual([]);
  });

  test('a spoke that sends the internet to its own gateway and only 10.0.0.0/8 to the TGW: only routes to the TGW send into it, no finding', () => {
    const igw: Target = { kind: 'igw', key: 'B-igw', label: 'B-igw' };
    const routes = (table: string) => [route(table, '0.0.0.0/0', igw, `${table}/Internet`), ...toTgw('10.0.0.0/8')(table)];
    expect(found(model([{ vpc: 'B', block: '10.1.0.0/16', tables: [{ name: 'app', carriesTraffic: true, routes }] }]))).toEqual([]);
  });

  test('a spoke route to the TGW whose destination is a parameter: all of its family may be sent, on-premises traffic among it: NRG-TGW-HYBRID', () => {
    expect(found(model([{ vpc: 'B', block: '10.1.0.0/16', tables: [{ name: 'app', carriesTraffic: true, routes: toTgw('?4:Ref CorpCidr') }] }])))
      .toEqual(['NRG-TGW-HYBRID @ E.public/ToCorp']);
    // An IPv6 parameter sends no IPv4 traffic.
    expect(found(model([{ vpc: 'B', block: '10.1.0.0/16', tables: [{ name: 'app', carriesTraffic: true, routes: toTgw('?6:Ref CorpCidr6') }] }]))).toEqual([]);
  });

  test('RT-S sends on-premises to another spoke and the rest to E: only the rest reaches E\'s NAT gateway, no finding', () => {
    const rt: TgwRouteTable = {
      key: 'RT-S',
      path: 'RT-S',
      tgw: 'tgw',
      implicit: false,
      open: false,
      routes: [tgwRoute('RT-S', '0.0.0.0/0', 'E-att', 'RT-S/Egress'), tgwRoute('RT-S', ON_PREM, 'C-att', 'RT-S/ToC')],
    };
    const spokes: Spoke[] = [
      { vpc: 'B', block: '10.1.0.0/16', tables: [{ name: 'app', carriesTraffic: true, routes: toTgw('0.0.0.0/0') }], rt },
      { vpc: 'C', block: '10.2.0.0/16', tables: [] },
    ];
    expect(found(model(spokes))).toEqual([]);
  });

  test('E attached to a transit gateway the app does not define: anything may be delivered to E, and what the NAT gateway sends there cannot be followed: NRG-TGW-UNKNOWN', () => {
    const m = model([]);
    const transit = m.transit!;
    const eAtt = { ...transit.attachments.get('E-att')!, tgw: 'tgw-ext' };
    const onExternal: RoutingModel = {
      ...m,
      tables: m.tables.map((t) => (t.key === 'E.public' ? { ...t, routes: t.routes.map((r) => (r.target.kind === 'tgw' ? { ...r, target: { ...TGW, key: 'tgw-ext', label: 'tgw-ext' } } : r)) } : t)),
      transit: { ...transit, attachments: new Map([...transit.attachments, ['E-att', eAtt]]) },
    };
    expect(found(onExternal)).toEqual(['NRG-TGW-UNKNOWN @ E.public/ToCorp']);
  });

  test('a spoke route table no subnet uses sends on-premises traffic to the TGW: it carries no traffic, so nothing reaches the NAT gateway, no finding', () => {
    const spoke: Spoke = {
      vpc: 'B',
      block: '10.1.0.0/16',
      tables: [{ name: 'app', carriesTraffic: true, routes: toTgw('10.0.0.0/8') }, { name: 'spare', carriesTraffic: false, routes: toTgw('0.0.0.0/0') }],
    };
    expect(found(model([spoke]))).toEqual([]);
  });

  test('a spoke VPC the app does not define: what it sends is unknown, so on-premises traffic may reach E\'s NAT gateway: NRG-TGW-HYBRID', () => {
    const m = model([{ vpc: 'X', block: '10.9.0.0/16', tables: [] }]);
    expect(found({ ...m, transit: { ...m.transit!, vpcsInApp: new Set(['E']) } })).toEqual(['NRG-TGW-HYBRID @ E.public/ToCorp']);
    // The same spoke defined in the app, its tables sending nothing to the TGW: nothing reaches E.
    expect(found(m)).toEqual([]);
  });

  /**
   * A chain of spokes whose attachment subnets are declared transit-only: B0's workloads send on-premises
   * traffic to the TGW, each spoke's TGW table delivers it to the next spoke, whose attachment subnet
   * sends it back to the TGW; the last spoke's table drops it (a blackhole). Nothing reaches E, but
   * the refinement needs one round per spoke to show it.
   */
  function chain(length: number): RoutingModel {
    const spokes: Spoke[] = [];
    for (let i = 0; i < length; i++) {
      const next = i + 1 < length ? `S${i + 1}-att` : undefined;
      const rt: TgwRouteTable = { key: `RT-${i}`, path: `RT-${i}`, tgw: 'tgw', implicit: false, open: false, routes: [tgwRoute(`RT-${i}`, ON_PREM, next, `RT-${i}/Next`)] };
      spokes.push({ vpc: `S${i}`, block: `10.${100 + i}.0.0/16`, tables: [], rt, transitOnward: i > 0 ? ON_PREM : undefined });
    }
    spokes[0] = { ...spokes[0], tables: [{ name: 'app', carriesTraffic: true, routes: toTgw(ON_PREM) }] };
    return model(spokes);
  }

  test('a chain of 64 transit-only spokes ending in a blackhole: worked out to the end within the 64 rounds, nothing reaches E\'s NAT gateway, no finding', () => {
    expect(found(chain(20))).toEqual([]);
    expect(found(chain(64))).toEqual([]);
  });

  test('a chain of 65 (one round more than the refinement is given): it gives up, every transit table keeps its full feed, and the VPN route is reported (fail closed)', () => {
    expect(found(chain(65))).toEqual(['NRG-TGW-HYBRID @ E.public/ToCorp']);
  });
});
