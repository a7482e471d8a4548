import { RoutingModel } from '../../model/model';
import { Finding } from '../findings';
import { Flow } from '../flow';
import { RULE_IDS } from '../rule-table';
import { ForbiddenRouteRule, checkForbiddenRoutes } from './forbidden-route';

/** A GatewayId that may be an internet gateway or a VGW, carrying NAT traffic. */
export const UNKNOWN_GATEWAY_RULE: ForbiddenRouteRule = {
  ruleId: RULE_IDS.UNRESOLVED,
  applies: (route) => route.target.kind === 'unknown-gateway',
  note: 'The guard cannot tell whether the GatewayId is an internet gateway or a virtual private gateway (VPN / Direct Connect).',
  fix: () => 'reference the gateway construct (or a literal igw- / vgw- id) so the guard can classify it',
};

/** NRG-UNRESOLVED: what the guard cannot prove compliant. */
export function checkUnresolved(model: RoutingModel, flow: Flow): Finding[] {
  const findings: Finding[] = [];
  for (const nat of model.natGateways) {
    if (nat.tableKey !== undefined) continue;
    findings.push({
      ruleId: RULE_IDS.UNRESOLVED,
      path: nat.path,
      message: `[${RULE_IDS.UNRESOLVED}] The route table of NAT gateway ${nat.path} cannot be determined: ${nat.unresolvedReason ?? 'unknown reason'}. `
        + 'The guard checks nothing else for this NAT gateway. Fix: associate its subnet explicitly with a route table defined in the app, '
        + `or acknowledge: Validations.of(scope).acknowledge({ id: '${RULE_IDS.UNRESOLVED}', reason: '...' }).`,
    });
  }
  findings.push(...checkForbiddenRoutes(flow, UNKNOWN_GATEWAY_RULE));
  for (const p of model.problems) {
    if (p.kind === 'unresolved') findings.push({ ruleId: RULE_IDS.UNRESOLVED, path: p.path, message: `[${RULE_IDS.UNRESOLVED}] ${p.message}` });
  }
  return findings;
}
