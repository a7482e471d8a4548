/**
 * Transit gateway 1:1 NAT on a VPC attachment (`AWS::EC2::TransitGatewayAttachmentNatConfiguration`,
 * transit-gateways.md F11, docs/transit.md "1:1 NAT on attachments"): the TGW propagates the rule's
 * NatCidr instead of the VPC block the rule matches exactly. Egress VPC E's NAT gateway table sends
 * the spoke's range to the TGW; RT-E (E's attachment's table) holds the spoke's propagation and a
 * static route for a wider range to a VPN. Each a CDK app of L1s through all three doors.
 */
import { CfnParameter, CfnResource } from 'aws-cdk-lib';
import { newApp, summary } from '../../support/helpers';
import { NAT_CONFIGURATION, NatCase, natConfiguredSpoke } from '../../support/transit-apps';

const SPOKE = '10.0.2.0/26';
const SPOKE_NAT = '100.64.2.0/26';
const app = (c: NatCase) => natConfiguredSpoke(newApp(), c, (stack, props) => new CfnResource(stack, 'SpokeNat', { type: NAT_CONFIGURATION, properties: props }));

const rules = (match: unknown, nat: unknown = SPOKE_NAT) => ({
  NatGatewaySupport: 'enable', NatGatewayRules: [{ MatchSourceCidr: match, NatCidr: nat, RuleNumber: 100 }],
});

describe('1:1 NAT on a VPC attachment', () => {
  test('without NAT: the spoke\'s propagated block beats RT-E\'s wider VPN route, the spoke\'s range goes to the spoke, no finding', () => {
    expect(summary(app({ returnRoute: SPOKE, toVpn: '10.0.0.0/8' }))).toEqual([]);
  });

  test('with NAT on the spoke\'s whole block: the TGW propagates the NAT block instead, the spoke\'s real range falls to the VPN route: NRG-TGW-HYBRID', () => {
    expect(summary(app({ returnRoute: SPOKE, toVpn: '10.0.0.0/8', nat: () => rules(SPOKE) }))).toEqual(['error NRG-TGW-HYBRID @ S/Egress/ToSpoke']);
  });

  test('the NAT block sent to the TGW: without NAT it goes to the VPN (NRG-TGW-HYBRID); with NAT the propagated NAT block beats the VPN route, no finding', () => {
    const natRange: NatCase = { returnRoute: SPOKE_NAT, toVpn: '100.64.0.0/10' };
    expect(summary(app(natRange))).toEqual(['error NRG-TGW-HYBRID @ S/Egress/ToSpoke']);
    expect(summary(app({ ...natRange, nat: () => rules(SPOKE) }))).toEqual([]);
  });

  test('NAT support disabled, or a rule on part of the block only: the block is propagated as it is, no finding', () => {
    expect(summary(app({ returnRoute: SPOKE, toVpn: '10.0.0.0/8', nat: () => ({ ...rules(SPOKE), NatGatewaySupport: 'disable' }) }))).toEqual([]);
    expect(summary(app({ returnRoute: SPOKE, toVpn: '10.0.0.0/8', nat: () => rules('10.0.2.0/27', '100.64.2.0/27') }))).toEqual([]);
  });

  test('a rule whose source block is a parameter: the spoke\'s propagation is unknown (opaque), which never shadows a known route, so RT-E\'s VPN route is reported (fail closed)', () => {
    const withParameter: NatCase = { returnRoute: SPOKE, toVpn: '10.0.0.0/8', nat: (stack) => rules(new CfnParameter(stack, 'Match').valueAsString) };
    expect(summary(app(withParameter))).toEqual(['error NRG-TGW-HYBRID @ S/Egress/ToSpoke']);
    // Support that is a parameter: the same.
    expect(summary(app({ ...withParameter, nat: (stack) => ({ ...rules(SPOKE), NatGatewaySupport: new CfnParameter(stack, 'Support').valueAsString }) })))
      .toEqual(['error NRG-TGW-HYBRID @ S/Egress/ToSpoke']);
  });
});
