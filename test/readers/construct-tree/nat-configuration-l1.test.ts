/**
 * Transit gateway 1:1 NAT written with the generated L1 (`ec2.CfnTransitGatewayAttachmentNatConfiguration`,
 * aws-cdk-lib 2.276 and later): its rules are read attribute by attribute (a list of objects, resolved
 * whole) as the template reader reads the rendered template. On older releases (the peer minimum,
 * 2.257) the class does not exist; the same cases are in test/analysis/transit/nat-configuration.test.ts
 * with a CfnResource of the type.
 */
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { newApp, summary } from '../../support/helpers';
import { natConfiguredSpoke } from '../../support/transit-apps';

type NatL1 = new (scope: Stack, id: string, props: Record<string, unknown>) => unknown;
const L1 = (ec2 as unknown as { CfnTransitGatewayAttachmentNatConfiguration?: NatL1 }).CfnTransitGatewayAttachmentNatConfiguration;
if (!L1) console.warn('aws-cdk-lib here has no CfnTransitGatewayAttachmentNatConfiguration (added in 2.276): SKIPPING its L1 reader test');
const maybe = L1 ? test : test.skip;

/** CloudFormation's property names to the L1's (a rule's fields too). */
const camel = (props: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(props).map(([k, v]) => [
  k.charAt(0).toLowerCase() + k.slice(1),
  Array.isArray(v) ? v.map((x) => (x !== null && typeof x === 'object' ? camel(x as Record<string, unknown>) : x)) : v,
]));

describe('1:1 NAT through the generated L1', () => {
  maybe('a rule on the spoke\'s whole block: the TGW propagates the NAT block instead, the spoke\'s range falls to RT-E\'s VPN route: NRG-TGW-HYBRID, both doors', () => {
    const nat = () => ({ NatGatewaySupport: 'enable', NatGatewayRules: [{ MatchSourceCidr: '10.0.2.0/26', NatCidr: '100.64.2.0/26', RuleNumber: 100 }] });
    const app = natConfiguredSpoke(newApp(), { returnRoute: '10.0.2.0/26', toVpn: '10.0.0.0/8', nat }, (stack, props) => new L1!(stack, 'SpokeNat', camel(props)));
    expect(summary(app)).toEqual(['error NRG-TGW-HYBRID @ S/Egress/ToSpoke']);
    // Disabled: the block is propagated as it is, the spoke's range goes to the spoke.
    const off = () => ({ ...nat(), NatGatewaySupport: 'disable' });
    expect(summary(natConfiguredSpoke(newApp(), { returnRoute: '10.0.2.0/26', toVpn: '10.0.0.0/8', nat: off }, (stack, props) => new L1!(stack, 'SpokeNat', camel(props)))))
      .toEqual([]);
  });
});
