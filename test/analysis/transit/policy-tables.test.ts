/**
 * Transit gateway policy tables (policy-based routing, docs/transit.md "Policy tables", worked
 * example 17 and variations): the egress VPC's attachment is associated with a policy table whose
 * entries send traffic by source and destination to route tables; the NAT gateway's traffic has the
 * NAT gateway's subnet as its source. Each a CDK app through all three doors.
 */
import { CfnParameter, CfnResource, Stack } from 'aws-cdk-lib';
import { expectDoorsAgree, newApp } from '../../support/helpers';
import { L1Tgw, L1Vpc } from '../../support/transit-apps';

interface Entry {
  readonly rule: string | { Ref: string };
  readonly to: string;
  readonly source?: string;
  /** A CIDR block, or `{ Ref }` of a parameter (made here). */
  readonly destination?: string | { Ref: string };
  readonly protocol?: string;
}

/**
 * Egress VPC E (NAT gateway in 10.10.0.0/28, fed by its private subnets), its NAT table sending
 * `natRoute` to the hub; E's attachment associated with policy table P; RT-Hybrid sends
 * 10.200.0.0/16 to a VPN concentrator, RT-Vpc blackholes everything.
 */
function app(entries: Entry[], natRoute = '10.0.0.0/8') {
  const { app: a, stack } = newApp();
  const hub = new L1Tgw(stack, 'Hub');
  const e = new L1Vpc(stack, 'Egress', '10.10.0.0/16').subnet('Public', '10.10.0.0/28').subnet('Private', '10.10.2.0/24')
    .subnet('Tgw', '10.10.1.0/28', { transitOnly: true }).nat('Nat', 'Public');
  e.toNat('Private', '0.0.0.0/0', 'Nat', 'PrivateDefault');
  e.toTgw('Public', natRoute, hub.tgw, 'ToCorp');
  const att = hub.attach('EAtt', e, ['Tgw']);
  hub.staticRoute('RtHybrid', '10.200.0.0/16', hub.vpnConcentrator('Vpn'), 'OnPrem');
  hub.staticRoute('RtVpc', '0.0.0.0/0', undefined, 'Drop');
  policyTable(stack, hub, att.ref, entries);
  return a;
}

function policyTable(stack: Stack, hub: L1Tgw, attachmentId: string, entries: Entry[]) {
  for (const x of entries) if (typeof x.destination === 'object') new CfnParameter(stack, x.destination.Ref, { type: 'String' });
  for (const x of entries) if (typeof x.rule === 'object') new CfnParameter(stack, x.rule.Ref, { type: 'String' });
  const policy = new CfnResource(stack, 'Policy', { type: 'AWS::EC2::TransitGatewayPolicyTable', properties: { TransitGatewayId: hub.tgw.ref } });
  entries.forEach((x, i) => new CfnResource(stack, `Entry${i + 1}`, {
    type: 'AWS::EC2::TransitGatewayPolicyTableEntry',
    properties: {
      TransitGatewayPolicyTableId: policy.ref,
      PolicyRuleNumber: x.rule,
      TargetRouteTableId: hub.table(x.to).ref,
      PolicyRule: {
        ...(x.source ? { SourceCidrBlock: x.source } : {}),
        ...(x.destination ? { DestinationCidrBlock: x.destination } : {}),
        ...(x.protocol ? { Protocol: x.protocol } : {}),
      },
    },
  }));
  new CfnResource(stack, 'PolicyAssoc', {
    type: 'AWS::EC2::TransitGatewayPolicyTableAssociation', properties: { TransitGatewayAttachmentId: attachmentId, TransitGatewayPolicyTableId: policy.ref },
  });
}

const EXAMPLE_17: Entry[] = [
  { rule: '10', source: '10.0.0.0/8', destination: '10.200.0.0/16', to: 'RtHybrid' },
  { rule: '20', destination: '0.0.0.0/0', to: 'RtVpc' },
];
const verdicts = (a: ReturnType<typeof app>) => expectDoorsAgree(a);

