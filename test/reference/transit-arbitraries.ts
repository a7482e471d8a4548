/**
 * fast-check generators of routing models with transit gateways: one to three VPCs with tables,
 * subnets (Availability Zones, some declared transit-only) and NAT gateways; one or two transit
 * gateways with defaults on, off or open, tables (some open), static and blackhole routes,
 * attachments of every kind (VPC, VPN, VPN concentrator, Direct Connect, peering, firewall,
 * unknown), associations (a few to policy tables or unresolved) and propagations; an external
 * transit gateway, sometimes declared. Propagated routes are written out here, independently of src/build.
 */
import * as fc from 'fast-check';
import { Destination, NatGateway, Route, RouteTable, RoutingModel, Target } from '../../src/model/model';
import {
  Attachment, AttachmentKind, SubnetInfo, TgwAssociation, TgwPolicyEntry, TgwPolicyTable, TgwPropagation, TgwRoute, TgwRouteTable,
  TransitGateway, TransitModel,
} from '../../src/model/transit';
import { parseCidr } from '../../src/net/cidr';

const cidr = (t: string) => {
  const p = parseCidr(t);
  if (!p.ok) throw new Error(p.error);
  return p.cidr;
};
const VPC_CIDRS = ['10.0.0.0/16', '10.1.0.0/16', '10.2.0.0/16'];
const BLOCKS = ['0.0.0.0/0', '10.0.0.0/8', '10.0.0.0/16', '10.1.0.0/16', '10.2.0.0/16', '10.200.0.0/16', '10.200.5.0/24', '10.0.2.0/26',
  '192.168.0.0/16', '10.1.128.0/17', '::/0', '2001:db8::/32', '64:ff9b::/96'];
const destination: fc.Arbitrary<Destination> = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...BLOCKS).map((t): Destination => ({ kind: 'cidr', cidr: cidr(t) })) },
  { weight: 1, arbitrary: fc.constantFrom(4, 6).map((f): Destination => ({ kind: 'unknown', key: `Ref(X)/${f}`, label: 'Ref X', family: f as 4 | 6 })) },
);
/** Sources of policy table entries, against NAT gateways whose subnet is 10.<vpc>.0.0/24. */
const SOURCES = ['0.0.0.0/0', '10.0.0.0/8', '10.0.0.0/16', '10.1.0.0/16', '10.0.0.0/25', '10.0.0.128/25', '192.168.0.0/16'];
const source: fc.Arbitrary<Destination> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...SOURCES).map((t): Destination => ({ kind: 'cidr', cidr: cidr(t) })) },
  { weight: 1, arbitrary: fc.constant<Destination>({ kind: 'unknown', key: 'Ref(Src)', label: 'Ref Src', family: 4 }) },
);
const policyEntry = fc.record({
  rule: fc.option(fc.nat(40), { freq: 8 }),
  source: fc.option(source, { freq: 2 }),
  destination: fc.option(destination, { freq: 4 }),
  conditioned: fc.nat(3).map((n) => n === 0),
  table: fc.nat(),
});
const setting = fc.constantFrom('on', 'off', 'off', 'open') as fc.Arbitrary<'on' | 'off' | 'open'>;
const RANK: Record<AttachmentKind, number> = {
  'vpc': 2, 'dx-gateway': 3, 'connect': 4, 'vpn': 5, 'vpn-concentrator': 5, 'client-vpn': 5, 'peering': 6, 'network-function': 6, 'unknown': 5,
};
const OTHER_KINDS: AttachmentKind[] = ['vpn', 'vpn-concentrator', 'dx-gateway', 'peering', 'peering', 'network-function', 'unknown', 'connect'];

