/**
 * Feeds and inflow (docs/routing.md, "Terms"): which destinations each NAT gateway receives,
 * from which table and route.
 */
import { behindEndpoints } from './behind-endpoints';
import { FamilySets, Selection, selectRoutes } from './selection';
import { NatGateway, Route, RouteTable, RoutingModel } from '../model/model';
import { Family, cidrOf } from '../net/cidr';
import { RangeSet } from '../net/range-set';

/** Part of a NAT gateway's inflow, with where it comes from. */
export interface FeedPiece {
  readonly table: RouteTable;
  readonly route: Route;
  /** Family the NAT gateway forwards it as (IPv4 for NAT64). */
  readonly family: Family;
  /** The destinations; undefined when the feeding route's destination is unresolved. */
  readonly addresses?: RangeSet;
  /** Translated from `64:ff9b::/96` by NAT64. */
  readonly nat64: boolean;
}

export interface Inflow {
  readonly nat: NatGateway;
  /** Known destinations, per feeding route. */
  readonly pieces: readonly FeedPiece[];
  /** Feeding routes whose destinations are unknown: the inflow is then unknown. */
  readonly unknown: readonly FeedPiece[];
  /** Keys of the tables that feed the NAT gateway. */
  readonly feedingTables: ReadonlySet<string>;
  /**
   * The table judged with this inflow, when it is not the NAT gateway's own: a table behind
   * Gateway Load Balancer or firewall endpoints (`behind-endpoints.ts`), the inflow narrowed to
   * what reaches it, and the words for the way there.
   */
  readonly table?: string;
  readonly through?: string;
}

/** The table an inflow is judged in: the NAT gateway's own, or one behind endpoints. */
export function judgedTable(inflow: Inflow): string | undefined {
  return inflow.table ?? inflow.nat.tableKey;
}

function isFed(inflow: Inflow): boolean {
  return inflow.pieces.length > 0 || inflow.unknown.length > 0;
}

const NAT64 = cidrOf('64:ff9b::/96');
const NAT64_RANGE = RangeSet.of(NAT64.first, NAT64.last);

/** Everything the analysis derives once per model. */
export interface Flow {
  readonly tables: ReadonlyMap<string, RouteTable>;
  /** Route selection in the tables of NAT gateways (the judged routes) and in feeding tables (their NAT routes). */
  readonly selections: ReadonlyMap<string, Selection>;
  /**
   * The inflow of each NAT gateway some rule reads: every one with a table in the model when the
   * caller judges every route; otherwise those whose table holds a judged route or is named by a
   * VGW route propagation or a gateway endpoint (nothing else of any other NAT gateway is judged).
   */
  readonly inflows: ReadonlyMap<string, Inflow>;
  /** Fed NAT gateways by the key of the table (present in the model) that forwards their traffic. */
  readonly fedByTable: ReadonlyMap<string, readonly Inflow[]>;
  /**
   * What the rules judge: each fed NAT gateway's inflow in its own table, and, narrowed, in each
   * table its traffic reaches through endpoints in its VPC.
   */
  readonly judged: readonly Inflow[];
}

/** `key -> set of values`, for "which VGWs propagate into / which services serve this table". */
export function indexByTable<T>(items: readonly T[], tables: (t: T) => readonly string[], value: (t: T) => string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const item of items) {
    for (const k of tables(item)) {
      const set = out.get(k) ?? new Set<string>();
      set.add(value(item));
      out.set(k, set);
    }
  }
  return out;
}

/** Add `value` to the list under `key`. */
function append<K, V>(m: Map<K, V[]>, key: K, value: V) {
  const list = m.get(key);
  if (list) list.push(value);
  else m.set(key, [value]);
}

type Judged = (route: Route, nat: NatGateway) => boolean;

/**
 * Whether a table holds a route judged for this NAT gateway. Loops, not `some` with arrows that
 * capture a route or NAT gateway: these run for every route of every NAT gateway's table, and
 * each such arrow would be a new closure per call.
 */
function holdsJudged(t: RouteTable, n: NatGateway, judged: Judged): boolean {
  for (let i = 0; i < t.routes.length; i++) if (judged(t.routes[i], n)) return true;
  return false;
}

/** Whether a route is judged for one of these NAT gateways (see `holdsJudged`). */
function judgedForAny(r: Route, nats: readonly NatGateway[], judged: Judged): boolean {
  for (let i = 0; i < nats.length; i++) if (judged(r, nats[i])) return true;
  return false;
}

/**
 * @param judged the routes of a NAT gateway's table that the caller will judge (all when
 * omitted): only these get a region there, and only the NAT gateways whose table holds one, or
 * is named by a VGW route propagation or a gateway endpoint, get an inflow
 * @param delivered for each transit table, what transit gateways deliver into it (docs/transit.md,
 * "Inflow through transit gateways"): what such a table hands a NAT gateway is only that
 */
