/**
 * Routes made at deploy time: custom resources that reference a transit gateway (the only way a
 * template adds routes to its AWS-made default table), a TGW table, or the route table of a NAT
 * gateway, and AwsCustomResources calling EC2 to make routes. The guard cannot see what a function
 * does: each is a warning where NAT gateway traffic may be concerned, never silence, never an error.
 * Each app goes through all three doors.
 */
import { CfnCondition, CfnParameter, CfnResource, CustomResource, Fn, Stack } from 'aws-cdk-lib';
import * as cr from 'aws-cdk-lib/custom-resources';
import { makeRef, referencedPaths } from '../../src/records/ref';
import { blogVpc } from '../demo/blog-app';
import { privateRoutes } from '../support/apps';
import { expectDoorsAgree, newApp, summary } from '../support/helpers';
import { egressAndSpoke } from '../support/transit-apps';

const SERVICE_TOKEN = 'arn:aws:lambda:eu-west-1:111111111111:function:network-routes';

/** Centralized egress on the TGW's default table (defaults on): the NAT table returns the spoke's range to the TGW. */
function egressOnDefaults(stack: Stack) {
  const { hub, e, s } = egressAndSpoke(stack, { returnRoute: '10.0.2.0/26', returnName: 'Return', defaults: true });
  const ea = hub.attach('EgressAtt', e, ['Tgw']);
  hub.attach('SpokeAtt', s, ['Tgw']);
  return { hub, ea };
}

describe('custom resources on a transit gateway', () => {
  test('nothing references the TGW: its default table holds only the propagated VPC routes, no finding', () => {
    const { app, stack } = newApp();
    egressOnDefaults(stack);
    expect(summary(app)).toEqual([]);
  });

  test('a custom resource given the TGW (its Ref) may add routes to the default table: NRG-TGW-UNKNOWN naming it, where the NAT traffic enters', () => {
    const { app, stack } = newApp();
    const { hub, ea } = egressOnDefaults(stack);
    new CustomResource(stack, 'DefaultRoute', {
      serviceToken: SERVICE_TOKEN,
      properties: { TransitGatewayId: hub.tgw.ref, DestinationCidrBlock: '0.0.0.0/0', TransitGatewayAttachmentId: ea.ref },
    });
    const found = expectDoorsAgree(app);
    expect(found.map((f) => `${f.level} ${f.rule} @ ${f.path}`)).toEqual(['warning NRG-TGW-UNKNOWN @ S/Egress/Return']);
    expect(found[0].message).toContain('custom resource S/DefaultRoute/Default references transit gateway S/Hub/Tgw and may add routes to '
      + 'S/Hub/Tgw (its default route table, made by AWS) at deploy time, which the guard cannot see');
  });

  test('AwsCustomResources that look up the default table and add a route to it (F17): NRG-TGW-UNKNOWN naming the lookup, and the call warned', () => {
    const { app, stack } = newApp();
    const { hub, ea } = egressOnDefaults(stack);
    const policy = cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE });
    const lookup = new cr.AwsCustomResource(stack, 'FindTable', {
      onUpdate: {
        service: 'EC2',
        action: 'describeTransitGateways',
        parameters: { TransitGatewayIds: [hub.tgw.ref] },
        physicalResourceId: cr.PhysicalResourceId.of('find-table'),
      },
      policy,
      installLatestAwsSdk: false,
    });
    new cr.AwsCustomResource(stack, 'DefaultRoute', {
      onCreate: {
        service: 'EC2',
        action: 'createTransitGatewayRoute',
        parameters: {
          TransitGatewayRouteTableId: lookup.getResponseField('TransitGateways.0.Options.AssociationDefaultRouteTableId'),
          DestinationCidrBlock: '0.0.0.0/0',
          TransitGatewayAttachmentId: ea.ref,
        },
        physicalResourceId: cr.PhysicalResourceId.of('default-route'),
      },
      policy,
      installLatestAwsSdk: false,
    });
    const found = expectDoorsAgree(app);
    expect(found.map((f) => `${f.level} ${f.rule} @ ${f.path}`).sort()).toEqual([
      'warning NRG-TGW-UNKNOWN @ S/Egress/Return',
      'warning NRG-UNRESOLVED @ S/DefaultRoute/Resource/Default',
    ]);
    expect(found.find((f) => f.rule === 'NRG-TGW-UNKNOWN')!.message).toContain('custom resource S/FindTable/Resource/Default references transit gateway S/Hub/Tgw');
    expect(found.find((f) => f.rule === 'NRG-UNRESOLVED')!.message).toContain('Custom resource S/DefaultRoute/Resource/Default calls EC2 createTransitGatewayRoute: '
      + 'routes it makes at deploy time are not seen');
  });

  test('a custom resource given a TGW route table of the app: that table is open too', () => {
    for (const custom of [false, true]) {
      const { app, stack } = newApp();
      const { hub, e, s } = egressAndSpoke(stack, { returnRoute: '10.0.2.0/26', returnName: 'Return' });
      const ea = hub.attach('EgressAtt', e, ['Tgw'], { table: 'Rt', propagateTo: ['Rt'] });
      hub.attach('SpokeAtt', s, ['Tgw'], { table: 'Rt', propagateTo: ['Rt'] });
      hub.staticRoute('Rt', '0.0.0.0/0', ea.ref, 'Default');
      if (!custom) {
        expect(summary(app)).toEqual([]);
        continue;
      }
      new CfnResource(stack, 'MoreRoutes', { type: 'Custom::TgwRoutes', properties: { ServiceToken: SERVICE_TOKEN, Table: hub.table('Rt').ref } });
      const found = expectDoorsAgree(app);
      expect(found.map((f) => `${f.level} ${f.rule} @ ${f.path}`)).toEqual(['warning NRG-TGW-UNKNOWN @ S/Egress/Return']);
      expect(found[0].message).toContain('custom resource S/MoreRoutes references route table S/Hub/Rt and may add routes to S/Hub/Rt');
    }
  });
});

