/**
 * Routes to a transit gateway or core network in route tables the app does not define (known only
 * by an id or an expression, docs/transit.md, "Tables the app does not define"): such a table may
 * be a NAT gateway's, and its NAT traffic would go where the walk goes. When the walk of the
 * route's whole destination reaches a VPN, Direct Connect or peering exit, `NRG-UNRESOLVED` on the
 * route; what could only be a `NRG-TGW-UNKNOWN` (a core network's traffic among it) stays quiet (it would be a warning about a
 * warning). No CDK.
 */
import { probeWalk } from './probe';
import { exampleOf } from './report';
import { TransitView } from './view';
import { RoutingModel, describeDestination, describeTarget } from '../../model/model';
import { Finding, acknowledgeHint } from '../findings';
import { RULE_IDS } from '../rule-table';

const ERROR_EXITS: ReadonlySet<string> = new Set([RULE_IDS.TGW_HYBRID, RULE_IDS.TGW_PEERING]);

/** `NRG-UNRESOLVED` on each route of such a table whose traffic the transit gateways would carry to VPN, Direct Connect or peering. */
export function externalTableFindings(model: RoutingModel, view: TransitView): Finding[] {
  const findings: Finding[] = [];
  for (const table of model.tables) {
    if (!table.external) continue;
    for (const route of table.routes) {
      // A core network's only exit is NRG-TGW-UNKNOWN (Cloud WAN is not modelled): nothing to say for it.
      if (route.target.kind !== 'tgw') continue;
      const first0 = `route ${route.path} (${describeDestination(route.destination)} -> ${describeTarget(route.target)}) in ${table.path}`;
      // Every table of the model is in the view, so the walk is always made.
      const exits = probeWalk(view, route, true, [first0])!.exits.filter((e) => ERROR_EXITS.has(e.rule));
      if (exits.length === 0) continue;
      const first = exits[0];
      const others = [...new Set(exits.map((e) => e.exit))].filter((x) => x !== first.exit);
      findings.push({
        ruleId: RULE_IDS.UNRESOLVED,
        path: route.path,
        message: `[${RULE_IDS.UNRESOLVED}] Route ${route.path} sends ${describeDestination(route.destination)} to ${describeTarget(route.target)} in route table ${table.path}, `
          + 'which is not defined in this app, so the guard cannot tell whether that table forwards NAT gateway traffic. '
          + `If it does, the transit gateway sends that traffic on to ${first.exit} (${exampleOf(first.addresses)}, ${first.rule})`
          + `${others.length > 0 ? `, and to ${others.join(', ')}` : ''}. Path: ${[...first.steps, first.exit].join(' -> ')}. `
          + `Fix: define the route table in the app, ${acknowledgeHint(RULE_IDS.UNRESOLVED)}`,
        trail: [...first.steps, first.exit],
      });
    }
  }
  return findings;
}
