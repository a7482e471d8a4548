/**
 * An independent, packet-by-packet reference for the analysis. It shares no code with
 * src/analysis or src/net: it reads the routing model as data and walks concrete addresses.
 *
 * For each NAT gateway it samples destination addresses — every boundary of every range in every
 * table (first, last, one below, one above), their NAT64 images, and random addresses — asks each
 * table which route it selects for each address, and collects (rule, path) pairs.
 */
import { TransitContext, deliveriesAt, exempt, tableDelivered, transitSamples, walkAddress } from './brute-transit';
import { Destination, Route, RouteTable, RoutingModel } from '../../src/model/model';

type Fam = 4 | 6;
const TOP: Record<Fam, bigint> = { 4: 2n ** 32n - 1n, 6: 2n ** 128n - 1n };
/** 64:ff9b::/96 */
const NAT64_BASE = 0x64ff9bn * 2n ** 96n;
const NAT64_TOP = NAT64_BASE + 2n ** 32n - 1n;

/** Private and special IPv4 ranges (never in an AWS service prefix list), as [first, last]. */
const NON_PUBLIC: [bigint, bigint][] = [
  [0x00000000n, 0x00ffffffn], [0x0a000000n, 0x0affffffn], [0x64400000n, 0x647fffffn], [0x7f000000n, 0x7fffffffn],
  [0xa9fe0000n, 0xa9feffffn], [0xac100000n, 0xac1fffffn], [0xc0a80000n, 0xc0a8ffffn], [0xe0000000n, 0xffffffffn],
];
const isPublic = (x: bigint) => !NON_PUBLIC.some(([a, b]) => a <= x && x <= b);

interface Span { fam: Fam; first: bigint; last: bigint; len: number }

function spans(d: Destination): Span[] | undefined {
  if (d.kind === 'cidr') return [{ fam: d.cidr.family, first: d.cidr.first, last: d.cidr.last, len: d.cidr.length }];
  if (d.kind === 'prefix-list' && d.entries) return d.entries.map((c) => ({ fam: c.family, first: c.first, last: c.last, len: c.length }));
  return undefined;
}
const opaque = (r: Route) => spans(r.destination) === undefined;

/** The routes a table selects for one address: longest prefix, then static > local > prefix list. */
export function selectFor(table: RouteTable, fam: Fam, x: bigint): Route[] {
  let best: Route[] = [];
  let bestLen = -1;
  let bestRank = 99;
  for (const r of table.routes) {
    const ss = spans(r.destination);
    if (!ss) continue;
    let len = -1;
    for (const s of ss) if (s.fam === fam && s.first <= x && x <= s.last && s.len > len) len = s.len;
    if (len < 0) continue;
    const rank = r.origin === 'local' ? 1 : r.destination.kind === 'prefix-list' ? 2 : 0;
    if (len > bestLen || (len === bestLen && rank < bestRank)) {
      best = [r];
      bestLen = len;
      bestRank = rank;
    } else if (len === bestLen && rank === bestRank) {
      best.push(r);
    }
  }
  return best;
}

function samples(model: RoutingModel, random: () => bigint[]): Record<Fam, bigint[]> {
  const out: Record<Fam, Set<bigint>> = { 4: new Set([0n, TOP[4]]), 6: new Set([0n, TOP[6], NAT64_BASE, NAT64_TOP]) };
  const add = (fam: Fam, x: bigint) => {
    if (x >= 0n && x <= TOP[fam]) out[fam].add(x);
  };
  for (const t of model.tables) {
    for (const r of t.routes) {
      for (const s of spans(r.destination) ?? []) {
        for (const x of [s.first - 1n, s.first, s.last, s.last + 1n]) add(s.fam, x);
      }
    }
  }
  for (const [a, b] of NON_PUBLIC) for (const x of [a - 1n, a, b, b + 1n]) add(4, x);
  for (const { fam, x } of transitSamples(model.transit)) add(fam, x);
  for (const x of random()) {
    add(4, x % (TOP[4] + 1n));
    add(6, x % (TOP[6] + 1n));
  }
  // NAT64 images both ways, so every IPv4 interval is seen from IPv6 and back.
  for (const x of [...out[6]]) if (x >= NAT64_BASE && x <= NAT64_TOP) add(4, x - NAT64_BASE);
  for (const x of [...out[4]]) add(6, NAT64_BASE + x);
  return { 4: [...out[4]], 6: [...out[6]] };
}