describe('custom resources on VPC route tables', () => {
  /** The blog's VPC routed right (on-premises from the private tables), and a custom resource given one table's id. */
  function blogWith(table: 'public' | 'private', type?: string) {
    const { app, stack } = newApp();
    const vpc = blogVpc(stack);
    privateRoutes(vpc);
    const subnet = table === 'public' ? vpc.publicSubnets[0] : vpc.privateSubnets[0];
    const props = { RouteTableId: subnet.routeTable.routeTableId, DestinationCidrBlock: '172.16.0.0/12', GatewayId: vpc.vpnGatewayId };
    if (type === 'AWS::CloudFormation::CustomResource') new CfnResource(stack, 'AddRoute', { type, properties: { ServiceToken: SERVICE_TOKEN, ...props } });
    else new CustomResource(stack, 'AddRoute', { serviceToken: SERVICE_TOKEN, resourceType: type, properties: props });
    return app;
  }

  test('given the NAT gateway\'s (public) table: NRG-UNRESOLVED on the custom resource, naming the table and the NAT gateway', () => {
    const found = expectDoorsAgree(blogWith('public'));
    expect(found.map((f) => `${f.level} ${f.rule} @ ${f.path}`)).toEqual(['warning NRG-UNRESOLVED @ S/AddRoute/Default']);
    expect(found[0].message).toContain('Custom resource S/AddRoute/Default references route table S/Vpc/PublicSubnet1/RouteTable, '
      + 'the route table of NAT gateway S/Vpc/PublicSubnet1/NATGateway');
    expect(found[0].message).toContain('the guard checks what CloudFormation creates, not what a function does');
  });

  test.each(['Custom::VpcRoutes', 'AWS::CloudFormation::CustomResource'])('the same with type %s', (type) => {
    expect(summary(blogWith('public', type))).toEqual([`warning NRG-UNRESOLVED @ S/AddRoute${type.startsWith('AWS::') ? '' : '/Default'}`]);
  });

  test('given a private table (one that feeds the NAT gateway, not its own): nothing it adds there goes through the NAT gateway, no finding', () => {
    expect(summary(blogWith('private'))).toEqual([]);
  });

  test('an AwsCustomResource calling EC2 createRoute with a table id of another app: NRG-UNRESOLVED names the call; a describe call is silent', () => {
    for (const action of ['createRoute', 'describeRouteTables']) {
      const { app, stack } = newApp();
      privateRoutes(blogVpc(stack));
      new cr.AwsCustomResource(stack, 'Call', {
        onUpdate: {
          service: 'EC2', action, parameters: { RouteTableId: 'rtb-0123456789abcdef0' }, physicalResourceId: cr.PhysicalResourceId.of('call'),
        },
        policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
        installLatestAwsSdk: false,
      });
      expect(summary(app)).toEqual(action === 'createRoute' ? ['warning NRG-UNRESOLVED @ S/Call/Resource/Default'] : []);
    }
  });

  test('a custom resource under a condition that is false in a world is not there in it', () => {
    const { app, stack } = newApp();
    const vpc = blogVpc(stack);
    privateRoutes(vpc);
    const c = new CfnResource(stack, 'AddRoute', {
      type: 'Custom::VpcRoutes', properties: { ServiceToken: SERVICE_TOKEN, RouteTableId: vpc.publicSubnets[0].routeTable.routeTableId },
    });
    const param = new CfnParameter(stack, 'WithRoutes', { allowedValues: ['yes', 'no'], default: 'no' });
    c.cfnOptions.condition = new CfnCondition(stack, 'Routes', { expression: Fn.conditionEquals(param.valueAsString, 'yes') });
    const found = expectDoorsAgree(app);
    expect(found.map((f) => `${f.level} ${f.rule} @ ${f.path}`)).toEqual(['warning NRG-UNRESOLVED @ S/AddRoute']);
    expect(found[0].message).toContain('[NRG-UNRESOLVED] If condition Routes is true: Custom resource S/AddRoute references route table');
  });
});

test('referencedPaths finds references whole, joined into strings and nested in intrinsics', () => {
  const a = makeRef('S/A', 'Ref');
  const b = makeRef('S/B', 'Arn');
  const c = makeRef('S/C', 'Id');
  const value = { X: a, Y: [`{"id":"${b}"}`], Z: { 'Fn::Join': ['', ['x', c]] }, W: 7, V: null };
  expect([...referencedPaths(value)]).toEqual(['S/A', 'S/B', 'S/C']);
  expect([...referencedPaths('plain')]).toEqual([]);
});
