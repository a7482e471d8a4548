/**
 * Behind Gateway Load Balancer and Network Firewall endpoints (docs/transit.md, "Behind
 * endpoints"): traffic a NAT gateway's table sends to an endpoint comes out in the endpoint's
 * subnet and is routed by that subnet's table, which is then judged like the NAT gateway's own
 * table for that traffic, by every rule. No CDK.
 */
import { FeedPiece, Inflow } from './flow';
import { FamilySets, NO_ADDRESSES as EMPTY, Selection, selectRoutes } from './selection';
import { ALL_ADDRESSES as ALL, intersect, isEmpty as empty, subtract as minus, union } from './transit/view';
import { RouteTable, RoutingModel, describeDestination } from '../model/model';
import { RangeSet } from '../net/range-set';

/** What a NAT gateway's inflow reaches, family by family (everything, where the inflow is unknown). */
export function fedAddresses(inflow: Inflow): FamilySets {
  if (inflow.unknown.length > 0) return ALL;
  let fed = EMPTY;
  for (const p of inflow.pieces) {
    fed = union(fed, p.family === 4 ? { 4: p.addresses!, 6: RangeSet.EMPTY } : { 4: RangeSet.EMPTY, 6: p.addresses! });
  }
  return fed;
}

/**
 * The inflow narrowed to what reaches a table behind endpoints, judged as that table's. Where the
 * inflow is unknown, what reaches the table is known all the same (what the NAT gateway's table
 * sends to the endpoint): it is attributed to the first unresolved feeding route.
 */
function narrowed(inflow: Inflow, table: RouteTable, d: FamilySets, through: string): Inflow {
  const pieces: FeedPiece[] = [];
  for (const p of inflow.pieces) {
    const a = p.addresses!.intersect(d[p.family]);
    if (!a.isEmpty) pieces.push({ ...p, addresses: a });
  }
  const unresolved = inflow.unknown[0];
  for (const family of [4, 6] as const) {
    if (unresolved && !d[family].isEmpty) pieces.push({ ...unresolved, family, addresses: d[family], nat64: false });
  }
  return { ...inflow, pieces, unknown: [], table: table.key, through };
}

/**
 * For each fed NAT gateway, the tables its traffic reaches through endpoints in its VPC, with the
 * inflow narrowed to what reaches each; selections of those tables are added to `selections` (whole).
 */
export function behindEndpoints(
  model: RoutingModel, tables: ReadonlyMap<string, RouteTable>, inflows: Iterable<Inflow>, selections: Map<string, Selection>,
): Inflow[] {
  const endpoints = new Map((model.endpoints ?? []).map((e) => [e.key, e] as const));
  if (endpoints.size === 0) return [];
  // Whole selections (every route's region) of the tables walked; they replace the narrower ones
  // the rules made (a superset of their regions), so the rules read the tables behind endpoints too.
  const wholeSelections = new Map<string, Selection>();
  const whole = (key: string): Selection => {
    let s = wholeSelections.get(key);
    if (!s) {
      s = selectRoutes(tables.get(key)!);
      wholeSelections.set(key, s);
      selections.set(key, s);
    }
    return s;
  };
  const out: Inflow[] = [];
  for (const inflow of inflows) {
    const start = inflow.nat.tableKey;
    if (start === undefined || !tables.has(start)) continue;
    // What reaches each table, and through which endpoint route it first came.
    const reached = new Map<string, { d: FamilySets; through: string }>([[start, { d: fedAddresses(inflow), through: '' }]]);
    const queue: Array<{ key: string; d: FamilySets }> = [{ key: start, d: reached.get(start)!.d }];
    while (queue.length > 0) {
      const { key, d } = queue.shift()!;
      const table = tables.get(key)!;
      const sel = whole(key);
      for (const r of table.routes) {
        if (r.target.kind !== 'gwlb-endpoint') continue;
        const endpoint = endpoints.get(r.target.key);
        if (!endpoint) continue;
        const region = sel.regions.get(r.id);
        const opaqueFamily = r.destination.kind === 'unknown' ? r.destination.family : undefined;
        const piece = region ? intersect(region, d) : sel.opaque.has(r)
          ? { 4: opaqueFamily === 6 ? RangeSet.EMPTY : d[4], 6: opaqueFamily === 4 ? RangeSet.EMPTY : d[6] } : EMPTY;
        if (empty(piece)) continue;
        for (const next of endpoint.tableKeys) {
          if (!tables.has(next)) continue;
          const before = reached.get(next);
          const fresh = before ? minus(piece, before.d) : piece;
          if (empty(fresh)) continue;
          const through = `${before?.through ?? (reached.get(key)!.through ? `${reached.get(key)!.through}, then ` : '')}endpoint ${endpoint.path} (route ${r.path}, ${describeDestination(r.destination)}, in ${table.path})`;
          reached.set(next, { d: before ? union(before.d, fresh) : fresh, through: before?.through ?? through });
          queue.push({ key: next, d: fresh });
        }
      }
    }
    for (const [key, { d, through }] of reached) {
      if (key === start) continue;
      const v = narrowed(inflow, tables.get(key)!, d, through);
      if (v.pieces.length > 0 || v.unknown.length > 0) out.push(v);
    }
  }
  return out;
}
