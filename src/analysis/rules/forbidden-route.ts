/**
 * The shape shared by the rules that judge one route of a NAT gateway's table:
 * a route whose target the rule forbids, selected for some of the NAT gateway's inflow.
 */
import { NatGateway, Route, describeDestination, describeTarget } from '../../model/model';
import { carriedRoutes } from '../carried';
import { Finding, acknowledgeHint, comesFrom, natName } from '../findings';
import { Flow, judgedTable } from '../flow';
import { RuleId } from '../rule-table';

export interface ForbiddenRouteRule {
  readonly ruleId: RuleId;
  readonly applies: (route: Route, nat: NatGateway) => boolean;
  /**
   * The fix, given what to route elsewhere: the route's own destination, with the example range
   * when that is only part of it. It never suggests a target another rule forbids.
   */
  readonly fix: (ranges: string) => string;
  /** Sentence that follows the path description (policy or fact). */
  readonly note: string;
}

export function checkForbiddenRoutes(flow: Flow, rule: ForbiddenRouteRule): Finding[] {
  const findings: Finding[] = [];
  for (const inflow of flow.judged) {
    const nat = inflow.nat;
    const key = judgedTable(inflow);
    const table = key === undefined ? undefined : flow.tables.get(key);
    if (!table) continue;
    for (const c of carriedRoutes(flow, inflow, table, (r) => rule.applies(r, nat))) {
      const what = c.destinationUnresolved
        ? `forwards traffic for ${c.example}, whose destination could not be resolved at synth,`
        : `forwards ${c.example}`;
      // The route's own destination, where the example is only part of it (the first sentence
      // stands alone; the fix covers the whole route, not one example at a time).
      const own = describeDestination(c.route.destination);
      const partial = own !== c.example;
      const ranges = partial ? `${own} (of which ${c.example} now reaches the NAT gateway; leave out what the feeding tables already route elsewhere)` : c.example;
      const message = [
        `[${rule.ruleId}] ${natName(nat)} ${what} to ${describeTarget(c.route.target)} through route ${c.route.path}${partial ? ` for ${own}` : ''} in ${table.path}.`,
        comesFrom(c.via, c.inflowUnresolved),
        ...(inflow.through ? [`The NAT gateway's table sends it there through ${inflow.through}.`] : []),
        rule.note,
        `Fix: ${rule.fix(ranges)}, ${acknowledgeHint(rule.ruleId)}`,
      ].join(' ');
      const trail = [
        `${c.via.table.path} (${describeDestination(c.via.route.destination)} -> NAT gateway, route ${c.via.route.path})`,
        natName(nat),
        `route ${c.route.path} (${describeDestination(c.route.destination)}) in ${table.path}`,
        describeTarget(c.route.target),
      ];
      findings.push({ ruleId: rule.ruleId, path: c.route.path, message, trail, nat: natName(nat) });
    }
  }
  return findings;
}
