/** Transit gateway attachments of every kind the templates show (docs/transit.md, "Model"). No CDK. */
import type { TransitInput } from './transit';
import { NAT_CONFIGURATION_TYPE, applyNatConfigurations } from './transit-nat';
import { present } from './values';
import { describeValue } from '../cloudformation/describe';
import { literalString } from '../cloudformation/literal';
import { Attachment, TransitGateway } from '../model/transit';
import { ResourceRecord, isCustomResourceType } from '../records/record';
import { refOf, referencedPaths } from '../records/ref';

/** What reading attachments needs of the transit builder. */
export interface AttachmentReader {
  readonly gateways: ReadonlyMap<string, TransitGateway>;
  readonly attachments: ReadonlyMap<string, Attachment>;
  of(type: string): readonly ResourceRecord[];
  add(a: Omit<Attachment, 'label'> & { label?: string }): void;
  tgwKey(v: unknown): string | undefined;
  attachmentKey(v: unknown): string;
}

export function readAttachments(b: AttachmentReader, input: TransitInput): void {
  const { byPath, vpcCidrs } = input;
  for (const type of ['AWS::EC2::TransitGatewayAttachment', 'AWS::EC2::TransitGatewayVpcAttachment']) {
    for (const r of b.of(type)) {
      const p = r.properties;
      const vpc = refOf(p.VpcId)?.path;
      const ids = [...(Array.isArray(p.SubnetIds) ? p.SubnetIds : []), ...(Array.isArray(p.AddSubnetIds) ? p.AddSubnetIds : [])];
      const subnets = ids.map((s) => refOf(s)?.path).filter((s): s is string => s !== undefined && byPath.get(s)?.type === 'AWS::EC2::Subnet');
      const known = vpc !== undefined && byPath.get(vpc)?.type === 'AWS::EC2::VPC';
      const cidrs = known ? vpcCidrs.get(vpc) ?? [] : [];
      const cidrsUnknown = !known || cidrs.length === 0 || literalString(byPath.get(vpc)?.properties.CidrBlock) === undefined;
      if (known && subnets.some((s) => refOf(byPath.get(s)?.properties.VpcId)?.path !== vpc)) {
        input.tables.invalid(r.path, `Transit gateway attachment ${r.path} names subnets of another VPC than ${vpc}`,
          'attach the subnets of the VPC the attachment names');
      }
      b.add({ key: r.path, path: r.path, tgw: b.tgwKey(p.TransitGatewayId), kind: 'vpc', vpc, subnets, cidrs, cidrsUnknown, followsDefaults: 'on' });
    }
  }
  for (const r of b.of('AWS::EC2::VPNConnection')) {
    const p = r.properties;
    if (!present(p.TransitGatewayId) || present(p.VpnConcentratorId)) continue; // a concentrator's VPN rides its attachment
    b.add({
      key: `${r.path}#attachment`,
      path: r.path,
      label: `of ${r.path}`,
      tgw: b.tgwKey(p.TransitGatewayId),
      kind: 'vpn',
      implicit: true,
      followsDefaults: 'on',
    });
  }
  for (const r of b.of('AWS::EC2::VPNConcentrator')) {
    b.add({ key: r.path, path: r.path, tgw: b.tgwKey(r.properties.TransitGatewayId), kind: 'vpn-concentrator', followsDefaults: 'open' });
  }
  for (const r of b.of('AWS::DirectConnect::DirectConnectGatewayAssociation')) {
    const tgw = b.tgwKey(r.properties.AssociatedGatewayId);
    const gw = refOf(r.properties.AssociatedGatewayId);
    const isTgw = (gw && byPath.get(gw.path)?.type === 'AWS::EC2::TransitGateway') || literalString(r.properties.AssociatedGatewayId)?.startsWith('tgw-');
    if (!isTgw) continue;
    b.add({
      key: `${r.path}#attachment`,
      path: r.path,
      label: `of Direct Connect gateway ${describeValue(r.properties.DirectConnectGatewayId)}`,
      tgw,
      kind: 'dx-gateway',
      implicit: true,
      followsDefaults: 'on',
    });
  }
  for (const r of b.of('AWS::EC2::TransitGatewayPeeringAttachment')) {
    const peer = b.tgwKey(r.properties.PeerTransitGatewayId);
    const tgw = b.tgwKey(r.properties.TransitGatewayId);
    if (peer !== undefined && peer === tgw) {
      input.tables.invalid(r.path, `Transit gateway peering attachment ${r.path} peers transit gateway ${tgw} with itself`, 'peer two different transit gateways');
    }
    b.add({
      key: r.path,
      path: r.path,
      tgw,
      kind: 'peering',
      followsDefaults: 'open',
      peer: peer !== undefined && b.gateways.has(peer) ? peer : undefined,
      label: `${r.path} (peer transit gateway ${describeValue(r.properties.PeerTransitGatewayId)}${present(r.properties.PeerRegion) ? ` in ${describeValue(r.properties.PeerRegion)}` : ''})`,
    });
  }
  for (const r of b.of('AWS::EC2::TransitGatewayConnect')) {
    const transport = b.attachments.get(b.attachmentKey(r.properties.TransportTransitGatewayAttachmentId));
    b.add({ key: r.path, path: r.path, tgw: transport?.tgw, kind: 'connect', followsDefaults: 'open' });
  }
  for (const r of b.of('AWS::NetworkFirewall::Firewall')) {
    if (!present(r.properties.TransitGatewayId)) continue;
    b.add({ key: r.path, path: r.path, label: `of ${r.path}`, tgw: b.tgwKey(r.properties.TransitGatewayId), kind: 'network-function', followsDefaults: 'open' });
  }
  applyNatConfigurations(b.of(NAT_CONFIGURATION_TYPE), b);
}

/**
 * The VPN attachment an id looked up by a custom resource names (docs/transit.md, "Attachments of
 * unknown kind"): the `Fn::GetAtt` of a custom resource whose properties reference exactly one
 * transit-gateway `VPNConnection` of the app is taken as that connection's attachment, reported
 * "(inferred)". Undefined for any other value.
 */
export function inferredAttachmentKey(b: AttachmentReader, v: unknown, byPath: ReadonlyMap<string, ResourceRecord>): string | undefined {
  const ref = refOf(v);
  const cr = ref && ref.attr !== 'Ref' ? byPath.get(ref.path) : undefined;
  if (!cr || !isCustomResourceType(cr.type)) return undefined;
  const vpns = [...referencedPaths(cr.properties)].filter((p) => {
    const r = byPath.get(p);
    return r?.type === 'AWS::EC2::VPNConnection' && present(r.properties.TransitGatewayId);
  });
  if (vpns.length !== 1) return undefined;
  const vpn = byPath.get(vpns[0])!;
  const key = `inferred:${ref!.path}.${ref!.attr}`;
  if (b.attachments.has(key)) return key;
  b.add({
    key,
    path: `${ref!.path}.${ref!.attr}`,
    label: `of ${vpn.path}`,
    tgw: b.tgwKey(vpn.properties.TransitGatewayId),
    kind: 'vpn',
    followsDefaults: 'off',
    knownBy: `inferred: custom resource ${ref!.path} looks it up for that connection`,
  });
  return key;
}
