/**
 * fast-check generators of routing models: several tables, 0-30 routes each, IPv4 and IPv6
 * (NAT64 included), every target kind, VGW propagation, gateway endpoints, overlapping, nested
 * and duplicate prefixes with different route kinds, unreachable and private NAT gateways.
 */
import * as fc from 'fast-check';
import { Destination, Route, RouteTable, RoutingModel, Target, TargetKind } from '../../src/model/model';
import { parseCidr } from '../../src/net/cidr';

/** Prefix bases chosen so that generated blocks nest, overlap and repeat. */
const V4_BASES = ['0.0.0.0', '10.0.0.0', '10.1.0.0', '10.1.2.0', '172.16.0.0', '192.168.1.0', '192.168.1.128', '8.8.8.0', '52.216.0.0', '100.64.0.0'];
const V4_LENGTHS = [0, 1, 8, 12, 16, 20, 24, 25, 26, 32];
const V6_BASES = ['::', '2001:db8::', '2001:db8:1::', '64:ff9b::', '64:ff9b::a00:0', '64:ff9b::c0a8:100', '64:ff9b::834:d800'];
const V6_LENGTHS = [0, 32, 48, 64, 96, 104, 120, 128];

function block(base: string, len: number): string {
  const p = parseCidr(`${base}/${base.includes(':') ? 128 : 32}`);
  if (!p.ok) throw new Error(p.error);
  const bits = base.includes(':') ? 128 : 32;
  const size = 2n ** BigInt(bits - len);
  const first = p.cidr.first - (p.cidr.first % size);
  const q = parseCidr(`${base.includes(':') ? v6(first) : v4(first)}/${len}`);
  if (!q.ok) throw new Error(q.error);
  return q.cidr.text;
}
const v4 = (x: bigint) => [24n, 16n, 8n, 0n].map((s) => String((x / 2n ** s) % 256n)).join('.');
const v6 = (x: bigint) => Array.from({ length: 8 }, (_, i) => ((x / 2n ** BigInt((7 - i) * 16)) % 65536n).toString(16)).join(':');

const cidrText = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...V4_BASES), fc.constantFrom(...V4_LENGTHS)).map(([b, l]) => block(b, l)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...V6_BASES), fc.constantFrom(...V6_LENGTHS)).map(([b, l]) => block(b, l)) },
);

function cidr(text: string) {
  const p = parseCidr(text);
  if (!p.ok) throw new Error(p.error);
  return p.cidr;
}

const destination: fc.Arbitrary<Destination> = fc.oneof(
  { weight: 12, arbitrary: cidrText.map((t): Destination => ({ kind: 'cidr', cidr: cidr(t) })) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom('pl-a', 'pl-b'), fc.uniqueArray(cidrText, { minLength: 1, maxLength: 3 }))
      .map(([key, entries]): Destination => ({ kind: 'prefix-list', key: `${key}:${entries.join(',')}`, label: key, entries: entries.map(cidr) })),
  },
  { weight: 1, arbitrary: fc.constantFrom('pl-s3', 'pl-managed').map((key): Destination => ({ kind: 'prefix-list', key, label: key })) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom('Ref(A)', 'Ref(B)', 'ImportValue(C)'), fc.constantFrom(4, 6) as fc.Arbitrary<4 | 6>)
      .map(([key, family]): Destination => ({ kind: 'unknown', key: `${key}/${family}`, label: key, family })),
  },
);

const OTHER_KINDS: TargetKind[] = ['igw', 'vgw', 'pcx', 'tgw', 'core-network', 'gwlb-endpoint', 'eni', 'instance',
  'egress-only-igw', 'local-gateway', 'carrier-gateway', 'odb-network', 'unknown-gateway'];

function target(natKeys: string[]): fc.Arbitrary<Target> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...natKeys, 'nat-external').map((key): Target => ({ kind: 'nat', key, label: key })) },
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...OTHER_KINDS), fc.constantFrom('1', '2')).map(([kind, n]): Target => ({ kind, key: `${kind}-${n}`, label: `${kind}-${n}` })) },
  );
}

export interface TopologyOptions {
  readonly maxTables?: number;
  readonly maxRoutes?: number;
}