export function transitTopology(): fc.Arbitrary<RoutingModel> {
  return fc.record({
    vpcs: fc.array(fc.record({
      unknownCidr: fc.nat(12).map((n) => n === 0),
      tables: fc.array(fc.record({
        subnets: fc.array(fc.record({ az: fc.constantFrom('a', 'b', undefined), transitOnly: fc.nat(3).map((n) => n === 0) }), { maxLength: 2 }),
        routes: fc.array(fc.record({ destination, target: fc.nat(13), n: fc.nat(3) }), { maxLength: 6 }),
      }), { minLength: 1, maxLength: 3 }),
    }), { minLength: 1, maxLength: 3 }),
    nats: fc.array(fc.record({ vpc: fc.nat(), table: fc.nat(), private: fc.nat(5).map((n) => n === 0) }), { minLength: 1, maxLength: 3 }),
    tgws: fc.array(fc.record({
      association: setting,
      propagation: setting,
      tables: fc.array(fc.record({
        open: fc.nat(15).map((n) => n === 0),
        routes: fc.array(fc.record({ destination, attachment: fc.nat(), blackhole: fc.nat(5).map((n) => n === 0) }), { maxLength: 5 }),
      }), { minLength: 1, maxLength: 3 }),
      // `outside`: the attachment of a VPC the app does not define (what it sends is unknown).
      vpcAttachments: fc.array(fc.record({
        vpc: fc.nat(), subnets: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }), outside: fc.nat(9).map((n) => n === 0),
      }),
      { minLength: 1, maxLength: 3 }),
      others: fc.array(fc.record({ kind: fc.constantFrom(...OTHER_KINDS), peer: fc.nat(2) }), { maxLength: 3 }),
      wiring: fc.array(fc.record({
        association: fc.nat(), propagations: fc.array(fc.nat(), { maxLength: 2 }), odd: fc.nat(20), policy: fc.nat(4),
      }),
      { minLength: 6, maxLength: 6 }),
      // Policy tables; an attachment with `policy` 0 is associated with one, with `odd` 0 with one the app does not define.
      policies: fc.array(fc.array(policyEntry, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 2 }),
    }), { minLength: 1, maxLength: 2 }),
    declareExternal: fc.boolean(),
    // A Gateway Load Balancer / firewall endpoint ('vpce', as routes name it) and its subnets' tables; none when empty.
    endpointTables: fc.array(fc.nat(), { maxLength: 2 }),
  }).map((raw): RoutingModel => {
    const tables: RouteTable[] = [];
    const subnets: SubnetInfo[] = [];
    const vpcSubnets: string[][] = [];
    const vpcTables: string[][] = [];
    const tgwKeys = raw.tgws.map((_, g) => `g${g}`);
    raw.vpcs.forEach((v, vi) => {
      const vpc = `v${vi}`;
      vpcSubnets.push([]);
      vpcTables.push([]);
      v.tables.forEach((t, ti) => {
        const key = `${vpc}t${ti}`;
        vpcTables[vi].push(key);
        t.subnets.forEach((s, si) => {
          const path = `${key}s${si}`;
          subnets.push({ path, vpc, az: s.az, tableKey: key, transitOnly: s.transitOnly });
          vpcSubnets[vi].push(path);
        });
        tables.push({ key, path: key, vpc, carriesTraffic: t.subnets.length > 0 || ti === 0, routes: [] });
      });
    });
    const nats: NatGateway[] = raw.nats.map((n, i) => {
      const vi = n.vpc % raw.vpcs.length;
      // Its subnet's block, as a policy table sees its source (unknown for every fourth).
      const sources = n.table % 4 === 3 ? undefined : [cidr(VPC_CIDRS[vi].replace('.0.0/16', '.0.0/24'))];
      return {
        key: `nat${i}`,
        path: `nat${i}`,
        connectivity: n.private ? 'private' : 'public',
        regional: false,
        tableKey: vpcTables[vi][n.table % vpcTables[vi].length],
        ...(sources ? { sources } : {}),
      };
    });
    const natOf = (vi: number) => nats.filter((n) => n.tableKey?.startsWith(`v${vi}t`));
    // VPC routes, with the local route of each VPC whose block is known.
    raw.vpcs.forEach((v, vi) => {
      v.tables.forEach((t, ti) => {
        const table = tables.find((x) => x.key === `v${vi}t${ti}`)!;
        const routes = table.routes as Route[];
        if (!v.unknownCidr) {
          routes.push({
            id: `${table.key}#local`,
            path: `${table.key}#local`,
            tableKey: table.key,
            origin: 'local',
            implicit: true,
            destination: { kind: 'cidr', cidr: cidr(VPC_CIDRS[vi]) },
            target: { kind: 'local', key: 'local', label: 'local' },
          });
        }
        const seen = new Set<string>();
        t.routes.forEach((r, ri) => {
          const k = r.destination.kind === 'cidr' ? r.destination.cidr.text : r.destination.key;
          if (seen.has(k)) return;
          seen.add(k);
          const ownNats = natOf(vi);
          const targets: Target[] = [
            ...(ownNats.length > 0 ? [{ kind: 'nat' as const, key: ownNats[r.n % ownNats.length].key, label: 'nat' }] : []),
            { kind: 'igw', key: 'igw', label: 'igw' }, { kind: 'vgw', key: 'vgw', label: 'vgw' }, { kind: 'pcx', key: 'pcx', label: 'pcx' },
            ...tgwKeys.map((g): Target => ({ kind: 'tgw', key: g, label: g })), ...tgwKeys.map((g): Target => ({ kind: 'tgw', key: g, label: g })),
            { kind: 'tgw', key: 'tgw-x', label: 'tgw-x' }, { kind: 'core-network', key: 'cn', label: 'cn' },
            { kind: 'unknown-gateway', key: 'gw', label: 'gw' }, { kind: 'gwlb-endpoint', key: 'vpce', label: 'vpce' },
            ...(ownNats.length > 0 ? [{ kind: 'nat' as const, key: ownNats[0].key, label: 'nat' }] : []),
          ];
          const path = `${table.key}/r${ri}`;
          routes.push({ id: path, path, tableKey: table.key, origin: 'static', destination: r.destination, target: targets[r.target % targets.length] });
        });
      });
    });
    // Transit gateways, tables, attachments.
    const gateways = new Map<string, TransitGateway>();
    const tgwTables = new Map<string, TgwRouteTable & { routes: TgwRoute[] }>();
    const attachments = new Map<string, Attachment>();
    const associations: TgwAssociation[] = [];
    const propagations: TgwPropagation[] = [];
    raw.tgws.forEach((g, gi) => {
      const key = tgwKeys[gi];
      const keys = g.tables.map((_, ti) => `${key}q${ti}`);
      g.tables.forEach((t, ti) => tgwTables.set(keys[ti], { key: keys[ti], path: keys[ti], tgw: key, implicit: false, open: t.open, routes: [] }));
      const implicit = `${key}#default`;
      if (g.association !== 'off' || g.propagation !== 'off') tgwTables.set(implicit, { key: implicit, path: implicit, tgw: key, implicit: true, open: false, routes: [] });
      gateways.set(key, {
        key,
        path: key,
        defaultAssociation: g.association,
        defaultPropagation: g.propagation,
        associationTable: g.association === 'off' ? undefined : implicit,
        propagationTable: g.propagation === 'off' ? undefined : implicit,
      });
      const mine: Attachment[] = [];
      g.vpcAttachments.forEach((a, ai) => {
        const vi = a.vpc % raw.vpcs.length;
        const own = vpcSubnets[vi];
        const chosen = own.length === 0 ? [] : [...new Set(a.subnets.map((s) => own[s % own.length]))];
        mine.push({
          key: `${key}a${ai}`,
          path: `${key}a${ai}`,
          label: `${key}a${ai}`,
          tgw: key,
          kind: 'vpc',
          vpc: a.outside ? 'v-outside' : `v${vi}`,
          subnets: a.outside ? [] : chosen,
          cidrs: raw.vpcs[vi].unknownCidr ? [] : [cidr(VPC_CIDRS[vi])],
          cidrsUnknown: raw.vpcs[vi].unknownCidr,
          followsDefaults: 'on',
        });
      });
      g.others.forEach((o, oi) => {
        const follows = o.kind === 'vpn' || o.kind === 'dx-gateway' ? 'on' : o.kind === 'unknown' ? 'off' : 'open';
        const peer = o.kind === 'peering' ? tgwKeys[o.peer % (tgwKeys.length + 1)] : undefined;
        mine.push({ key: `${key}o${oi}`, path: `${key}o${oi}`, label: `${key}o${oi}`, tgw: key, kind: o.kind, followsDefaults: follows, peer: peer !== key ? peer : undefined });
      });
      mine.forEach((a, ai) => {
        attachments.set(a.key, a);
        const w = g.wiring[ai % g.wiring.length];
        if (w.odd === 0) {associations.push({ attachment: a.key, path: `${a.key}/policy`, implicit: false, policy: true });} else if (w.policy === 0) {
          associations.push({ attachment: a.key, path: `${a.key}/policy`, implicit: false, policy: true, policyTable: `${key}p${w.association % g.policies.length}` });
        } else if (w.odd === 1) {associations.push({ attachment: a.key, path: `${a.key}/assoc`, implicit: false });} else if (w.association % 3 !== 0) {associations.push({ attachment: a.key, table: keys[w.association % keys.length], path: `${a.key}/assoc`, implicit: false });}
        for (const p of new Set(w.propagations)) propagations.push({ attachment: a.key, table: keys[p % keys.length], path: `${a.key}/prop${p % keys.length}`, implicit: false });
        if (a.followsDefaults !== 'off' && g.association !== 'off') associations.push({ attachment: a.key, table: implicit, path: key, implicit: true });
        if (a.followsDefaults !== 'off' && g.propagation !== 'off') propagations.push({ attachment: a.key, table: implicit, path: key, implicit: true });
      });
      g.tables.forEach((t, ti) => {
        const seen = new Set<string>();
        t.routes.forEach((r, ri) => {
          const k = r.destination.kind === 'cidr' ? r.destination.cidr.text : r.destination.key;
          if (seen.has(k) || mine.length === 0) return;
          seen.add(k);
          const att = r.blackhole ? undefined : mine[r.attachment % mine.length].key;
          tgwTables.get(keys[ti])!.routes.push({ id: `${keys[ti]}/r${ri}`, path: `${keys[ti]}/r${ri}`, table: keys[ti], destination: r.destination, attachment: att, blackhole: att === undefined, rank: 0 });
        });
      });
    });
    // Propagated routes, as AWS installs them.
    for (const p of propagations) {
      const a = attachments.get(p.attachment)!;
      const t = tgwTables.get(p.table)!;
      if (a.kind === 'peering' || a.kind === 'network-function') continue;
      const base = { path: p.path, table: p.table, attachment: a.key, blackhole: false, rank: RANK[a.kind], propagation: p.path };
      if (a.kind === 'vpc') for (const c of a.cidrs ?? []) t.routes.push({ ...base, id: `${p.path}>${p.table}#${c.text}`, destination: { kind: 'cidr', cidr: c } });
      if (a.kind !== 'vpc' || a.cidrsUnknown) t.routes.push({ ...base, id: `${p.path}>${p.table}#prefixes`, destination: { kind: 'unknown', key: `propagated:${a.key}`, label: a.key } });
    }
    const transit: TransitModel = {
      gateways,
      attachments,
      tables: tgwTables,
      associations,
      propagations,
      subnets,
      vpcsInApp: new Set(raw.vpcs.map((_, i) => `v${i}`)),
      external: raw.declareExternal ? new Map([['tgw-x', { onPremises: [cidr('10.200.0.0/16')] }]]) : new Map(),
    };
    const policyTables = new Map<string, TgwPolicyTable>();
    raw.tgws.forEach((g, gi) => g.policies.forEach((entries, pi) => {
      const key = `g${gi}p${pi}`;
      const targets = [...tgwTables.values()].filter((t) => t.tgw === `g${gi}`).map((t) => t.key);
      const list: TgwPolicyEntry[] = entries.map((e, ei) => ({
        path: `${key}/e${ei}`,
        ...(e.rule !== null ? { rule: e.rule } : {}),
        ...(e.source !== null ? { source: e.source } : {}),
        ...(e.destination !== null ? { destination: e.destination } : {}),
        conditioned: e.conditioned,
        ...(targets.length > 0 && e.table % 7 !== 6 ? { table: targets[e.table % targets.length] } : {}),
      }));
      list.sort((a, b) => (a.rule ?? Infinity) - (b.rule ?? Infinity));
      policyTables.set(key, { key, path: key, entries: list });
    }));
    (transit as { policyTables?: Map<string, TgwPolicyTable> }).policyTables = policyTables;
    const endpointTables = [...new Set(raw.endpointTables.map((n) => tables[n % tables.length].key))];
    const endpoints = endpointTables.length > 0 ? [{ key: 'vpce', path: 'vpce', tableKeys: endpointTables }] : undefined;
    return { tables, natGateways: nats, propagations: [], gatewayEndpoints: [], problems: [], transit, ...(endpoints ? { endpoints } : {}) };
  });
}
