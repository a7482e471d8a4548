/**
 * When the guard judges, and with whose settings (docs/judging.md: "When",
 * "Whose settings").
 */
import { App, AspectPriority, Aspects, Annotations as CdkAnnotations, IAspect, Stack, Stage } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { NatEgressVpc, NatRouteGuard, NatRouteRuleLevel } from '../../../src';
import { expectReportFailure } from '../../cdk-version';
import { blogVpc } from '../../demo/blog-app';
import { AddLeakAspect, leak, privateRoutes } from '../../support/apps';
import { captureReports, reportFindings } from '../../support/doors';
import { aspectFindings, expectDoorsAgree, newApp } from '../../support/helpers';

/** The Aspect's annotations; `doors: false` where the guards cover part of the app or differ in settings. */
const lines = (app: App, doors = true) => (doors ? expectDoorsAgree(app) : aspectFindings(app)).map((r) => `${r.level} ${r.rule} @ ${r.path}`).sort();

describe('the final tree', () => {
  test.each([false, true])('a route a MUTATING aspect adds below the guard\'s scope is judged (aspectStabilization %p)', (stabilization) => {
    const app = new App({ context: { '@aws-cdk/core:aspectStabilization': stabilization } });
    Aspects.of(app).add(new NatRouteGuard(), { priority: AspectPriority.READONLY });
    const stack = new Stack(app, 'S');
    blogVpc(stack);
    Aspects.of(stack).add(new AddLeakAspect(), { priority: AspectPriority.MUTATING });
    expect(lines(app)).toEqual(['error NRG-VGW @ S/Vpc/PublicSubnet1/AddedByAspect']);
  });

  test('a route that an aspect added by another aspect makes is judged (aspectStabilization)', () => {
    const app = new App({ context: { '@aws-cdk/core:aspectStabilization': true } });
    Aspects.of(app).add(new NatRouteGuard(), { priority: AspectPriority.READONLY });
    const stack = new Stack(app, 'S');
    blogVpc(stack);
    class AddsAnAspect implements IAspect {
      public visit(node: IConstruct) {
        if (node === stack) Aspects.of(stack).add(new AddLeakAspect());
      }
    }
    Aspects.of(app).add(new AddsAnAspect(), { priority: AspectPriority.MUTATING });
    expect(lines(app)).toEqual(['error NRG-VGW @ S/Vpc/PublicSubnet1/AddedByAspect']);
  });

  test('added with the default priority, before a MUTATING aspect, the guard still judges what it adds', () => {
    const app = new App();
    Aspects.of(app).add(new NatRouteGuard());
    const stack = new Stack(app, 'S');
    blogVpc(stack);
    Aspects.of(stack).add(new AddLeakAspect(), { priority: AspectPriority.MUTATING });
    expect(lines(app)).toEqual(['error NRG-VGW @ S/Vpc/PublicSubnet1/AddedByAspect']);
  });
});

describe('the whole tree', () => {
  test('nodes that keep their children some other way than constructs 10 does: every construct is still read', () => {
    const { app, stack } = newApp();
    leak(blogVpc(stack));
    // Each node's children in an array that still carries them by id (CDK's own reads and writes
    // go on working), so the reader cannot take constructs' object of children as it is.
    for (const c of app.node.findAll()) {
      const node = c.node as unknown as { _children?: Record<string, IConstruct> };
      if (node._children) node._children = Object.assign([] as unknown as Record<string, IConstruct>, node._children);
    }
    expect(lines(app)).toEqual(['error NRG-VGW @ S/Vpc/PublicSubnet1/OnPremises']);
  });
});

describe('every synthesis', () => {
  test('a leak added after a first synthesis is judged at the next', () => {
    const { app, stack } = newApp();
    const vpc = blogVpc(stack);
    expect(lines(app)).toEqual([]);
    leak(vpc);
    app.synth({ force: true });
    expect(lines(app)).toEqual(['error NRG-VGW @ S/Vpc/PublicSubnet1/OnPremises']);
  });

  test('a finding fixed after a first synthesis is withdrawn at the next, and only the guard\'s own annotations go', () => {
    const { stack } = newApp();
    const vpc = blogVpc(stack);
    leak(vpc);
    const route = vpc.publicSubnets[0].node.findChild('OnPremises');
    Annotations.fromStack(stack).hasError('/S/Vpc/PublicSubnet1/OnPremises', Match.stringLikeRegexp('^\\[NRG-VGW\\]'));
    Annotations.fromStack(stack); // synthesized twice: still one annotation
    expect(route.node.metadata.filter((m) => m.type === 'aws:cdk:error')).toHaveLength(1);
    CdkAnnotations.of(route).addError('the user\'s own error');
    privateRoutes(vpc);
    Annotations.fromStack(stack).hasNoError('/S/Vpc/PublicSubnet1/OnPremises', Match.stringLikeRegexp('NRG-'));
    expect(route.node.metadata.filter((m) => m.type === 'aws:cdk:error').map((m) => m.data)).toEqual(['the user\'s own error']);
  });
});

