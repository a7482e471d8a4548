/**
 * Records into the transit part of the model (docs/transit.md, "Model"): transit gateways and
 * their defaults, attachments by kind, TGW route tables with static, blackhole and propagated
 * routes, associations and propagations, and the subnets the walk needs. No CDK.
 */
import { Tables } from './tables';
import { AttachmentReader, inferredAttachmentKey, readAttachments } from './transit-attachments';
import { TableDraft, applyDefaults, propagatedRoutes } from './transit-defaults';
import { POLICY_TYPES, policyTableKey, policyTablesOf } from './transit-policy';
import { ValueReader, present } from './values';
import { describeValue } from '../cloudformation/describe';
import { canonical, literalString } from '../cloudformation/literal';
import { describeDestination } from '../model/model';
import {
  Attachment, AttachmentKind, ExternalTransitGateway, Setting, SubnetInfo, TgwAssociation, TgwPropagation, TgwRouteTable,
  TransitGateway, TransitModel,
} from '../model/transit';
import { Cidr } from '../net/cidr';
import { ResourceRecord } from '../records/record';
import { refOf } from '../records/ref';

/** The resource types of transit gateways and what attaches to them. */
export const TRANSIT_TYPES: ReadonlySet<string> = new Set([
  'AWS::EC2::TransitGateway', 'AWS::EC2::TransitGatewayAttachment', 'AWS::EC2::TransitGatewayVpcAttachment',
  'AWS::EC2::TransitGatewayRouteTable', 'AWS::EC2::TransitGatewayRoute', 'AWS::EC2::TransitGatewayRouteTableAssociation',
  'AWS::EC2::TransitGatewayRouteTablePropagation', 'AWS::EC2::TransitGatewayPeeringAttachment', 'AWS::EC2::TransitGatewayConnect',
  'AWS::EC2::VPNConcentrator', 'AWS::DirectConnect::DirectConnectGatewayAssociation', 'AWS::NetworkFirewall::Firewall',
  'AWS::EC2::TransitGatewayPolicyTableAssociation', ...POLICY_TYPES,
]);

/** What the user declared beside the app (docs/transit.md, "Unknown values"). */
export interface TransitDeclarations {
  /** External transit gateways, by literal id or expression as written (`Ref TgwId`). */
  readonly externalTransitGateways?: ReadonlyMap<string, readonly Cidr[]>;
  /** Attachment kinds by literal id. */
  readonly attachmentKinds?: ReadonlyMap<string, AttachmentKind>;
  /** Subnets declared transit-only by path (a path covers the paths below it). */
  readonly transitOnlySubnets?: readonly string[];
}

/** Whether a path is one of these, or below one. */
function covered(paths: readonly string[] | undefined, path: string): boolean {
  return !!paths && paths.some((p) => path === p || path.startsWith(`${p}/`));
}

export interface TransitInput {
  readonly of: (type: string) => readonly ResourceRecord[];
  readonly byPath: ReadonlyMap<string, ResourceRecord>;
  readonly values: ValueReader;
  readonly tables: Tables;
  readonly subnetTables: ReadonlyMap<string, readonly string[]>;
  readonly vpcCidrs: ReadonlyMap<string, readonly Cidr[]>;
  readonly declarations: TransitDeclarations;
  /** For each element a custom resource references, the first custom resource that does. */
  readonly customReferences: ReadonlyMap<string, string>;
}

/** `on` for an absent property or `enable`, `off` for `disable`, `open` for anything the template leaves to deploy time. */
function setting(v: unknown): Setting {
  if (!present(v)) return 'on';
  const s = literalString(v);
  return s === 'enable' ? 'on' : s === 'disable' ? 'off' : 'open';
}

/** The transit part of the model, or undefined when the records hold no transit gateway resource. */
export function buildTransit(input: TransitInput): TransitModel | undefined {
  const any = [...TRANSIT_TYPES].some((t) => input.of(t).length > 0)
    || input.of('AWS::EC2::Route').some((r) => present(r.properties.TransitGatewayId) || present(r.properties.CoreNetworkArn))
    || input.of('AWS::EC2::VPNConnection').some((r) => present(r.properties.TransitGatewayId));
  return any ? new TransitBuilder(input).build() : undefined;
}

class TransitBuilder implements AttachmentReader {
  public readonly gateways = new Map<string, TransitGateway>();
  public readonly attachments = new Map<string, Attachment>();
  private readonly tables = new Map<string, TableDraft>();
  private readonly associations: TgwAssociation[] = [];
  private readonly propagations: TgwPropagation[] = [];

  constructor(private readonly input: TransitInput) {}

  public of(type: string) {
    return this.input.of(type);
  }