/** A whole routing model. */
export function topology(opts: TopologyOptions = {}): fc.Arbitrary<RoutingModel> {
  const maxTables = opts.maxTables ?? 5;
  const maxRoutes = opts.maxRoutes ?? 30;
  return fc.integer({ min: 1, max: 3 }).chain((natCount) => {
    const natKeys = Array.from({ length: natCount }, (_, i) => `nat${i}`);
    const routeArb = fc.record({
      destination,
      target: target(natKeys),
      local: fc.nat(9).map((n) => n === 0),
    });
    const tableArb = fc.record({
      carriesTraffic: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      // Most tables are small; some are as large as the issue asks.
      routes: fc.oneof(
        { weight: 4, arbitrary: fc.array(routeArb, { maxLength: 8 }) },
        { weight: 1, arbitrary: fc.array(routeArb, { maxLength: maxRoutes }) },
      ),
    });
    return fc.record({
      tables: fc.array(tableArb, { minLength: 1, maxLength: maxTables }),
      nats: fc.array(
        fc.record({ table: fc.nat(), unresolved: fc.nat(20), private: fc.boolean(), regional: fc.nat(10) }),
        { minLength: natCount, maxLength: natCount },
      ),
      propagations: fc.array(fc.record({ vgw: fc.constantFrom('vgw-1', 'vgw-2'), tables: fc.array(fc.nat(), { maxLength: 3 }) }), { maxLength: 2 }),
      endpoints: fc.array(fc.record({ service: fc.constantFrom('s3', 'dynamodb'), tables: fc.array(fc.nat(), { maxLength: 3 }) }), { maxLength: 2 }),
      // Routes to `gwlb-endpoint-1` reach a Gateway Load Balancer / firewall endpoint in these tables' subnets.
      middlebox: fc.array(fc.nat(), { maxLength: 2 }),
    }).map((raw): RoutingModel => {
      const keys = raw.tables.map((_, i) => `t${i}`);
      const tables: RouteTable[] = raw.tables.map((t, i) => {
        const routes: Route[] = [];
        const seen = new Set<string>();
        t.routes.forEach((r, j) => {
          const path = `t${i}/r${j}`;
          const isLocal = r.local && r.destination.kind === 'cidr';
          // CloudFormation refuses two routes for one destination in one table (prefix lists excepted).
          const dupKey = r.destination.kind === 'cidr' ? `${isLocal}|${r.destination.cidr.text}` : `${r.destination.kind}|${r.destination.key}`;
          if (seen.has(dupKey)) return;
          seen.add(dupKey);
          routes.push({
            id: path,
            path,
            tableKey: keys[i],
            origin: isLocal ? 'local' : 'static',
            destination: r.destination,
            target: isLocal ? { kind: 'local', key: 'local', label: 'local' } : r.target,
          });
        });
        return { key: keys[i], path: keys[i], carriesTraffic: t.carriesTraffic, routes };
      });
      return {
        tables,
        natGateways: raw.nats.map((n, i) => ({
          key: natKeys[i],
          path: natKeys[i],
          connectivity: n.private ? 'private' as const : 'public' as const,
          regional: n.regional === 0,
          tableKey: n.unresolved === 0 ? undefined : keys[n.table % keys.length],
          unresolvedReason: n.unresolved === 0 ? 'generated' : undefined,
        })),
        propagations: raw.propagations.map((p, i) => ({
          path: `prop${i}`, vgw: { kind: 'vgw' as const, key: p.vgw, label: p.vgw }, tableKeys: p.tables.map((t) => keys[t % keys.length]),
        })),
        gatewayEndpoints: raw.endpoints.map((e, i) => ({
          path: `vpce${i}`, serviceKey: e.service, serviceLabel: e.service, tableKeys: e.tables.map((t) => keys[t % keys.length]),
        })),
        problems: [],
        ...(raw.middlebox.length > 0
          ? { endpoints: [{ key: 'gwlb-endpoint-1', path: 'gwlbe-1', tableKeys: [...new Set(raw.middlebox.map((t) => keys[t % keys.length]))] }] }
          : {}),
      };
    });
  });
}
