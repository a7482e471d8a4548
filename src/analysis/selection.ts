/**
 * Route selection in one table: longest prefix match, then static > local > prefix list
 * for identical prefixes (aws-routing-facts.md §3). Propagated routes are never part of
 * this: their prefixes are unknown at synth, and the propagation rule judges them.
 */
import { Route, RouteTable } from '../model/model';
import { Cidr, Family } from '../net/cidr';
import { RangeSet } from '../net/range-set';

/** Addresses of each family. */
export interface FamilySets {
  readonly 4: RangeSet;
  readonly 6: RangeSet;
}

export const NO_ADDRESSES: FamilySets = { 4: RangeSet.EMPTY, 6: RangeSet.EMPTY };

export interface Selection {
  /**
   * For each route with a known destination (each kept route, when the caller chose), the
   * addresses for which the table selects it.
   * Where two prefix-list routes tie on the same prefix, AWS keeps one of them and the guard
   * cannot know which, so both are selected there.
   */
  readonly regions: ReadonlyMap<string, FamilySets>;
  /** Routes whose destination is unknown at synth (unresolved expression, opaque prefix list). */
  readonly opaque: ReadonlySet<Route>;
}

/** Lower wins among identical prefixes. */
export function tieRank(route: Route): number {
  if (route.origin === 'local') return 1;
  if (route.destination.kind === 'prefix-list') return 2;
  return 0;
}

interface Block {
  readonly family: Family;
  readonly first: bigint;
  readonly last: bigint;
  readonly length: number;
  candidates: Route[];
  rank: number;
}

/** The addresses of a block that none of its (disjoint, ordered) children cover. */
function gaps(block: Block, inner: readonly Block[] | undefined): RangeSet {
  if (!inner) return RangeSet.of(block.first, block.last);
  const out: { lo: bigint; hi: bigint }[] = [];
  let next = block.first;
  for (const c of inner) {
    if (c.first > next) out.push({ lo: next, hi: c.first - 1n });
    next = c.last + 1n;
  }
  if (next <= block.last) out.push({ lo: next, hi: block.last });
  return RangeSet.ofOrdered(out);
}

/**
 * @param keep the routes whose regions the caller needs (all when omitted): every route takes
 * part in the selection, but only these get a region, which spares building the others' sets
 */
export function selectRoutes(table: RouteTable, keep?: (route: Route) => boolean): Selection {
  const blocks = new Map<string, Block>();
  const opaque = new Set<Route>();
  const add = (c: Cidr, route: Route, rank: number) => {
    const k = c.text; // canonical, so one text per block
    const b = blocks.get(k);
    if (!b) {
      blocks.set(k, { family: c.family, first: c.first, last: c.last, length: c.length, candidates: [route], rank });
    } else if (rank < b.rank) {
      b.candidates = [route];
      b.rank = rank;
    } else if (rank === b.rank && !b.candidates.includes(route)) {
      b.candidates.push(route);
    }
  };
  for (const route of table.routes) {
    const d = route.destination;
    if (d.kind === 'cidr') {
      add(d.cidr, route, tieRank(route));
    } else if (d.kind === 'prefix-list' && d.entries) {
      for (const c of d.entries) add(c, route, tieRank(route));
    } else {
      opaque.add(route);
    }
  }

  // CIDR blocks are nested or disjoint; sorted by start then size they form a forest, and an
  // address is decided by the deepest block that contains it.
  const sorted = [...blocks.values()].sort((a, b) =>
    a.family !== b.family ? a.family - b.family : a.first !== b.first ? (a.first < b.first ? -1 : 1) : a.length - b.length);
  // Children of a block are disjoint and come in address order.
  const children = new Map<Block, Block[]>();
  const stack: Block[] = [];
  for (const b of sorted) {
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.family === b.family && top.first <= b.first && b.last <= top.last) break;
      stack.pop();
    }
    const parent = stack[stack.length - 1];
    if (parent) {
      const list = children.get(parent) ?? [];
      list.push(b);
      children.set(parent, list);
    }
    stack.push(b);
  }

  const regions = new Map<string, FamilySets>();
  for (const b of sorted) {
    if (keep && !b.candidates.some(keep)) continue;
    const region = gaps(b, children.get(b));
    if (region.isEmpty) continue;
    for (const route of b.candidates) {
      if (keep && !keep(route)) continue;
      const prev = regions.get(route.id) ?? NO_ADDRESSES;
      regions.set(route.id, b.family === 4 ? { 4: prev[4].union(region), 6: prev[6] } : { 4: prev[4], 6: prev[6].union(region) });
    }
  }
  return { regions, opaque };
}
