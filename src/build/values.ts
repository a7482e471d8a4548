/**
 * The values of routing properties as the model reads them: which table a `RouteTableId` names,
 * what a destination covers, what kind of target a route has. Each distinct value is worked out
 * once (`Cache`). No CDK.
 */
import { describeValue } from '../cloudformation/describe';
import { canonical, literalString } from '../cloudformation/literal';
import { Destination, Target, TargetKind } from '../model/model';
import { Cidr, Family, parseCidr } from '../net/cidr';
import { ResourceRecord } from '../records/record';
import { refOf, replaceRefs } from '../records/ref';
import { Cache } from '../util/cache';

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
export const DESTINATION_PROPS = ['DestinationCidrBlock', 'DestinationIpv6CidrBlock', 'DestinationPrefixListId'] as const;
export type DestinationProp = (typeof DESTINATION_PROPS)[number];
const TARGET_KINDS: ReadonlyMap<string, TargetKind> = new Map(TARGET_PROPS);
export const DESTINATION_SET: ReadonlySet<string> = new Set(DESTINATION_PROPS);
/** Each target property, with its rank in messages. */
export const TARGET_ORDER: ReadonlyMap<string, number> = new Map([...TARGET_PROPS.map(([k]) => k), 'GatewayId'].map((k, i) => [k, i]));

/** Whether a property is set (CloudFormation treats null as absent). */
export const present = (v: unknown): boolean => v !== undefined && v !== null;

type DestinationParse = { readonly ok: true; readonly destination: Destination } | { readonly ok: false; readonly error: string };

/** Reads property values against the records of one world (by path: what references name). */
export class ValueReader {
  /** How a person recognises a table known only by an id or an expression. */
  public readonly tableLabels = new Map<string, string>();
  private readonly tableKeys = new Cache<string, string>((v) => this.computeTableKey(v));
  private readonly cidrs: Record<Family, Cache<string, DestinationParse>> = {
    4: new Cache((text) => parsedDestination(text, 4)),
    6: new Cache((text) => parsedDestination(text, 6)),
  };
  /** Targets by property, then by rendered value. */
  private readonly targets = new Cache<string, Cache<string, Target>>((prop) => new Cache((v) => this.computeTarget(prop, v)));

  constructor(private readonly byPath: ReadonlyMap<string, ResourceRecord>) {}

  /** The record a value refers to, if it is a reference to one. */
  public recordOf(value: unknown): ResourceRecord | undefined {
    const ref = refOf(value);
    return ref ? this.byPath.get(ref.path) : undefined;
  }

  /** Identity of the table a `RouteTableId` value names. */
  public tableKey(value: unknown): string {
    return typeof value === 'string' ? this.tableKeys.get(value) : this.computeTableKey(value);
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

  /** A route's destination, or why it is invalid. */
  public destination(prop: DestinationProp, value: unknown): Destination | string {
    if (prop === 'DestinationPrefixListId') return this.prefixList(value);
    const family: Family = prop === 'DestinationCidrBlock' ? 4 : 6;
    const literal = literalString(value) ?? this.cidrAttribute(value);
    if (literal !== undefined) {
      const p = this.cidrs[family].get(literal);
      return p.ok ? p.destination : p.error;
    }
    return { kind: 'unknown', key: canonical(value), label: describeValue(value), family };
  }

  private prefixList(value: unknown): Destination {
    const pl = this.recordOf(value);
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

  /**
   * The path of the one firewall or endpoint an expression picks an endpoint of (`Fn::Select [0,
   * Fn::GetAtt [Firewall, EndpointIds]]`, or split from it), when it names exactly one.
   */
  private endpointIn(value: unknown): string | undefined {
    const paths = new Set<string>();
    replaceRefs(canonical(value), (path) => {
      if (ENDPOINT_TYPES.has(this.byPath.get(path)?.type ?? '')) paths.add(path);
      return '';
    });
    return paths.size === 1 ? [...paths][0] : undefined;
  }

  /** The target a route's target property names. */
  public target(prop: string, value: unknown): Target {
    return typeof value === 'string' ? this.targets.get(prop).get(value) : this.computeTarget(prop, value);
  }

  private computeTarget(prop: string, value: unknown): Target {
    const ref = refOf(value);
    const el = ref ? this.byPath.get(ref.path) : undefined;
    const literal = literalString(value);
    const key = ref ? ref.path : literal ?? (prop === 'VpcEndpointId' ? this.endpointIn(value) : undefined) ?? canonical(value);
    const label = describeValue(value);
    if (prop !== 'GatewayId') return { kind: TARGET_KINDS.get(prop)!, key, label };
    let kind: TargetKind = 'unknown-gateway';
    if (el?.type === 'AWS::EC2::InternetGateway' || literal?.startsWith('igw-')) kind = 'igw';
    else if (el?.type === 'AWS::EC2::VPNGateway' || literal?.startsWith('vgw-')) kind = 'vgw';
    else if (literal === 'local') kind = 'local';
    return { kind, key, label };
  }
}

/** The types whose endpoints a route's VpcEndpointId names by an expression (`Fn::Select` over a firewall's `EndpointIds`). */
const ENDPOINT_TYPES: ReadonlySet<string> = new Set(['AWS::NetworkFirewall::Firewall', 'AWS::EC2::VPCEndpoint']);

/** A destination block, one object for each text (routes share them). */
function parsedDestination(text: string, family: Family): DestinationParse {
  const p = parseCidr(text, family);
  return p.ok ? { ok: true, destination: { kind: 'cidr', cidr: p.cidr } } : p;
}
