/**
 * From what the walk found to findings (docs/transit.md, "Rules" and "Messages"): one per rule,
 * entry route and NAT gateway, with the lowest example range, its path and the fix; the
 * `NRG-TGW-PROPAGATION` exemption. No CDK.
 */
import { Deliveries } from './delivered';
import { Exit, Reach, feedOf } from './exits';
import { TransitView } from './view';
import { Route, describeDestination, describeTarget } from '../../model/model';
import { ATTACHMENT_WORDS, TgwPropagation } from '../../model/transit';
import { Family, largestBlockAt } from '../../net/cidr';
import { RangeSet } from '../../net/range-set';
import { Finding, POLICY_NOTE, acknowledgeHint, comesFrom, natName } from '../findings';
import { Inflow } from '../flow';
import { RULE_IDS } from '../rule-table';
import { FamilySets } from '../selection';

/** The first (lowest) block of a set, IPv4 first. */
export function exampleOf(d: FamilySets): string {
  const family: Family = d[4].isEmpty ? 6 : 4;
  const first = d[family].intervals[0];
  return largestBlockAt(family, first.lo, first.hi).text;
}

const lowest = (d: FamilySets): [number, bigint] => (d[4].isEmpty ? [6, d[6].intervals[0].lo] : [4, d[4].intervals[0].lo]);
const before = (a: FamilySets, b: FamilySets): boolean => {
  const [fa, xa] = lowest(a);
  const [fb, xb] = lowest(b);
  return fa !== fb ? fa < fb : xa < xb;
};

const FIX: Partial<Record<string, string>> = {
  [RULE_IDS.TGW_HYBRID]: 'route {} from the route tables that feed the NAT gateway straight to the transit gateway (or, where the NAT gateway serves other VPCs, route it in the transit gateway tables that deliver it to this VPC straight to its exit), so it bypasses the NAT gateway',
  [RULE_IDS.TGW_PEERING]: 'route {} from the route tables that feed the NAT gateway straight to the transit gateway (or, where the NAT gateway serves other VPCs, route it in their transit gateway tables straight to the peering attachment), so it bypasses the NAT gateway',
  [RULE_IDS.TGW_VPC]: 'route {} from the route tables that feed the NAT gateway straight to the transit gateway, so it bypasses the NAT gateway',
};

function entryWords(entry: Route, tablePath: string): string {
  return `via route ${entry.path} for ${describeDestination(entry.destination)} in ${tablePath}`;
}

/** One finding per rule, entry route and NAT gateway, naming every exit with the lowest example first. */
export function exitFindings(view: TransitView, exits: readonly Exit[], inflows: ReadonlyMap<string, Inflow>): Finding[] {
  const groups = new Map<string, Exit[]>();
  for (const e of exits) {
    const key = `${e.rule}\u0000${e.entry.path}\u0000${e.nat.key}`;
    const g = groups.get(key);
    if (g) g.push(e);
    else groups.set(key, [e]);
  }
  const findings: Finding[] = [];
  for (const group of groups.values()) {
    const first = group.reduce((a, b) => (before(b.addresses, a.addresses) ? b : a));
    const { rule, nat, entry } = first;
    const inflow = inflows.get(nat.key)!;
    const table = view.tables.get(entry.tableKey)!;
    const via = feedOf(inflow, first.addresses);
    const example = exampleOf(first.addresses);
    const others = [...new Set(group.filter((e) => e.exit !== first.exit).map((e) => e.exit))];
    const also = others.length > 0 ? ` It also reaches ${others.join(', ')}.` : '';
    const unresolved = first.unresolved ? ' (the route\'s destination could not be resolved at synth, so all NAT gateway traffic of its family is followed)' : '';
    const path = `Path: ${[...first.steps, first.exit].join(' -> ')}.`;
    const from = via ? ` ${comesFrom(via, via.addresses === undefined)}` : '';
    const own = describeDestination(entry.destination);
    let message: string;
    if (rule === RULE_IDS.TGW_UNKNOWN) {
      message = `[${rule}] ${natName(nat)} forwards ${example} to ${describeTarget(entry.target)} ${entryWords(entry, table.path)}${unresolved}; `
        + `${first.reason}, so the guard cannot tell whether the traffic reaches a VPN, Direct Connect or peering attachment (at ${first.exit}).${also} ${path}${from} `
        + `Fix: define or declare what the traffic reaches (externalTransitGateways, transitGatewayAttachments), route ${own} from the route tables that feed the NAT gateway straight to the transit gateway, ${acknowledgeHint(rule)}`;
    } else {
      const verb = rule === RULE_IDS.TGW_VPC ? 'into' : 'to';
      message = `[${rule}] ${natName(nat)} forwards ${example} ${verb} ${first.exit} through ${describeTarget(entry.target)}, ${entryWords(entry, table.path)}${unresolved}.${also} `
        + `${path}${from} ${POLICY_NOTE} Fix: ${FIX[rule]!.replace('{}', example === own ? own : `${example} (of ${own})`)}, ${acknowledgeHint(rule)}`;
    }
    const trail = [
      ...(via ? [`${via.table.path} (${describeDestination(via.route.destination)} -> NAT gateway, route ${via.route.path})`] : []),
      natName(nat), ...first.steps, first.exit,
    ];
    findings.push({ ruleId: rule, path: entry.path, message, trail, nat: natName(nat) });
  }
  return findings;
}

