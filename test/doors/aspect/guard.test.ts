/**
 * The Aspect as a user meets it: levels, acknowledgements, duplicates, odd input.
 */
import { App, AspectPriority, Aspects, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { NatRouteGuard, NatRouteRule, NatRouteRuleLevel } from '../../../src';
import * as buildModelModule from '../../../src/build/build-model';
import { aspectFindings, expectDoorsAgree, newApp, summary } from '../../support/helpers';

/** The blog with ec2.Vpc; returns the offending route. */
function blog(stack: Stack): { vpc: ec2.Vpc; route: ec2.CfnRoute } {
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 1, vpnGateway: true });
  const subnet = vpc.publicSubnets[0] as ec2.Subnet;
  subnet.addRoute('OnPrem', { routerType: ec2.RouterType.GATEWAY, routerId: vpc.vpnGatewayId!, destinationCidrBlock: '192.168.1.0/24' });
  return { vpc, route: subnet.node.findChild('OnPrem') as ec2.CfnRoute };
}

describe('rule levels', () => {
  test('a rule can be made a warning or turned off', () => {
    const warn = newApp({ ruleLevels: { 'NRG-VGW': NatRouteRuleLevel.WARNING } });
    blog(warn.stack);
    expect(summary(warn.app)).toEqual(['warning NRG-VGW @ S/Vpc/PublicSubnet1/OnPrem']);
    Annotations.fromStack(warn.stack).hasWarning('/S/Vpc/PublicSubnet1/OnPrem', Match.stringLikeRegexp('^\\[NRG-VGW\\][\\s\\S]*ack: cdk-nat-route-guard::NRG-VGW'));

    const off = newApp({ ruleLevels: { 'NRG-VGW': NatRouteRuleLevel.OFF } });
    blog(off.stack);
    expect(summary(off.app)).toEqual([]);
  });

  test('an unknown rule id is refused by name, with the valid ids', () => {
    expect(() => new NatRouteGuard({ ruleLevels: { 'NRG-VGWW': NatRouteRuleLevel.ERROR } }))
      .toThrow(/NatRouteGuardProps.ruleLevels: 'NRG-VGWW' is not a rule of cdk-nat-route-guard; use one of NRG-VGW, NRG-PCX/);
    expect(() => new NatRouteGuard({ ruleLevels: { 'NRG-VGW': 'loud' as NatRouteRuleLevel } }))
      .toThrow(/'loud' is not a NatRouteRuleLevel/);
  });

  test('the rule listing matches the specification\'s defaults', () => {
    expect(NatRouteRule.all().map((r) => `${r.id}=${r.defaultLevel}`)).toEqual([
      'NRG-VGW=error', 'NRG-PCX=error', 'NRG-PROPAGATION=error', 'NRG-PRIVATE-IGW=error',
      'NRG-VPCE=warning', 'NRG-TGW=off', 'NRG-TGW-HYBRID=error', 'NRG-TGW-PEERING=error', 'NRG-TGW-PROPAGATION=warning',
      'NRG-TGW-UNKNOWN=warning', 'NRG-TGW-VPC=off', 'NRG-UNRESOLVED=warning', 'NRG-INVALID=error', 'NRG-UNKNOWN-ACK=warning',
    ]);
    expect(NatRouteRule.VGW.title).toMatch(/virtual private gateway/);
    expect(NatRouteRule.fromId('NRG-PCX').id).toBe('NRG-PCX');
    expect(() => NatRouteRule.fromId('nope')).toThrow(/'nope' is not a rule/);
  });
});

describe('acknowledgement', () => {
  test('Validations.of(route).acknowledge turns the error into an info that shows the reason', () => {
    const { app, stack } = newApp();
    const { route } = blog(stack);
    Validations.of(route).acknowledge({ id: 'NRG-VGW', reason: 'Legacy appliance, ticket NET-42' });
    const r = expectDoorsAgree(app);
    expect(r.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['info NRG-VGW @ S/Vpc/PublicSubnet1/OnPrem']);
    expect(r[0].message).toContain('Acknowledged on S/Vpc/PublicSubnet1/OnPrem: Legacy appliance, ticket NET-42');
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
  });

  test('an acknowledgement on an ancestor covers the constructs below it, and only that rule', () => {
    const { app, stack } = newApp();
    const { vpc } = blog(stack);
    (vpc.publicSubnets[0] as ec2.Subnet).addRoute('Peer', {
      routerType: ec2.RouterType.VPC_PEERING_CONNECTION, routerId: 'pcx-0123456789abcdef0', destinationCidrBlock: '172.31.0.0/16',
    });
    NatRouteGuard.acknowledge(vpc, 'NRG-VGW', 'Hybrid NAT accepted by the network team');
    expect(summary(app)).toEqual(['error NRG-PCX @ S/Vpc/PublicSubnet1/Peer', 'info NRG-VGW @ S/Vpc/PublicSubnet1/OnPrem']);
  });

  test('an acknowledged warning becomes an info too', () => {
    const { app, stack } = newApp();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 1 });
    const ep = vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3, subnets: [{ subnetType: ec2.SubnetType.PUBLIC }] });
    NatRouteGuard.acknowledge(ep, 'NRG-VPCE', 'Only the public subnet talks to S3');
    expect(summary(app)).toEqual(['info NRG-VPCE @ S/Vpc/S3/Resource']);
  });

  test('an empty reason is refused with a clear error', () => {
    const { stack } = newApp();
    const { route } = blog(stack);
    expect(() => NatRouteGuard.acknowledge(route, 'NRG-VGW', '  ')).toThrow(
      'NatRouteGuard.acknowledge: the reason for acknowledging NRG-VGW on S/Vpc/PublicSubnet1/OnPrem is empty; say why the finding is acceptable');
    expect(() => NatRouteGuard.acknowledge(route, 'NRG-NOPE', 'why')).toThrow(/'NRG-NOPE' is not a rule/);
  });

  test('an empty reason given through Validations directly is ignored, and the error says so', () => {
    const { app, stack } = newApp();
    const { route } = blog(stack);
    Validations.of(route).acknowledge({ id: 'NRG-VGW', reason: '' });
    const r = expectDoorsAgree(app);
    expect(r.map((x) => `${x.level} ${x.rule}`)).toEqual(['error NRG-VGW']);
    expect(r[0].message).toContain('was ignored because its reason is empty');
  });
});

