/**
 * Transit gateway policy tables (policy-based routing, docs/transit.md "Policy tables"): which
 * route tables a NAT gateway's traffic for a set of destinations may be routed by, entry by entry
 * in ascending rule number. No CDK.
 */
import { intersect, isEmpty, ofFamily, subtract } from './view';
import { Destination, NatGateway, describeDestination } from '../../model/model';
import { TgwPolicyEntry, TgwPolicyTable } from '../../model/transit';
import { Cidr, cidrContains, cidrsOverlap } from '../../net/cidr';
import { RangeSet } from '../../net/range-set';
import { FamilySets } from '../selection';

/** Traffic an entry may take, and whether it certainly does (then no later entry sees it). */
export interface PolicyOutcome {
  readonly entry: TgwPolicyEntry;
  readonly addresses: FamilySets;
  readonly certain: boolean;
}

const setOf = (c: Cidr): FamilySets => {
  const block = RangeSet.of(c.first, c.last);
  return c.family === 4 ? { 4: block, 6: RangeSet.EMPTY } : { 4: RangeSet.EMPTY, 6: block };
};

/**
 * The addresses of `d` an entry's destination holds, and whether it holds them for certain. A policy
 * rule's blocks are CIDR blocks (no prefix lists), known or not.
 */
function destinationPart(d: FamilySets, destination: Destination | undefined): { part: FamilySets; known: boolean } {
  if (destination === undefined) return { part: d, known: true };
  if (destination.kind === 'cidr') return { part: intersect(d, setOf(destination.cidr)), known: true };
  return { part: ofFamily(d, destination.kind === 'unknown' ? destination.family : undefined), known: false };
}

/**
 * Whether the NAT gateway's traffic has the entry's source: the NAT gateway's private address is in
 * its subnet (a regional one: in its VPC). `never` only where that is known to be outside the source.
 */
function sourceMatch(source: Destination | undefined, nat: NatGateway): 'certain' | 'never' | 'may' {
  if (source === undefined) return 'certain';
  if (source.kind !== 'cidr' || source.cidr.family !== 4 || !nat.sources || nat.sources.length === 0) return 'may';
  const s = source.cidr;
  const inside = nat.sources.every((c) => cidrContains(s, c));
  if (inside) return 'certain';
  const overlaps = nat.sources.some((c) => cidrsOverlap(s, c));
  return overlaps ? 'may' : 'never';
}

/**
 * The outcomes of a policy table for the NAT gateway's traffic to `d`. What no entry certainly takes
 * may match none, and is dropped (F10): no outcome. Where a rule number is unresolved, the order is
 * unknown: every entry that may match is an outcome and none is certain.
 */
export function policyOutcomes(table: TgwPolicyTable, nat: NatGateway, d: FamilySets): PolicyOutcome[] {
  const ordered = table.entries.every((e) => e.rule !== undefined);
  const out: PolicyOutcome[] = [];
  let remaining = d;
  for (const entry of table.entries) {
    if (isEmpty(remaining)) break;
    const { part, known } = destinationPart(remaining, entry.destination);
    if (isEmpty(part)) continue;
    const source = sourceMatch(entry.source, nat);
    if (source === 'never') continue;
    const certain = ordered && known && source === 'certain' && !entry.conditioned;
    out.push({ entry, addresses: part, certain });
    if (certain) remaining = subtract(remaining, part);
  }
  return out;
}

/** How a policy entry reads in a path. */
export function describeEntry(entry: TgwPolicyEntry): string {
  const what = [
    entry.source ? `from ${describeDestination(entry.source)}` : undefined,
    entry.destination ? `to ${describeDestination(entry.destination)}` : undefined,
    entry.conditioned ? 'with a protocol or port condition' : undefined,
  ].filter((x) => x !== undefined);
  return `entry ${entry.path} (rule ${entry.rule ?? 'unresolved'}${what.length > 0 ? `: ${what.join(' ')}` : ''})`;
}
