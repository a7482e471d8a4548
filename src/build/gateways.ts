/** VGW route propagations and gateway endpoints: what they attach to which tables. No CDK. */
import { Tables } from './tables';
import { ValueReader, present } from './values';
import { describeValue } from '../cloudformation/describe';
import { canonical, literalString } from '../cloudformation/literal';
import { GatewayEndpoint, MiddleboxEndpoint, Propagation } from '../model/model';
import { ResourceRecord } from '../records/record';
import { refOf } from '../records/ref';

/** A VGW route propagation, or undefined (and a problem) when its tables cannot be resolved. */
export function propagationOf(r: ResourceRecord, values: ValueReader, tables: Tables): Propagation | undefined {
  const p = r.properties;
  if (!Array.isArray(p.RouteTableIds)) {
    tables.unresolved(r.path, `The route tables of VGW route propagation ${r.path} (${describeValue(p.RouteTableIds)}) cannot be resolved, `
      + 'so the guard cannot tell whether VGW routes reach a NAT gateway\'s table. Fix: list the route tables of the app explicitly.');
    return undefined;
  }
  const ref = refOf(p.VpnGatewayId);
  const tableKeys = p.RouteTableIds.map((v) => values.tableKey(v));
  const external = tables.external(tableKeys);
  if (external) {
    tables.unresolved(r.path, `VGW route propagation ${r.path} propagates into ${external}, `
      + 'not defined in this app, so the guard cannot tell whether VGW routes reach a NAT gateway\'s table. Fix: define the route table in the app, or acknowledge the propagation.');
  }
  return {
    path: r.path,
    vgw: { kind: 'vgw', key: ref ? ref.path : canonical(p.VpnGatewayId), label: describeValue(p.VpnGatewayId) },
    tableKeys,
  };
}

/** A gateway endpoint with its tables, or undefined for an endpoint of another type. */
export function gatewayEndpointOf(r: ResourceRecord, values: ValueReader, tables: Tables): GatewayEndpoint | undefined {
  const p = r.properties;
  // Only gateway endpoints have route tables; a type the template leaves open counts as one if it names tables.
  const type = literalString(p.VpcEndpointType);
  if (type !== undefined ? type !== 'Gateway' : present(p.VpcEndpointType) && !present(p.RouteTableIds)) return undefined;
  const service = `gateway endpoint ${r.path} (${describeValue(p.ServiceName)})`;
  if (present(p.RouteTableIds) && !Array.isArray(p.RouteTableIds)) {
    tables.unresolved(r.path, `The route tables of ${service} (${describeValue(p.RouteTableIds)}) cannot be resolved, `
      + 'so the guard cannot tell whether the endpoint sits in a NAT gateway\'s table and takes its traffic. '
      + 'Fix: list the route tables of the app explicitly, or acknowledge the endpoint.');
  }
  const tableKeys = (Array.isArray(p.RouteTableIds) ? p.RouteTableIds : []).map((v) => values.tableKey(v));
  const external = tables.external(tableKeys);
  if (external) {
    tables.unresolved(r.path, `${service.charAt(0).toUpperCase()}${service.slice(1)} is associated with ${external}, `
      + 'not defined in this app, so the guard cannot tell whether it sits in a NAT gateway\'s table and takes its traffic. '
      + 'Fix: define the route table in the app, or acknowledge the endpoint.');
  }
  return { path: r.path, serviceKey: canonical(p.ServiceName), serviceLabel: describeValue(p.ServiceName), tableKeys };
}

/**
 * A Gateway Load Balancer endpoint or a Network Firewall, with the route tables of its subnets;
 * undefined for a record of another kind (docs/transit.md, "Behind endpoints").
 */
export function middleboxOf(r: ResourceRecord, subnetTables: ReadonlyMap<string, readonly string[]>): MiddleboxEndpoint | undefined {
  const p = r.properties;
  let subnets: unknown[];
  if (r.type === 'AWS::EC2::VPCEndpoint') {
    if (literalString(p.VpcEndpointType) !== 'GatewayLoadBalancer' || !Array.isArray(p.SubnetIds)) return undefined;
    subnets = p.SubnetIds;
  } else {
    if (!Array.isArray(p.SubnetMappings)) return undefined;
    subnets = p.SubnetMappings.map((m) => (m && typeof m === 'object' ? (m as Record<string, unknown>).SubnetId : undefined));
  }
  const tableKeys = [...new Set(subnets.flatMap((s) => subnetTables.get(refOf(s)?.path ?? '') ?? []))];
  return { key: r.path, path: r.path, tableKeys };
}
