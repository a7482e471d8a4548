import { Route, RoutingModel } from '../../model/model';
import { Finding, POLICY_NOTE, acknowledgeHint, comesFrom, natName } from '../findings';
import { Flow, indexByTable, judgedTable } from '../flow';
import { RULE_IDS } from '../rule-table';

const isStaticIpv4Default = (r: Route): boolean =>
  r.origin === 'static' && r.destination.kind === 'cidr' && r.destination.cidr.text === '0.0.0.0/0';

/**
 * NRG-PROPAGATION: a VGW propagates into the table of a fed NAT gateway, unless every feeding
 * table propagates the same VGW, every feeding route is a static 0.0.0.0/0, and the NAT
 * gateway's table has a static 0.0.0.0/0: only then can no learned prefix pull NAT traffic.
 */
export function checkPropagation(model: RoutingModel, flow: Flow): Finding[] {
  const findings: Finding[] = [];
  const vgwsByTable = indexByTable(model.propagations, (p) => p.tableKeys, (p) => p.vgw.key);
  for (const prop of model.propagations) {
    const propagatesSameVgw = (tableKey: string) => vgwsByTable.get(tableKey)?.has(prop.vgw.key) ?? false;
    for (const inflow of new Set(prop.tableKeys.flatMap((k) => flow.fedByTable.get(k) ?? []))) {
      const nat = inflow.nat;
      const natTable = flow.tables.get(judgedTable(inflow)!)!;
      const feeds = [...inflow.pieces, ...inflow.unknown];
      const exempt = [...inflow.feedingTables].every(propagatesSameVgw)
        && feeds.every((p) => isStaticIpv4Default(p.route))
        && natTable.routes.some(isStaticIpv4Default);
      if (exempt) continue;
      const via = feeds.find((p) => !isStaticIpv4Default(p.route) || !propagatesSameVgw(p.table.key)) ?? feeds[0];
      findings.push({
        ruleId: RULE_IDS.PROPAGATION,
        path: prop.path,
        nat: natName(nat),
        message: [
          `[${RULE_IDS.PROPAGATION}] Virtual private gateway ${prop.vgw.label} (VPN / Direct Connect) propagates its routes into ${natTable.path}, the route table of ${natName(nat)}.`,
          'Any prefix it learns over VPN or Direct Connect (unknown at synth; for example an on-premises range) that is more specific than the route that feeds the NAT gateway would send NAT gateway traffic to the VGW.',
          comesFrom(via, via.addresses === undefined),
          POLICY_NOTE,
          `Fix: propagate the VGW only into the tables that feed the NAT gateway (ec2.Vpc: vpnRoutePropagation with the private subnets), not into ${natTable.path}, ${acknowledgeHint(RULE_IDS.PROPAGATION)}`,
        ].join(' '),
      });
    }
  }
  return findings;
}
