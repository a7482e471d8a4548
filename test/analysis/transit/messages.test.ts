/**
 * The transit rules' messages (docs/transit.md, "Messages"), on models built from plain records:
 * the first sentence names the NAT gateway, the range, the exit, the transit gateway and the entry
 * route; then the path, where the traffic comes from, the policy note and the fix.
 */
import { analyze } from '../../../src/analysis/analyze';
import { RULE_TABLE, RuleId } from '../../../src/analysis/rule-table';
import { buildModel } from '../../../src/build/build-model';
import { ResourceRecord } from '../../../src/records/record';
import { makeRef } from '../../../src/records/ref';

const ref = (path: string, attr = 'Ref') => makeRef(path, attr);
const r = (path: string, type: string, properties: Record<string, unknown>, transitOnly = false): ResourceRecord =>
  (transitOnly ? { path, type, properties, transitOnly } : { path, type, properties });
const ALL = new Set(RULE_TABLE.map((x) => x.id as RuleId));

/** Spoke S with a NAT gateway fed by its private table; the public table sends `entry` to the TGW; `tgw` records the hub. */
function spoke(hub: ResourceRecord[], entry = '10.0.0.0/8'): ResourceRecord[] {
  return [
    r('S/Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.1.0.0/16' }),
    ...['Public', 'Private', 'Tgw'].flatMap((n, i) => [
      r(`S/${n}`, 'AWS::EC2::Subnet', { VpcId: ref('S/Vpc'), CidrBlock: `10.1.${i}.0/24` }, n === 'Tgw'),
      r(`S/${n}Rt`, 'AWS::EC2::RouteTable', { VpcId: ref('S/Vpc') }),
      r(`S/${n}Assoc`, 'AWS::EC2::SubnetRouteTableAssociation', { SubnetId: ref(`S/${n}`), RouteTableId: ref(`S/${n}Rt`) }),
    ]),
    r('S/Nat', 'AWS::EC2::NatGateway', { SubnetId: ref('S/Public') }),
    r('S/PrivateDefault', 'AWS::EC2::Route', { RouteTableId: ref('S/PrivateRt'), DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: ref('S/Nat') }),
    r('S/ToCorp', 'AWS::EC2::Route', { RouteTableId: ref('S/PublicRt'), DestinationCidrBlock: entry, TransitGatewayId: ref('H/Tgw') }),
    r('H/Tgw', 'AWS::EC2::TransitGateway', { DefaultRouteTableAssociation: 'disable', DefaultRouteTablePropagation: 'disable' }),
    r('H/Rt', 'AWS::EC2::TransitGatewayRouteTable', { TransitGatewayId: ref('H/Tgw') }),
    r('H/SAtt', 'AWS::EC2::TransitGatewayAttachment', { TransitGatewayId: ref('H/Tgw'), VpcId: ref('S/Vpc'), SubnetIds: [ref('S/Tgw')] }),
    r('H/SAssoc', 'AWS::EC2::TransitGatewayRouteTableAssociation', { TransitGatewayAttachmentId: ref('H/SAtt'), TransitGatewayRouteTableId: ref('H/Rt') }),
    r('H/Vpn', 'AWS::EC2::VPNConcentrator', { TransitGatewayId: ref('H/Tgw') }),
    ...hub,
  ];
}
const messages = (records: ResourceRecord[]) => analyze(buildModel(records), ALL).map((f) => `${f.ruleId} @ ${f.path}: ${f.message}`);

