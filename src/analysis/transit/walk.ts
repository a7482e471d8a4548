/**
 * The walk (docs/transit.md, "The decision"): NAT gateway traffic followed from the NAT gateway's
 * table into transit gateways, through their tables and attachments, into other VPCs' attachment
 * subnet tables and on, until it ends or reaches an exit the policy names. No CDK.
 */
import { WalkResult } from './exits';
import { describeEntry, policyOutcomes } from './policy';
import { TransitView, intersect, isEmpty, ofFamily, regionIn, subtract, union } from './view';
import { NatGateway, Route, Target, describeDestination, describeTarget } from '../../model/model';
import { ATTACHMENT_WORDS, Attachment, HYBRID_KINDS, TgwRoute, TgwRouteTable, UNKNOWN_PREFIX_KINDS } from '../../model/transit';
import { RangeSet } from '../../net/range-set';
import { fedAddresses } from '../behind-endpoints';
import { Inflow, judgedTable } from '../flow';
import { RuleId, RULE_IDS } from '../rule-table';
import { FamilySets, NO_ADDRESSES, Selection } from '../selection';

/** At most this many tables on one path (docs/transit.md, "Bounds"). */
const MAX_DEPTH = 32;

export interface Context {
  readonly nat: NatGateway;
  readonly entry: Route;
  readonly unresolved: boolean;
  readonly entered: Map<string, FamilySets>;
  /** Tables on the path being followed. */
  depth: number;
  tooLong: boolean;
}

const isTransitTarget = (t: Target) => t.kind === 'tgw' || t.kind === 'core-network';

/** Follow the traffic of each fed NAT gateway that its table sends to a transit gateway or core network. */
export function walkTransit(view: TransitView, inflows: Iterable<Inflow>, selections: ReadonlyMap<string, Selection>): WalkResult {
  const out: WalkResult = { exits: [], reaches: [] };
  const walker = new Walker(view, out);
  for (const inflow of inflows) {
    const nat = inflow.nat;
    const key = judgedTable(inflow);
    const table = key === undefined ? undefined : view.tables.get(key);
    const sel = table && selections.get(table.key);
    if (!table || !sel) continue;
    const fed = fedAddresses(inflow);
    for (const entry of table.routes) {
      if (!isTransitTarget(entry.target)) continue;
      const region = sel.regions.get(entry.id);
      const unresolved = !region && sel.opaque.has(entry);
      const reach = region ? intersect(region, fed)
        : unresolved ? ofFamily(fed, entry.destination.kind === 'unknown' ? entry.destination.family : undefined) : NO_ADDRESSES;
      if (isEmpty(reach)) continue;
      // The NAT gateway's table has decided these addresses: coming back to it is a loop.
      const ctx: Context = { nat, entry, unresolved, entered: new Map([[table.key, reach]]), depth: 1, tooLong: false };
      const first = `route ${entry.path} (${describeDestination(entry.destination)} -> ${describeTarget(entry.target)}) in ${table.path}`;
      walker.enter(ctx, entry.target, table.vpc, table.key, reach, inflow.through ? [`the NAT gateway's table, through ${inflow.through}`, first] : [first]);
    }
  }
  return out;
}

/** The walker, one per walk (`probe.ts` walks single routes with it). */
export class Walker {
  constructor(private readonly view: TransitView, private readonly out: WalkResult) {}

  private exit(
    ctx: Context, rule: RuleId, addresses: FamilySets, exit: string, steps: readonly string[], extra: { reason?: string; route?: string } = {},
  ): void {
    this.out.exits.push({ rule, nat: ctx.nat, entry: ctx.entry, addresses, exit, steps, unresolved: ctx.unresolved, ...extra });
  }

