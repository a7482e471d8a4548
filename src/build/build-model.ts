/**
 * From resource records (any reader's) to the routing model: VPCs and their blocks, route
 * tables and what associates them, NAT gateways and their tables, routes, propagations and
 * gateway endpoints. No CDK.
 */
import { CustomResources } from './custom-resources';
import { gatewayEndpointOf, middleboxOf, propagationOf } from './gateways';
import { RouteReader } from './routes';
import { Tables } from './tables';
import { TransitDeclarations, buildTransit } from './transit';
import { ValueReader, present } from './values';
import { describeValue } from '../cloudformation/describe';
import { literalString } from '../cloudformation/literal';
import { NatGateway, RouteTable, RoutingModel } from '../model/model';
import { Cidr, Family, cidrOf, parseCidr } from '../net/cidr';
import { ResourceRecord } from '../records/record';
import { refOf } from '../records/ref';

export function buildModel(records: readonly ResourceRecord[], declarations: TransitDeclarations = {}): RoutingModel {
  return new ModelBuilder(records, declarations).build();
}

class ModelBuilder {
  /** The records references can name, by path (no value names a route; routes are most of a large app). */
  private readonly byPath = new Map<string, ResourceRecord>();
  /** The records of each type, in their order. */
  private readonly byType = new Map<string, ResourceRecord[]>();
  private readonly values: ValueReader;
  private readonly tables: Tables;
  private readonly vpcCidrs = new Map<string, Cidr[]>();
  private readonly subnetTables = new Map<string, string[]>();
  private readonly customs = new CustomResources();