const isStaticDefault = (r: { rank: number; propagation?: string; destination: Route['destination'] }, family: Family) =>
  r.rank === 0 && r.propagation === undefined && r.destination.kind === 'cidr' && r.destination.cidr.family === family && r.destination.cidr.length === 0;

/**
 * `NRG-TGW-PROPAGATION`, with its exemption (docs/transit.md, 6.2): not reported when the NAT gateway
 * is fed only by transit tables, every TGW table that delivers to them propagates the same attachment
 * and delivers by a static default, and the reached table covers the traffic by known routes or a static default.
 */
export function propagationFindings(
  view: TransitView, reaches: readonly Reach[], inflows: ReadonlyMap<string, Inflow>, deliveries?: Deliveries,
): Finding[] {
  const findings: Finding[] = [];
  // A default propagation the template leaves open (a parameter, or a kind AWS does not document) may be
  // absent: it never helps the exemption, as a propagation that is certain does.
  const certain = (p: TgwPropagation) => {
    const a = view.transit.attachments.get(p.attachment);
    return !p.implicit || (a?.followsDefaults === 'on' && view.transit.gateways.get(a.tgw ?? '')?.defaultPropagation === 'on');
  };
  const propagates = (attachment: string, table: string) =>
    view.transit.propagations.some((p) => p.attachment === attachment && p.table === table && certain(p));
  for (const reach of reaches) {
    const inflow = inflows.get(reach.nat.key)!;
    const why = exemptionFails(view, reach, inflow, propagates, deliveries);
    if (why === undefined) continue;
    const h = reach.attachment;
    const x = view.tgwTable(reach.table)!;
    const words = ATTACHMENT_WORDS[h.kind];
    const via = feedOf(inflow, reach.addresses);
    const example = exampleOf(reach.addresses);
    const table = view.tables.get(reach.entry.tableKey)!;
    const prop = reach.path === h.tgw ? `the default propagation of transit gateway ${reach.path}` : `propagation ${reach.path}`;
    findings.push({
      ruleId: RULE_IDS.TGW_PROPAGATION,
      path: reach.path,
      nat: natName(reach.nat),
      message: [
        `[${RULE_IDS.TGW_PROPAGATION}] ${words} ${h.label} propagates its routes into ${x.path} (${prop}), which ${natName(reach.nat)}'s traffic for ${example} reaches ${entryWords(reach.entry, table.path)}.`,
        `Any prefix advertised there over BGP that is more specific than the route the traffic takes would send it to the ${words}; the guard cannot see advertisements.`,
        `Path: ${reach.steps.join(' -> ')} -> ${x.path}.`,
        ...(via ? [comesFrom(via, via.addresses === undefined)] : []),
        `It would not report this if ${why}.`,
        POLICY_NOTE,
        `Fix: route ${describeDestination(reach.entry.destination)} from the route tables that feed the NAT gateway straight to the transit gateway, give ${x.path} a static default route (0.0.0.0/0 or ::/0, a blackhole will do) and known routes for what it must carry, or propagate ${h.path} into every table that delivers traffic to the NAT gateway's VPC, ${acknowledgeHint(RULE_IDS.TGW_PROPAGATION)}`,
      ].join(' '),
    });
  }
  return findings;
}

/** Which condition of the exemption fails, in words, or undefined when it holds. */
function exemptionFails(
  view: TransitView, reach: Reach, inflow: Inflow, propagates: (attachment: string, table: string) => boolean, deliveries?: Deliveries,
): string | undefined {
  const notTransit = [...inflow.feedingTables].filter((t) => !view.transitTables.has(t));
  if (notTransit.length > 0 || !deliveries) {
    return `every table that feeds the NAT gateway were a declared transit-only table (here ${notTransit.map((t) => view.tables.get(t)?.path ?? t).join(', ')} is not)`;
  }
  for (const piece of inflow.pieces) {
    for (const a of view.transit.attachments.values()) {
      if (a.kind !== 'vpc' || !view.attachmentTables(a).includes(piece.table.key)) continue;
      for (const d of deliveries.toAttachment.get(a.key) ?? []) {
        const fed = piece.addresses!;
        if (!d.addresses[piece.family].overlaps(fed)) continue;
        const tablePath = view.tgwTable(d.table)?.path ?? d.table;
        if (!d.route || !propagates(reach.attachment.key, d.table) || !isStaticDefault(d.route, piece.family)) {
          return `every transit gateway table that delivers traffic to the NAT gateway also propagated ${reach.attachment.path} and delivered by a static default route (here ${tablePath}${d.route ? ` delivers by ${d.route.path}` : ''}${propagates(reach.attachment.key, d.table) ? '' : ' without propagating it'})`;
        }
      }
    }
  }
  const x = view.tgwTable(reach.table)!;
  const sel = view.tgwSelection(reach.table);
  for (const family of [4, 6] as const) {
    if (reach.addresses[family].isEmpty) continue;
    if (x.routes.some((r) => isStaticDefault(r, family))) continue;
    let uncovered = reach.addresses[family];
    for (const r of x.routes) {
      const region = sel.regions.get(r.id);
      if (region) uncovered = uncovered.subtract(region[family]);
    }
    if (!uncovered.isEmpty) {
      const rest = family === 4 ? { 4: uncovered, 6: RangeSet.EMPTY } : { 4: RangeSet.EMPTY, 6: uncovered };
      return `${x.path} covered that traffic by known routes or a static default route (${exampleOf(rest)} is covered by none)`;
    }
  }
  return undefined;
}
