/**
 * Transit gateway 1:1 NAT (`AWS::EC2::TransitGatewayAttachmentNatConfiguration`, docs/transit.md,
 * "1:1 NAT on attachments"): on a VPC attachment, the TGW propagates a rule's `NatCidr` instead of
 * the VPC block the rule's `MatchSourceCidr` equals exactly. What the guard cannot read makes the
 * attachment's propagated prefixes partly unknown, never silently the old ones. No CDK.
 */
import { literalString } from '../cloudformation/literal';
import { Attachment } from '../model/transit';
import { Cidr, parseCidr } from '../net/cidr';
import { ResourceRecord } from '../records/record';
import { refOf } from '../records/ref';

export const NAT_CONFIGURATION_TYPE = 'AWS::EC2::TransitGatewayAttachmentNatConfiguration';

/** The attachments with what their NAT configurations change in their propagation. */
export function applyNatConfigurations(
  configurations: readonly ResourceRecord[], b: { readonly attachments: ReadonlyMap<string, Attachment>; add(a: Attachment): void },
): void {
  for (const r of configurations) {
    // A VPC attachment of the app (one the app does not define: its VPC, and so its blocks, are unknown anyway).
    const a = b.attachments.get(refOf(r.properties.TransitGatewayAttachmentId)?.path ?? '');
    // Other kinds propagate no known prefixes (VPN, Direct Connect: BGP; peering: nothing), and their
    // NAT system routes are off (a static route is written for the NAT block instead).
    if (!a || a.kind !== 'vpc') continue;
    const translated = translate(r, a.cidrs ?? []);
    if (translated) b.add({ ...a, cidrs: translated.cidrs, cidrsUnknown: a.cidrsUnknown || translated.unknown });
  }
}

/** The VPC blocks as the TGW propagates them with this configuration; undefined when it translates none. */
function translate(r: ResourceRecord, blocks: readonly Cidr[]): { cidrs: Cidr[]; unknown: boolean } | undefined {
  const support = literalString(r.properties.NatGatewaySupport);
  if (support === 'disable') return undefined;
  const rules = r.properties.NatGatewayRules;
  // Support not known to be on, or rules the guard cannot read: any block may be replaced by what
  // the guard cannot tell, so none is known to be propagated as it is.
  if (support !== 'enable' || !Array.isArray(rules)) return { cidrs: [], unknown: true };
  let cidrs = [...blocks];
  let unknown = false;
  for (const rule of rules) {
    const fields = rule !== null && typeof rule === 'object' ? rule as Record<string, unknown> : {};
    const match = parsed(fields.MatchSourceCidr);
    if (match === undefined) {
      // It may equal any of the blocks: none is known to be propagated as it is.
      cidrs = [];
      unknown = true;
      continue;
    }
    const replaced = cidrs.filter((c) => c.family === match.family && c.first === match.first && c.length === match.length);
    if (replaced.length === 0) continue; // a rule on part of a block leaves the propagated block as it is
    cidrs = cidrs.filter((c) => !replaced.includes(c));
    const nat = parsed(fields.NatCidr);
    if (nat) cidrs.push(nat);
    else unknown = true;
  }
  return { cidrs, unknown };
}

function parsed(v: unknown): Cidr | undefined {
  const s = literalString(v);
  if (s === undefined) return undefined;
  const p = parseCidr(s);
  return p.ok ? p.cidr : undefined;
}