  constructor(records: readonly ResourceRecord[], private readonly declarations: TransitDeclarations) {
    // Indexed: runs once per world over every record, before the JIT has optimised it (an array
    // iterator then allocates a result per step).
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      const list = this.byType.get(r.type);
      if (list) list.push(r);
      else this.byType.set(r.type, [r]);
      if (r.type !== 'AWS::EC2::Route') this.byPath.set(r.path, r);
      this.customs.add(r);
    }
    this.values = new ValueReader(this.byPath);
    this.tables = new Tables(this.values);
  }

  private of(type: string): readonly ResourceRecord[] {
    return this.byType.get(type) ?? [];
  }

  public build(): RoutingModel {
    this.readVpcs();
    this.readTables();
    const natGateways = this.of('AWS::EC2::NatGateway').map((r) => this.natGateway(r));
    /** Each NAT gateway of the app, with its VPC when known. */
    const natVpcs = new Map<string, string | undefined>();
    for (const r of this.of('AWS::EC2::NatGateway')) {
      const subnet = refOf(r.properties.SubnetId)?.path;
      natVpcs.set(r.path, refOf(r.properties.VpcId)?.path ?? (subnet ? refOf(this.byPath.get(subnet)?.properties.VpcId)?.path : undefined));
    }
    const routes = this.of('AWS::EC2::Route');
    const reader = new RouteReader(this.values, this.tables, natVpcs);
    for (let i = 0; i < routes.length; i++) reader.add(routes[i]);
    const propagations = [];
    for (const r of this.of('AWS::EC2::VPNGatewayRoutePropagation')) {
      const p = propagationOf(r, this.values, this.tables);
      if (p) propagations.push(p);
    }
    const gatewayEndpoints = [];
    for (const r of this.of('AWS::EC2::VPCEndpoint')) {
      const e = gatewayEndpointOf(r, this.values, this.tables);
      if (e) gatewayEndpoints.push(e);
    }
    const endpoints = [];
    for (const r of [...this.of('AWS::EC2::VPCEndpoint'), ...this.of('AWS::NetworkFirewall::Firewall')]) {
      const m = middleboxOf(r, this.subnetTables);
      if (m) endpoints.push(m);
    }
    this.addLocalRoutes();
    const transit = buildTransit({
      of: (type) => this.of(type),
      byPath: this.byPath,
      values: this.values,
      tables: this.tables,
      subnetTables: this.subnetTables,
      vpcCidrs: this.vpcCidrs,
      declarations: this.declarations,
      customReferences: this.customs.references,
    });
    const tables: RouteTable[] = [...this.tables.byKey.values()].map((t) => ({
      key: t.key,
      path: t.path,
      carriesTraffic: t.associated || t.imported,
      routes: t.routes,
      ...(t.imported ? { external: true } : {}),
      ...(t.vpc === undefined ? {} : { vpc: t.vpc }),
    }));
    const problems = [...this.tables.problems, ...this.customs.problems(natGateways, (k) => this.tables.pathOf(k))];
    const model: RoutingModel = { tables, natGateways, propagations, gatewayEndpoints, problems };
    return { ...model, ...(transit ? { transit } : {}), ...(endpoints.length > 0 ? { endpoints } : {}) };
  }

  private readVpcs(): void {
    for (const r of this.of('AWS::EC2::VPC')) this.addVpcCidr(r.path, r.properties.CidrBlock, 4);
    for (const r of this.of('AWS::EC2::VPCCidrBlock')) {
      const vpc = refOf(r.properties.VpcId)?.path;
      if (!vpc) continue;
      this.addVpcCidr(vpc, r.properties.CidrBlock, 4);
      this.addVpcCidr(vpc, r.properties.Ipv6CidrBlock, 6);
    }
  }

  private addVpcCidr(vpc: string, value: unknown, family: Family): void {
    if (typeof value !== 'string') return;
    const p = parseCidr(value, family);
    if (p.ok) this.vpcCidrs.set(vpc, [...(this.vpcCidrs.get(vpc) ?? []), p.cidr]);
  }

  private readTables(): void {
    for (const r of this.of('AWS::EC2::RouteTable')) {
      this.tables.define(r.path, refOf(r.properties.VpcId)?.path);
      if (!present(r.properties.VpcId)) {
        this.tables.invalid(r.path, `Route table ${r.path} has no VpcId`, 'give the route table the VPC it belongs to');
      }
    }
    for (const r of this.of('AWS::EC2::SubnetRouteTableAssociation')) {
      const key = this.values.tableKey(r.properties.RouteTableId);
      this.tables.table(key).associated = true;
      const subnet = refOf(r.properties.SubnetId)?.path;
      if (!subnet) continue;
      const before = this.subnetTables.get(subnet) ?? [];
      if (before.length > 0) {
        this.tables.invalid(r.path,
          `Association ${r.path} gives subnet ${subnet} a second route table (${this.tables.pathOf(key)}, after ${before.map((k) => this.tables.pathOf(k)).join(', ')})`,
          'a subnet has exactly one route table association: remove one');
      }
      this.subnetTables.set(subnet, [...before, key]);
    }
    for (const r of this.of('AWS::EC2::GatewayRouteTableAssociation')) this.tables.table(this.values.tableKey(r.properties.RouteTableId)).associated = true;
  }

  /** Local routes, made by AWS in every table of a VPC. */
  private addLocalRoutes(): void {
    for (const t of this.tables.byKey.values()) {
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
  }

  private natGateway(r: ResourceRecord): NatGateway {
    const p = r.properties;
    const connectivity = p.ConnectivityType === 'private' ? 'private' : 'public';
    if (p.AvailabilityMode === 'regional') return this.regionalNatGateway(r, connectivity);
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
    if (this.tables.byKey.get(keys[0])?.imported) {
      return { ...base, unresolvedReason: `its subnet's route table ${keys[0]} is imported from outside the app` };
    }
    const block = literalString(this.byPath.get(subnet.path)!.properties.CidrBlock);
    const parsed = block === undefined ? undefined : parseCidr(block);
    return { ...base, tableKey: keys[0], ...(parsed?.ok ? { sources: [parsed.cidr] } : {}) };
  }

  /** A regional NAT gateway: AWS makes its table, with the local route and a default route to the VPC's internet gateway. */
  private regionalNatGateway(r: ResourceRecord, connectivity: 'private' | 'public'): NatGateway {
    const key = `${r.path}.RouteTableId`;
    const t = this.tables.table(key);
    t.imported = false;
    t.associated = true;
    t.path = `${r.path} (its AWS-made route table)`;
    t.vpc = refOf(r.properties.VpcId)?.path;
    t.routes.push({
      id: `${key}#default`,
      path: `${t.path} (0.0.0.0/0 -> internet gateway, made by AWS)`,
      tableKey: key,
      origin: 'static',
      implicit: true,
      destination: { kind: 'cidr', cidr: cidrOf('0.0.0.0/0') },
      target: { kind: 'igw', key: `${r.path}#igw`, label: 'of the VPC' },
    });
    const sources = (t.vpc === undefined ? undefined : this.vpcCidrs.get(t.vpc))?.filter((c) => c.family === 4);
    return { key: r.path, path: r.path, connectivity, regional: true, tableKey: key, ...(sources?.length ? { sources } : {}) };
  }
}