  /** From a VPC table, traffic for `d` selected for a route to a transit gateway or core network. */
  public enter(ctx: Context, target: Target, vpc: string | undefined, fromTable: string, d: FamilySets, steps: readonly string[]): void {
    const { transit } = this.view;
    if (target.kind === 'core-network') {
      this.exit(ctx, RULE_IDS.TGW_UNKNOWN, d, describeTarget(target), steps, { reason: 'Cloud WAN core networks are not modelled yet' });
      return;
    }
    const gw = transit.gateways.get(target.key);
    if (!gw) {
      const declared = transit.external.get(target.key) ?? transit.external.get(target.label);
      if (!declared) {
        this.exit(ctx, RULE_IDS.TGW_UNKNOWN, d, `transit gateway ${target.label}`, steps, { reason: 'that transit gateway is not defined in this app' });
        return;
      }
      let onPremises = NO_ADDRESSES;
      for (const c of declared.onPremises) {
        const block = RangeSet.of(c.first, c.last);
        onPremises = union(onPremises, c.family === 4 ? { 4: block, 6: RangeSet.EMPTY } : { 4: RangeSet.EMPTY, 6: block });
      }
      const hybrid = intersect(d, onPremises);
      if (!isEmpty(hybrid)) this.exit(ctx, RULE_IDS.TGW_HYBRID, hybrid, `the on-premises ranges declared for transit gateway ${target.label} (externalTransitGateways)`, steps);
      return;
    }
    const attachments = this.view.attachmentsOf(vpc, gw.key);
    if (attachments.length === 0) return; // not forwarded (F12): the VPC has no attachment to that transit gateway
    const fromAzs = this.view.subnetsOf(fromTable).map((s) => s.az);
    for (const a of attachments) {
      const azs = (a.subnets ?? []).map((s) => this.view.subnetByPath.get(s)?.az);
      const literal = (list: (string | undefined)[]) => list.length > 0 && list.every((z) => z !== undefined);
      if (literal(fromAzs) && literal(azs) && !fromAzs.some((z) => azs.includes(z))) continue; // no attachment subnet in the AZ (F12)
      this.attachmentIngress(ctx, a, d, steps, gw.key);
    }
  }

  public attachmentIngress(ctx: Context, a: Attachment, d: FamilySets, steps: readonly string[], tgw: string): void {
    const ingress = this.view.ingress(a.key, tgw);
    if (ingress.policy !== undefined) {
      this.exit(ctx, RULE_IDS.TGW_UNKNOWN, d, `policy table association ${ingress.policy}`, steps,
        { reason: `attachment ${a.path} is associated with a policy table that is not defined in this app, so its policy-based routing cannot be followed` });
    }
    if (ingress.unresolved !== undefined) {
      this.exit(ctx, RULE_IDS.TGW_UNKNOWN, d, `association ${ingress.unresolved}`, steps, { reason: `the route table of association ${ingress.unresolved} cannot be resolved` });
    }
    for (const t of ingress.tables) {
      const table = this.view.tgwTable(t);
      this.tgwTable(ctx, t, d, [...steps, `${ATTACHMENT_WORDS[a.kind]} ${a.label}, associated with ${table?.path ?? t}`]);
    }
    for (const key of ingress.policyTables) this.policyTable(ctx, a, key, d, steps);
  }

  /** Policy-based routing: on in every route table an entry may send the traffic to (policy.ts). */
  private policyTable(ctx: Context, a: Attachment, key: string, d: FamilySets, steps: readonly string[]): void {
    const policy = this.view.transit.policyTables!.get(key)!;
    for (const o of policyOutcomes(policy, ctx.nat, d)) {
      const step = `${ATTACHMENT_WORDS[a.kind]} ${a.label}, associated with policy table ${policy.path}, ${describeEntry(o.entry)}`;
      if (o.entry.table === undefined) {
        this.exit(ctx, RULE_IDS.TGW_UNKNOWN, o.addresses, `policy table entry ${o.entry.path}`, steps, { reason: `policy table entry ${o.entry.path} names no route table` });
        continue;
      }
      this.tgwTable(ctx, o.entry.table, o.addresses, [...steps, `${step} -> ${this.view.tgwTable(o.entry.table)?.path ?? o.entry.table}`]);
    }
  }

  /** Whether the walk may enter a table with `d`; narrows `d` to what has not been there from this entry route. */
  private admit(ctx: Context, table: string, d: FamilySets, steps: readonly string[]): FamilySets {
    const seen = ctx.entered.get(table) ?? NO_ADDRESSES;
    const fresh = subtract(d, seen);
    if (isEmpty(fresh)) return fresh; // been there: a loop, or another branch took it
    if (ctx.depth >= MAX_DEPTH) {
      if (!ctx.tooLong) this.exit(ctx, RULE_IDS.TGW_UNKNOWN, fresh, 'a path of more than 32 route tables', steps, { reason: 'the path is too long to follow' });
      ctx.tooLong = true;
      return NO_ADDRESSES;
    }
    ctx.entered.set(table, union(seen, fresh));
    return fresh;
  }

  private tgwTable(ctx: Context, key: string, d0: FamilySets, steps: readonly string[]): void {
    const table = this.view.tgwTable(key);
    const d = this.admit(ctx, key, d0, steps);
    if (isEmpty(d) || !table) return;
    ctx.depth++;
    try {
      this.tgwRoutes(ctx, key, table, d, steps);
    } finally {
      ctx.depth--;
    }
  }

