/**
 * The analysis: a pure function from a routing model to findings. No CDK.
 */
import { Finding, oneFindingPerConstruct } from './findings';
import { computeFlow } from './flow';
import { RuleId } from './rule-table';
import { RoutingModel } from '../model/model';
import { checkForbiddenRoutes } from './rules/forbidden-route';
import { checkInvalid } from './rules/invalid';
import { PCX_RULE } from './rules/pcx';
import { PRIVATE_IGW_RULE } from './rules/private-igw';
import { checkPropagation } from './rules/propagation';
import { TGW_RULE } from './rules/tgw';
import { UNKNOWN_GATEWAY_RULE, checkUnresolved } from './rules/unresolved';
import { VGW_RULE } from './rules/vgw';
import { checkVpce } from './rules/vpce';

export type { Finding } from './findings';

/**
 * Every finding of every rule (levels are the caller's business), each once, in a stable order.
 * @param enabled rules to evaluate; all when omitted
 */
export function analyze(model: RoutingModel, enabled?: ReadonlySet<RuleId>): Finding[] {
  const on = (id: RuleId) => !enabled || enabled.has(id);
  const routeRules = [VGW_RULE, PCX_RULE, PRIVATE_IGW_RULE, TGW_RULE].filter((r) => on(r.ruleId));
  // Route selection in NAT gateways' tables only for the routes some enabled rule judges
  // (NRG-UNRESOLVED judges GatewayIds it cannot classify).
  const judging = on('NRG-UNRESOLVED') ? [...routeRules, UNKNOWN_GATEWAY_RULE] : routeRules;
  // A loop, not `some` with an arrow: this runs for every route of every NAT gateway's table,
  // and an arrow capturing the route would be a new closure at every call.
  const flow = computeFlow(model, (route, nat) => {
    for (let i = 0; i < judging.length; i++) if (judging[i].applies(route, nat)) return true;
    return false;
  });
  const all: Finding[] = [];
  for (const rule of routeRules) all.push(...checkForbiddenRoutes(flow, rule));
  if (on('NRG-PROPAGATION')) all.push(...checkPropagation(model, flow));
  if (on('NRG-VPCE')) all.push(...checkVpce(model, flow));
  if (on('NRG-UNRESOLVED')) all.push(...checkUnresolved(model, flow));
  if (on('NRG-INVALID')) all.push(...checkInvalid(model));
  return oneFindingPerConstruct(all);
}