  public build(): TransitModel {
    for (const r of this.of('AWS::EC2::TransitGateway')) this.gateway(r);
    for (const r of this.of('AWS::EC2::TransitGatewayRouteTable')) {
      const tgw = this.tgwKey(r.properties.TransitGatewayId);
      this.tables.set(r.path, { key: r.path, path: r.path, tgw, implicit: false, ...this.writtenBy(r.path, `route table ${r.path}`, r.path), routes: [] });
    }
    readAttachments(this, this.input);
    for (const r of this.of('AWS::EC2::TransitGatewayRoute')) this.route(r);
    for (const r of this.of('AWS::EC2::TransitGatewayRouteTableAssociation')) {
      const attachment = this.attachmentKey(r.properties.TransitGatewayAttachmentId);
      const table = present(r.properties.TransitGatewayRouteTableId) ? this.tableKey(r.properties.TransitGatewayRouteTableId) : undefined;
      this.checkSameGateway(r, attachment, table);
      this.associations.push({ attachment, table, path: r.path, implicit: false });
    }
    for (const r of this.of('AWS::EC2::TransitGatewayPolicyTableAssociation')) {
      const attachment = this.attachmentKey(r.properties.TransitGatewayAttachmentId);
      const policyTable = policyTableKey(this.input.byPath, r.properties.TransitGatewayPolicyTableId);
      this.associations.push({ attachment, path: r.path, implicit: false, policy: true, policyTable });
    }
    for (const r of this.of('AWS::EC2::TransitGatewayRouteTablePropagation')) {
      const attachment = this.attachmentKey(r.properties.TransitGatewayAttachmentId);
      const table = this.tableKey(r.properties.TransitGatewayRouteTableId);
      this.checkSameGateway(r, attachment, table);
      this.propagations.push({ attachment, table, path: r.path, implicit: false });
    }
    applyDefaults(this.attachments, this.gateways, this.associations, this.propagations);
    for (const p of this.propagations) propagatedRoutes(p, this.attachments, this.tables);
    const external = new Map<string, ExternalTransitGateway>();
    for (const [k, cidrs] of this.input.declarations.externalTransitGateways ?? []) external.set(k, { onPremises: cidrs });
    // Before the tables are copied: an entry's target table the app does not define is added, open.
    const policyTables = policyTablesOf({ ...this.input, tableKey: (v) => this.tableKey(v) });
    const tables = new Map<string, TgwRouteTable>(this.tables);
    return {
      gateways: this.gateways,
      attachments: this.attachments,
      tables,
      associations: this.associations,
      propagations: this.propagations,
      subnets: this.subnets(),
      vpcsInApp: new Set(this.of('AWS::EC2::VPC').map((r) => r.path)),
      external,
      policyTables,
    };
  }

  /** An association or propagation between an attachment and a table of another transit gateway, which EC2 refuses. */
  private checkSameGateway(r: ResourceRecord, attachment: string, table: string | undefined): void {
    const a = this.attachments.get(attachment);
    const t = table === undefined ? undefined : this.tables.get(table);
    // A peering attachment has a side on each of its two transit gateways. A gateway the app does
    // not define (a parameter, an SSM value) may be the other one at deploy time: unknown, never invalid.
    if (!a?.tgw || !t?.tgw || a.tgw === t.tgw || a.peer === t.tgw || !this.gateways.has(a.tgw) || !this.gateways.has(t.tgw)) return;
    this.input.tables.invalid(r.path, `${r.type.replace('AWS::EC2::', '')} ${r.path} joins attachment ${a.path} of transit gateway ${a.tgw} `
      + `to route table ${t.path} of transit gateway ${t.tgw}`, 'use a route table of the attachment\'s own transit gateway');
  }

  private gateway(r: ResourceRecord): void {
    const p = r.properties;
    const defaultAssociation = setting(p.DefaultRouteTableAssociation);
    const defaultPropagation = setting(p.DefaultRouteTablePropagation);
    const implicitKey = `${r.path}#default`;
    const tableOf = (s: Setting, explicit: unknown): string | undefined => {
      if (s === 'off') return undefined;
      if (present(explicit)) return this.tableKey(explicit);
      if (!this.tables.has(implicitKey)) {
        const path = `${r.path} (its default route table, made by AWS)`;
        this.tables.set(implicitKey, { key: implicitKey, path, tgw: r.path, implicit: true, ...this.writtenBy(r.path, `transit gateway ${r.path}`, path), routes: [] });
      }
      return implicitKey;
    };
    this.gateways.set(r.path, {
      key: r.path,
      path: r.path,
      defaultAssociation,
      defaultPropagation,
      associationTable: tableOf(defaultAssociation, p.AssociationDefaultRouteTableId),
      propagationTable: tableOf(defaultPropagation, p.PropagationDefaultRouteTableId),
    });
  }