export function computeFlow(model: RoutingModel, judgedRoutes?: Judged, delivered?: ReadonlyMap<string, FamilySets>): Flow {
  const tables = new Map(model.tables.map((t) => [t.key, t] as const));
  // Routes to endpoints the model knows are followed (behind-endpoints.ts): their tables need them.
  const endpointKeys = new Set((model.endpoints ?? []).map((e) => e.key));
  const judged: Judged | undefined = judgedRoutes && endpointKeys.size > 0
    ? (r, n) => (r.target.kind === 'gwlb-endpoint' && endpointKeys.has(r.target.key)) || judgedRoutes(r, n) : judgedRoutes;
  const natsByTable = new Map<string, NatGateway[]>();
  for (const n of model.natGateways) {
    if (n.tableKey !== undefined) append(natsByTable, n.tableKey, n);
  }
  // The tables the propagation and endpoint rules look at: a NAT gateway there needs its inflow.
  const watched = new Set<string>();
  for (const p of model.propagations) for (const k of p.tableKeys) watched.add(k);
  for (const e of model.gatewayEndpoints) for (const k of e.tableKeys) watched.add(k);
  // Selections only where the rules look: the judged routes of a NAT gateway's table, the NAT
  // routes of the tables that feed one whose inflow some rule reads. Regions nobody reads would
  // be most of the garbage, and at 100,000 routes they outlive young-generation collections.
  const natKeys = new Set(model.natGateways.map((n) => n.key));
  const feedsNat = (r: Route) => r.target.kind === 'nat' && natKeys.has(r.target.key);
  const selections = new Map<string, Selection>();
  // The NAT gateways whose inflow some rule reads. Any other's table holds nothing a rule judges,
  // so its inflow would be computed for nothing (in a large compliant app, all of them).
  const needed = new Set<string>();
  for (const t of model.tables) {
    const nats = natsByTable.get(t.key);
    if (!nats) continue;
    for (const n of nats) if (!judged || watched.has(t.key) || holdsJudged(t, n, judged)) needed.add(n.key);
    selections.set(t.key, selectRoutes(t, judged ? (r) => judgedForAny(r, nats, judged) || feedsNat(r) : undefined));
  }
  const feedsNeeded = (r: Route) => r.target.kind === 'nat' && needed.has(r.target.key);
  if (needed.size > 0) {
    for (const t of model.tables) {
      if (!selections.has(t.key) && t.carriesTraffic && t.routes.some(feedsNeeded)) selections.set(t.key, selectRoutes(t, feedsNeeded));
    }
  }

  const pieces = new Map<string, FeedPiece[]>();
  const unknown = new Map<string, FeedPiece[]>();
  const feeding = new Map<string, Set<string>>();
  const push = (m: Map<string, FeedPiece[]>, k: string, p: FeedPiece) => {
    append(m, k, p);
    const f = feeding.get(k) ?? new Set<string>();
    f.add(p.table.key);
    feeding.set(k, f);
  };

  for (const table of model.tables) {
    const sel = selections.get(table.key);
    if (!table.carriesTraffic || !sel) continue;
    // Indexed: it runs over every route once, cold (an array iterator allocates a result per step until optimised).
    for (let r = 0; r < table.routes.length; r++) {
      const route = table.routes[r];
      if (!feedsNeeded(route)) continue;
      const natKey = route.target.key;
      const arriving = delivered?.get(table.key);
      let region = sel.regions.get(route.id);
      if (arriving && (region || sel.opaque.has(route))) {
        // Only what transit gateways deliver reaches a transit table: an unresolved route hands on at most that.
        const family = route.destination.kind === 'unknown' ? route.destination.family : undefined;
        region = region ? { 4: region[4].intersect(arriving[4]), 6: region[6].intersect(arriving[6]) }
          : { 4: family === 6 ? RangeSet.EMPTY : arriving[4], 6: family === 4 ? RangeSet.EMPTY : arriving[6] };
      }
      if (!region) {
        // Unknown destinations may be of either family: `family` is not consulted for them.
        if (sel.opaque.has(route)) push(unknown, natKey, { table, route, family: 4, nat64: false });
        continue; // shadowed everywhere: feeds nothing
      }
      if (!region[4].isEmpty) push(pieces, natKey, { table, route, family: 4, addresses: region[4], nat64: false });
      if (region[6].isEmpty) continue;
      const via64 = region[6].intersect(NAT64_RANGE);
      if (!via64.isEmpty) {
        const v4 = RangeSet.fromIntervals(via64.intervals.map((i) => ({ lo: i.lo - NAT64.first, hi: i.hi - NAT64.first })));
        push(pieces, natKey, { table, route, family: 4, addresses: v4, nat64: true });
      }
      const v6 = region[6].subtract(NAT64_RANGE);
      if (!v6.isEmpty) push(pieces, natKey, { table, route, family: 6, addresses: v6, nat64: false });
    }
  }

  const inflows = new Map<string, Inflow>();
  const fedByTable = new Map<string, Inflow[]>();
  for (const nat of model.natGateways) {
    if (!needed.has(nat.key)) continue;
    const inflow: Inflow = {
      nat,
      pieces: pieces.get(nat.key) ?? [],
      unknown: unknown.get(nat.key) ?? [],
      feedingTables: feeding.get(nat.key) ?? new Set(),
    };
    inflows.set(nat.key, inflow);
    // Only NAT gateways whose table is in the model: the rules may then look it up unchecked.
    if (nat.tableKey !== undefined && tables.has(nat.tableKey) && isFed(inflow)) {
      append(fedByTable, nat.tableKey, inflow);
    }
  }
  const own = [...inflows.values()].filter((i) => i.nat.tableKey !== undefined && tables.has(i.nat.tableKey) && isFed(i));
  const behind = behindEndpoints(model, tables, own, selections);
  for (const v of behind) append(fedByTable, v.table!, v);
  return { tables, selections, inflows, fedByTable, judged: [...own, ...behind] };
}
