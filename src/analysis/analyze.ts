/**
 * The analysis: a pure function from a routing model to findings. No CDK.
 */
import { Finding, oneFindingPerConstruct } from './findings';
import { computeFlow } from './flow';
import { RuleId } from './rule-table';
import { NatGateway, Route, RoutingModel } from '../model/model';
import { ForbiddenRouteRule, checkForbiddenRoutes } from './rules/forbidden-route';
import { checkInvalid } from './rules/invalid';
import { PCX_RULE } from './rules/pcx';
import { PRIVATE_IGW_RULE } from './rules/private-igw';
import { checkPropagation } from './rules/propagation';
import { TGW_RULE } from './rules/tgw';
import { UNKNOWN_GATEWAY_RULE, checkUnresolved } from './rules/unresolved';
import { VGW_RULE } from './rules/vgw';
import { checkVpce } from './rules/vpce';
import { externalTableFindings } from './transit/external-tables';
import { TRANSIT_RULES, capLookAlikes, transitEntryRule, transitFindings, transitSetting } from './transit/judge';

export type { Finding } from './findings';

/**
 * Every finding of every rule (levels are the caller's business), each once, in a stable order.
 * @param enabled rules to evaluate; all when omitted
 */
export function analyze(model: RoutingModel, enabled?: ReadonlySet<RuleId>): Finding[] {
  const on = (id: RuleId) => !enabled || enabled.has(id);
  const routeRules = [VGW_RULE, PCX_RULE, PRIVATE_IGW_RULE, TGW_RULE].filter((r) => on(r.ruleId));
  const judging: Pick<ForbiddenRouteRule, 'applies'>[] = on('NRG-UNRESOLVED') ? [...routeRules, UNKNOWN_GATEWAY_RULE] : [...routeRules];
  // Route selection in NAT gateways' tables only for the routes some enabled rule judges
  // (NRG-UNRESOLVED judges GatewayIds it cannot classify).
  // The transit rules follow every route to a transit gateway or core network (docs/transit.md).
  const transitOn = model.transit !== undefined && [...TRANSIT_RULES].some((id) => id !== 'NRG-TGW' && on(id));
  const setting = transitSetting(model);
  if (transitOn && !judging.includes(TGW_RULE)) judging.push(transitEntryRule(setting!, on));
  // A loop, not `some` with an arrow: this runs for every route of every NAT gateway's table,
  // and an arrow capturing the route would be a new closure at every call.
  const judged = (route: Route, nat: NatGateway) => {
    for (let i = 0; i < judging.length; i++) if (judging[i].applies(route, nat)) return true;
    return false;
  };
  const flow = computeFlow(model, judged, setting?.deliveries?.byTable);
  let all: Finding[] = [];
  for (const rule of routeRules) all.push(...checkForbiddenRoutes(flow, rule));
  if (setting && transitOn) all.push(...transitFindings(setting, flow, on));
  if (setting && setting.view.looksTransit.size > 0 && all.some((f) => TRANSIT_RULES.has(f.ruleId))) {
    // Which transit findings would still hold if the look-alike transit tables were declared.
    const wider = transitSetting(model, true)!;
    const widerFlow = computeFlow(model, judged, wider.deliveries?.byTable);
    const held = [...(on('NRG-TGW') ? checkForbiddenRoutes(widerFlow, TGW_RULE) : []), ...(transitOn ? transitFindings(wider, widerFlow, on) : [])];
    all = capLookAlikes(all, new Set(held.map((f) => `${f.ruleId} ${f.path}`)), setting.view, flow);
  }
  if (on('NRG-PROPAGATION')) all.push(...checkPropagation(model, flow));
  if (on('NRG-VPCE')) all.push(...checkVpce(model, flow));
  if (on('NRG-UNRESOLVED')) all.push(...checkUnresolved(model, flow));
  if (on('NRG-UNRESOLVED') && setting) all.push(...externalTableFindings(model, setting.view));
  if (on('NRG-INVALID')) all.push(...checkInvalid(model));
  return oneFindingPerConstruct(all);
}
