/**
 * The worked examples of docs/transit.md with a hub: per-attachment tables, defaults, ties,
 * blackholes, two transit gateways, peering, a TGW-attached firewall, private NAT, NAT64,
 * Availability Zones, stacks and Cloud WAN. Each a CDK app of L1s through all three doors.
 */
import { CfnResource, CustomResource, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as cr from 'aws-cdk-lib/custom-resources';
import { NatRouteRuleLevel, TransitGatewayAttachmentKind } from '../../../src';
import { expectDoorsAgree, newApp, summary } from '../../support/helpers';
import { L1Tgw, L1Vpc, egressAndSpoke } from '../../support/transit-apps';

const ON_PREM = '10.200.0.0/16';
const found = (a: Parameters<typeof summary>[0]) => summary(a);

/** The egress VPC and spoke of docs/transit.md's examples, the NAT table sending 10.0.0.0/8 (or `returnRoute`) to the TGW. */
const hubAndSpoke = (stack: Stack, opts: { returnRoute?: string; workloads?: boolean; eAz?: string; attAz?: string; defaults?: boolean } = {}) =>
  egressAndSpoke(stack, { ...opts, returnRoute: opts.returnRoute ?? '10.0.0.0/8', returnName: 'ToCorp' });

/** Example 4's per-attachment tables, with or without RT-E's blackhole default. */
function perAttachment(opts: { blackhole: boolean; workloads?: boolean }) {
  const { app, stack } = newApp();
  const { hub, e, s } = hubAndSpoke(stack, { workloads: opts.workloads });
  const vpn = hub.vpnConcentrator('Vpn');
  const ea = hub.attach('EAtt', e, ['Tgw'], { table: 'RtE' });
  const sa = hub.attach('SAtt', s, ['Tgw'], { table: 'RtS', propagateTo: ['RtE', 'RtV'] });
  hub.wire('Vpn', vpn, { table: 'RtV', propagateTo: ['RtS', 'RtE'] });
  hub.staticRoute('RtS', '0.0.0.0/0', ea.ref, 'SDefault');
  if (opts.blackhole) hub.staticRoute('RtE', '0.0.0.0/0', undefined, 'EBlackhole');
  void sa;
  return app;
}

describe('worked examples with a hub (docs/transit.md, section 9)', () => {
  test('4. per-attachment tables, BGP VPN: the exemption holds (every delivering table propagates the VPN by a static default; RT-E has a static default)', () => {
    expect(found(perAttachment({ blackhole: true }))).toEqual([]);
  });

  test('5. as 4 without RT-E\'s blackhole default: NRG-TGW-PROPAGATION on RT-E\'s propagation from the VPN', () => {
    expect(found(perAttachment({ blackhole: false }))).toEqual(['warning NRG-TGW-PROPAGATION @ S/Hub/VpnPropRtE']);
  });

  test('5, workloads in the egress VPC (not only transit tables feed the NAT gateway): NRG-TGW-PROPAGATION', () => {
    expect(found(perAttachment({ blackhole: true, workloads: true }))).toEqual(['warning NRG-TGW-PROPAGATION @ S/Hub/VpnPropRtE']);
  });

  test('5, TGW defaults on, the VPN known only by its connection: judged in the default table, the finding on the TransitGateway', () => {
    const { app, stack } = newApp();
    const { hub, e, s } = hubAndSpoke(stack, { defaults: true, workloads: true });
    hub.attach('EAtt', e, ['Tgw']);
    hub.attach('SAtt', s, ['Tgw']);
    hub.vpn('OnPrem');
    const f = expectDoorsAgree(app);
    expect(f.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['warning NRG-TGW-PROPAGATION @ S/Hub/Tgw']);
    expect(f[0].message).toContain('Site-to-Site VPN attachment of S/Hub/OnPrem propagates its routes into S/Hub/Tgw (its default route table, made by AWS)');
  });

  test('6. association missing (defaults off): nothing is forwarded, no finding; NRG-TGW still judges the route if on', () => {
    const { app, stack } = newApp({ ruleLevels: { 'NRG-TGW': 'warning' as never } });
    const { hub, e } = hubAndSpoke(stack, { workloads: true });
    const vpn = hub.vpnConcentrator('Vpn');
    hub.attach('EAtt', e, ['Tgw']);
    hub.staticRoute('Orphan', ON_PREM, vpn, 'OnPremStatic');
    expect(found(app)).toEqual(['warning NRG-TGW @ S/Egress/ToCorp']);
  });

  test('7. static beats VPC-propagated on the same prefix: NRG-TGW-HYBRID for 10.1.0.0/16; swapped, no HYBRID but NRG-TGW-PROPAGATION', () => {
    for (const swapped of [false, true]) {
      const { app, stack } = newApp();
      const { hub, e } = hubAndSpoke(stack, { workloads: true });
      const b = new L1Vpc(stack, 'B', '10.1.0.0/16').subnet('Tgw', '10.1.0.0/28', { transitOnly: true });
      const vpn = hub.vpnConcentrator('Vpn');
      hub.attach('EAtt', e, ['Tgw'], { table: 'RtE' });
      const ba = hub.attach('BAtt', b, ['Tgw'], { propagateTo: swapped ? [] : ['RtE'] });
      if (swapped) {
        hub.staticRoute('RtE', '10.1.0.0/16', ba.ref, 'ToB');
        hub.wire('Vpn', vpn, { propagateTo: ['RtE'] });
      } else {
        hub.staticRoute('RtE', '10.1.0.0/16', vpn, 'OnPremStatic');
      }
      const f = expectDoorsAgree(app);
      if (swapped) {
        expect(f.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['warning NRG-TGW-PROPAGATION @ S/Hub/VpnPropRtE']);
      } else {
        expect(f.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['error NRG-TGW-HYBRID @ S/Egress/ToCorp']);
        expect(f[0].message).toContain('forwards 10.1.0.0/16 to VPN concentrator attachment');
      }
    }
  });

  test('9. a blackhole more specific than the VPN route: HYBRID with the first range the VPN still takes (10.200.0.0/22); BGP variant still warns', () => {
    for (const bgp of [false, true]) {
      const { app, stack } = newApp();
      const { hub, e } = hubAndSpoke(stack, { workloads: true });
      const vpn = hub.vpnConcentrator('Vpn');
      hub.attach('EAtt', e, ['Tgw'], { table: 'RtE' });
      if (bgp) hub.wire('Vpn', vpn, { propagateTo: ['RtE'] });
      else hub.staticRoute('RtE', ON_PREM, vpn, 'OnPremStatic');
      hub.staticRoute('RtE', '10.200.5.0/24', undefined, 'Dropped');
      const f = expectDoorsAgree(app);
      expect(f.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(bgp ? ['warning NRG-TGW-PROPAGATION @ S/Hub/VpnPropRtE'] : ['error NRG-TGW-HYBRID @ S/Egress/ToCorp']);
      if (!bgp) expect(f[0].message).toContain('forwards 10.200.0.0/22 to');
    }
  });

  test('10. two transit gateways: HYBRID only on the route to the one with the VPN; not attached to it, nothing is forwarded', () => {
    for (const attached of [true, false]) {
      const { app, stack } = newApp();
      const { hub, e } = hubAndSpoke(stack, { workloads: true });
      const hub2 = new L1Tgw(stack, 'Hub2');
      hub.attach('EAtt', e, ['Tgw'], { table: 'Rt1' });
      e.toTgw('Public', '192.168.0.0/16', hub2.tgw, 'ToBranch');
      const vpn = hub2.vpnConcentrator('Vpn');
      if (attached) hub2.attach('EAtt2', e, ['Tgw'], { table: 'Rt2' });
      hub2.staticRoute('Rt2', '192.168.0.0/16', vpn, 'Branch');
      expect(found(app)).toEqual(attached ? ['error NRG-TGW-HYBRID @ S/Egress/ToBranch'] : []);
    }
  });

  /** Examples 11 and 12: a peering attachment to another Region's transit gateway. */
  function peering(opts: { spokeRoutesPeer: boolean; peerInApp?: boolean }) {
    const { app, stack } = newApp();
    const { hub, e, s } = hubAndSpoke(stack);
    const peerTgw = opts.peerInApp ? new L1Tgw(stack, 'Far') : undefined;
    const peer = new ec2.CfnTransitGatewayPeeringAttachment(stack, 'ToEuWest1', {
      transitGatewayId: hub.tgw.ref,
      peerTransitGatewayId: peerTgw ? peerTgw.tgw.ref : 'tgw-0fedcba9876543210',
      peerAccountId: '111111111111',
      peerRegion: 'eu-west-1',
    });
    const ea = hub.attach('EAtt', e, ['Tgw'], { table: 'RtE' });
    hub.attach('SAtt', s, ['Tgw'], { table: 'RtS', propagateTo: ['RtE', 'RtP'] });
    hub.wire('Peer', peer.attrTransitGatewayAttachmentId, { table: 'RtP' });
    hub.staticRoute('RtE', '10.2.0.0/16', peer.attrTransitGatewayAttachmentId, 'PeerFromE');
    hub.staticRoute('RtS', '0.0.0.0/0', ea.ref, 'SDefault');
    if (opts.spokeRoutesPeer) hub.staticRoute('RtS', '10.2.0.0/16', peer.attrTransitGatewayAttachmentId, 'PeerFromS');
    if (peerTgw) {
      peerTgw.wire('Peer', peer.attrTransitGatewayAttachmentId, { table: 'RtFar' });
      peerTgw.staticRoute('RtFar', '10.2.0.0/16', peerTgw.vpnConcentrator('FarVpn'), 'FarOnPrem');
    }
    return app;
  }

  test('11. peering to another Region, far side unknown: the spokes route the peer\'s range themselves, no finding; without it NRG-TGW-PEERING, "not followed"', () => {
    expect(found(peering({ spokeRoutesPeer: true }))).toEqual([]);
    const f = expectDoorsAgree(peering({ spokeRoutesPeer: false }));
    expect(f.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['error NRG-TGW-PEERING @ S/Egress/ToCorp']);
    expect(f[0].message).toContain('not followed');
  });

  test('12. peering followed: the far transit gateway sends the range to a VPN: NRG-TGW-PEERING and NRG-TGW-HYBRID on the same entry route', () => {
    expect(found(peering({ spokeRoutesPeer: false, peerInApp: true }))).toEqual(['error NRG-TGW-HYBRID @ S/Egress/ToCorp', 'error NRG-TGW-PEERING @ S/Egress/ToCorp']);
  });

  test('16. TGW-attached firewall: traffic loops back to the egress VPC, no finding; the VPN propagated into the inspection table is exempt; into the egress table it is reported', () => {
    for (const where of [undefined, 'RtInsp', 'RtEgress']) {
      const { app, stack } = newApp();
      const { hub, e, s } = hubAndSpoke(stack);
      const fw = new CfnResource(stack, 'Firewall', {
        type: 'AWS::NetworkFirewall::Firewall',
        properties: { FirewallName: 'insp', FirewallPolicyArn: 'arn:aws:network-firewall:eu-west-1:111111111111:firewall-policy/p', TransitGatewayId: hub.tgw.ref },
      });
      const fwAtt = fw.getAtt('TransitGatewayAttachmentId').toString();
      const ea = hub.attach('EAtt', e, ['Tgw'], { table: 'RtEgress' });
      hub.attach('SAtt', s, ['Tgw'], { table: 'RtSpoke', propagateTo: ['RtInsp'] });
      hub.wire('Fw', fwAtt, { table: 'RtInsp' });
      hub.staticRoute('RtEgress', '0.0.0.0/0', fwAtt, 'EgressToFw');
      hub.staticRoute('RtInsp', '0.0.0.0/0', ea.ref, 'InspToEgress');
      hub.staticRoute('RtSpoke', '0.0.0.0/0', fwAtt, 'SpokeToFw');
      if (where) hub.wire('Vpn', hub.vpnConcentrator('Vpn'), { propagateTo: [where] });
      expect(found(app)).toEqual(where === 'RtEgress' ? ['warning NRG-TGW-PROPAGATION @ S/Hub/VpnPropRtEgress'] : []);
    }
  });

  test('18. private NAT gateway for overlapping networks, sent to another VPC through the TGW: no finding', () => {
    const { app, stack } = newApp();
    const hub = new L1Tgw(stack, 'Hub');
    const v = new L1Vpc(stack, 'V', '100.64.0.0/23').subnet('Nat', '100.64.0.0/24').subnet('Private', '100.64.1.0/25')
      .subnet('Tgw', '100.64.1.128/28', { transitOnly: true });
    new ec2.CfnNatGateway(v, 'PrivNat', { subnetId: v.subnets.get('Nat')!.ref, connectivityType: 'private' });
    v.nats.set('PrivNat', v.node.findChild('PrivNat') as ec2.CfnNatGateway);
    v.toNat('Private', '100.64.2.0/24', 'PrivNat', 'ToOverlap');
    v.toTgw('Nat', '100.64.2.0/24', hub.tgw, 'NatToTgw');
    const b = new L1Vpc(stack, 'B', '100.64.2.0/24').subnet('Tgw', '100.64.2.0/28', { transitOnly: true });
    const ba = hub.attach('BAtt', b, ['Tgw']);
    hub.attach('VAtt', v, ['Tgw'], { table: 'Rt' });
    hub.staticRoute('Rt', '100.64.2.0/24', ba.ref, 'ToB');
    expect(found(app)).toEqual([]);
  });

  test('19. NAT64: IPv6 traffic to 64:ff9b::/96 reaches the NAT gateway as IPv4; HYBRID for 10.200.0.0/16', () => {
    const { app, stack } = newApp();
    const hub = new L1Tgw(stack, 'Hub');
    const s = new L1Vpc(stack, 'Spoke', '10.1.0.0/16').subnet('Public', '10.1.0.0/24').subnet('Private', '10.1.1.0/24').subnet('Tgw', '10.1.2.0/28', { transitOnly: true })
      .nat('Nat', 'Public');
    s.toNat('Private', '64:ff9b::/96', 'Nat', 'Nat64');
    s.toTgw('Public', ON_PREM, hub.tgw, 'ToCorp');
    hub.attach('SAtt', s, ['Tgw'], { table: 'Rt' });
    hub.staticRoute('Rt', ON_PREM, hub.vpnConcentrator('Vpn'), 'OnPremStatic');
    expect(found(app)).toEqual(['error NRG-TGW-HYBRID @ S/Spoke/ToCorp']);
  });

  test('20. the NAT gateway\'s AZ has no attachment subnet (literal AZs): nothing is forwarded; with AZs the guard cannot compare, judged as usual', () => {
    for (const az of ['eu-west-1c', undefined]) {
      const { app, stack } = newApp();
      const { hub, e } = hubAndSpoke(stack, { eAz: az, attAz: 'eu-west-1a', workloads: true });
      hub.attach('EAtt', e, ['Tgw'], { table: 'RtE' });
      hub.staticRoute('RtE', ON_PREM, hub.vpnConcentrator('Vpn'), 'OnPremStatic');
      expect(found(app)).toEqual(az ? [] : ['error NRG-TGW-HYBRID @ S/Egress/ToCorp']);
    }
  });

  test('21. cross-stack: the TGW, its table and the VPN route in a network stack, the VPC and its attachment in a spoke stack: HYBRID on the spoke stack\'s route', () => {
    const { app, stack } = newApp();
    const net = new Stack(app, 'Net', { env: { account: '111111111111', region: 'eu-west-1' } });
    const hub = new L1Tgw(net, 'Hub');
    const s = new L1Vpc(stack, 'Spoke', '10.1.0.0/16').subnet('Public', '10.1.0.0/24').subnet('Private', '10.1.1.0/24').subnet('Tgw', '10.1.2.0/28', { transitOnly: true })
      .nat('Nat', 'Public');
    s.toNat('Private', '0.0.0.0/0', 'Nat', 'PrivateDefault');
    s.toTgw('Public', '10.0.0.0/8', hub.tgw, 'ToCorp');
    const att = new ec2.CfnTransitGatewayAttachment(stack, 'SAtt', { transitGatewayId: hub.tgw.ref, vpcId: s.vpc.ref, subnetIds: [s.subnets.get('Tgw')!.ref] });
    new ec2.CfnTransitGatewayRouteTableAssociation(stack, 'SAssoc', { transitGatewayAttachmentId: att.ref, transitGatewayRouteTableId: hub.table('RtE').ref });
    hub.staticRoute('RtE', ON_PREM, hub.vpnConcentrator('Vpn'), 'OnPremStatic');
    expect(found(app)).toEqual(['error NRG-TGW-HYBRID @ S/Spoke/ToCorp']);
  });

  test('22. Cloud WAN core network: NRG-TGW-UNKNOWN (not modelled yet), where it passed in silence before', () => {
    const { app, stack } = newApp();
    const s = new L1Vpc(stack, 'Spoke', '10.1.0.0/16').subnet('Public', '10.1.0.0/24').subnet('Private', '10.1.1.0/24').nat('Nat', 'Public');
    s.toNat('Private', '0.0.0.0/0', 'Nat', 'PrivateDefault');
    new ec2.CfnRoute(s, 'ToWan', {
      routeTableId: s.tables.get('Public')!.ref,
      destinationCidrBlock: '10.0.0.0/8',
      coreNetworkArn: 'arn:aws:networkmanager::111111111111:core-network/core-network-0123456789abcdef0',
    });
    expect(found(app)).toEqual(['warning NRG-TGW-UNKNOWN @ S/Spoke/ToWan']);
  });
});

describe('declarations beside the app (docs/transit.md, "Options")', () => {
  /** Example 13: a spoke whose NAT table sends 10/8 to a transit gateway of another app. */
  function external(props?: import('../../../src').NatRouteGuardProps) {
    const { app, stack } = newApp(props);
    const s = new L1Vpc(stack, 'Spoke', '10.1.0.0/16').subnet('Public', '10.1.0.0/24').subnet('Private', '10.1.1.0/24').nat('Nat', 'Public');
    s.toNat('Private', '0.0.0.0/0', 'Nat', 'PrivateDefault');
    s.toTgw('Public', '10.0.0.0/8', 'tgw-0abc0123456789def', 'Corp');
    return app;
  }

  test('13. external transit gateway: NRG-TGW-UNKNOWN (warning), once; declared with its on-premises ranges: HYBRID for them, nothing for the rest', () => {
    const f = expectDoorsAgree(external());
    expect(f.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['warning NRG-TGW-UNKNOWN @ S/Spoke/Corp']);
    expect(f[0].message).toContain('that transit gateway is not defined in this app');
    const declared = expectDoorsAgree(external({ externalTransitGateways: { 'tgw-0abc0123456789def': { onPremisesCidrs: [ON_PREM] } } }));
    expect(declared.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['error NRG-TGW-HYBRID @ S/Spoke/Corp']);
    expect(declared[0].message).toContain('forwards 10.200.0.0/16 to the on-premises ranges declared for transit gateway tgw-0abc0123456789def');
    expect(summary(external({ externalTransitGateways: { 'tgw-0abc0123456789def': { onPremisesCidrs: ['192.168.0.0/16'] } } }))).toEqual([]);
  });

  test('a declaration with a range that is not a CIDR block is refused, naming the input', () => {
    expect(() => newApp({ externalTransitGateways: { 'tgw-1': { onPremisesCidrs: ['10.200.0.0/33'] } } }))
      .toThrow(/NatRouteGuardProps.externalTransitGateways\['tgw-1'\].onPremisesCidrs\[0\]: '10.200.0.0\/33' is not a CIDR block/);
    expect(() => newApp({ transitGatewayAttachments: { 'tgw-attach-1': 'vpnx' as never } })).toThrow(/'vpnx' is not a TransitGatewayAttachmentKind/);
  });

  test('14. an attachment known only by id: NRG-TGW-UNKNOWN; declared as a VPN attachment: NRG-TGW-HYBRID "(declared)"', () => {
    for (const declared of [false, true]) {
      const { app, stack } = newApp(declared ? { transitGatewayAttachments: { 'tgw-attach-0123456789abcdef0': TransitGatewayAttachmentKind.VPN } } : undefined);
      const { hub, e } = hubAndSpoke(stack, { workloads: true });
      hub.attach('EAtt', e, ['Tgw'], { table: 'RtE' });
      hub.staticRoute('RtE', ON_PREM, 'tgw-attach-0123456789abcdef0', 'OnPremStatic');
      const f = expectDoorsAgree(app);
      expect(f.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual([declared ? 'error NRG-TGW-HYBRID @ S/Egress/ToCorp' : 'warning NRG-TGW-UNKNOWN @ S/Egress/ToCorp']);
      if (declared) expect(f[0].message).toContain('Site-to-Site VPN attachment tgw-attach-0123456789abcdef0 (declared)');
    }
  });

  test('14b. the VPN attachment looked up by a custom resource (aws-vpc-builder-cdk\'s findVpnTransitGatewayAttachId): NRG-TGW-HYBRID "(inferred …)"; '
    + 'a lookup that names no VPN connection, or two, stays NRG-TGW-UNKNOWN naming the lookup', () => {
    for (const vpns of [1, 0, 2] as const) {
      const { app, stack } = newApp();
      const { hub, e } = hubAndSpoke(stack, { workloads: true });
      hub.attach('EAtt', e, ['Tgw'], { table: 'RtE' });
      const connections = Array.from({ length: vpns }, (_, i) => hub.vpn(`Vpn${i}`, true));
      const lookup = new CustomResource(stack, 'FindVpnAttach', {
        serviceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:find-vpn-attachment',
        properties: { transitGatewayId: hub.tgw.ref, vpnConnectionIds: connections.map((c) => c.ref) },
      });
      hub.staticRoute('RtE', ON_PREM, lookup.getAttString('transitGatewayAttachId'), 'OnPremStatic');
      const f = expectDoorsAgree(app);
      expect(f.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual([vpns === 1 ? 'error NRG-TGW-HYBRID @ S/Egress/ToCorp' : 'warning NRG-TGW-UNKNOWN @ S/Egress/ToCorp']);
      if (vpns === 1) {
        expect(f[0].message).toContain('Site-to-Site VPN attachment of S/Hub/Vpn0 (inferred: custom resource S/FindVpnAttach/Default looks it up for that connection)');
      } else {
        expect(f[0].message).toContain('the guard cannot tell what kind of attachment Fn::GetAtt S/FindVpn');
      }
    }
  });

  test('14c. the VPN attachment looked up by an AwsCustomResource (EC2 describeTransitGatewayAttachments, resource-id filter on the connection): '
    + 'NRG-TGW-HYBRID "(inferred …)"; a filter on the transit gateway alone names no connection: NRG-TGW-UNKNOWN', () => {
    for (const byConnection of [true, false]) {
      const { app, stack } = newApp();
      const { hub, e } = hubAndSpoke(stack, { workloads: true });
      hub.attach('EAtt', e, ['Tgw'], { table: 'RtE' });
      const vpn = hub.vpn('Vpn', true);
      const filter = byConnection ? { Name: 'resource-id', Values: [vpn.ref] } : { Name: 'transit-gateway-id', Values: [hub.tgw.ref] };
      const lookup = new cr.AwsCustomResource(stack, 'FindVpnAttach', {
        onUpdate: {
          service: 'EC2',
          action: 'describeTransitGatewayAttachments',
          parameters: { Filters: [filter, { Name: 'resource-type', Values: ['vpn'] }] },
          physicalResourceId: cr.PhysicalResourceId.of('find-vpn-attachment'),
          outputPaths: ['TransitGatewayAttachments.0.TransitGatewayAttachmentId'],
        },
        policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
        installLatestAwsSdk: false,
      });
      hub.staticRoute('RtE', ON_PREM, lookup.getResponseField('TransitGatewayAttachments.0.TransitGatewayAttachmentId'), 'OnPremStatic');
      const f = expectDoorsAgree(app);
      expect(f.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual([byConnection ? 'error NRG-TGW-HYBRID @ S/Egress/ToCorp' : 'warning NRG-TGW-UNKNOWN @ S/Egress/ToCorp']);
      if (byConnection) expect(f[0].message).toMatch(/Site-to-Site VPN attachment of \S*\/Vpn \(inferred: custom resource \S*\/Default looks it up for that connection\)/);
      else expect(f[0].message).toMatch(/the guard cannot tell what kind of attachment Fn::GetAtt \S*FindVpn/);
    }
  });

  test('transitOnlySubnets declares the attachment subnet by path: the look-alike warning of centralized egress goes away', () => {
    for (const declare of [false, true]) {
      const { app, stack } = newApp({ ruleLevels: { 'NRG-TGW': NatRouteRuleLevel.ERROR }, transitOnlySubnets: declare ? ['S/Egress/Tgw'] : undefined });
      const hub = new L1Tgw(stack, 'Hub');
      const e = new L1Vpc(stack, 'Egress', '10.10.0.0/16').subnet('Public', '10.10.0.0/24').subnet('Tgw', '10.10.1.0/28').nat('Nat', 'Public');
      e.toNat('Tgw', '0.0.0.0/0', 'Nat', 'TgwDefault');
      e.toTgw('Public', '10.0.2.0/26', hub.tgw, 'Return');
      const s = new L1Vpc(stack, 'Spoke', '10.0.2.0/26').subnet('Private', '10.0.2.0/27');
      s.toTgw('Private', '0.0.0.0/0', hub.tgw, 'PrivateDefault');
      const ea = hub.attach('EAtt', e, ['Tgw'], { table: 'Rt', propagateTo: ['Rt'] });
      hub.attach('SAtt', s, ['Private'], { table: 'Rt', propagateTo: ['Rt'] });
      hub.staticRoute('Rt', '0.0.0.0/0', ea.ref, 'Default');
      expect(found(app)).toEqual(declare ? [] : ['warning NRG-TGW @ S/Egress/Return']);
    }
  });
});
