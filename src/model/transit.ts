/**
 * Transit gateways in the routing model (docs/transit.md): gateways, attachments by kind, TGW
 * route tables with their routes, associations and propagations, and the subnets the walk needs
 * (their VPC, Availability Zone, route table and whether they are declared transit-only).
 * Plain data; nothing here knows about CDK.
 */
import { Destination } from './model';
import { Cidr } from '../net/cidr';

/** On, off, or decided by something the guard cannot read (a parameter, a condition it cannot settle). */
export type Setting = 'on' | 'off' | 'open';

export interface TransitGateway {
  readonly key: string;
  readonly path: string;
  readonly defaultAssociation: Setting;
  readonly defaultPropagation: Setting;
  /** The table new attachments are associated with: an explicit id's table key, or the implicit default table. */
  readonly associationTable?: string;
  readonly propagationTable?: string;
}

export type AttachmentKind =
  | 'vpc' | 'vpn' | 'vpn-concentrator' | 'dx-gateway' | 'connect' | 'peering' | 'network-function' | 'client-vpn' | 'unknown';

/** Kinds whose traffic leaves AWS (Site-to-Site VPN, Direct Connect, appliances over Connect, Client VPN). */
export const HYBRID_KINDS: ReadonlySet<AttachmentKind> = new Set(['vpn', 'vpn-concentrator', 'dx-gateway', 'connect', 'client-vpn']);

/** Kinds whose propagation installs prefixes the template does not show (BGP, or undocumented). */
export const UNKNOWN_PREFIX_KINDS: ReadonlySet<AttachmentKind> = new Set(['vpn', 'vpn-concentrator', 'dx-gateway', 'connect', 'client-vpn', 'unknown']);

export const ATTACHMENT_WORDS: Readonly<Record<AttachmentKind, string>> = {
  'vpc': 'VPC attachment',
  'vpn': 'Site-to-Site VPN attachment',
  'vpn-concentrator': 'VPN concentrator attachment',
  'dx-gateway': 'Direct Connect gateway attachment',
  'connect': 'Connect attachment',
  'peering': 'transit gateway peering attachment',
  'network-function': 'network function (firewall) attachment',
  'client-vpn': 'Client VPN attachment',
  'unknown': 'attachment of unknown kind',
};

export interface Attachment {
  /** Identity: what routes, associations and propagations name it by. */
  readonly key: string;
  /** Where a finding about it goes, and how messages name it. */
  readonly path: string;
  readonly label: string;
  /** Its transit gateway's key; undefined when not known. */
  readonly tgw?: string;
  readonly kind: AttachmentKind;
  /** VPC attachments: the VPC (path) and the subnets (paths) the TGW has interfaces in. */
  readonly vpc?: string;
  readonly subnets?: readonly string[];
  /** The VPC's blocks, for its propagation; `cidrsUnknown` when some do not resolve. */
  readonly cidrs?: readonly Cidr[];
  readonly cidrsUnknown?: boolean;
  /** Peering: the peer transit gateway's key, when it is in the app. */
  readonly peer?: string;
  /** Made by AWS (a VPN connection's or a Direct Connect gateway association's): no id a template can use. */
  readonly implicit?: boolean;
  /** How the guard knows its kind, when it inferred it ("(inferred)", "declared"). */
  readonly knownBy?: string;
  /** Whether the TGW's default association / propagation applies to it (`open`: undocumented for its kind). */
  readonly followsDefaults: Setting;
}

export interface TgwRoute {
  readonly id: string;
  readonly path: string;
  readonly table: string;
  readonly destination: Destination;
  /** An attachment's key, or undefined for a blackhole. */
  readonly attachment?: string;
  readonly blackhole: boolean;
  /** Tie rank among identical prefixes (F5): static 0, VPC-propagated 2, … */
  readonly rank: number;
  /** Installed by a propagation (then `propagation` is its path). */
  readonly propagation?: string;
}

export interface TgwRouteTable {
  readonly key: string;
  readonly path: string;
  readonly tgw?: string;
  /** The AWS-made default table, which no template can name. */
  readonly implicit: boolean;
  /** Known only by id (not in the app), or written to by something the guard does not model. */
  readonly open: boolean;
  /** Why it is open, when the reason is not that the app does not define it. */
  readonly openBecause?: string;
  readonly routes: readonly TgwRoute[];
}

/** An attachment propagating into a table. */
export interface TgwPropagation {
  readonly attachment: string;
  readonly table: string;
  /** The propagation resource, or the transit gateway for a default propagation. */
  readonly path: string;
  readonly implicit: boolean;
}

export interface TgwAssociation {
  readonly attachment: string;
  /** A table key; undefined when the association names a table the guard cannot resolve. */
  readonly table?: string;
  readonly path: string;
  readonly implicit: boolean;
  /** Associated with a policy table (policy-based routing, docs/transit.md "Policy tables"). */
  readonly policy?: boolean;
  /** With `policy`: the policy table's key, undefined when it cannot be resolved. */
  readonly policyTable?: string;
}

/** One entry of a transit gateway policy table: traffic it matches goes to its target route table. */
export interface TgwPolicyEntry {
  readonly path: string;
  /** Entries are evaluated in ascending rule number; undefined: unresolved (no entry can be taken as certain). */
  readonly rule?: number;
  /** The entry's source and destination CIDR blocks; undefined: any address. */
  readonly source?: Destination;
  readonly destination?: Destination;
  /** A protocol or port condition: the NAT gateway's traffic may match it or not. */
  readonly conditioned: boolean;
  /** The route table matching traffic is routed by; undefined: it cannot be resolved. */
  readonly table?: string;
}

export interface TgwPolicyTable {
  readonly key: string;
  readonly path: string;
  readonly entries: readonly TgwPolicyEntry[];
}

export interface SubnetInfo {
  readonly path: string;
  readonly vpc?: string;
  /** A literal Availability Zone (or zone id); undefined when not literal. */
  readonly az?: string;
  readonly tableKey?: string;
  /** Declared transit-only (L3 reserved subnets, `transitOnlySubnets`, template Metadata). */
  readonly transitOnly: boolean;
}

/** What a user declared about a transit gateway not defined in the app. */
export interface ExternalTransitGateway {
  readonly onPremises: readonly Cidr[];
}

export interface TransitModel {
  readonly gateways: ReadonlyMap<string, TransitGateway>;
  readonly attachments: ReadonlyMap<string, Attachment>;
  readonly tables: ReadonlyMap<string, TgwRouteTable>;
  readonly associations: readonly TgwAssociation[];
  readonly propagations: readonly TgwPropagation[];
  readonly subnets: readonly SubnetInfo[];
  /** VPCs whose route tables the app defines (the walk can follow traffic delivered there). */
  readonly vpcsInApp: ReadonlySet<string>;
  /** Declared external transit gateways, by the expression (canonical) their routes use. */
  readonly external: ReadonlyMap<string, ExternalTransitGateway>;
  /** Policy tables, by key. */
  readonly policyTables?: ReadonlyMap<string, TgwPolicyTable>;
}