describe('transit gateway policy tables', () => {
  test('17. rule 10 (from 10.0.0.0/8, the NAT gateway\'s subnet inside it, to 10.200.0.0/16) sends to RT-Hybrid, whose route goes to the VPN: NRG-TGW-HYBRID, the path through the entry', () => {
    const f = verdicts(app(EXAMPLE_17));
    expect(f.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['error NRG-TGW-HYBRID @ S/Egress/ToCorp']);
    expect(f[0].message).toContain('forwards 10.200.0.0/16 to VPN concentrator attachment');
    expect(f[0].message).toContain('associated with policy table S/Policy, entry S/Entry1 (rule 10: from 10.0.0.0/8 to 10.200.0.0/16) -> S/Hub/RtHybrid');
  });

  test('17b. rule 10 with a protocol condition (TCP only) may match: still NRG-TGW-HYBRID (some of the traffic takes it)', () => {
    const f = verdicts(app([{ ...EXAMPLE_17[0], protocol: '6' }, EXAMPLE_17[1]]));
    expect(f.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['error NRG-TGW-HYBRID @ S/Egress/ToCorp']);
    expect(f[0].message).toContain('rule 10: from 10.0.0.0/8 to 10.200.0.0/16 with a protocol or port condition');
  });

  test('17c. the NAT gateway sends only 172.16.0.0/12 to the TGW and no entry matches it: dropped, no finding', () => {
    expect(verdicts(app([EXAMPLE_17[0]], '172.16.0.0/12'))).toEqual([]);
  });

  test('the hybrid entry\'s source cannot hold the NAT gateway\'s address (192.168.0.0/16): skipped, rule 20 blackholes the rest, no finding', () => {
    expect(verdicts(app([{ ...EXAMPLE_17[0], source: '192.168.0.0/16' }, EXAMPLE_17[1]]))).toEqual([]);
  });

  test('a catch-all rule before the hybrid one takes all the traffic to RT-Vpc first: no finding', () => {
    expect(verdicts(app([{ rule: '5', destination: '0.0.0.0/0', to: 'RtVpc' }, EXAMPLE_17[0]]))).toEqual([]);
  });

  test('the same rules written in the other order: rule numbers decide, not the template\'s order', () => {
    const f = verdicts(app([EXAMPLE_17[1], EXAMPLE_17[0]]));
    expect(f.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['error NRG-TGW-HYBRID @ S/Egress/ToCorp']);
  });

  test('a rule number the template leaves to deploy time: the order is unknown, so the hybrid entry may come first: NRG-TGW-HYBRID', () => {
    const f = verdicts(app([{ rule: '5', destination: '0.0.0.0/0', to: 'RtVpc' }, { ...EXAMPLE_17[0], rule: { Ref: 'HybridRule' } }]));
    expect(f.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['error NRG-TGW-HYBRID @ S/Egress/ToCorp']);
    expect(f[0].message).toContain('rule unresolved');
  });

  test('an entry whose destination is a parameter may match: NRG-TGW-HYBRID (fail closed), the expression named', () => {
    const f = verdicts(app([{ rule: '10', destination: { Ref: 'OnPremCidr' }, to: 'RtHybrid' }, EXAMPLE_17[1]]));
    expect(f.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['error NRG-TGW-HYBRID @ S/Egress/ToCorp']);
    expect(f[0].message).toContain('entry S/Entry1 (rule 10: to Ref OnPremCidr');
  });

  test('a policy table the app does not define: NRG-TGW-UNKNOWN, saying its routing cannot be followed', () => {
    const { app: a, stack } = newApp();
    const hub = new L1Tgw(stack, 'Hub');
    const e = new L1Vpc(stack, 'Egress', '10.10.0.0/16').subnet('Public', '10.10.0.0/28').subnet('Private', '10.10.2.0/24')
      .subnet('Tgw', '10.10.1.0/28', { transitOnly: true }).nat('Nat', 'Public');
    e.toNat('Private', '0.0.0.0/0', 'Nat', 'PrivateDefault');
    e.toTgw('Public', '10.0.0.0/8', hub.tgw, 'ToCorp');
    const att = hub.attach('EAtt', e, ['Tgw']);
    new CfnResource(stack, 'PolicyAssoc', {
      type: 'AWS::EC2::TransitGatewayPolicyTableAssociation', properties: { TransitGatewayAttachmentId: att.ref, TransitGatewayPolicyTableId: 'tgw-ptb-0123456789abcdef0' },
    });
    const f = verdicts(a);
    expect(f.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['warning NRG-TGW-UNKNOWN @ S/Egress/ToCorp']);
    expect(f[0].message).toContain('associated with a policy table that is not defined in this app');
  });
});