interface Arrival { fam: Fam; x: bigint; table: RouteTable; route: Route }

export interface BruteOptions {
  /** Extra addresses to try (taken modulo each family's size). */
  readonly random?: () => bigint[];
  /** Whether NRG-TGW is on. */
  readonly tgw?: boolean;
  /** Whether the NRG-TGW-* rules are judged (docs/transit.md); NRG-TGW-VPC only with `tgwVpc`. */
  readonly transit?: boolean;
  readonly tgwVpc?: boolean;
  /** Take tables that only look transit-only as declared (to tell which findings are capped at warnings). */
  readonly assumeLookAlikes?: boolean;
}

const TRANSIT_FAMILY = ['NRG-TGW', 'NRG-TGW-HYBRID', 'NRG-TGW-PEERING', 'NRG-TGW-PROPAGATION', 'NRG-TGW-UNKNOWN', 'NRG-TGW-VPC'];

/**
 * `rule @ path` for every finding the specification asks for, with ` (capped)` on a transit finding
 * that holds only through tables that look transit-only without being declared so.
 */
export function bruteForce(model: RoutingModel, opts: BruteOptions = {}): Set<string> {
  const found = bruteForceOnce(model, opts);
  if (!model.transit || ![...found].some((f) => TRANSIT_FAMILY.includes(f.split(' @ ')[0]))) return found;
  const held = bruteForceOnce(model, { ...opts, assumeLookAlikes: true });
  return new Set([...found].map((f) => (TRANSIT_FAMILY.includes(f.split(' @ ')[0]) && !held.has(f) ? `${f} (capped)` : f)));
}

/** Declared transit tables (and, when asked, look-alikes): tables all of whose subnets are transit-only (or hold an attachment). */
function transitTablesOf(model: RoutingModel, lookAlikes: boolean): Set<string> {
  const out = new Set<string>();
  const transit = model.transit;
  if (!transit) return out;
  const attached = new Set([...transit.attachments.values()].flatMap((a) => a.subnets ?? []));
  const byTable = new Map<string, boolean[]>();
  for (const s of transit.subnets) {
    if (s.tableKey === undefined) continue;
    byTable.set(s.tableKey, [...(byTable.get(s.tableKey) ?? []), s.transitOnly || (lookAlikes && attached.has(s.path))]);
  }
  for (const [t, flags] of byTable) if (flags.every(Boolean)) out.add(t);
  return out;
}

