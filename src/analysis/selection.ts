/**
 * Route selection in one table: longest prefix match, then static > local > prefix list
 * for identical prefixes (docs/routing.md, "How a table selects a route"). Propagated routes are never part of
 * this: their prefixes are unknown at synth, and the propagation rule judges them.
 */
import { Route, RouteTable } from '../model/model';
import { Cidr, cidrContains } from '../net/cidr';
import { RangeSet } from '../net/range-set';

/** Addresses of each family. */
export interface FamilySets {
  readonly 4: RangeSet;
  readonly 6: RangeSet;
}

export const NO_ADDRESSES: FamilySets = { 4: RangeSet.EMPTY, 6: RangeSet.EMPTY };
const NO_ROUTES: ReadonlySet<unknown> = new Set();
const NO_CANDIDATES: readonly unknown[] = [];

export interface Selection<R = Route> {
  /**
   * For each route with a known destination (each kept route, when the caller chose), the
   * addresses for which the table selects it.
   * Where two prefix-list routes tie on the same prefix, AWS keeps one of them and the guard
   * cannot know which, so both are selected there.
   */
  readonly regions: ReadonlyMap<string, FamilySets>;
  /** Routes whose destination is unknown at synth (unresolved expression, opaque prefix list). */
  readonly opaque: ReadonlySet<R>;
}

/** Lower wins among identical prefixes. */
export function tieRank(route: Route): number {
  if (route.origin === 'local') return 1;
  if (route.destination.kind === 'prefix-list') return 2;
  return 0;
}

/** What selection needs of a route: VPC routes and TGW routes alike. */
export interface Selectable {
  readonly id: string;
  readonly destination: Route['destination'];
}

interface Block<R> {
  readonly cidr: Cidr;
  candidates: R[];
  rank: number;
  /** Blocks directly inside this one: disjoint, in address order. */
  children?: Block<R>[];
}

/** The addresses of a block that none of its (disjoint, ordered) children cover. */
function gaps<R>({ cidr, children }: Block<R>): RangeSet {
  if (!children) return RangeSet.of(cidr.first, cidr.last);
  const out: { lo: bigint; hi: bigint }[] = [];
  let next = cidr.first;
  for (const { cidr: c } of children) {
    if (c.first > next) out.push({ lo: next, hi: c.first - 1n });
    next = c.last + 1n;
  }
  if (next <= cidr.last) out.push({ lo: next, hi: cidr.last });
  return RangeSet.ofOrdered(out);
}

/**
 * @param keep the routes whose regions the caller needs (all when omitted): every route takes
 * part in the selection, but only these get a region, which spares building the others' sets
 */
export function selectRoutes(table: RouteTable, keep?: (route: Route) => boolean): Selection {
  return selectAmong(table.routes, tieRank, keep);
}

/**
 * Selection among any routes, with their own tie rank (a transit gateway table ranks static
 * before propagated, docs/transit.md): longest prefix, then the lowest rank, ties all selected.
 */
export function selectAmong<R extends Selectable>(routes: readonly R[], rankOf: (route: R) => number, keep?: (route: R) => boolean): Selection<R> {
  const blocks = new Map<string, Block<R>>();
  let opaque: Set<R> | undefined;
  const add = (c: Cidr, route: R, rank: number) => {
    const k = c.text; // canonical, so one text per block
    const b = blocks.get(k);
    if (!b) {
      blocks.set(k, { cidr: c, candidates: [route], rank });
    } else if (rank < b.rank) {
      b.candidates = [route];
      b.rank = rank;
    } else if (rank === b.rank && !b.candidates.includes(route)) {
      b.candidates.push(route);
    }
  };
  // A table where the caller keeps no route needs no regions (in a large app, most NAT gateways'
  // tables hold no route a rule judges): only its opaque routes.
  const regionsWanted = !keep || routes.some(keep);
  for (let i = 0; i < routes.length; i++) {
    const route = routes[i];
    const d = route.destination;
    if (d.kind === 'cidr') {
      if (regionsWanted) add(d.cidr, route, rankOf(route));
    } else if (d.kind === 'prefix-list' && d.entries) {
      if (regionsWanted) for (const c of d.entries) add(c, route, rankOf(route));
    } else {
      (opaque ??= new Set()).add(route);
    }
  }
  if (!regionsWanted) return { regions: new Map(), opaque: opaque ?? (NO_ROUTES as ReadonlySet<R>) };

  // CIDR blocks are nested or disjoint; sorted by start then size they form a forest, and an
  // address is decided by the deepest block that contains it.
  const sorted = [...blocks.values()].sort(({ cidr: a }, { cidr: b }) =>
    a.family !== b.family ? a.family - b.family : a.first !== b.first ? (a.first < b.first ? -1 : 1) : a.length - b.length);
  const stack: Block<R>[] = [];
  for (const b of sorted) {
    const c = b.cidr;
    while (stack.length > 0) {
      const top = stack[stack.length - 1].cidr;
      if (cidrContains(top, c)) break;
      stack.pop();
    }
    const parent = stack[stack.length - 1];
    if (parent) (parent.children ??= []).push(b);
    stack.push(b);
  }

  const regions = new Map<string, FamilySets>();
  for (const b of sorted) {
    // Most blocks have one candidate: no list is made for it.
    const kept = !keep ? b.candidates
      : b.candidates.length === 1 ? (keep(b.candidates[0]) ? b.candidates : (NO_CANDIDATES as readonly R[])) : b.candidates.filter(keep);
    if (kept.length === 0) continue;
    const region = gaps(b);
    if (region.isEmpty) continue;
    for (const route of kept) {
      const prev = regions.get(route.id) ?? NO_ADDRESSES;
      regions.set(route.id, b.cidr.family === 4 ? { 4: prev[4].union(region), 6: prev[6] } : { 4: prev[4], 6: prev[6].union(region) });
    }
  }
  return { regions, opaque: opaque ?? (NO_ROUTES as ReadonlySet<R>) };
}
