/**
 * The worked examples of docs/judging.md, as real CDK apps.
 */
import { Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { NatRouteRuleLevel } from '../../src';
import { blogVpc, buildBlogApp } from '../demo/blog-app';
import { expectDoorsAgree, newApp, summary } from '../support/helpers';

const hybridVpc = blogVpc;

function vgwRoute(vpc: ec2.Vpc, subnet: ec2.ISubnet, id: string, cidr: string) {
  (subnet as ec2.Subnet).addRoute(id, { routerType: ec2.RouterType.GATEWAY, routerId: vpc.vpnGatewayId!, destinationCidrBlock: cidr });
}

describe('worked examples (docs/judging.md)', () => {
  test('1. the blog: NRG-VGW on the route in the NAT gateway\'s table only', () => {
    const app = buildBlogApp('broken');
    // The route sits in both public tables, but only PublicSubnet1 hosts the NAT gateway.
    expect(summary(app)).toEqual(['error NRG-VGW @ BlogBroken/Vpc/PublicSubnet1/OnPremises']);
    const stack = app.node.findChild('BlogBroken') as Stack;
    Annotations.fromStack(stack).hasError('/BlogBroken/Vpc/PublicSubnet1/OnPremises', Match.stringLikeRegexp(
      '^\\[NRG-VGW\\] NAT gateway (…/|BlogBroken/)Vpc/PublicSubnet1/NATGateway forwards 192\\.168\\.1\\.0/24 to virtual private gateway (…/|BlogBroken/)Vpc/VpnGateway .*\\n'
      + '  Path: BlogBroken/Vpc/PrivateSubnet[12]/RouteTable \\(0\\.0\\.0\\.0/0 -> NAT gateway, route BlogBroken/Vpc/PrivateSubnet[12]/DefaultRoute\\) -> NAT gateway BlogBroken/Vpc/PublicSubnet1/NATGateway -> .*\\n'
      + '  Fix: route 192\\.168\\.1\\.0/24 from the route tables that feed the NAT gateway straight to the virtual private gateway'));
  });

  test('2. the blog fixed: routed from the private tables, no finding', () => {
    const app = buildBlogApp('fixed');
    expect(summary(app)).toEqual([]);
    Annotations.fromStack(app.node.findChild('BlogFixed') as Stack).hasNoError('*', Match.anyValue());
  });

  test('2b. routed from both: the private route wins, no finding', () => {
    const { app, stack } = newApp();
    const vpc = hybridVpc(stack);
    [...vpc.publicSubnets, ...vpc.privateSubnets].forEach((s) => vgwRoute(vpc, s, 'OnPrem', '192.168.1.0/24'));
    expect(summary(app)).toEqual([]);
  });

  test('3. the private tables cover half the range: the other half is the example', () => {
    const { app, stack } = newApp();
    const vpc = hybridVpc(stack);
    vgwRoute(vpc, vpc.publicSubnets[0], 'OnPrem', '192.168.1.0/24');
    vpc.privateSubnets.forEach((s) => vgwRoute(vpc, s, 'OnPremHalf', '192.168.1.0/25'));
    const r = expectDoorsAgree(app);
    expect(r.map((x) => `${x.rule} @ ${x.path}`)).toEqual(['NRG-VGW @ S/Vpc/PublicSubnet1/OnPrem']);
    expect(r[0].message).toContain('forwards 192.168.1.128/25 to virtual private gateway');
  });

  test('4. centralized egress through a transit gateway: silent by default, NRG-TGW when on', () => {
    const build = (on: boolean) => {
      const { app, stack } = newApp(on ? { ruleLevels: { 'NRG-TGW': NatRouteRuleLevel.ERROR } } : undefined);
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 1 });
      const tgw = new ec2.CfnTransitGateway(stack, 'Tgw', {});
      (vpc.publicSubnets[0] as ec2.Subnet).addRoute('ToCorp', {
        routerType: ec2.RouterType.TRANSIT_GATEWAY, routerId: tgw.ref, destinationCidrBlock: '10.0.0.0/8',
      });
      return app;
    };
    // The VPC's own 10.0.0.0/16 stays local, so the example is the first range outside it.
    expect(summary(build(false))).toEqual([]);
    const r = expectDoorsAgree(build(true));
    expect(r.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['error NRG-TGW @ S/Vpc/PublicSubnet1/ToCorp']);
    expect(r[0].message).toContain('forwards 10.1.0.0/16 to transit gateway S/Tgw');
  });

  test('5. vpnGateway with default propagation (private tables): no finding; into PUBLIC: NRG-PROPAGATION', () => {
    const ok = newApp();
    hybridVpc(ok.stack);
    expect(summary(ok.app)).toEqual([]);

    const bad = newApp();
    hybridVpc(bad.stack, { vpnRoutePropagation: [{ subnetType: ec2.SubnetType.PUBLIC }] });
    const r = expectDoorsAgree(bad.app);
    expect(r.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['error NRG-PROPAGATION @ S/Vpc/RoutePropagation']);
    expect(r[0].message).toContain('propagates its routes into S/Vpc/PublicSubnet1/RouteTable, the route table of NAT gateway S/Vpc/PublicSubnet1/NATGateway');
  });

  test('5b. propagation into both the NAT table and every feeding table, all default routes: exempt', () => {
    const { app, stack } = newApp();
    hybridVpc(stack, { vpnRoutePropagation: [{ subnetType: ec2.SubnetType.PUBLIC }, { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }] });
    expect(summary(app)).toEqual([]);
  });

  test('6. NAT table to a firewall endpoint, firewall subnet to the IGW: no finding', () => {
    const { app, stack } = newApp({ ruleLevels: { 'NRG-TGW': NatRouteRuleLevel.ERROR } });
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      maxAzs: 1,
      natGateways: 1,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      ],
    });
    const pub = vpc.publicSubnets[0] as ec2.Subnet;
    const defaultRoute = pub.node.findChild('DefaultRoute') as ec2.CfnRoute;
    defaultRoute.addPropertyDeletionOverride('GatewayId');
    defaultRoute.addPropertyOverride('VpcEndpointId', 'vpce-0123456789abcdef0');
    expect(summary(app)).toEqual([]);
  });

  test('7. NAT64: the private table sends only 64:ff9b::/96 to the NAT gateway', () => {
    const { app, stack } = newApp();
    const vpc = hybridVpc(stack, { maxAzs: 1 });
    const priv = vpc.privateSubnets[0] as ec2.Subnet;
    (priv.node.findChild('DefaultRoute') as ec2.CfnRoute).addPropertyDeletionOverride('DestinationCidrBlock');
    (priv.node.findChild('DefaultRoute') as ec2.CfnRoute).addPropertyOverride('DestinationIpv6CidrBlock', '64:ff9b::/96');
    vgwRoute(vpc, vpc.publicSubnets[0], 'OnPrem', '192.168.1.0/24');
    const r = expectDoorsAgree(app);
    expect(r.map((x) => `${x.rule} @ ${x.path}`)).toEqual(['NRG-VGW @ S/Vpc/PublicSubnet1/OnPrem']);
    expect(r[0].message).toContain('(64:ff9b::/96 -> NAT gateway, translated to IPv4 by NAT64');
  });
});
