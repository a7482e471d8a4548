/**
 * Transit gateway input that CloudFormation or EC2 would refuse, or that the guard cannot read:
 * each named on its construct, through all three doors, never a crash and never a silent pass.
 */
import { CfnParameter, CfnResource, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { expectDoorsAgree, newApp, summary } from '../../support/helpers';
import { L1Tgw, L1Vpc } from '../../support/transit-apps';

/** An egress VPC with workloads and a NAT table that sends 10/8 to the hub; returns what a case needs. */
function base(stack: Stack) {
  const hub = new L1Tgw(stack, 'Hub');
  const e = new L1Vpc(stack, 'Egress', '10.10.0.0/16').subnet('Public', '10.10.0.0/24').subnet('Private', '10.10.2.0/24')
    .subnet('Tgw', '10.10.1.0/28', { transitOnly: true }).nat('Nat', 'Public');
  e.toNat('Private', '0.0.0.0/0', 'Nat', 'PrivateDefault');
  e.toTgw('Public', '10.0.0.0/8', hub.tgw, 'ToCorp');
  const att = hub.attach('EAtt', e, ['Tgw'], { table: 'RtE' });
  return { hub, e, att };
}

describe('bad transit gateway input is named, never a crash', () => {
  test('a TGW route with neither an attachment nor Blackhole: NRG-UNRESOLVED on it', () => {
    const { app, stack } = newApp();
    const { hub } = base(stack);
    new ec2.CfnTransitGatewayRoute(stack, 'Nowhere', { transitGatewayRouteTableId: hub.table('RtE').ref, destinationCidrBlock: '10.200.0.0/16' });
    const f = expectDoorsAgree(app);
    expect(f.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['warning NRG-UNRESOLVED @ S/Nowhere']);
    expect(f[0].message).toContain('has neither an attachment nor Blackhole: true');
  });

  test('a TGW route with a malformed destination: NRG-INVALID', () => {
    const { app, stack } = newApp();
    const { hub, att } = base(stack);
    new ec2.CfnTransitGatewayRoute(stack, 'Bad', { transitGatewayRouteTableId: hub.table('RtE').ref, destinationCidrBlock: '10.200.0.1/16', transitGatewayAttachmentId: att.ref });
    expect(summary(app)).toEqual(['error NRG-INVALID @ S/Bad']);
  });

  test('an association with a table of another transit gateway: NRG-INVALID', () => {
    const { app, stack } = newApp();
    const { att } = base(stack);
    const other = new L1Tgw(stack, 'Other');
    new ec2.CfnTransitGatewayRouteTableAssociation(stack, 'Cross', { transitGatewayAttachmentId: att.ref, transitGatewayRouteTableId: other.table('RtO').ref });
    const f = expectDoorsAgree(app);
    expect(f.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['error NRG-INVALID @ S/Cross']);
    expect(f[0].message).toContain('to route table S/Other/RtO of transit gateway S/Other/Tgw');
  });

  test('an attachment to a transit gateway known only by a parameter, associated with a table of the app\'s hub: unknown, not invalid (it may be the hub)', () => {
    const { app, stack } = newApp();
    const { hub, e } = base(stack);
    const tgwId = new CfnParameter(stack, 'TgwId', { type: 'String' });
    const att = new ec2.CfnTransitGatewayAttachment(stack, 'Elsewhere', { transitGatewayId: tgwId.valueAsString, vpcId: e.vpc.ref, subnetIds: [e.subnets.get('Tgw')!.ref] });
    new ec2.CfnTransitGatewayRouteTableAssociation(stack, 'Cross', { transitGatewayAttachmentId: att.ref, transitGatewayRouteTableId: hub.table('RtE').ref });
    expect(summary(app).filter((f) => f.includes('NRG-INVALID'))).toEqual([]);
  });

  test('a peering attachment to its own transit gateway: NRG-INVALID', () => {
    const { app, stack } = newApp();
    const { hub } = base(stack);
    new ec2.CfnTransitGatewayPeeringAttachment(stack, 'Self', {
      transitGatewayId: hub.tgw.ref, peerTransitGatewayId: hub.tgw.ref, peerAccountId: '111111111111', peerRegion: 'eu-west-1',
    });
    expect(summary(app)).toEqual(['error NRG-INVALID @ S/Self']);
  });

  test('an attachment whose subnets are not of its VPC: NRG-INVALID', () => {
    const { app, stack } = newApp();
    const { hub, e } = base(stack);
    const other = new L1Vpc(stack, 'Other', '10.20.0.0/16').subnet('Tgw', '10.20.0.0/28');
    new ec2.CfnTransitGatewayAttachment(stack, 'Mixed', { transitGatewayId: hub.tgw.ref, vpcId: e.vpc.ref, subnetIds: [other.subnets.get('Tgw')!.ref] });
    expect(summary(app)).toEqual(['error NRG-INVALID @ S/Mixed']);
  });

  test('a policy table entry with an unresolved CIDR (a parameter) and one with none: named in the path, followed as matching, never a crash', () => {
    const { app, stack } = newApp();
    const { hub, att } = base(stack);
    hub.staticRoute('RtHybrid', '10.200.0.0/16', hub.vpnConcentrator('Vpn'), 'OnPrem');
    const cidr = new CfnParameter(stack, 'Cidr', { type: 'String' });
    const policy = new CfnResource(stack, 'Policy', { type: 'AWS::EC2::TransitGatewayPolicyTable', properties: { TransitGatewayId: hub.tgw.ref } });
    new CfnResource(stack, 'Entry', {
      type: 'AWS::EC2::TransitGatewayPolicyTableEntry',
      properties: { TransitGatewayPolicyTableId: policy.ref, PolicyRuleNumber: '10', TargetRouteTableId: hub.table('RtHybrid').ref, PolicyRule: { DestinationCidrBlock: cidr.valueAsString } },
    });
    new CfnResource(stack, 'Rest', {
      type: 'AWS::EC2::TransitGatewayPolicyTableEntry',
      properties: { TransitGatewayPolicyTableId: policy.ref, PolicyRuleNumber: '20', TargetRouteTableId: hub.table('RtE').ref, PolicyRule: { DestinationCidrBlock: { Ref: 'AWS::NoValue' } } },
    });
    new CfnResource(stack, 'PolicyAssoc', {
      type: 'AWS::EC2::TransitGatewayPolicyTableAssociation', properties: { TransitGatewayAttachmentId: att.ref, TransitGatewayPolicyTableId: policy.ref },
    });
    const f = expectDoorsAgree(app);
    expect(f.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['error NRG-TGW-HYBRID @ S/Egress/ToCorp']);
    expect(f[0].message).toContain('entry S/Entry (rule 10: to Ref Cidr');
  });

  test('a cycle across three transit gateways (peering all round): followed once round, one NRG-TGW-PEERING, no hang', () => {
    const { app, stack } = newApp();
    const { hub } = base(stack);
    const tgws = [hub, new L1Tgw(stack, 'Two'), new L1Tgw(stack, 'Three')];
    tgws.forEach((t, i) => {
      const next = tgws[(i + 1) % 3];
      const peer = new ec2.CfnTransitGatewayPeeringAttachment(stack, `Peer${i}`, {
        transitGatewayId: t.tgw.ref, peerTransitGatewayId: next.tgw.ref, peerAccountId: '111111111111', peerRegion: 'eu-west-1',
      });
      const here = i === 0 ? 'RtE' : `Rt${i}`;
      t.staticRoute(here, '10.0.0.0/8', peer.attrTransitGatewayAttachmentId, `Round${i}`);
      next.wire(`FromPeer${i}`, peer.attrTransitGatewayAttachmentId, { table: (i + 1) % 3 === 0 ? 'RtE' : `Rt${(i + 1) % 3}` });
    });
    expect(summary(app)).toEqual(['error NRG-TGW-PEERING @ S/Egress/ToCorp']);
  });
});
