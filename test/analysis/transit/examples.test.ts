/**
 * The worked examples of docs/transit.md (the specification's section 9, numbered as there), each
 * a CDK app of L1s judged through all three doors (the Aspect, the validation plugin, the command line).
 */
import { Stack } from 'aws-cdk-lib';
import { expectDoorsAgree, newApp, summary } from '../../support/helpers';
import { L1Tgw, L1Vpc, egressAndSpoke } from '../../support/transit-apps';

const ON_PREM = '10.200.0.0/16';

/** Spoke with its own NAT gateway; its public (NAT) table sends 10/8 to the TGW; the TGW sends on-premises to a VPN. */
function spoke(opts: { privateToTgw?: boolean; bgp?: boolean } = {}) {
  const { app, stack } = newApp();
  const hub = new L1Tgw(stack, 'Hub');
  const s = new L1Vpc(stack, 'Spoke', '10.1.0.0/16')
    .subnet('Public', '10.1.0.0/24').subnet('Private', '10.1.1.0/24').subnet('Tgw', '10.1.2.0/28', { transitOnly: true })
    .nat('Nat', 'Public');
  s.toIgw('Public', '0.0.0.0/0', 'PublicDefault');
  s.toNat('Private', '0.0.0.0/0', 'Nat', 'PrivateDefault');
  s.toTgw('Public', '10.0.0.0/8', hub.tgw, 'ToCorp');
  if (opts.privateToTgw) s.toTgw('Private', '10.0.0.0/8', hub.tgw, 'PrivateToCorp');
  const vpnAttachment = hub.vpnConcentrator('OnPremVpn');
  hub.attach('SpokeAtt', s, ['Tgw'], { table: 'SpokeRt', propagateTo: ['SpokeRt'] });
  if (opts.bgp) hub.wire('Vpn', vpnAttachment, { propagateTo: ['SpokeRt'] });
  else hub.staticRoute('SpokeRt', ON_PREM, vpnAttachment, 'OnPremStatic');
  return app;
}

/** Example 3's egress VPC and spoke: the NAT table returns the spoke's range to the TGW. */
const egress = (stack: Stack, opts: { transitOnly?: boolean } = {}) => egressAndSpoke(stack, { returnRoute: '10.0.2.0/26', returnName: 'Return', ...opts });

describe('worked examples (docs/transit.md, section 9)', () => {
  test('1. spoke with a local NAT gateway, on-premises through the TGW (the blog\'s TGW twin): NRG-TGW-HYBRID on the NAT table\'s TGW route', () => {
    const found = expectDoorsAgree(spoke());
    expect(found.map((f) => `${f.level} ${f.rule} @ ${f.path}`)).toEqual(['error NRG-TGW-HYBRID @ S/Spoke/ToCorp']);
    expect(found[0].message).toContain('forwards 10.200.0.0/16 to VPN concentrator attachment S/Hub/OnPremVpn through transit gateway S/Hub/Tgw');
    expect(found[0].message).toContain('static route S/Hub/OnPremStatic (10.200.0.0/16 -> VPN concentrator attachment S/Hub/OnPremVpn) in S/Hub/SpokeRt');
    expect(found[0].message).toContain('Path: S/Spoke/PrivateRt (0.0.0.0/0 -> NAT gateway, route S/Spoke/PrivateDefault) -> NAT gateway S/Spoke/Nat -> ');
    expect(found[0].message).toContain('Fix: route 10.200.0.0/16 (of 10.0.0.0/8) from the route tables that feed the NAT gateway straight to the transit gateway');
  });

  test('1, the TGW routed to by its Fn::GetAtt Id: the same finding, the TGW named by its path as a Ref is', () => {
    const { app, stack } = newApp();
    const hub = new L1Tgw(stack, 'Hub');
    const s = new L1Vpc(stack, 'Spoke', '10.1.0.0/16').subnet('Public', '10.1.0.0/24').subnet('Private', '10.1.1.0/24')
      .subnet('Tgw', '10.1.2.0/28', { transitOnly: true }).nat('Nat', 'Public');
    s.toIgw('Public', '0.0.0.0/0', 'PublicDefault');
    s.toNat('Private', '0.0.0.0/0', 'Nat', 'PrivateDefault');
    s.toTgw('Public', '10.0.0.0/8', hub.tgw.attrId, 'ToCorp');
    const vpn = hub.vpnConcentrator('OnPremVpn');
    hub.attach('SpokeAtt', s, ['Tgw'], { table: 'SpokeRt', propagateTo: ['SpokeRt'] });
    hub.staticRoute('SpokeRt', ON_PREM, vpn, 'OnPremStatic');
    const found = expectDoorsAgree(app);
    expect(found.map((f) => `${f.level} ${f.rule} @ ${f.path}`)).toEqual(['error NRG-TGW-HYBRID @ S/Spoke/ToCorp']);
    expect(found[0].message).toContain('through transit gateway S/Hub/Tgw');
    expect(found[0].message).not.toContain('Fn::GetAtt');
  });

  test('1, BGP variant: the VPN propagates instead of a static route: NRG-TGW-PROPAGATION (warning) on the propagation', () => {
    const found = expectDoorsAgree(spoke({ bgp: true }));
    expect(found.map((f) => `${f.level} ${f.rule} @ ${f.path}`)).toEqual(['warning NRG-TGW-PROPAGATION @ S/Hub/VpnPropSpokeRt']);
    expect(found[0].message).toContain('(here S/Spoke/PrivateRt is not)');
  });

  test('2. the private table also sends 10/8 to the TGW: no NAT gateway traffic for it, no finding', () => {
    expect(summary(spoke({ privateToTgw: true }))).toEqual([]);
    expect(summary(spoke({ privateToTgw: true, bgp: true }))).toEqual([]);
  });

  test('3. centralized egress, VPC attachments only (AWS\'s scenario): no finding, NRG-TGW silent too with a transit-only attachment subnet', () => {
    for (const levels of [undefined, { 'NRG-TGW': 'error', 'NRG-TGW-VPC': 'error' }] as const) {
      const { app: a, stack } = newApp(levels && { ruleLevels: levels as never });
      const { hub, e, s } = egress(stack);
      const ea = hub.attach('EgressAtt', e, ['Tgw'], { table: 'Rt', propagateTo: ['Rt'] });
      hub.attach('SpokeAtt', s, ['Tgw'], { table: 'Rt', propagateTo: ['Rt'] });
      hub.staticRoute('Rt', '0.0.0.0/0', ea.ref, 'Default');
      expect(summary(a)).toEqual([]);
    }
  });

  test('3, attachment subnet not declared transit-only: NRG-TGW (if on) is a warning that says how to declare it', () => {
    const { app: a, stack } = newApp({ ruleLevels: { 'NRG-TGW': 'error' as never, 'NRG-TGW-VPC': 'error' as never } });
    const { hub, e, s } = egress(stack, { transitOnly: false });
    const ea = hub.attach('EgressAtt', e, ['Tgw'], { table: 'Rt', propagateTo: ['Rt'] });
    hub.attach('SpokeAtt', s, ['Tgw'], { table: 'Rt', propagateTo: ['Rt'] });
    hub.staticRoute('Rt', '0.0.0.0/0', ea.ref, 'Default');
    const found = expectDoorsAgree(a);
    expect(found.map((f) => `${f.level} ${f.rule} @ ${f.path}`).sort()).toEqual(['warning NRG-TGW @ S/Egress/Return', 'warning NRG-TGW-VPC @ S/Egress/Return']);
    expect(found[0].message).toContain('only from S/Egress/TgwRt, whose subnets hold the transit gateway attachment');
  });
});
