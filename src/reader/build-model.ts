/**
 * From rendered CloudFormation resources (any reader's) to the routing model. No CDK.
 */
import { canonical, describeValue, isLiteral, refOf } from './values';
import {
  Destination, GatewayEndpoint, NatGateway, Propagation, ReaderProblem, Route, RouteTable, RoutingModel, Target, TargetKind,
  describeDestination, describeTarget,
} from '../model/model';
import { Cidr, Family, cidrOf, parseCidr } from '../net/cidr';

/** One resource as CloudFormation would see it, references made explicit. */
export interface ResourceRecord {
  /** Construct path (or `template#LogicalId`). */
  readonly path: string;
  readonly type: string;
  /** The properties the model reads; one CloudFormation would not render is absent or undefined. */
  readonly properties: Record<string, unknown>;
  /** The key of the condition the resource exists under (`worlds.ts`), if any. */
  readonly condition?: string;
}

/** The routing resource types and the properties the model reads of each (CloudFormation names). */
export const READ_PROPS: ReadonlyMap<string, readonly string[]> = new Map(Object.entries({
  'AWS::EC2::VPC': ['CidrBlock'],
  'AWS::EC2::VPCCidrBlock': ['VpcId', 'CidrBlock', 'Ipv6CidrBlock'],
  'AWS::EC2::Subnet': ['VpcId', 'CidrBlock'],
  'AWS::EC2::RouteTable': ['VpcId'],
  'AWS::EC2::SubnetRouteTableAssociation': ['SubnetId', 'RouteTableId'],
  'AWS::EC2::GatewayRouteTableAssociation': ['RouteTableId', 'GatewayId'],
  'AWS::EC2::Route': [
    'RouteTableId', 'DestinationCidrBlock', 'DestinationIpv6CidrBlock', 'DestinationPrefixListId', 'GatewayId', 'NatGatewayId',
    'TransitGatewayId', 'VpcPeeringConnectionId', 'VpcEndpointId', 'NetworkInterfaceId', 'InstanceId', 'LocalGatewayId',
    'CarrierGatewayId', 'EgressOnlyInternetGatewayId', 'CoreNetworkArn', 'OdbNetworkArn',
  ],
  'AWS::EC2::NatGateway': ['SubnetId', 'VpcId', 'ConnectivityType', 'AvailabilityMode'],
  'AWS::EC2::InternetGateway': [],
  'AWS::EC2::VPNGateway': [],
  'AWS::EC2::VPNGatewayRoutePropagation': ['RouteTableIds', 'VpnGatewayId'],
  'AWS::EC2::VPCEndpoint': ['VpcEndpointType', 'ServiceName', 'RouteTableIds'],
  'AWS::EC2::VPCPeeringConnection': [],
  'AWS::EC2::TransitGateway': [],
  'AWS::EC2::PrefixList': ['AddressFamily', 'Entries'],
  'AWS::EC2::EgressOnlyInternetGateway': [],
}));

/**
 * The properties a route of an app usually has: its table, an IPv4 destination and a gateway or
 * NAT gateway. Its other properties are added when present (few routes have them): sixteen
 * slots per route, most of them empty, were most of the memory of a large app's records.
 */
const USUAL_ROUTE_PROPS: readonly string[] = ['RouteTableId', 'DestinationCidrBlock', 'GatewayId', 'NatGatewayId'];

/** For each type, the properties its objects start with, all undefined (`emptyProperties`). */
const SHAPES: ReadonlyMap<string, Readonly<Record<string, unknown>>> = new Map([...READ_PROPS].map(([type, names]) => {
  const shape: Record<string, unknown> = {};
  for (const n of type === 'AWS::EC2::Route' ? USUAL_ROUTE_PROPS : names) {
    Object.defineProperty(shape, n, { value: undefined, enumerable: true, writable: true, configurable: true });
  }
  return [type, shape];
}));

/**
 * A fresh property map for a routing resource type, for a reader to fill in: the properties a
 * resource of the type usually has present and undefined (every read property but a route's
 * rarer ones). Objects of one type then mostly share one shape: adding properties one by one to
 * thousands of objects of varying shapes made V8 leave its fast paths, and was most of the cost
 * of reading a large app.
 */
export function emptyProperties(type: string): Record<string, unknown> {
  return { ...SHAPES.get(type) };
}

