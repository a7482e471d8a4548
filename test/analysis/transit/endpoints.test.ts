/**
 * Behind Gateway Load Balancer and Network Firewall endpoints (docs/transit.md): the table of the
 * endpoint's subnet is judged like the NAT gateway's own for the traffic sent there, by every rule;
 * worked example 15 (an inspection VPC with appliance mode). Each a CDK app through all three doors.
 */
import { CfnResource, Fn, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { expectDoorsAgree, newApp, summary } from '../../support/helpers';
import { L1Tgw, L1Vpc } from '../../support/transit-apps';

/** A Network Firewall in one subnet of the VPC; returns the endpoint id a route names (`Fn::Select [0, EndpointIds]`). */
function firewall(stack: Stack, vpc: L1Vpc, subnet: string): string {
  const fw = new CfnResource(stack, 'Firewall', {
    type: 'AWS::NetworkFirewall::Firewall',
    properties: {
      FirewallName: 'inspection',
      FirewallPolicyArn: 'arn:aws:network-firewall:eu-west-1:111111111111:firewall-policy/p',
      VpcId: vpc.vpc.ref,
      SubnetMappings: [{ SubnetId: vpc.subnets.get(subnet)!.ref }],
    },
  });
  return Fn.select(0, Token.asList(fw.getAtt('EndpointIds')));
}

const toEndpoint = (vpc: L1Vpc, table: string, destination: string, endpoint: string, id: string) =>
  new ec2.CfnRoute(vpc, id, { routeTableId: vpc.tables.get(table)!.ref, destinationCidrBlock: destination, vpcEndpointId: endpoint });

describe('behind firewall endpoints', () => {
  /** A VPC whose NAT table sends 192.168.0.0/16 through a firewall whose subnet's table sends it to the VGW; `direct`: the private table routes it itself. */
  function inspected(direct: boolean) {
    const { app, stack } = newApp();
    const v = new L1Vpc(stack, 'V', '10.10.0.0/16').subnet('Public', '10.10.0.0/24').subnet('Private', '10.10.2.0/24').subnet('Firewall', '10.10.3.0/28')
      .nat('Nat', 'Public');
    v.toNat('Private', '0.0.0.0/0', 'Nat', 'PrivateDefault');
    if (direct) v.toVgw('Private', '192.168.0.0/16', 'PrivateOnPrem');
    else v.toIgw('Public', '0.0.0.0/0', 'PublicDefault');
    const endpoint = firewall(stack, v, 'Firewall');
    toEndpoint(v, 'Public', '192.168.0.0/16', endpoint, 'Inspect');
    v.toVgw('Firewall', '192.168.0.0/16', 'OnPrem');
    return app;
  }

  test('a VGW route in the firewall subnet\'s table, reached through the endpoint from the NAT gateway\'s table: NRG-VGW on that route, the path in the message', () => {
    const found = expectDoorsAgree(inspected(false));
    expect(found.map((f) => `${f.level} ${f.rule} @ ${f.path}`)).toEqual(['error NRG-VGW @ S/V/OnPrem']);
    expect(found[0].message).toContain('The NAT gateway\'s table sends it there through endpoint S/Firewall (route S/V/Inspect, 192.168.0.0/16, in S/V/PublicRt)');
  });

  test('the same with the private table routing 192.168.0.0/16 itself: no NAT gateway traffic for it, no finding', () => {
    expect(summary(inspected(true))).toEqual([]);
  });

  /** Example 15: an inspection VPC (appliance mode); `workloads` adds a workload subnet and a VPN route in the inspection table. */
  function inspection(workloads: boolean) {
    const { app, stack } = newApp();
    const hub = new L1Tgw(stack, 'Hub');
    const e = new L1Vpc(stack, 'Insp', '10.10.0.0/16').subnet('Public', '10.10.0.0/24').subnet('Firewall', '10.10.3.0/28')
      .subnet('Tgw', '10.10.1.0/28', { transitOnly: true }).nat('Nat', 'Public');
    const endpoint = firewall(stack, e, 'Firewall');
    toEndpoint(e, 'Tgw', '0.0.0.0/0', endpoint, 'TgwToFirewall');
    e.toNat('Firewall', '0.0.0.0/0', 'Nat', 'FirewallDefault');
    e.toTgw('Firewall', '10.0.0.0/8', hub.tgw, 'FirewallToTgw');
    toEndpoint(e, 'Public', '10.0.0.0/8', endpoint, 'PublicToFirewall');
    e.toIgw('Public', '0.0.0.0/0', 'PublicDefault');
    hub.attach('EAtt', e, ['Tgw'], { table: 'RtInsp' });
    for (const [i, cidr] of ['10.1.0.0/16', '10.2.0.0/16'].entries()) {
      const s = new L1Vpc(stack, `Spoke${i + 1}`, cidr).subnet('Private', cidr.replace('0.0/16', '0.0/24'));
      s.toTgw('Private', '0.0.0.0/0', hub.tgw, 'PrivateDefault');
      hub.attach(`S${i + 1}Att`, s, ['Private'], { table: 'RtSpoke', propagateTo: ['RtInsp'] });
    }
    if (workloads) {
      e.subnet('Work', '10.10.4.0/24');
      e.toNat('Work', '0.0.0.0/0', 'Nat', 'WorkDefault');
      hub.staticRoute('RtInsp', '10.200.0.0/16', hub.vpnConcentrator('Vpn'), 'OnPremStatic');
    }
    return app;
  }

  test('15. inspection VPC: the firewall subnets feed the NAT gateway and send 10/8 to the TGW themselves, so the NAT table\'s 10/8 route serves returns only: no finding', () => {
    expect(summary(inspection(false))).toEqual([]);
  });

  test('15, with a workload subnet and a VPN route in the inspection table: NRG-TGW-HYBRID on the entry route in the firewall table, the path through the endpoint', () => {
    const found = expectDoorsAgree(inspection(true));
    expect(found.map((f) => `${f.level} ${f.rule} @ ${f.path}`)).toEqual(['error NRG-TGW-HYBRID @ S/Insp/FirewallToTgw']);
    expect(found[0].message).toContain('forwards 10.200.0.0/16 to VPN concentrator attachment S/Hub/Vpn');
    expect(found[0].message).toContain('-> NAT gateway S/Insp/Nat -> the NAT gateway\'s table, through endpoint S/Firewall (route S/Insp/PublicToFirewall, 10.0.0.0/8, in S/Insp/PublicRt)');
  });
});
