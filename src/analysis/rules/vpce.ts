import { RoutingModel } from '../../model/model';
import { hasPublicIpv4 } from '../carried';
import { Finding, acknowledgeHint, comesFrom, natName } from '../findings';
import { Flow, indexByTable, judgedTable } from '../flow';
import { RULE_IDS } from '../rule-table';

/**
 * NRG-VPCE: a gateway endpoint associated with a NAT gateway's table would take NAT traffic:
 * some table feeds the NAT gateway through a route that can cover the service's (public) prefix
 * list, and that table is not associated with an endpoint of the same service.
 */
export function checkVpce(model: RoutingModel, flow: Flow): Finding[] {
  const findings: Finding[] = [];
  const servicesByTable = indexByTable(model.gatewayEndpoints, (e) => e.tableKeys, (e) => e.serviceKey);
  for (const endpoint of model.gatewayEndpoints) {
    const servedBySameService = (tableKey: string) => servicesByTable.get(tableKey)?.has(endpoint.serviceKey) ?? false;
    for (const inflow of new Set(endpoint.tableKeys.flatMap((k) => flow.fedByTable.get(k) ?? []))) {
      const nat = inflow.nat;
      const via = [...inflow.pieces, ...inflow.unknown].find(
        (p) => (p.addresses === undefined || (p.family === 4 && hasPublicIpv4(p.addresses))) && !servedBySameService(p.table.key));
      if (!via) continue;
      const natTable = flow.tables.get(judgedTable(inflow)!)!;
      findings.push({
        ruleId: RULE_IDS.VPCE,
        path: endpoint.path,
        nat: natName(nat),
        message: [
          `[${RULE_IDS.VPCE}] Gateway endpoint ${endpoint.path} (${endpoint.serviceLabel}) is associated with ${natTable.path}, the route table of ${natName(nat)}, so ${endpoint.serviceLabel} traffic from other subnets crosses the NAT gateway before it reaches the endpoint.`,
          comesFrom(via, via.addresses === undefined),
          `That table is not associated with a ${endpoint.serviceLabel} gateway endpoint, so the traffic pays NAT processing.`,
          `Fix: associate the endpoint with ${via.table.path} as well (ec2.Vpc: addGatewayEndpoint without subnets covers every table), ${acknowledgeHint(RULE_IDS.VPCE)}`,
        ].join(' '),
      });
    }
  }
  return findings;
}