test('NRG-TGW-HYBRID: NAT gateway, range, exit, transit gateway, entry route; path; where it comes from; policy; fix with the range', () => {
  const [m] = messages(spoke([r('H/OnPrem', 'AWS::EC2::TransitGatewayRoute', {
    TransitGatewayRouteTableId: ref('H/Rt'), DestinationCidrBlock: '10.200.0.0/16', TransitGatewayAttachmentId: ref('H/Vpn', 'TransitGatewayAttachmentId'),
  })])).filter((x) => x.startsWith('NRG-TGW-HYBRID'));
  expect(m).toBe('NRG-TGW-HYBRID @ S/ToCorp: [NRG-TGW-HYBRID] NAT gateway S/Nat forwards 10.200.0.0/16 to VPN concentrator attachment H/Vpn through transit gateway H/Tgw, '
    + 'via route S/ToCorp for 10.0.0.0/8 in S/PublicRt. Path: route S/ToCorp (10.0.0.0/8 -> transit gateway H/Tgw) in S/PublicRt -> VPC attachment H/SAtt, associated with H/Rt '
    + '-> static route H/OnPrem (10.200.0.0/16 -> VPN concentrator attachment H/Vpn) in H/Rt -> VPN concentrator attachment H/Vpn. '
    + 'That traffic comes from S/PrivateRt (0.0.0.0/0 -> NAT gateway, route S/PrivateDefault). '
    + 'AWS forwards this traffic source-NATed to the NAT gateway\'s address and charges NAT processing for it; this guard\'s policy is to keep it off the NAT gateway. '
    + 'Fix: route 10.200.0.0/16 (of 10.0.0.0/8) from the route tables that feed the NAT gateway straight to the transit gateway (or, where the NAT gateway serves other VPCs, '
    + 'route it in the transit gateway tables that deliver it to this VPC straight to its exit), so it bypasses the NAT gateway, '
    + 'or acknowledge: Validations.of(scope).acknowledge({ id: \'NRG-TGW-HYBRID\', reason: \'...\' }).');
});

test('one finding per entry route names every exit, the lowest range first', () => {
  const hub = [
    r('H/OnPrem', 'AWS::EC2::TransitGatewayRoute', { TransitGatewayRouteTableId: ref('H/Rt'), DestinationCidrBlock: '10.201.0.0/16', TransitGatewayAttachmentId: ref('H/Vpn', 'TransitGatewayAttachmentId') }),
    r('H/Vpn2', 'AWS::EC2::VPNConcentrator', { TransitGatewayId: ref('H/Tgw') }),
    r('H/OnPrem2', 'AWS::EC2::TransitGatewayRoute', { TransitGatewayRouteTableId: ref('H/Rt'), DestinationCidrBlock: '10.200.0.0/16', TransitGatewayAttachmentId: ref('H/Vpn2', 'TransitGatewayAttachmentId') }),
  ];
  const hybrid = messages(spoke(hub)).filter((x) => x.startsWith('NRG-TGW-HYBRID'));
  expect(hybrid).toHaveLength(1);
  expect(hybrid[0]).toContain('forwards 10.200.0.0/16 to VPN concentrator attachment H/Vpn2 through');
  expect(hybrid[0]).toContain('It also reaches VPN concentrator attachment H/Vpn.');
});

test('NRG-TGW-PEERING names a far side the app does not define as not followed; NRG-TGW-VPC says "into" the other VPC', () => {
  const hub = [
    r('H/Peer', 'AWS::EC2::TransitGatewayPeeringAttachment', { TransitGatewayId: ref('H/Tgw'), PeerTransitGatewayId: 'tgw-0fedcba9876543210', PeerRegion: 'eu-west-1' }),
    r('H/ToPeer', 'AWS::EC2::TransitGatewayRoute', { TransitGatewayRouteTableId: ref('H/Rt'), DestinationCidrBlock: '10.2.0.0/16', TransitGatewayAttachmentId: ref('H/Peer', 'TransitGatewayAttachmentId') }),
    r('B/Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.3.0.0/16' }),
    r('B/Sub', 'AWS::EC2::Subnet', { VpcId: ref('B/Vpc'), CidrBlock: '10.3.0.0/24' }),
    r('B/Rt', 'AWS::EC2::RouteTable', { VpcId: ref('B/Vpc') }),
    r('B/Assoc', 'AWS::EC2::SubnetRouteTableAssociation', { SubnetId: ref('B/Sub'), RouteTableId: ref('B/Rt') }),
    r('H/BAtt', 'AWS::EC2::TransitGatewayAttachment', { TransitGatewayId: ref('H/Tgw'), VpcId: ref('B/Vpc'), SubnetIds: [ref('B/Sub')] }),
    r('H/BProp', 'AWS::EC2::TransitGatewayRouteTablePropagation', { TransitGatewayAttachmentId: ref('H/BAtt'), TransitGatewayRouteTableId: ref('H/Rt') }),
  ];
  const all = messages(spoke(hub));
  const peering = all.find((x) => x.startsWith('NRG-TGW-PEERING'))!;
  expect(peering).toContain('forwards 10.2.0.0/16 to transit gateway peering attachment H/Peer (peer transit gateway tgw-0fedcba9876543210 in eu-west-1) (its far side is not followed) through transit gateway H/Tgw');
  expect(peering).toContain('Fix: route 10.2.0.0/16 (of 10.0.0.0/8) from the route tables that feed the NAT gateway straight to the transit gateway (or, where the NAT gateway serves other VPCs, route it in their transit gateway tables straight to the peering attachment)');
  const vpc = all.find((x) => x.startsWith('NRG-TGW-VPC'))!;
  expect(vpc).toContain('forwards 10.3.0.0/16 into VPC B/Vpc through transit gateway H/Tgw');
  expect(vpc).toContain('-> propagated route H/BProp (10.3.0.0/16 -> VPC attachment H/BAtt) in H/Rt -> VPC B/Vpc.');
});