describe('Stages', () => {
  function pipelineShape(guardAt: 'app' | 'stage') {
    const app = new App({ context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
    const prod = new Stage(app, 'Prod');
    const inner = new Stage(prod, 'Inner');
    const stack = new Stack(inner, 'Network');
    leak(blogVpc(stack));
    Aspects.of(guardAt === 'app' ? app : prod).add(new NatRouteGuard());
    return { app, stack };
  }

  test.each(['app', 'stage'] as const)('the guard on the %s judges stacks in a Stage in a Stage, in the validation report', (at) => {
    const { app } = pipelineShape(at);
    const { reports } = captureReports(() => app.synth());
    expect(reportFindings(reports).map((f) => `${f.level} ${f.rule} @ ${f.path}`)).toEqual(['error NRG-VGW @ Prod/Inner/Network/Vpc/PublicSubnet1/OnPremises']);
    expect(reports.every((r) => r.success === false)).toBe(true);
  });

  test('a guard on a Stage also annotates that Stage\'s constructs, for tests that assert on them', () => {
    // Synthesizing the App would throw on the report's error in memory, as for any validation plugin.
    const app = new App({ context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
    const prod = new Stage(app, 'Prod');
    const stack = new Stack(prod, 'Network');
    leak(blogVpc(stack));
    Aspects.of(prod).add(new NatRouteGuard());
    Annotations.fromStack(stack).hasError('/Prod/Network/Vpc/PublicSubnet1/OnPremises', Match.stringLikeRegexp('^\\[NRG-VGW\\]'));
  });

  test('in memory, an error in a nested Stage fails app.synth() with the finding\'s text (CDK\'s validation report)', () => {
    const app = new App();
    leak(blogVpc(new Stack(new Stage(app, 'Prod'), 'Network')));
    Aspects.of(app).add(new NatRouteGuard());
    expectReportFailure(() => app.synth(), /NRG-VGW[\s\S]*NAT gateway \S*PublicSubnet1\/NATGateway forwards 192\.168\.1\.0\/24[\s\S]*-> NAT gateway Prod\/Network\/Vpc\/PublicSubnet1\/NATGateway ->/);
  });

  test('a fixed Stage passes', () => {
    const app = new App();
    privateRoutes(blogVpc(new Stack(new Stage(app, 'Prod'), 'Network')));
    Aspects.of(app).add(new NatRouteGuard());
    expect(() => app.synth()).not.toThrow();
  });
});

describe('whose settings apply', () => {
  test('the guard at the deepest scope wins, whichever visits first', () => {
    const build = (appLevel: NatRouteRuleLevel, stackLevel: NatRouteRuleLevel) => {
      const app = new App();
      const stack = new Stack(app, 'S');
      const other = new Stack(app, 'T');
      leak(blogVpc(stack));
      leak(blogVpc(other));
      Aspects.of(app).add(new NatRouteGuard({ ruleLevels: { 'NRG-VGW': appLevel } }), { priority: AspectPriority.READONLY });
      Aspects.of(stack).add(new NatRouteGuard({ ruleLevels: { 'NRG-VGW': stackLevel } }), { priority: AspectPriority.READONLY });
      return lines(app, false);
    };
    expect(build(NatRouteRuleLevel.WARNING, NatRouteRuleLevel.ERROR))
      .toEqual(['error NRG-VGW @ S/Vpc/PublicSubnet1/OnPremises', 'warning NRG-VGW @ T/Vpc/PublicSubnet1/OnPremises']);
    expect(build(NatRouteRuleLevel.ERROR, NatRouteRuleLevel.OFF)).toEqual(['error NRG-VGW @ T/Vpc/PublicSubnet1/OnPremises']);
  });

  test('a route covered by no guard is not reported, even when its NAT gateway is', () => {
    const app = new App();
    const net = new Stack(app, 'Net');
    const vpc = blogVpc(net);
    const routes = new Stack(app, 'Routes');
    new ec2.CfnRoute(routes, 'OnPrem', { routeTableId: vpc.publicSubnets[0].routeTable.routeTableId, destinationCidrBlock: '192.168.1.0/24', gatewayId: vpc.vpnGatewayId });
    Aspects.of(net).add(new NatRouteGuard());
    expect(lines(app, false)).toEqual([]);
  });

  test('NatEgressVpc\'s own guard yields to the user\'s ruleLevels', () => {
    const build = (userGuard: boolean) => {
      const app = new App();
      const stack = new Stack(app, 'S');
      const vpc = new NatEgressVpc(stack, 'Vpc', { maxAzs: 1, gatewayEndpoints: {} });
      vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3, subnets: [{ subnetType: ec2.SubnetType.PUBLIC }] });
      if (userGuard) Aspects.of(app).add(new NatRouteGuard({ ruleLevels: { 'NRG-VPCE': NatRouteRuleLevel.OFF } }));
      return lines(app, false);
    };
    expect(build(false)).toEqual(['warning NRG-VPCE @ S/Vpc/S3/Resource']);
    expect(build(true)).toEqual([]);
  });
});

describe('where findings land', () => {
  test('on the construct, whatever characters its id holds', () => {
    const { app, stack } = newApp();
    const vpc = blogVpc(stack);
    leak(vpc, 'OnPrem (DC1)');
    leak(vpc, 'Peer #2 / "east"'.replace('/', '-'), '172.31.0.0/16');
    expect(lines(app)).toEqual([
      'error NRG-VGW @ S/Vpc/PublicSubnet1/OnPrem (DC1)',
      'error NRG-VGW @ S/Vpc/PublicSubnet1/Peer #2 - "east"',
    ]);
  });
});

describe('one finding per rule and construct', () => {
  test('a VGW route in one public table that three NAT gateways share is one error naming all three', () => {
    const { app, stack } = newApp();
    const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
    const igw = new ec2.CfnInternetGateway(stack, 'Igw');
    const vgw = new ec2.CfnVPNGateway(stack, 'Vgw', { type: 'ipsec.1' });
    const pubRt = new ec2.CfnRouteTable(stack, 'PubRt', { vpcId: vpc.ref });
    new ec2.CfnRoute(stack, 'PubDefault', { routeTableId: pubRt.ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.ref });
    new ec2.CfnRoute(stack, 'OnPrem', { routeTableId: pubRt.ref, destinationCidrBlock: '192.168.0.0/16', gatewayId: vgw.ref });
    for (const az of ['A', 'B', 'C']) {
      const i = az.charCodeAt(0) - 65;
      const pub = new ec2.CfnSubnet(stack, `Pub${az}`, { vpcId: vpc.ref, cidrBlock: `10.0.${i}.0/24` });
      new ec2.CfnSubnetRouteTableAssociation(stack, `PubAssoc${az}`, { subnetId: pub.ref, routeTableId: pubRt.ref });
      const nat = new ec2.CfnNatGateway(stack, `Nat${az}`, { subnetId: pub.ref, allocationId: new ec2.CfnEIP(stack, `Eip${az}`).attrAllocationId });
      const priv = new ec2.CfnSubnet(stack, `Priv${az}`, { vpcId: vpc.ref, cidrBlock: `10.0.${10 + i}.0/24` });
      const privRt = new ec2.CfnRouteTable(stack, `PrivRt${az}`, { vpcId: vpc.ref });
      new ec2.CfnSubnetRouteTableAssociation(stack, `PrivAssoc${az}`, { subnetId: priv.ref, routeTableId: privRt.ref });
      new ec2.CfnRoute(stack, `PrivDefault${az}`, { routeTableId: privRt.ref, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.ref });
    }
    const r = expectDoorsAgree(app);
    expect(r.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['error NRG-VGW @ S/OnPrem']);
    expect(r[0].message).toMatch(/^\[NRG-VGW\] NAT gateway S\/NatA, NAT gateway S\/NatB and NAT gateway S\/NatC forward 192\.168\.0\.0\/16 to virtual private gateway S\/Vgw/);
  });
});