/** Route target properties of `AWS::EC2::Route` other than `GatewayId`, with their kinds. */
const TARGET_PROPS: ReadonlyArray<readonly [string, TargetKind]> = [
  ['NatGatewayId', 'nat'],
  ['TransitGatewayId', 'tgw'],
  ['VpcPeeringConnectionId', 'pcx'],
  ['VpcEndpointId', 'gwlb-endpoint'],
  ['NetworkInterfaceId', 'eni'],
  ['InstanceId', 'instance'],
  ['LocalGatewayId', 'local-gateway'],
  ['CarrierGatewayId', 'carrier-gateway'],
  ['EgressOnlyInternetGatewayId', 'egress-only-igw'],
  ['CoreNetworkArn', 'core-network'],
  ['OdbNetworkArn', 'odb-network'],
];
const DESTINATION_PROPS = ['DestinationCidrBlock', 'DestinationIpv6CidrBlock', 'DestinationPrefixListId'] as const;
const TARGET_KINDS: ReadonlyMap<string, TargetKind> = new Map(TARGET_PROPS);
const ALL_TARGET_PROPS = [...TARGET_PROPS.map(([k]) => k), 'GatewayId'];
const DESTINATION_SET: ReadonlySet<string> = new Set(DESTINATION_PROPS);
/** Each target property, with its rank in messages. */
const TARGET_ORDER: ReadonlyMap<string, number> = new Map(ALL_TARGET_PROPS.map((k, i) => [k, i]));

type DestinationParse = { readonly ok: true; readonly destination: Destination } | { readonly ok: false; readonly error: string };

const present = (v: unknown) => v !== undefined && v !== null;

export function buildModel(records: readonly ResourceRecord[]): RoutingModel {
  return new ModelBuilder(records).build();
}

class ModelBuilder {
  private readonly byPath = new Map<string, ResourceRecord>();
  private readonly problems: ReaderProblem[] = [];
  private readonly tables = new Map<string, { key: string; path: string; vpc?: string; associated: boolean; imported: boolean; routes: Route[] }>();
  private readonly vpcCidrs = new Map<string, Cidr[]>();
  private readonly subnetTables = new Map<string, string[]>();
  /** Each NAT gateway of the app, with its VPC when known. */
  private readonly natVpcs = new Map<string, string | undefined>();
  /** How a person recognises a table known only by an id or an expression. */
  private readonly tableLabels = new Map<string, string>();
  /**
   * Values seen before: a large app writes the same few route tables, gateways and CIDR blocks
   * thousands of times. Keyed by the rendered string (and the property or family it was read as).
   */
  private readonly parsedCidrs: Record<Family, Map<string, DestinationParse>> = { 4: new Map(), 6: new Map() };
  private readonly targets = new Map<string, Map<string, Target>>();
  private readonly tableKeys = new Map<string, string>();

  /** The records of each type, in their order. */
  private readonly byType = new Map<string, ResourceRecord[]>();