test('NRG-TGW-UNKNOWN says why the guard cannot follow, what it reached, and how to declare it', () => {
  const [m] = messages(spoke([r('H/Odd', 'AWS::EC2::TransitGatewayRoute', {
    TransitGatewayRouteTableId: ref('H/Rt'), DestinationCidrBlock: '10.200.0.0/16', TransitGatewayAttachmentId: { Ref: 'AttachmentId' },
  })])).filter((x) => x.startsWith('NRG-TGW-UNKNOWN'));
  expect(m).toContain('[NRG-TGW-UNKNOWN] NAT gateway S/Nat forwards 10.200.0.0/16 to transit gateway H/Tgw via route S/ToCorp for 10.0.0.0/8 in S/PublicRt; '
    + 'the guard cannot tell what kind of attachment Ref AttachmentId is, so the guard cannot tell whether the traffic reaches a VPN, Direct Connect or peering attachment '
    + '(at attachment of unknown kind Ref AttachmentId).');
  expect(m).toContain('Fix: define or declare what the traffic reaches (externalTransitGateways, transitGatewayAttachments), route 10.0.0.0/8 from the route tables that feed the NAT gateway straight to the transit gateway');
});

test('NRG-TGW-PROPAGATION names the attachment, the table, the propagation, the range, the failing condition and the fix', () => {
  const [m] = messages(spoke([r('H/VpnProp', 'AWS::EC2::TransitGatewayRouteTablePropagation', {
    TransitGatewayAttachmentId: ref('H/Vpn', 'TransitGatewayAttachmentId'), TransitGatewayRouteTableId: ref('H/Rt'),
  })])).filter((x) => x.startsWith('NRG-TGW-PROPAGATION'));
  expect(m).toBe('NRG-TGW-PROPAGATION @ H/VpnProp: [NRG-TGW-PROPAGATION] VPN concentrator attachment H/Vpn propagates its routes into H/Rt (propagation H/VpnProp), '
    + 'which NAT gateway S/Nat\'s traffic for 10.0.0.0/16 reaches via route S/ToCorp for 10.0.0.0/8 in S/PublicRt. '
    + 'Any prefix advertised there over BGP that is more specific than the route the traffic takes would send it to the VPN concentrator attachment; the guard cannot see advertisements. '
    + 'Path: route S/ToCorp (10.0.0.0/8 -> transit gateway H/Tgw) in S/PublicRt -> VPC attachment H/SAtt, associated with H/Rt -> H/Rt. '
    + 'That traffic comes from S/PrivateRt (0.0.0.0/0 -> NAT gateway, route S/PrivateDefault). '
    + 'It would not report this if every table that feeds the NAT gateway were a declared transit-only table (here S/PrivateRt is not). '
    + 'AWS forwards this traffic source-NATed to the NAT gateway\'s address and charges NAT processing for it; this guard\'s policy is to keep it off the NAT gateway. '
    + 'Fix: route 10.0.0.0/8 from the route tables that feed the NAT gateway straight to the transit gateway, give H/Rt a static default route (0.0.0.0/0 or ::/0, a blackhole will do) '
    + 'and known routes for what it must carry, or propagate H/Vpn into every table that delivers traffic to the NAT gateway\'s VPC, '
    + 'or acknowledge: Validations.of(scope).acknowledge({ id: \'NRG-TGW-PROPAGATION\', reason: \'...\' }).');
});