function bruteForceOnce(model: RoutingModel, opts: BruteOptions): Set<string> {
  const found = new Set<string>();
  const tables = new Map(model.tables.map((t) => [t.key, t]));
  const sample = samples(model, opts.random ?? (() => []));
  const carrying = model.tables.filter((t) => t.carriesTraffic);
  const transitTables = transitTablesOf(model, opts.assumeLookAlikes ?? false);
  const ctx: TransitContext | undefined = model.transit && { model, transit: model.transit, tables, selectFor, transitTables };
  // Whether an address reaches a table: always, unless it is a transit table and no transit gateway delivers it there.
  const reaches = (R: RouteTable, fam: Fam, x: bigint) => !ctx || !transitTables.has(R.key)
    || tableDelivered(ctx, R.key, deliveriesAt(ctx, fam, x).delivered);

  // EC2 refuses a static route inside (strictly more specific than) a local range, except to a
  // middlebox (NAT gateway, ENI, instance, GWLB endpoint); a gateway the model cannot classify is given the benefit.
  const middlebox = ['nat', 'eni', 'instance', 'gwlb-endpoint', 'local', 'unknown-gateway'];
  for (const t of model.tables) {
    for (const r of t.routes) {
      if (r.origin !== 'static' || r.implicit || r.destination.kind !== 'cidr' || middlebox.includes(r.target.kind)) continue;
      const [mine] = spans(r.destination)!;
      const inside = t.routes.some((l) => l.origin === 'local'
        && (spans(l.destination) ?? []).some((s) => s.fam === mine.fam && s.first <= mine.first && mine.last <= s.last && s.len < mine.len));
      if (inside) found.add(`NRG-INVALID @ ${r.path}`);
    }
  }

  // One route per destination in a table: every later one is refused.
  for (const t of model.tables) {
    const destinations = new Set<string>();
    for (const r of t.routes) {
      if (r.origin !== 'static' || r.implicit) continue;
      const d = r.destination;
      const id = d.kind === 'cidr' ? `c ${d.cidr.family} ${d.cidr.first} ${d.cidr.length}` : `${d.kind} ${d.key} ${d.kind === 'unknown' ? d.family : ''}`;
      if (destinations.has(id)) found.add(`NRG-INVALID @ ${r.path}`);
      destinations.add(id);
    }
  }

  for (const nat of model.natGateways) {
    if (nat.tableKey === undefined) {
      found.add(`NRG-UNRESOLVED @ ${nat.path}`);
      continue;
    }
    const T = tables.get(nat.tableKey);
    if (!T) continue;
    const toNat = (r: Route) => r.target.kind === 'nat' && r.target.key === nat.key;

    // Packet walk: which addresses each carrying table hands to this NAT gateway.
    const arrivals: Arrival[] = [];
    const transitFeeds = (R: RouteTable, fam: Fam) => (transitTables.has(R.key) ? R.routes.filter((r) => opaque(r) && toNat(r)
      && (r.destination.kind !== 'unknown' || r.destination.family === undefined || r.destination.family === fam)) : []);
    for (const R of carrying) {
      for (const x of sample[4]) {
        if (!reaches(R, 4, x)) continue;
        for (const r of [...selectFor(R, 4, x), ...transitFeeds(R, 4)]) if (toNat(r)) arrivals.push({ fam: 4, x, table: R, route: r });
      }
      for (const x of sample[6]) {
        if (!reaches(R, 6, x)) continue;
        for (const r of [...selectFor(R, 6, x), ...transitFeeds(R, 6)]) {
          if (!toNat(r)) continue;
          if (x >= NAT64_BASE && x <= NAT64_TOP) arrivals.push({ fam: 4, x: x - NAT64_BASE, table: R, route: r });
          else arrivals.push({ fam: 6, x, table: R, route: r });
        }
      }
    }
    // Unresolved feeding routes outside transit tables make the inflow unknown (in a transit table, only what is delivered arrives).
    const unknownFeeds = carrying.filter((R) => !transitTables.has(R.key))
      .flatMap((R) => R.routes.filter((r) => opaque(r) && toNat(r)).map((route) => ({ table: R, route })));
    if (arrivals.length === 0 && unknownFeeds.length === 0) continue;

    const forbidden: [string, (r: Route) => boolean][] = [
      ['NRG-VGW', (r) => r.target.kind === 'vgw'],
      ['NRG-PCX', (r) => r.target.kind === 'pcx'],
      ['NRG-PRIVATE-IGW', (r) => nat.connectivity === 'private' && r.target.kind === 'igw'],
      ['NRG-UNRESOLVED', (r) => r.target.kind === 'unknown-gateway'],
      ...(opts.tgw ? [['NRG-TGW', (r: Route) => r.target.kind === 'tgw' || r.target.kind === 'core-network'] as [string, (r: Route) => boolean]] : []),
    ];
    // What the NAT gateway's table does with each arriving address (all addresses if the inflow is unknown).
    const inflow: { fam: Fam; x: bigint }[] = unknownFeeds.length > 0
      ? [...sample[4].map((x) => ({ fam: 4 as Fam, x })), ...sample[6].map((x) => ({ fam: 6 as Fam, x }))]
      : arrivals;
    const mayMatch = (o: Route, fam: Fam) => opaque(o) && (o.destination.kind !== 'unknown' || o.destination.family === undefined || o.destination.family === fam);
    // Behind endpoints: the tables each address reaches from T(N) through Gateway Load Balancer / firewall endpoints.
    const endpoints = new Map((model.endpoints ?? []).map((e) => [e.key, e]));
    const behind = (fam: Fam, x: bigint): Set<string> => {
      const seen = new Set([T.key]);
      const queue = [T];
      while (queue.length > 0) {
        const X = queue.shift()!;
        for (const r of [...selectFor(X, fam, x), ...X.routes.filter((o) => mayMatch(o, fam))]) {
          const e = r.target.kind === 'gwlb-endpoint' ? endpoints.get(r.target.key) : undefined;
          for (const k of e?.tableKeys ?? []) {
            if (seen.has(k) || !tables.has(k)) continue;
            seen.add(k);
            queue.push(tables.get(k)!);
          }
        }
      }
      seen.delete(T.key);
      return seen;
    };
    const judged: Array<{ X: RouteTable; addrs: { fam: Fam; x: bigint }[]; arrivalsX: Arrival[]; unknownX: boolean }> = [
      { X: T, addrs: inflow, arrivalsX: arrivals, unknownX: unknownFeeds.length > 0 },
    ];
    if (endpoints.size > 0) {
      const byTable = new Map<string, { addrs: { fam: Fam; x: bigint }[]; arrivalsX: Arrival[] }>();
      const at = (k: string) => byTable.get(k) ?? byTable.set(k, { addrs: [], arrivalsX: [] }).get(k)!;
      for (const a of inflow) {
        const reached = behind(a.fam, a.x);
        for (const k of reached) {
          at(k).addrs.push(a);
          // With an unknown inflow, what reaches the table is attributed to the first unresolved feeding route.
          if (unknownFeeds.length > 0) at(k).arrivalsX.push({ fam: a.fam, x: a.x, table: unknownFeeds[0].table, route: unknownFeeds[0].route });
        }
      }
      for (const a of arrivals) for (const k of behind(a.fam, a.x)) at(k).arrivalsX.push(a);
      for (const [k, v] of byTable) judged.push({ X: tables.get(k)!, addrs: v.addrs, arrivalsX: v.arrivalsX, unknownX: false });
    }
    const isV4Default = (r: Route) => r.origin === 'static' && r.destination.kind === 'cidr'
      && r.destination.cidr.family === 4 && r.destination.cidr.length === 0;
    for (const { X, addrs, arrivalsX, unknownX } of judged) {
      for (const a of addrs) {
        for (const r of selectFor(X, a.fam, a.x)) {
          for (const [rule, hit] of forbidden) if (hit(r)) found.add(`${rule} @ ${r.path}`);
        }
      }
      for (const r of X.routes.filter(opaque)) {
        for (const [rule, hit] of forbidden) {
          if (!hit(r)) continue;
          if (unknownX) {
            found.add(`${rule} @ ${r.path}`);
            continue;
          }
          const fam = r.destination.kind === 'unknown' ? r.destination.family : undefined;
          const sameExpr = (o: Route) => o.destination.kind === r.destination.kind && o.destination.kind !== 'cidr'
            && (o.destination as { key: string }).key === (r.destination as { key: string }).key && !toNat(o);
          if (arrivalsX.some((a) => (fam === undefined || a.fam === fam) && !a.table.routes.some(sameExpr))) found.add(`${rule} @ ${r.path}`);
        }
      }
      const feeding = [...arrivalsX.map((a) => ({ table: a.table, route: a.route })), ...(unknownX ? unknownFeeds : [])];
      for (const p of model.propagations) {
        if (!p.tableKeys.includes(X.key)) continue;
        const propagates = (t: RouteTable) => model.propagations.some((q) => q.vgw.key === p.vgw.key && q.tableKeys.includes(t.key));
        const exemptHere = feeding.every((f) => propagates(f.table) && isV4Default(f.route)) && X.routes.some(isV4Default);
        if (!exemptHere) found.add(`NRG-PROPAGATION @ ${p.path}`);
      }
      if (ctx && opts.transit) {
        const out = { exits: new Set<string>(), reaches: new Map() } as Parameters<typeof walkAddress>[6];
        for (const a of addrs) {
          for (const r of [...selectFor(X, a.fam, a.x), ...X.routes.filter((o) => mayMatch(o, a.fam))]) {
            if (r.target.kind === 'tgw' || r.target.kind === 'core-network') walkAddress(ctx, T.vpc, r, X.key, a.fam, a.x, out, X.vpc, nat.sources);
          }
        }
        for (const e of out.exits) if (opts.tgwVpc || !e.startsWith('NRG-TGW-VPC ')) found.add(e);
        for (const reach of out.reaches.values()) {
          if (!exempt(ctx, reach, arrivals, unknownFeeds.length > 0)) found.add(`NRG-TGW-PROPAGATION @ ${reach.path}`);
        }
      }
      for (const e of model.gatewayEndpoints) {
        if (!e.tableKeys.includes(X.key)) continue;
        const served = (t: RouteTable) => model.gatewayEndpoints.some((o) => o.serviceKey === e.serviceKey && o.tableKeys.includes(t.key));
        const publicArrival = arrivalsX.some((a) => a.fam === 4 && isPublic(a.x) && !served(a.table));
        if (publicArrival || (unknownX && unknownFeeds.some((f) => !served(f.table)))) found.add(`NRG-VPCE @ ${e.path}`);
      }
    }
  }
  return found;
}
