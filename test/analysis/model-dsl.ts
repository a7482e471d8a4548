/**
 * A small language for hand-built routing models, so that a test reads like a route table dump.
 */
import {
  Destination, GatewayEndpoint, MiddleboxEndpoint, NatGateway, Propagation, ReaderProblem, Route, RouteTable, RoutingModel, Target, TargetKind,
} from '../../src/model/model';
import { parseCidr } from '../../src/net/cidr';

export const target = (kind: TargetKind, key: string): Target => ({ kind, key, label: key });
export const nat = (key: string) => target('nat', key);
export const igw = (key = 'igw') => target('igw', key);
export const vgw = (key = 'vgw') => target('vgw', key);
export const pcx = (key = 'pcx') => target('pcx', key);
export const tgw = (key = 'tgw') => target('tgw', key);

/**
 * `10.0.0.0/8`, `pl:<key>` (opaque prefix list), `pl:<key>=a,b` (prefix list with entries), `?<expr>` (unresolved;
 * IPv6 if the expression says `v6`), `?4:<expr>`, `?6:<expr>`, `?any:<expr>` (unresolved, of that family or of either).
 */
export function dest(text: string): Destination {
  const family = /^\?(4|6|any):(.*)$/.exec(text);
  if (family) return { kind: 'unknown', key: family[2], label: family[2], family: family[1] === 'any' ? undefined : Number(family[1]) as 4 | 6 };
  if (text.startsWith('?')) {
    return { kind: 'unknown', key: text.slice(1), label: text.slice(1), family: text.includes('v6') ? 6 : 4 };
  }
  if (text.startsWith('pl:')) {
    const [key, entries] = text.slice(3).split('=');
    return { kind: 'prefix-list', key, label: key, entries: entries?.split(',').map(cidr) };
  }
  return { kind: 'cidr', cidr: cidr(text) };
}

export function cidr(text: string) {
  const p = parseCidr(text);
  if (!p.ok) throw new Error(p.error);
  return p.cidr;
}

interface TableSpec { carriesTraffic: boolean; routes: Route[] }

export class ModelDsl {
  private readonly tables = new Map<string, TableSpec>();
  private readonly nats: NatGateway[] = [];
  private readonly propagations: Propagation[] = [];
  private readonly endpoints: GatewayEndpoint[] = [];
  private readonly problems: ReaderProblem[] = [];
  private readonly middleboxes: MiddleboxEndpoint[] = [];

  /** A table associated with a subnet (or not, with `carriesTraffic: false`). */
  public table(key: string, carriesTraffic = true): this {
    this.tables.set(key, { carriesTraffic, routes: [] });
    return this;
  }

  /** A static route `destination -> target` in `table`; its path is `table/name`. */
  public route(table: string, destination: string, to: Target, name?: string, origin: Route['origin'] = 'static'): this {
    const t = this.tables.get(table);
    if (!t) throw new Error(`no table ${table}`);
    const path = `${table}/${name ?? `${destination}->${to.key}`}`;
    t.routes.push({ id: path, path, tableKey: table, origin, destination: dest(destination), target: to });
    return this;
  }

  public local(table: string, destination: string): this {
    return this.route(table, destination, target('local', 'local'), 'local', 'local');
  }

  public nat(key: string, table: string | undefined, opts: { private?: boolean; regional?: boolean } = {}): this {
    this.nats.push({
      key,
      path: key,
      connectivity: opts.private ? 'private' : 'public',
      regional: !!opts.regional,
      tableKey: table,
      unresolvedReason: table === undefined ? 'its subnet has no explicit route table association' : undefined,
    });
    return this;
  }

  public propagate(path: string, vgwKey: string, tables: string[]): this {
    this.propagations.push({ path, vgw: vgw(vgwKey), tableKeys: tables });
    return this;
  }

  public endpoint(path: string, service: string, tables: string[]): this {
    this.endpoints.push({ path, serviceKey: service, serviceLabel: service, tableKeys: tables });
    return this;
  }

  /** A Gateway Load Balancer or firewall endpoint (routes to it: `target('gwlb-endpoint', key)`) in the subnets of `tables`. */
  public firewall(key: string, tables: string[]): this {
    this.middleboxes.push({ key, path: key, tableKeys: tables });
    return this;
  }

  public problem(p: ReaderProblem): this {
    this.problems.push(p);
    return this;
  }

  public build(): RoutingModel {
    const tables: RouteTable[] = [...this.tables.entries()]
      .map(([key, t]) => ({ key, path: key, carriesTraffic: t.carriesTraffic, routes: t.routes }));
    return {
      tables,
      natGateways: this.nats,
      propagations: this.propagations,
      gatewayEndpoints: this.endpoints,
      problems: this.problems,
      ...(this.middleboxes.length > 0 ? { endpoints: this.middleboxes } : {}),
    };
  }
}

/** The blog layout: private table 0/0 -> nat, public (NAT) table 0/0 -> igw. */
export function blog(): ModelDsl {
  return new ModelDsl()
    .table('priv').route('priv', '0.0.0.0/0', nat('nat'), 'default')
    .table('pub').route('pub', '0.0.0.0/0', igw(), 'default')
    .nat('nat', 'pub');
}