  /**
   * Open where a custom resource references the table or its transit gateway (the only way a
   * template adds routes to the AWS-made default table, docs/transit.md): it may write routes there.
   */
  private writtenBy(path: string, what: string, table: string): { open: boolean; openBecause?: string } {
    const by = this.input.customReferences.get(path);
    return by === undefined ? { open: false }
      : { open: true, openBecause: `custom resource ${by} references ${what} and may add routes to ${table} at deploy time, which the guard cannot see` };
  }

  /** The key of the transit gateway a value names: its path when in the app, else the literal or expression. */
  public tgwKey(v: unknown): string | undefined {
    if (!present(v)) return undefined;
    const ref = refOf(v);
    if (ref && this.input.byPath.get(ref.path)?.type === 'AWS::EC2::TransitGateway') return ref.path;
    return literalString(v) ?? canonical(v);
  }

  private tableKey(v: unknown): string {
    const ref = refOf(v);
    if (ref && this.input.byPath.get(ref.path)?.type === 'AWS::EC2::TransitGatewayRouteTable') return ref.path;
    const key = `tgw-table:${literalString(v) ?? canonical(v)}`;
    if (!this.tables.has(key)) this.tables.set(key, { key, path: describeValue(v), implicit: false, open: true, routes: [] });
    return key;
  }

  public add(a: Omit<Attachment, 'label'> & { label?: string }): void {
    this.attachments.set(a.key, { label: a.path, ...a });
  }

  /**
   * The key of the attachment an id names: an attachment of the app, a kind the user declared for a
   * literal id, or an attachment of unknown kind (identified by the expression).
   */
  public attachmentKey(v: unknown): string {
    const ref = refOf(v);
    if (ref && this.attachments.has(ref.path)) return ref.path;
    const inferred = inferredAttachmentKey(this, v, this.input.byPath);
    if (inferred) return inferred;
    const literal = literalString(v);
    const key = `attachment:${literal ?? canonical(v)}`;
    if (!this.attachments.has(key)) {
      const declared = literal === undefined ? undefined : this.input.declarations.attachmentKinds?.get(literal);
      this.add({
        key,
        path: describeValue(v),
        kind: declared ?? 'unknown',
        followsDefaults: 'off',
        knownBy: declared ? 'declared' : undefined,
      });
    }
    return key;
  }

  private route(r: ResourceRecord): void {
    const p = r.properties;
    if (!present(p.TransitGatewayRouteTableId)) {
      this.input.tables.invalid(r.path, `Transit gateway route ${r.path} has no TransitGatewayRouteTableId`, 'name the transit gateway route table');
      return;
    }
    const destination = this.input.values.destination('DestinationCidrBlock', p.DestinationCidrBlock);
    if (typeof destination === 'string' || !present(p.DestinationCidrBlock)) {
      const why = typeof destination === 'string' ? `an invalid DestinationCidrBlock: ${destination}` : 'no DestinationCidrBlock';
      this.input.tables.invalid(r.path, `Transit gateway route ${r.path} has ${why}`, 'use a network address with a prefix length, host bits zero (for example 10.0.0.0/8)');
      return;
    }
    const blackholeText = literalString(p.Blackhole) ?? (typeof p.Blackhole === 'boolean' ? String(p.Blackhole) : undefined);
    const blackhole = blackholeText === 'true';
    const hasAttachment = present(p.TransitGatewayAttachmentId);
    if (blackhole === hasAttachment || (present(p.Blackhole) && blackholeText === undefined)) {
      this.input.tables.unresolved(r.path, `Transit gateway route ${r.path} for ${describeDestination(destination)} has `
        + `${hasAttachment ? 'both an attachment and Blackhole' : 'neither an attachment nor Blackhole: true'}${blackholeText === undefined && present(p.Blackhole) ? ' (Blackhole is not a literal)' : ''}, `
        + 'so the guard cannot tell where it sends traffic. Fix: give the route exactly one of TransitGatewayAttachmentId or Blackhole: true.');
      if (!hasAttachment) return;
    }
    const table = this.tableKey(p.TransitGatewayRouteTableId);
    const attachment = hasAttachment ? this.attachmentKey(p.TransitGatewayAttachmentId) : undefined;
    this.tables.get(table)!.routes.push({ id: r.path, path: r.path, table, destination, attachment, blackhole: attachment === undefined, rank: 0 });
  }

  private subnets(): SubnetInfo[] {
    return this.of('AWS::EC2::Subnet').map((r) => {
      const tableKeys = this.input.subnetTables.get(r.path);
      return {
        path: r.path,
        vpc: refOf(r.properties.VpcId)?.path,
        az: literalString(r.properties.AvailabilityZone) ?? literalString(r.properties.AvailabilityZoneId),
        tableKey: tableKeys?.length === 1 ? tableKeys[0] : undefined,
        transitOnly: r.transitOnly === true || covered(this.input.declarations.transitOnlySubnets, r.path),
      };
    });
  }
}