test('a route into a transit gateway not defined in the app, declared or not', () => {
  const records = spoke([]).map((x) => (x.path === 'S/ToCorp' ? { ...x, properties: { ...x.properties, TransitGatewayId: 'tgw-0abc' } } : x));
  expect(messages(records).filter((x) => x.startsWith('NRG-TGW-'))).toEqual([expect.stringContaining('that transit gateway is not defined in this app')]);
  const declared = analyze(buildModel(records, { externalTransitGateways: new Map([['tgw-0abc', [{ family: 4, first: 0x0ac80000n, last: 0x0ac8ffffn, length: 16, text: '10.200.0.0/16' }]]]) }), ALL);
  expect(declared.filter((f) => f.ruleId.startsWith('NRG-TGW-')).map((f) => f.message)).toEqual([
    expect.stringContaining('forwards 10.200.0.0/16 to the on-premises ranges declared for transit gateway tgw-0abc (externalTransitGateways) through transit gateway tgw-0abc'),
  ]);
});

describe('what the guard cannot follow, each with its reason', () => {
  const unknowns = (records: ResourceRecord[]) => messages(records).filter((x) => x.startsWith('NRG-TGW-UNKNOWN'));

  test('an association with a table known only by id: the table may hold routes the guard cannot see', () => {
    const records = spoke([]).map((x) => (x.path === 'H/SAssoc' ? { ...x, properties: { ...x.properties, TransitGatewayRouteTableId: 'tgw-rtb-0123' } } : x));
    expect(unknowns(records)).toEqual([expect.stringContaining('route table tgw-rtb-0123 is not defined in this app, or may hold routes the guard cannot see')]);
  });

  test('an association without a table: it cannot be resolved', () => {
    const records = spoke([]).map((x) => (x.path === 'H/SAssoc' ? { ...x, properties: { TransitGatewayAttachmentId: ref('H/SAtt') } } : x));
    expect(unknowns(records)).toEqual([expect.stringContaining('the route table of association H/SAssoc cannot be resolved')]);
  });

  test('a path of more than 32 route tables (peering from transit gateway to transit gateway): said once, with the peering findings', () => {
    const hub: ResourceRecord[] = [];
    const tgws = 20;
    for (let i = 1; i <= tgws; i++) {
      hub.push(r(`H/Tgw${i}`, 'AWS::EC2::TransitGateway', { DefaultRouteTableAssociation: 'disable', DefaultRouteTablePropagation: 'disable' }));
      hub.push(r(`H/Rt${i}`, 'AWS::EC2::TransitGatewayRouteTable', { TransitGatewayId: ref(`H/Tgw${i}`) }));
    }
    const tgw = (i: number) => (i === 0 ? 'H/Tgw' : `H/Tgw${i}`);
    const table = (i: number) => (i === 0 ? 'H/Rt' : `H/Rt${i}`);
    for (let i = 0; i < tgws; i++) {
      hub.push(r(`H/P${i}`, 'AWS::EC2::TransitGatewayPeeringAttachment', { TransitGatewayId: ref(tgw(i)), PeerTransitGatewayId: ref(tgw(i + 1)) }));
      hub.push(r(`H/P${i}Route`, 'AWS::EC2::TransitGatewayRoute', {
        TransitGatewayRouteTableId: ref(table(i)), DestinationCidrBlock: '10.200.0.0/16', TransitGatewayAttachmentId: ref(`H/P${i}`, 'TransitGatewayAttachmentId'),
      }));
      hub.push(r(`H/P${i}Far`, 'AWS::EC2::TransitGatewayRouteTableAssociation', {
        TransitGatewayAttachmentId: ref(`H/P${i}`, 'TransitGatewayAttachmentId'), TransitGatewayRouteTableId: ref(table(i + 1)),
      }));
    }
    // Twenty transit gateways are fewer than 32 tables: followed to the end.
    expect(unknowns(spoke(hub))).toEqual([]);
    expect(messages(spoke(hub)).filter((x) => x.startsWith('NRG-TGW-PEERING'))).toHaveLength(1);
    // A VPC whose tables bounce the traffic back into the next transit gateway lengthens each hop: past 32 tables.
    const long = spoke(hub).map((x) => x);
    for (let i = 1; i <= tgws; i++) {
      long.push(r(`V${i}/Vpc`, 'AWS::EC2::VPC', { CidrBlock: `10.${100 + i}.0.0/16` }));
      long.push(r(`V${i}/Sub`, 'AWS::EC2::Subnet', { VpcId: ref(`V${i}/Vpc`), CidrBlock: `10.${100 + i}.0.0/24` }));
      long.push(r(`V${i}/Rt`, 'AWS::EC2::RouteTable', { VpcId: ref(`V${i}/Vpc`) }));
      long.push(r(`V${i}/Assoc`, 'AWS::EC2::SubnetRouteTableAssociation', { SubnetId: ref(`V${i}/Sub`), RouteTableId: ref(`V${i}/Rt`) }));
      long.push(r(`V${i}/Att`, 'AWS::EC2::TransitGatewayAttachment', { TransitGatewayId: ref(tgw(i)), VpcId: ref(`V${i}/Vpc`), SubnetIds: [ref(`V${i}/Sub`)] }));
      long.push(r(`V${i}/In`, 'AWS::EC2::TransitGatewayRoute', {
        TransitGatewayRouteTableId: ref(table(i)), DestinationCidrBlock: '10.200.0.0/17', TransitGatewayAttachmentId: ref(`V${i}/Att`),
      }));
      if (i < tgws) {
        long.push(r(`V${i}/AttNext`, 'AWS::EC2::TransitGatewayAttachment', { TransitGatewayId: ref(tgw(i + 1)), VpcId: ref(`V${i}/Vpc`), SubnetIds: [ref(`V${i}/Sub`)] }));
        long.push(r(`V${i}/AssocNext`, 'AWS::EC2::TransitGatewayRouteTableAssociation', { TransitGatewayAttachmentId: ref(`V${i}/AttNext`), TransitGatewayRouteTableId: ref(table(i + 1)) }));
        long.push(r(`V${i}/Out`, 'AWS::EC2::Route', { RouteTableId: ref(`V${i}/Rt`), DestinationCidrBlock: '10.200.0.0/17', TransitGatewayId: ref(tgw(i + 1)) }));
      }
    }
    expect(unknowns(long)).toEqual([expect.stringContaining('the path is too long to follow')]);
  });
});