  private tgwRoutes(ctx: Context, key: string, table: TgwRouteTable, d: FamilySets, steps: readonly string[]): void {
    if (table.open) {
      this.exit(ctx, RULE_IDS.TGW_UNKNOWN, d, `transit gateway route table ${table.path}`, steps,
        { reason: table.openBecause ?? `route table ${table.path} is not defined in this app, or may hold routes the guard cannot see` });
    }
    const sel = this.view.tgwSelection(key);
    for (const r of table.routes) {
      const opaque = sel.opaque.has(r);
      const piece = opaque ? ofFamily(d, r.destination.kind === 'unknown' ? r.destination.family : undefined) : regionIn(sel, r, d);
      if (isEmpty(piece) || r.blackhole || r.attachment === undefined) continue;
      const a = this.view.transit.attachments.get(r.attachment)!;
      const here = [...steps, this.tgwRouteStep(r, a, table.path)];
      if (opaque && r.propagation !== undefined && UNKNOWN_PREFIX_KINDS.has(a.kind)) {
        this.out.reaches.push({ nat: ctx.nat, entry: ctx.entry, attachment: a, table: key, path: r.propagation, addresses: piece, steps });
        continue;
      }
      this.attachmentExit(ctx, a, piece, here, r.path);
    }
  }

  private tgwRouteStep(r: TgwRoute, a: Attachment, table: string): string {
    const how = r.propagation !== undefined ? 'propagated route' : 'static route';
    return `${how} ${r.path} (${describeDestination(r.destination)} -> ${ATTACHMENT_WORDS[a.kind]} ${a.label}) in ${table}`;
  }

  private attachmentExit(ctx: Context, a: Attachment, d: FamilySets, steps: readonly string[], route: string): void {
    const name = `${ATTACHMENT_WORDS[a.kind]} ${a.label}${a.knownBy ? ` (${a.knownBy})` : ''}`;
    if (HYBRID_KINDS.has(a.kind)) {
      this.exit(ctx, RULE_IDS.TGW_HYBRID, d, name, steps, { route });
    } else if (a.kind === 'peering') {
      this.exit(ctx, RULE_IDS.TGW_PEERING, d, a.peer ? name : `${name} (its far side is not followed)`, steps, { route });
      if (a.peer) for (const t of this.view.ingress(a.key, a.peer).tables) this.tgwTable(ctx, t, d, [...steps, `into transit gateway ${a.peer}`]);
    } else if (a.kind === 'network-function') {
      for (const t of this.view.ingress(a.key).tables) this.tgwTable(ctx, t, d, [...steps, `through ${name}`]);
    } else if (a.kind === 'vpc') {
      this.delivered(ctx, a, d, steps);
    } else {
      this.exit(ctx, RULE_IDS.TGW_UNKNOWN, d, name, steps, { reason: `the guard cannot tell what kind of attachment ${a.path} is`, route });
    }
  }

  /** Delivered to a VPC attachment: routed by its subnets' tables (F13), the union over AZs. */
  private delivered(ctx: Context, a: Attachment, d: FamilySets, steps: readonly string[]): void {
    const natVpc = this.view.tables.get(ctx.nat.tableKey!)?.vpc;
    if (a.vpc !== natVpc) this.exit(ctx, RULE_IDS.TGW_VPC, d, `VPC ${a.vpc ?? a.path}`, steps);
    for (const t of this.view.attachmentTables(a)) this.vpcTable(ctx, t, d, steps);
  }

  /** A VPC route table reached beyond a transit gateway. */
  private vpcTable(ctx: Context, key: string, d0: FamilySets, steps: readonly string[]): void {
    const d = this.admit(ctx, key, d0, steps);
    if (isEmpty(d)) return;
    ctx.depth++;
    try {
      this.vpcRoutes(ctx, key, d, steps);
    } finally {
      ctx.depth--;
    }
  }

  private vpcRoutes(ctx: Context, key: string, d: FamilySets, steps: readonly string[]): void {
    const table = this.view.tables.get(key)!;
    const sel = this.view.vpcSelection(key);
    for (const r of table.routes) {
      const piece = sel.opaque.has(r) ? ofFamily(d, r.destination.kind === 'unknown' ? r.destination.family : undefined) : regionIn(sel, r, d);
      if (isEmpty(piece)) continue;
      const here = [...steps, `${table.path} (${describeDestination(r.destination)} -> ${describeTarget(r.target)}, route ${r.path})`];
      if (isTransitTarget(r.target)) {this.enter(ctx, r.target, table.vpc, key, piece, here);} else if (r.target.kind === 'vgw') {this.exit(ctx, RULE_IDS.TGW_HYBRID, piece, describeTarget(r.target), here, { route: r.path });} else if (r.target.kind === 'pcx') {this.exit(ctx, RULE_IDS.TGW_PEERING, piece, describeTarget(r.target), here, { route: r.path });} else if (r.target.kind === 'unknown-gateway') {
        this.exit(ctx, RULE_IDS.TGW_UNKNOWN, piece, describeTarget(r.target), here, { reason: `the guard cannot tell what gateway ${r.target.label} is`, route: r.path });
      }
    }
  }
}