  constructor(records: readonly ResourceRecord[]) {
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      const list = this.byType.get(r.type);
      if (list) list.push(r);
      else this.byType.set(r.type, [r]);
      // Only what references name (no value names a route; routes are most of a large app).
      if (r.type !== 'AWS::EC2::Route') this.byPath.set(r.path, r);
    }
  }

  public build(): RoutingModel {
    const of = (type: string): readonly ResourceRecord[] => this.byType.get(type) ?? [];
    for (const r of of('AWS::EC2::VPC')) this.addVpcCidr(r.path, r.properties.CidrBlock, 4);
    for (const r of of('AWS::EC2::VPCCidrBlock')) {
      const vpc = refOf(r.properties.VpcId)?.path;
      if (!vpc) continue;
      this.addVpcCidr(vpc, r.properties.CidrBlock, 4);
      this.addVpcCidr(vpc, r.properties.Ipv6CidrBlock, 6);
    }
    for (const r of of('AWS::EC2::RouteTable')) {
      this.tables.set(r.path, { key: r.path, path: r.path, vpc: refOf(r.properties.VpcId)?.path, associated: false, imported: false, routes: [] });
      if (!present(r.properties.VpcId)) {
        this.invalid(r.path, `Route table ${r.path} has no VpcId`, 'give the route table the VPC it belongs to');
      }
    }
    for (const r of of('AWS::EC2::SubnetRouteTableAssociation')) {
      const key = this.tableKey(r.properties.RouteTableId);
      this.table(key).associated = true;
      const subnet = refOf(r.properties.SubnetId)?.path;
      if (!subnet) continue;
      const before = this.subnetTables.get(subnet) ?? [];
      if (before.length > 0) {
        this.invalid(r.path, `Association ${r.path} gives subnet ${subnet} a second route table (${this.tables.get(key)?.path ?? key}, after ${before.map((k) => this.tables.get(k)?.path ?? k).join(', ')})`,
          'a subnet has exactly one route table association: remove one');
      }
      this.subnetTables.set(subnet, [...before, key]);
    }
    for (const r of of('AWS::EC2::GatewayRouteTableAssociation')) this.table(this.tableKey(r.properties.RouteTableId)).associated = true;

    const natGateways = of('AWS::EC2::NatGateway').map((r) => this.natGateway(r));
    for (const r of of('AWS::EC2::NatGateway')) {
      const subnet = refOf(r.properties.SubnetId)?.path;
      const vpc = refOf(r.properties.VpcId)?.path ?? (subnet ? refOf(this.byPath.get(subnet)?.properties.VpcId)?.path : undefined);
      this.natVpcs.set(r.path, vpc);
    }
    const routes = of('AWS::EC2::Route');
    for (let i = 0; i < routes.length; i++) this.route(routes[i]);
    const propagations = of('AWS::EC2::VPNGatewayRoutePropagation').map((r) => this.propagation(r)).filter((p): p is Propagation => !!p);
    const gatewayEndpoints = of('AWS::EC2::VPCEndpoint').map((r) => this.endpoint(r)).filter((e): e is GatewayEndpoint => !!e);

    // Local routes, made by AWS in every table of a VPC.
    for (const t of this.tables.values()) {
      for (const cidr of (t.vpc ? this.vpcCidrs.get(t.vpc) : undefined) ?? []) {
        t.routes.unshift({
          id: `${t.key}#local-${cidr.text}`,
          path: `${t.path} (local route ${cidr.text})`,
          tableKey: t.key,
          origin: 'local',
          implicit: true,
          destination: { kind: 'cidr', cidr },
          target: { kind: 'local', key: 'local', label: 'local' },
        });
      }
    }
    const tables: RouteTable[] = [...this.tables.values()].map((t) => ({
      key: t.key, path: t.path, carriesTraffic: t.associated || t.imported, routes: t.routes,
    }));
    return { tables, natGateways, propagations, gatewayEndpoints, problems: this.problems };
  }

  private invalid(path: string, what: string, fix: string) {
    this.problems.push({ kind: 'invalid', path, message: `${what}. CloudFormation would reject it. Fix: ${fix}.` });
  }

  private invalidRoute(r: ResourceRecord, why: string, fix: string) {
    this.invalid(r.path, `Route ${r.path} ${why}`, fix);
  }

  private unresolved(path: string, message: string) {
    this.problems.push({ kind: 'unresolved', path, message });
  }

  private addVpcCidr(vpc: string, value: unknown, family: Family) {
    if (typeof value !== 'string') return;
    const p = parseCidr(value, family);
    if (p.ok) this.vpcCidrs.set(vpc, [...(this.vpcCidrs.get(vpc) ?? []), p.cidr]);
  }

  /** Identity of the table a `RouteTableId` value names. */
  private tableKey(value: unknown): string {
    if (typeof value !== 'string') return this.computeTableKey(value);
    // Looked up without a closure per call: this runs for every route.
    let key = this.tableKeys.get(value);
    if (key === undefined) this.tableKeys.set(value, key = this.computeTableKey(value));
    return key;
  }

  private computeTableKey(value: unknown): string {
    const ref = refOf(value);
    const target = ref ? this.byPath.get(ref.path) : undefined;
    if (ref && target?.type === 'AWS::EC2::RouteTable') return ref.path;
    if (ref && target?.type === 'AWS::EC2::NatGateway' && ref.attr === 'RouteTableId') return `${ref.path}.RouteTableId`;
    const key = literalString(value) ?? canonical(value);
    this.tableLabels.set(key, describeValue(value));
    return key;
  }

  /** The table with that key, created as imported (known only by id) if the app does not define it. */
  private table(key: string) {
    let t = this.tables.get(key);
    if (!t) {
      t = { key, path: this.tableLabels.get(key) ?? key, associated: false, imported: true, routes: [] };
      this.tables.set(key, t);
    }
    return t;
  }

  private natGateway(r: ResourceRecord): NatGateway {
    const p = r.properties;
    const connectivity = p.ConnectivityType === 'private' ? 'private' : 'public';
    if (p.AvailabilityMode === 'regional') {
      // AWS makes the table, with the local route and a default route to the VPC's internet gateway.
      const key = `${r.path}.RouteTableId`;
      const t = this.table(key);
      t.imported = false;
      t.associated = true;
      t.path = `${r.path} (its AWS-made route table)`;
      t.vpc = refOf(p.VpcId)?.path;
      t.routes.push({
        id: `${key}#default`,
        path: `${t.path} (0.0.0.0/0 -> internet gateway, made by AWS)`,
        tableKey: key,
        origin: 'static',
        implicit: true,
        destination: { kind: 'cidr', cidr: cidrOf('0.0.0.0/0') },
        target: { kind: 'igw', key: `${r.path}#igw`, label: 'of the VPC' },
      });
      return { key: r.path, path: r.path, connectivity, regional: true, tableKey: key };
    }
    const base = { key: r.path, path: r.path, connectivity, regional: false } as const;
    const subnet = refOf(p.SubnetId);
    if (!present(p.SubnetId)) return { ...base, unresolvedReason: 'it has no SubnetId' };
    if (!subnet || this.byPath.get(subnet.path)?.type !== 'AWS::EC2::Subnet') {
      return { ...base, unresolvedReason: `its subnet ${describeValue(p.SubnetId)} is not defined in the app` };
    }
    const keys = [...new Set(this.subnetTables.get(subnet.path) ?? [])];
    if (keys.length === 0) {
      return { ...base, unresolvedReason: `its subnet ${subnet.path} has no explicit route table association, so it uses the VPC's main route table, which CloudFormation cannot see` };
    }
    if (keys.length > 1) {
      return { ...base, unresolvedReason: `its subnet ${subnet.path} is associated with ${keys.length} route tables (${keys.join(', ')}); a subnet can have only one` };
    }
    if (this.tables.get(keys[0])?.imported) {
      return { ...base, unresolvedReason: `its subnet's route table ${keys[0]} is imported from outside the app` };
    }
    return { ...base, tableKey: keys[0] };
  }

  private route(r: ResourceRecord) {
    const p = r.properties;
    // Over the route's own few keys: testing every possible property on every route was a large
    // part of building the model for big apps. Lists only when a route has more than one of a kind.
    let dest: (typeof DESTINATION_PROPS)[number] | undefined;
    let target: string | undefined;
    let dests: Array<(typeof DESTINATION_PROPS)[number]> | undefined;
    let targets: string[] | undefined;
    for (const k in p) {
      if (!present(p[k])) continue;
      if (DESTINATION_SET.has(k)) {
        if (dest === undefined) dest = k as (typeof DESTINATION_PROPS)[number];
        else (dests ??= [dest]).push(k as (typeof DESTINATION_PROPS)[number]);
      } else if (TARGET_ORDER.has(k)) {
        if (target === undefined) target = k;
        else (targets ??= [target]).push(k);
      }
    }
    if (dests === undefined && targets === undefined && dest !== undefined && target !== undefined) {
      this.checkedRoute(r, dest, target);
      return;
    }
    dests ??= dest === undefined ? [] : [dest];
    targets ??= target === undefined ? [] : [target];
    if (targets.length > 1) targets.sort((a, b) => TARGET_ORDER.get(a)! - TARGET_ORDER.get(b)!);
    if (dests.length > 1) dests.sort((a, b) => DESTINATION_PROPS.indexOf(a) - DESTINATION_PROPS.indexOf(b));
    if (dests.length !== 1) {
      this.invalidRoute(r, dests.length === 0 ? 'has no destination' : `has ${dests.length} destinations (${dests.join(', ')})`,
        'give it exactly one of DestinationCidrBlock, DestinationIpv6CidrBlock or DestinationPrefixListId');
      return;
    }
    if (targets.length !== 1) {
      this.invalidRoute(r, targets.length === 0 ? 'has no target' : `has ${targets.length} targets (${targets.join(', ')})`, 'give it exactly one target');
      return;
    }
    this.checkedRoute(r, dests[0], targets[0]);
  }

  /** A route with exactly one destination and one target property. */
  private checkedRoute(r: ResourceRecord, dest: (typeof DESTINATION_PROPS)[number], targetProp: string) {
    const p = r.properties;
    if (!present(p.RouteTableId)) {
      this.invalidRoute(r, 'has no RouteTableId', 'name the route table');
      return;
    }
    const destination = this.destination(dest, p[dest]);
    if (typeof destination === 'string') {
      this.invalidRoute(r, `has an invalid ${dest}: ${destination}`, 'use a network address with a prefix length, host bits zero (for example 192.168.1.0/24)');
      return;
    }
    const tableKey = this.tableKey(p.RouteTableId);
    const target = this.target(targetProp, p[targetProp]);
    const table = this.table(tableKey);
    if (target.kind === 'nat' && !this.natVpcs.has(target.key)) {
      this.unresolved(r.path, `Route ${r.path} sends ${describeDestination(destination)} to NAT gateway ${target.label}, which is not defined in this app, `
        + 'so the guard cannot check where that NAT gateway forwards it. Fix: define the NAT gateway in the app, or acknowledge the route.');
    } else if (target.kind === 'nat' && table.vpc && this.natVpcs.get(target.key) && table.vpc !== this.natVpcs.get(target.key)) {
      this.invalidRoute(r, `in a route table of VPC ${table.vpc} targets NAT gateway ${target.label} of VPC ${this.natVpcs.get(target.key)}`,
        'route to a NAT gateway of the same VPC');
      return;
    }
    if (table.imported && (target.kind === 'vgw' || target.kind === 'pcx' || target.kind === 'unknown-gateway')) {
      this.unresolved(r.path, `Route ${r.path} sends ${describeDestination(destination)} to ${describeTarget(target)} in route table ${table.path}, `
        + 'which is not defined in this app, so the guard cannot tell whether that table forwards NAT gateway traffic. '
        + 'Fix: define the route table in the app, or acknowledge the route.');
    }
    table.routes.push({ id: r.path, path: r.path, tableKey, origin: 'static', destination, target });
  }

  private destination(prop: (typeof DESTINATION_PROPS)[number], value: unknown): Destination | string {
    if (prop === 'DestinationPrefixListId') {
      const ref = refOf(value);
      const pl = ref ? this.byPath.get(ref.path) : undefined;
      const key = canonical(value);
      const label = describeValue(value);
      if (pl?.type === 'AWS::EC2::PrefixList' && Array.isArray(pl.properties.Entries)) {
        const entries = pl.properties.Entries.map((e) => (e && typeof e === 'object' ? (e as Record<string, unknown>).Cidr : undefined));
        const parsed = entries.map((c) => (typeof c === 'string' ? parseCidr(c) : undefined));
        if (parsed.every((x) => x?.ok)) {
          return { kind: 'prefix-list', key, label, entries: parsed.map((x) => (x as { cidr: Cidr }).cidr) };
        }
      }
      return { kind: 'prefix-list', key, label };
    }
    const family: Family = prop === 'DestinationCidrBlock' ? 4 : 6;
    const literal = literalString(value) ?? this.cidrAttribute(value);
    if (literal !== undefined) {
      const p = this.parseCidr(literal, family);
      return p.ok ? p.destination : p.error;
    }
    return { kind: 'unknown', key: canonical(value), label: describeValue(value), family };
  }

  /** A destination block, one object for each text (routes share them). */
  private parseCidr(text: string, family: Family): DestinationParse {
    const cache = this.parsedCidrs[family];
    let parsed = cache.get(text);
    if (parsed === undefined) {
      const p = parseCidr(text, family);
      parsed = p.ok ? { ok: true, destination: { kind: 'cidr', cidr: p.cidr } } : p;
      cache.set(text, parsed);
    }
    return parsed;
  }

  /**
   * `Fn::GetAtt [Vpc, CidrBlock]` or `[Subnet, CidrBlock]` of an element whose block is literal
   * (itself, or through a chain of such attributes). Anything else is unknown, never invalid.
   */
  private cidrAttribute(value: unknown, depth = 0): string | undefined {
    const ref = refOf(value);
    const el = ref ? this.byPath.get(ref.path) : undefined;
    if (!ref || !el || ref.attr !== 'CidrBlock' || depth > 8) return undefined;
    const cidr = el.properties.CidrBlock;
    return literalString(cidr) ?? this.cidrAttribute(cidr, depth + 1);
  }

  private target(prop: string, value: unknown): Target {
    if (typeof value !== 'string') return this.computeTarget(prop, value);
    let cache = this.targets.get(prop);
    if (cache === undefined) this.targets.set(prop, cache = new Map());
    let target = cache.get(value);
    if (target === undefined) cache.set(value, target = this.computeTarget(prop, value));
    return target;
  }

  private computeTarget(prop: string, value: unknown): Target {
    const ref = refOf(value);
    const el = ref ? this.byPath.get(ref.path) : undefined;
    const literal = literalString(value);
    const key = ref ? ref.path : literal ?? canonical(value);
    const label = describeValue(value);
    if (prop !== 'GatewayId') return { kind: TARGET_KINDS.get(prop)!, key, label };
    let kind: TargetKind = 'unknown-gateway';
    if (el?.type === 'AWS::EC2::InternetGateway' || literal?.startsWith('igw-')) kind = 'igw';
    else if (el?.type === 'AWS::EC2::VPNGateway' || literal?.startsWith('vgw-')) kind = 'vgw';
    else if (literal === 'local') kind = 'local';
    return { kind, key, label };
  }

  private propagation(r: ResourceRecord): Propagation | undefined {
    const p = r.properties;
    if (!Array.isArray(p.RouteTableIds)) {
      this.problems.push({
        kind: 'unresolved',
        path: r.path,
        message: `The route tables of VGW route propagation ${r.path} (${describeValue(p.RouteTableIds)}) cannot be resolved, so the guard cannot tell whether VGW routes reach a NAT gateway's table. Fix: list the route tables of the app explicitly.`,
      });
      return undefined;
    }
    const ref = refOf(p.VpnGatewayId);
    const tableKeys = p.RouteTableIds.map((v) => this.tableKey(v));
    const external = this.externalTables(tableKeys);
    if (external) {
      this.unresolved(r.path, `VGW route propagation ${r.path} propagates into ${external}, `
        + 'not defined in this app, so the guard cannot tell whether VGW routes reach a NAT gateway\'s table. Fix: define the route table in the app, or acknowledge the propagation.');
    }
    return {
      path: r.path,
      vgw: { kind: 'vgw', key: ref ? ref.path : canonical(p.VpnGatewayId), label: describeValue(p.VpnGatewayId) },
      tableKeys,
    };
  }

  /** The tables of these keys that the app does not define, as a person names them (empty when none). */
  private externalTables(keys: readonly string[]): string {
    return keys.filter((k) => !this.tables.get(k) || this.tables.get(k)!.imported).map((k) => this.tableLabels.get(k) ?? k).join(', ');
  }

  private endpoint(r: ResourceRecord): GatewayEndpoint | undefined {
    const p = r.properties;
    // Only gateway endpoints have route tables; a type the template leaves open counts as one if it names tables.
    const type = literalString(p.VpcEndpointType);
    if (type !== undefined ? type !== 'Gateway' : present(p.VpcEndpointType) && !present(p.RouteTableIds)) return undefined;
    const service = `gateway endpoint ${r.path} (${describeValue(p.ServiceName)})`;
    if (present(p.RouteTableIds) && !Array.isArray(p.RouteTableIds)) {
      this.unresolved(r.path, `The route tables of ${service} (${describeValue(p.RouteTableIds)}) cannot be resolved, `
        + 'so the guard cannot tell whether the endpoint sits in a NAT gateway\'s table and takes its traffic. '
        + 'Fix: list the route tables of the app explicitly, or acknowledge the endpoint.');
    }
    const tableKeys = (Array.isArray(p.RouteTableIds) ? p.RouteTableIds : []).map((v) => this.tableKey(v));
    const external = this.externalTables(tableKeys);
    if (external) {
      this.unresolved(r.path, `${service.charAt(0).toUpperCase()}${service.slice(1)} is associated with ${external}, `
        + 'not defined in this app, so the guard cannot tell whether it sits in a NAT gateway\'s table and takes its traffic. '
        + 'Fix: define the route table in the app, or acknowledge the endpoint.');
    }
    return { path: r.path, serviceKey: canonical(p.ServiceName), serviceLabel: describeValue(p.ServiceName), tableKeys };
  }
}

/** A plain string written in the template (not a reference, not a function). */
function literalString(v: unknown): string | undefined {
  return typeof v === 'string' && isLiteral(v) ? v : undefined;
}

