import { RoutingModel } from '../../model/model';
import { RULE_IDS } from '../../rule-table';
import { reachesPublicIpv4 } from '../carried';
import { Finding, acknowledgeHint, comesFrom, natName } from '../findings';
import { Flow, isFed } from '../flow';

/**
 * NRG-VPCE: a gateway endpoint associated with a NAT gateway's table would take NAT traffic:
 * some table feeds the NAT gateway through a route that can cover the service's (public) prefix
 * list, and that table is not associated with an endpoint of the same service.
 */
export function checkVpce(model: RoutingModel, flow: Flow): Finding[] {
  const findings: Finding[] = [];
  for (const endpoint of model.gatewayEndpoints) {
    const servedBySameService = (tableKey: string) => model.gatewayEndpoints.some(
      (e) => e.serviceKey === endpoint.serviceKey && e.tableKeys.includes(tableKey));
    for (const inflow of flow.inflows.values()) {
      const nat = inflow.nat;
      if (!isFed(inflow) || nat.tableKey === undefined || !endpoint.tableKeys.includes(nat.tableKey)) continue;
      const via = [...inflow.pieces, ...inflow.unknown].find(
        (p) => (p.addresses === undefined || reachesPublicIpv4(p)) && !servedBySameService(p.table.key));
      if (!via) continue;
      const natTable = flow.tables.get(nat.tableKey);
      findings.push({
        ruleId: RULE_IDS.VPCE,
        path: endpoint.path,
        message: [
          `[${RULE_IDS.VPCE}] Gateway endpoint ${endpoint.path} (${endpoint.serviceLabel}) is associated with ${natTable?.path ?? nat.tableKey}, the route table of ${natName(nat)}, so ${endpoint.serviceLabel} traffic from other subnets crosses the NAT gateway before it reaches the endpoint.`,
          comesFrom(via, via.addresses === undefined),
          `That table is not associated with a ${endpoint.serviceLabel} gateway endpoint, so the traffic pays NAT processing.`,
          `Fix: associate the endpoint with ${via.table.path} as well (ec2.Vpc: addGatewayEndpoint without subnets covers every table), ${acknowledgeHint(RULE_IDS.VPCE)}`,
        ].join(' '),
      });
    }
  }
  return findings;
}
