/**
 * The transit gateway rules over one model (docs/transit.md): the walk from every fed NAT
 * gateway's table, its exits and reached propagations as findings, and, where tables only look
 * transit-only, which findings hold only through their feed (those are reported as warnings). No CDK.
 */
import { computeDeliveries, Deliveries } from './delivered';
import { mayReachExit } from './probe';
import { exitFindings, propagationFindings } from './report';
import { TransitView } from './view';
import { walkTransit } from './walk';
import { RoutingModel } from '../../model/model';
import { Finding, natName } from '../findings';
import { Flow } from '../flow';
import { RULE_IDS, RuleId } from '../rule-table';
import { ForbiddenRouteRule } from '../rules/forbidden-route';

/** The rules of transit gateways, `NRG-TGW` included (the ones a look-alike transit table can turn into warnings). */
export const TRANSIT_RULES: ReadonlySet<RuleId> = new Set<RuleId>([
  RULE_IDS.TGW, RULE_IDS.TGW_HYBRID, RULE_IDS.TGW_PEERING, RULE_IDS.TGW_PROPAGATION, RULE_IDS.TGW_UNKNOWN, RULE_IDS.TGW_VPC,
]);

/** The view of a model's transit part, and what its declared transit tables are delivered. */
export interface TransitSetting {
  readonly view: TransitView;
  readonly deliveries?: Deliveries;
}

export function transitSetting(model: RoutingModel, assumeLookAlikes = false): TransitSetting | undefined {
  if (!model.transit) return undefined;
  const view = new TransitView(model, model.transit, assumeLookAlikes);
  return { view, deliveries: view.transitTables.size > 0 ? computeDeliveries(view, view.transitTables) : undefined };
}

/**
 * The routes whose NAT traffic the transit rules follow: routes to a transit gateway or core network
 * from which the walk can reach something an enabled rule reports (worked out once per route).
 */
export function transitEntryRule(setting: TransitSetting, on: (id: RuleId) => boolean): Pick<ForbiddenRouteRule, 'applies'> {
  const known = new Map<string, boolean>();
  return {
    applies: (route) => {
      if (route.target.kind !== 'tgw' && route.target.kind !== 'core-network') return false;
      let may = known.get(route.id);
      if (may === undefined) known.set(route.id, may = mayReachExit(setting.view, route, on));
      return may;
    },
  };
}

/** The findings of the enabled `NRG-TGW-*` rules. */
export function transitFindings(setting: TransitSetting, flow: Flow, on: (id: RuleId) => boolean): Finding[] {
  const { view, deliveries } = setting;
  const walk = walkTransit(view, flow.judged, flow.selections);
  const found = exitFindings(view, walk.exits.filter((e) => on(e.rule)), flow.inflows);
  if (on(RULE_IDS.TGW_PROPAGATION)) found.push(...propagationFindings(view, walk.reaches, flow.inflows, deliveries));
  return found;
}

/**
 * Findings of the transit rules that would not hold if the look-alike transit tables were declared
 * transit-only: reported as warnings, with the hint to declare them (docs/transit.md, "Looks transit-only").
 * @param held the keys (`rule path`) of the findings that still hold with the look-alikes declared
 */
export function capLookAlikes(findings: readonly Finding[], held: ReadonlySet<string>, view: TransitView, flow: Flow): Finding[] {
  return findings.map((f) => {
    if (!TRANSIT_RULES.has(f.ruleId) || held.has(`${f.ruleId} ${f.path}`)) return f;
    // The look-alike tables that feed the finding's NAT gateway (every NAT gateway's where it names none).
    const tables = new Set<string>();
    for (const inflow of flow.inflows.values()) {
      if (f.nat !== undefined && natName(inflow.nat) !== f.nat) continue;
      for (const t of inflow.feedingTables) if (view.looksTransit.has(t)) tables.add(view.tables.get(t)!.path);
    }
    const hint = `This traffic reaches the NAT gateway only from ${[...tables].join(', ')}, whose subnets hold the transit gateway attachment; `
      + 'if nothing else runs in them, declare them transit-only (transitOnlySubnets, or the subnet\'s Metadata { "cdk-nat-route-guard": { "transitOnly": true } }) '
      + 'and this finding goes away. Until then it is reported as a warning.';
    // Every transit finding ends with its fix: the hint goes before it.
    const message = f.message.replace(' Fix: ', ` ${hint} Fix: `);
    return { ...f, message, atMostWarning: true };
  });
}
