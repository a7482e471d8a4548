/**
 * Single routes walked with all of their destinations (docs/transit.md): whether a route's traffic
 * could reach anything an enabled rule reports, and, for tables the app does not define, where it
 * goes. No CDK.
 */
import { WalkResult } from './exits';
import { ALL_ADDRESSES, TransitView, ofFamily, union } from './view';
import { Context, Walker } from './walk';
import { NatGateway, Route } from '../../model/model';
import { RangeSet } from '../../net/range-set';
import { RuleId, RULE_IDS } from '../rule-table';
import { FamilySets, NO_ADDRESSES } from '../selection';

/**
 * Whether traffic a route of a VPC table sends to a transit gateway could reach anything an enabled
 * transit rule reports, walked with all of the route's destinations (more than any NAT gateway can
 * send through it: the walk only narrows what it is given). Where it cannot, no NAT gateway's inflow
 * needs working out for that route.
 */
export function mayReachExit(view: TransitView, route: Route, on: (id: RuleId) => boolean): boolean {
  const out = probeWalk(view, route);
  return !out || out.exits.some((e) => on(e.rule)) || (on(RULE_IDS.TGW_PROPAGATION) && out.reaches.length > 0);
}

/**
 * The walk of a route's traffic with all of its destinations, as if a NAT gateway sent it; undefined
 * when its table is not in the model. `anyAttachment`: a table of no known VPC enters through each VPC
 * attachment of the transit gateway (it may be any of their tables), with `steps` before the entry.
 */
export function probeWalk(view: TransitView, route: Route, anyAttachment = false, steps: readonly string[] = []): WalkResult | undefined {
  const table = view.tables.get(route.tableKey);
  if (!table) return undefined;
  const d = route.destination;
  let all: FamilySets = NO_ADDRESSES;
  if (d.kind === 'cidr') all = d.cidr.family === 4 ? { 4: RangeSet.of(d.cidr.first, d.cidr.last), 6: RangeSet.EMPTY } : { 4: RangeSet.EMPTY, 6: RangeSet.of(d.cidr.first, d.cidr.last) };
  else if (d.kind === 'prefix-list' && d.entries) for (const c of d.entries) all = union(all, c.family === 4 ? { 4: RangeSet.of(c.first, c.last), 6: RangeSet.EMPTY } : { 4: RangeSet.EMPTY, 6: RangeSet.of(c.first, c.last) });
  else all = ofFamily(ALL_ADDRESSES, d.kind === 'unknown' ? d.family : undefined);
  const probe: NatGateway = { key: `${route.id}#probe`, path: route.path, connectivity: 'public', regional: false, tableKey: table.key };
  const out: WalkResult = { exits: [], reaches: [] };
  const ctx: Context = { nat: probe, entry: route, unresolved: false, entered: new Map([[table.key, all]]), depth: 1, tooLong: false };
  const walker = new Walker(view, out);
  const gw = route.target.kind === 'tgw' ? view.transit.gateways.get(route.target.key) : undefined;
  if (anyAttachment && table.vpc === undefined && gw) {
    for (const a of view.transit.attachments.values()) if (a.tgw === gw.key && a.kind === 'vpc') walker.attachmentIngress(ctx, a, all, steps, gw.key);
  } else {
    walker.enter(ctx, route.target, table.vpc, table.key, all, steps);
  }
  return out;
}

