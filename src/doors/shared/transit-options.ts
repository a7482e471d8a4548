/**
 * What a user can tell the guard about transit gateways that the app alone does not say
 * (docs/transit.md, "Options"): transit gateways defined elsewhere, attachment kinds by id, and
 * which subnets are transit-only. Shared by the Aspect, the plugin and the command line.
 */
import { EngineDeclarations } from '../../engine/judge-reading';
import { AttachmentKind } from '../../model/transit';
import { Cidr, parseCidr } from '../../net/cidr';

/** The kinds of transit gateway attachment that can be declared by id. */
export enum TransitGatewayAttachmentKind {
  /** A VPC attachment. */
  VPC = 'vpc',
  /** A Site-to-Site VPN attachment. */
  VPN = 'vpn',
  /** A VPN concentrator attachment. */
  VPN_CONCENTRATOR = 'vpn-concentrator',
  /** A Direct Connect gateway attachment. */
  DIRECT_CONNECT_GATEWAY = 'dx-gateway',
  /** A Connect attachment (SD-WAN appliances over GRE and BGP). */
  CONNECT = 'connect',
  /** A transit gateway peering attachment. */
  PEERING = 'peering',
}

/** A transit gateway that is not defined in the app, as the guard should take it. */
export interface ExternalTransitGateway {
  /**
   * The ranges this transit gateway sends to VPN or Direct Connect (IPv4 or IPv6 CIDR blocks).
   * NAT gateway traffic for them is reported as `NRG-TGW-HYBRID`; the rest is taken to reach other VPCs.
   */
  readonly onPremisesCidrs: string[];
}

/** Declarations about transit gateways, shared by the guard's and the plugin's props. */
export interface TransitGatewayDeclarations {
  /**
   * Transit gateways not defined in the app, by the id (`tgw-0123456789abcdef0`) or the expression
   * the routes use as written in a message (`Ref TransitGatewayId`, `Fn::ImportValue Net-TgwId`).
   * Without a declaration, NAT gateway traffic sent to such a transit gateway is `NRG-TGW-UNKNOWN`.
   *
   * @default - none: every transit gateway not defined in the app is unknown
   */
  readonly externalTransitGateways?: { [transitGatewayId: string]: ExternalTransitGateway };

  /**
   * The kind of transit gateway attachments the app knows only by a literal id (`tgw-attach-…`),
   * so that routes to them are judged instead of reported as `NRG-TGW-UNKNOWN`.
   *
   * @default - none: an attachment known only by id is of unknown kind
   */
  readonly transitGatewayAttachments?: { [attachmentId: string]: TransitGatewayAttachmentKind };

  /**
   * Subnets that hold only transit gateway attachments (nothing else runs in them), by construct
   * path without a leading slash: of the `ec2.Subnet` or its `CfnSubnet`; a path also covers the
   * subnets below it. What reaches a NAT gateway from their route table is then only what transit
   * gateways deliver there. A template can say the same with the subnet's Metadata
   * `{ "cdk-nat-route-guard": { "transitOnly": true } }`; `NatEgressVpc` and `HybridVpc` declare theirs.
   *
   * @default - none beyond those the constructs and templates declare
   */
  readonly transitOnlySubnets?: string[];
}

/** The declarations checked, in the engine's terms; throws an error naming the input and the fix. */
export function declarationsOf(given: TransitGatewayDeclarations, where: string): EngineDeclarations {
  const external = new Map<string, Cidr[]>();
  for (const [id, tgw] of Object.entries(given.externalTransitGateways ?? {})) {
    const cidrs = tgw?.onPremisesCidrs;
    if (!Array.isArray(cidrs)) {
      throw new Error(`${where}.externalTransitGateways['${id}']: give onPremisesCidrs, the ranges the transit gateway sends to VPN or Direct Connect`);
    }
    external.set(id, cidrs.map((c, i) => {
      const p = typeof c === 'string' ? parseCidr(c) : { ok: false as const, error: 'not a string' };
      if (!p.ok) throw new Error(`${where}.externalTransitGateways['${id}'].onPremisesCidrs[${i}]: '${String(c)}' is not a CIDR block (${p.error}); write one like 10.200.0.0/16`);
      return p.cidr;
    }));
  }
  const kinds = new Map<string, AttachmentKind>();
  const allowed = Object.values(TransitGatewayAttachmentKind) as string[];
  for (const [id, kind] of Object.entries(given.transitGatewayAttachments ?? {})) {
    if (!allowed.includes(kind)) {
      throw new Error(`${where}.transitGatewayAttachments['${id}']: '${String(kind)}' is not a TransitGatewayAttachmentKind (${Object.keys(TransitGatewayAttachmentKind).join(', ')})`);
    }
    kinds.set(id, kind as AttachmentKind);
  }
  const transitOnly = (given.transitOnlySubnets ?? []).map((p, i) => {
    if (typeof p !== 'string' || p.trim() === '') throw new Error(`${where}.transitOnlySubnets[${i}]: give a construct path, such as 'Network/Vpc/TransitSubnet1'`);
    return p.replace(/^\/+/, '');
  });
  return { externalTransitGateways: external, attachmentKinds: kinds, transitOnlySubnets: transitOnly };
}

/** The union of several guards' declarations (each guard covering a Stage contributes its own). */
export function mergeDeclarations(all: readonly EngineDeclarations[]): EngineDeclarations {
  if (all.length === 1) return all[0];
  const external = new Map<string, Cidr[]>();
  const kinds = new Map<string, AttachmentKind>();
  const transitOnly: string[] = [];
  for (const d of all) {
    for (const [k, v] of d.externalTransitGateways ?? []) external.set(k, [...(external.get(k) ?? []), ...v]);
    for (const [k, v] of d.attachmentKinds ?? []) kinds.set(k, v);
    transitOnly.push(...(d.transitOnlySubnets ?? []));
  }
  return { externalTransitGateways: external, attachmentKinds: kinds, transitOnlySubnets: transitOnly };
}