test('"That traffic comes from" names the feeding table whose destinations hold the example range, not the first one', () => {
  const records = spoke([r('H/OnPrem', 'AWS::EC2::TransitGatewayRoute', {
    TransitGatewayRouteTableId: ref('H/Rt'), DestinationCidrBlock: '10.200.0.0/16', TransitGatewayAttachmentId: ref('H/Vpn', 'TransitGatewayAttachmentId'),
  })]).map((x) => (x.path === 'S/PrivateDefault' ? { ...x, properties: { ...x.properties, DestinationCidrBlock: '10.50.0.0/16' } } : x));
  records.push(
    r('S/Private2', 'AWS::EC2::Subnet', { VpcId: ref('S/Vpc'), CidrBlock: '10.1.9.0/24' }),
    r('S/Private2Rt', 'AWS::EC2::RouteTable', { VpcId: ref('S/Vpc') }),
    r('S/Private2Assoc', 'AWS::EC2::SubnetRouteTableAssociation', { SubnetId: ref('S/Private2'), RouteTableId: ref('S/Private2Rt') }),
    r('S/Private2Default', 'AWS::EC2::Route', { RouteTableId: ref('S/Private2Rt'), DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: ref('S/Nat') }),
  );
  const [m] = messages(records).filter((x) => x.startsWith('NRG-TGW-HYBRID'));
  expect(m).toContain('NAT gateway S/Nat forwards 10.200.0.0/16 to VPN concentrator attachment H/Vpn');
  expect(m).toContain('That traffic comes from S/Private2Rt (0.0.0.0/0 -> NAT gateway, route S/Private2Default).');
});

test('a transit rule that is not enabled is not evaluated: without NRG-TGW-PROPAGATION the same model has no such finding', () => {
  const records = spoke([r('H/VpnProp', 'AWS::EC2::TransitGatewayRouteTablePropagation', {
    TransitGatewayAttachmentId: ref('H/Vpn', 'TransitGatewayAttachmentId'), TransitGatewayRouteTableId: ref('H/Rt'),
  })]);
  const rules = (enabled: Set<RuleId>) => analyze(buildModel(records), enabled).map((f) => f.ruleId);
  expect(rules(ALL)).toContain('NRG-TGW-PROPAGATION');
  expect(rules(new Set([...ALL].filter((id) => id !== 'NRG-TGW-PROPAGATION')))).not.toContain('NRG-TGW-PROPAGATION');
});