describe('one analysis, each finding once', () => {
  test('the guard added twice, at the app and at the stack, reports once', () => {
    const { app, stack } = newApp();
    Aspects.of(stack).add(new NatRouteGuard(), { priority: AspectPriority.READONLY });
    Aspects.of(app).add(new NatRouteGuard());
    blog(stack);
    expect(summary(app)).toEqual(['error NRG-VGW @ S/Vpc/PublicSubnet1/OnPrem']);
  });

  test('added to one stack only, it still follows traffic across the whole app', () => {
    const app = new App();
    const net = new Stack(app, 'Net');
    const vpc = new ec2.Vpc(net, 'Vpc', { maxAzs: 1, natGateways: 1, vpnGateway: true });
    const routes = new Stack(app, 'Routes');
    Aspects.of(routes).add(new NatRouteGuard(), { priority: AspectPriority.READONLY });
    new ec2.CfnRoute(routes, 'OnPrem', { routeTableId: vpc.publicSubnets[0].routeTable.routeTableId, destinationCidrBlock: '192.168.1.0/24', gatewayId: vpc.vpnGatewayId });
    expect(summary(app)).toEqual(['error NRG-VGW @ Routes/OnPrem']);
  });

  test('the guard creates no constructs', () => {
    const count = (withGuard: boolean) => {
      const app = new App();
      const stack = new Stack(app, 'S');
      blog(stack);
      if (withGuard) Aspects.of(app).add(new NatRouteGuard(), { priority: AspectPriority.READONLY });
      app.synth();
      let n = 0;
      const visit = (c: IConstruct) => { n++; c.node.children.forEach(visit); };
      visit(app);
      return n;
    };
    expect(count(true)).toBe(count(false));
  });
});

describe('odd input never throws: it becomes a named finding', () => {
  test('a failure inside the guard is reported on the stage, not thrown', () => {
    const spy = jest.spyOn(buildModelModule, 'buildModel').mockImplementation(() => {
      throw new Error('boom');
    });
    try {
      const { app, stack } = newApp();
      blog(stack);
      const r = aspectFindings(app); // the plugin fails the same way: see the plugin's tests
      expect(r.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['warning NRG-UNRESOLVED @ S']);
      expect(r[0].message).toContain('could not analyse the app (boom)');
    } finally {
      spy.mockRestore();
    }
  });

  const table = (stack: Stack) => {
    const { vpc } = blog(stack);
    return { vpc, rt: vpc.publicSubnets[0].routeTable.routeTableId };
  };

  test.each([
    ['10.0.0.0/33', "has an invalid DestinationCidrBlock: '10.0.0.0/33' is not a valid CIDR block: the prefix length 33 exceeds 32"],
    ['300.1.1.0/24', 'octet 300 exceeds 255'],
    ['10.0.0.1/16', 'host bits are set'],
    ['', 'an empty string is not a valid CIDR block'],
    ['2001:db8::/32', 'an IPv6 block where an IPv4 block is required'],
  ])('invalid CIDR %p: NRG-INVALID', (cidr, why) => {
    const { app, stack } = newApp();
    const { vpc, rt } = table(stack);
    new ec2.CfnRoute(stack, 'Bad', { routeTableId: rt, destinationCidrBlock: cidr, gatewayId: vpc.vpnGatewayId });
    const r = expectDoorsAgree(app).filter((x) => x.path === 'S/Bad');
    expect(r.map((x) => `${x.level} ${x.rule}`)).toEqual(['error NRG-INVALID']);
    expect(r[0].message).toContain(why);
  });

  test('two targets, no target, no destination, two destinations', () => {
    const { app, stack } = newApp();
    const { vpc, rt } = table(stack);
    new ec2.CfnRoute(stack, 'TwoTargets', { routeTableId: rt, destinationCidrBlock: '192.168.2.0/24', gatewayId: vpc.vpnGatewayId, natGatewayId: 'nat-0123' });
    new ec2.CfnRoute(stack, 'NoTarget', { routeTableId: rt, destinationCidrBlock: '192.168.3.0/24' });
    new ec2.CfnRoute(stack, 'NoDestination', { routeTableId: rt, gatewayId: vpc.vpnGatewayId });
    new ec2.CfnRoute(stack, 'TwoDestinations', { routeTableId: rt, destinationCidrBlock: '192.168.4.0/24', destinationIpv6CidrBlock: '2001:db8::/32', gatewayId: vpc.vpnGatewayId });
    const r = expectDoorsAgree(app).filter((x) => x.rule === 'NRG-INVALID');
    expect(r.map((x) => x.path).sort()).toEqual(['S/NoDestination', 'S/NoTarget', 'S/TwoDestinations', 'S/TwoTargets']);
    expect(r.find((x) => x.path === 'S/TwoTargets')!.message).toContain('has 2 targets (NatGatewayId, GatewayId)');
  });
});
