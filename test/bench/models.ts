/**
 * Routing models of a given size for timing the analysis alone: units of one NAT gateway, its
 * public table (20 routes) and three private tables (26 routes each), about 100 routes a unit.
 */
import { Route, RouteTable, RoutingModel, Target } from '../../src/model/model';
import { parseCidr } from '../../src/net/cidr';

const cidr = (text: string) => {
  const p = parseCidr(text);
  if (!p.ok) throw new Error(p.error);
  return p.cidr;
};

export function benchModel(routes: number): RoutingModel {
  const units = Math.max(1, Math.round(routes / 98));
  const tables: RouteTable[] = [];
  const model: RoutingModel = { tables, natGateways: [], propagations: [], gatewayEndpoints: [], problems: [] };
  for (let u = 0; u < units; u++) {
    const nat: Target = { kind: 'nat', key: `nat${u}`, label: `nat${u}` };
    const vgw: Target = { kind: 'vgw', key: `vgw${u}`, label: `vgw${u}` };
    const igw: Target = { kind: 'igw', key: `igw${u}`, label: `igw${u}` };
    const mk = (table: string, n: number, dest: string, target: Target): Route =>
      ({ id: `${table}/r${n}`, path: `${table}/r${n}`, tableKey: table, origin: 'static', destination: { kind: 'cidr', cidr: cidr(dest) }, target });
    const pub = `u${u}/public`;
    const pubRoutes = [mk(pub, 0, '0.0.0.0/0', igw), ...Array.from({ length: 19 }, (_, r) => mk(pub, r + 1, `198.51.${r}.0/24`, igw))];
    // One leak a unit, so the messages are part of the cost.
    pubRoutes[19] = mk(pub, 19, '192.168.200.0/24', vgw);
    tables.push({ key: pub, path: pub, carriesTraffic: true, routes: pubRoutes });
    for (let p = 0; p < 3; p++) {
      const key = `u${u}/private${p}`;
      const rs = [mk(key, 0, '0.0.0.0/0', nat)];
      // Nested and overlapping: a /23 every fifth route, /26s otherwise.
      for (let r = 0; r < 25; r++) rs.push(mk(key, r + 1, r % 5 === 0 ? `192.168.${r - (r % 2)}.0/23` : `192.168.${r}.${(r % 4) * 64}/26`, vgw));
      tables.push({ key, path: key, carriesTraffic: true, routes: rs });
    }
    (model.natGateways as unknown[]).push({ key: nat.key, path: nat.key, connectivity: 'public', regional: false, tableKey: pub });
    (model.propagations as unknown[]).push({ path: `u${u}/prop`, vgw, tableKeys: [`u${u}/private0`, `u${u}/private1`, `u${u}/private2`] });
    (model.gatewayEndpoints as unknown[]).push({ path: `u${u}/s3`, serviceKey: 's3', serviceLabel: 's3', tableKeys: [pub, `u${u}/private0`, `u${u}/private1`, `u${u}/private2`] });
  }
  return model;
}

export function routeCount(model: RoutingModel): number {
  return model.tables.reduce((n, t) => n + t.routes.length, 0);
}
