/**
 * Which routes of a NAT gateway's table carry NAT traffic (docs/routing.md, "Terms"
 * and "Unknown values"), with one concrete example per route.
 */
import { FeedPiece, Flow, Inflow } from './flow';
import { Destination, NatGateway, Route, RouteTable, describeDestination } from '../model/model';
import { Family, cidrOf, largestBlockAt } from '../net/cidr';
import { RangeSet } from '../net/range-set';

export interface CarriedRoute {
  readonly route: Route;
  /** An example destination that takes the path (`192.168.1.128/25`), or the unresolved expression. */
  readonly example: string;
  /** The feeding table and route that hands that destination to the NAT gateway. */
  readonly via: FeedPiece;
  /** The route's destination is unresolved: the verdict is fail-closed. */
  readonly destinationUnresolved: boolean;
  /** The inflow is unresolved (a feeding route's destination is): the verdict is fail-closed. */
  readonly inflowUnresolved: boolean;
}

/** First interval of a set as a readable block. */
function exampleOf(family: Family, set: RangeSet): string {
  const first = set.intervals[0];
  return largestBlockAt(family, first.lo, first.hi).text;
}

/** Identity of an unresolved destination: two equal keys denote the same (unknown) set. */
function expressionKey(d: Destination): string | undefined {
  return d.kind === 'cidr' ? undefined : `${d.kind}:${d.key}`;
}

/** The routes of `table` matching `predicate` that some destination of the inflow takes. */
export function carriedRoutes(flow: Flow, inflow: Inflow, table: RouteTable, predicate: (r: Route) => boolean): CarriedRoute[] {
  const sel = flow.selections.get(table.key)!;
  const out: CarriedRoute[] = [];
  for (const route of table.routes) {
    if (!predicate(route)) continue;
    const region = sel.regions.get(route.id);
    if (region) {
      const hit = knownHit(route, region, inflow);
      if (hit) out.push(hit);
      continue;
    }
    if (!sel.opaque.has(route)) continue; // shadowed by more specific or preferred routes
    const hit = opaqueHit(flow, inflow.nat, inflow, route);
    if (hit) out.push(hit);
  }
  return out;
}

function knownHit(route: Route, region: { 4: RangeSet; 6: RangeSet }, inflow: Inflow): CarriedRoute | undefined {
  for (const piece of inflow.pieces) {
    const common = region[piece.family].intersect(piece.addresses!);
    if (!common.isEmpty) {
      return { route, example: exampleOf(piece.family, common), via: piece, destinationUnresolved: false, inflowUnresolved: false };
    }
  }
  if (inflow.unknown.length > 0) {
    const family: Family = region[4].isEmpty ? 6 : 4;
    return { route, example: exampleOf(family, region[family]), via: inflow.unknown[0], destinationUnresolved: false, inflowUnresolved: true };
  }
  return undefined;
}

function opaqueHit(flow: Flow, nat: NatGateway, inflow: Inflow, route: Route): CarriedRoute | undefined {
  // Opaque routes are never plain CIDRs; only an unresolved CIDR property knows its family.
  const family = route.destination.kind === 'unknown' ? route.destination.family : undefined;
  const key = expressionKey(route.destination);
  const example = describeDestination(route.destination);
  if (inflow.unknown.length > 0) return { route, example, via: inflow.unknown[0], destinationUnresolved: true, inflowUnresolved: true };
  // Shadowed when the feeding table routes that same expression elsewhere itself.
  const shadows = (tableKey: string): boolean => {
    const t = flow.tables.get(tableKey);
    return !!t && t.routes.some((r) => expressionKey(r.destination) === key && !(r.target.kind === 'nat' && r.target.key === nat.key));
  };
  const via = inflow.pieces.find((p) => (family === undefined || p.family === family) && !shadows(p.table.key));
  return via ? { route, example, via, destinationUnresolved: true, inflowUnresolved: false } : undefined;
}

/** Whether IPv4 addresses include some outside private and special-purpose space. */
export function hasPublicIpv4(addresses: RangeSet): boolean {
  return !addresses.subtract(NON_PUBLIC_V4).isEmpty;
}

/** Private, shared, loopback, link-local, multicast and reserved IPv4: never in an AWS service prefix list. */
const NON_PUBLIC_V4 = RangeSet.fromIntervals(
  ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16', '224.0.0.0/3']
    .map((text) => {
      const c = cidrOf(text);
      return { lo: c.first, hi: c.last };
    }),
);
