/**
 * The bad-input catalogue: odd or malformed input, each with the named finding it must produce
 * (or CDK's own error). Never an exception from the guard, never a silent pass.
 */
import { CfnCondition, CfnParameter, CfnStack, Fn, Lazy, NestedStack, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { NatRouteRuleLevel } from '../../../src';
import { l1Blog, newApp, summary } from '../../support/helpers';

type Blog = ReturnType<typeof l1Blog>;
interface Case {
  readonly name: string;
  readonly build: (stack: Stack, blog: Blog) => void;
  /** `level rule @ path` of every guard annotation. */
  readonly expected: string[];
  readonly tgw?: boolean;
}

const route = (stack: Stack | NestedStack, id: string, props: Partial<ec2.CfnRouteProps> & { routeTableId: string }) =>
  new ec2.CfnRoute(stack, id, props);

const CATALOGUE: Case[] = [
  // Malformed CIDRs
  ...([
    ['prefix length over 32', '10.0.0.0/33'],
    ['octet over 255', '300.1.1.0/24'],
    ['host bits set', '10.0.0.1/16'],
    ['empty destination', ''],
    ['IPv6 block in DestinationCidrBlock', '2001:db8::/32'],
    ['no prefix length', '192.168.1.0'],
    ['leading zero octet', '192.168.01.0/24'],
  ] as const).map(([name, cidr]): Case => ({
    name: `invalid CIDR: ${name} (${JSON.stringify(cidr)})`,
    build: (s, b) => route(s, 'Bad', { routeTableId: b.pubRt.ref, destinationCidrBlock: cidr, gatewayId: b.vgw.ref }),
    expected: ['error NRG-INVALID @ S/Bad'],
  })),
  {
    name: 'invalid CIDR: IPv4 block in DestinationIpv6CidrBlock',
    build: (s, b) => route(s, 'Bad', { routeTableId: b.pubRt.ref, destinationIpv6CidrBlock: '192.168.1.0/24', gatewayId: b.vgw.ref }),
    expected: ['error NRG-INVALID @ S/Bad'],
  },
  {
    name: 'invalid CIDR: IPv6 prefix length over 128',
    build: (s, b) => route(s, 'Bad', { routeTableId: b.pubRt.ref, destinationIpv6CidrBlock: '2001:db8::/129', gatewayId: b.vgw.ref }),
    expected: ['error NRG-INVALID @ S/Bad'],
  },
  // Shape of the route
  {
    name: 'route with no target',
    build: (s, b) => route(s, 'Bad', { routeTableId: b.pubRt.ref, destinationCidrBlock: '192.168.1.0/24' }),
    expected: ['error NRG-INVALID @ S/Bad'],
  },
  {
    name: 'route with two targets',
    build: (s, b) => route(s, 'Bad', { routeTableId: b.pubRt.ref, destinationCidrBlock: '192.168.1.0/24', gatewayId: b.vgw.ref, vpcPeeringConnectionId: 'pcx-1' }),
    expected: ['error NRG-INVALID @ S/Bad'],
  },
  {
    name: 'route with no destination',
    build: (s, b) => route(s, 'Bad', { routeTableId: b.pubRt.ref, gatewayId: b.vgw.ref }),
    expected: ['error NRG-INVALID @ S/Bad'],
  },
  {
    name: 'route with two destinations',
    build: (s, b) => route(s, 'Bad', { routeTableId: b.pubRt.ref, destinationCidrBlock: '192.168.1.0/24', destinationPrefixListId: 'pl-1', gatewayId: b.vgw.ref }),
    expected: ['error NRG-INVALID @ S/Bad'],
  },
  {
    name: 'route with no RouteTableId (raw override)',
    build: (s, b) => route(s, 'Bad', { routeTableId: b.pubRt.ref, destinationCidrBlock: '192.168.1.0/24', gatewayId: b.vgw.ref })
      .addPropertyDeletionOverride('RouteTableId'),
    expected: ['error NRG-INVALID @ S/Bad'],
  },
  // Shape of tables, subnets, NAT gateways
  {
    name: 'route table in no VPC',
    build: (s) => new ec2.CfnRouteTable(s, 'Orphan', { vpcId: 'vpc-1' }).addPropertyDeletionOverride('VpcId'),
    expected: ['error NRG-INVALID @ S/Orphan'],
  },
  {
    name: 'subnet associated twice',
    build: (s, b) => new ec2.CfnSubnetRouteTableAssociation(s, 'Again', { subnetId: b.pubSubnet.ref, routeTableId: b.privRt.ref }),
    expected: ['error NRG-INVALID @ S/Again', 'warning NRG-UNRESOLVED @ S/Nat'],
  },
  {
    name: 'NAT gateway without a subnet',
    build: (_s, b) => b.nat.addPropertyDeletionOverride('SubnetId'),
    expected: ['warning NRG-UNRESOLVED @ S/Nat'],
  },
  {
    name: 'route to a NAT gateway of another VPC',
    build: (s, b) => {
      const other = new ec2.CfnVPC(s, 'OtherVpc', { cidrBlock: '10.9.0.0/16' });
      const rt = new ec2.CfnRouteTable(s, 'OtherRt', { vpcId: other.ref });
      route(s, 'Cross', { routeTableId: rt.ref, destinationCidrBlock: '0.0.0.0/0', natGatewayId: b.nat.ref });
    },
    expected: ['error NRG-INVALID @ S/Cross'],
  },
  {
    name: 'route to a NAT gateway that is not in the app',
    build: (s, b) => route(s, 'External', { routeTableId: b.privRt.ref, destinationCidrBlock: '172.16.0.0/12', natGatewayId: 'nat-0123456789abcdef0' }),
    expected: ['warning NRG-UNRESOLVED @ S/External'],
  },
  // Functions and parameters in every position
  {
    name: 'Fn::Join as the destination (fail closed)',
    build: (s, b) => route(s, 'Joined', { routeTableId: b.pubRt.ref, destinationCidrBlock: Fn.join('', ['192.168.', Fn.ref('AWS::AccountId'), '.0/24']), gatewayId: b.vgw.ref }),
    expected: ['error NRG-VGW @ S/Joined'],
  },
  {
    name: 'Fn::Select as the destination (fail closed)',
    build: (s, b) => route(s, 'Selected', { routeTableId: b.pubRt.ref, destinationCidrBlock: Fn.select(0, Fn.split(',', Fn.importValue('OnPremCidrs'))), gatewayId: b.vgw.ref }),
    expected: ['error NRG-VGW @ S/Selected'],
  },
  {
    name: 'Fn::ImportValue as the destination of the feeding route',
    build: (s, b) => {
      (s.node.findChild('PrivDefault') as ec2.CfnRoute).addPropertyOverride('DestinationCidrBlock', Fn.importValue('Feed'));
      route(s, 'OnPrem', { routeTableId: b.pubRt.ref, destinationCidrBlock: '192.168.1.0/24', gatewayId: b.vgw.ref });
    },
    expected: ['error NRG-VGW @ S/OnPrem'],
  },
  {
    name: 'parameter as the GatewayId',
    build: (s, b) => route(s, 'Param', { routeTableId: b.pubRt.ref, destinationCidrBlock: '192.168.1.0/24', gatewayId: new CfnParameter(s, 'Gw').valueAsString }),
    expected: ['warning NRG-UNRESOLVED @ S/Param'],
  },
  {
    name: 'Fn::ImportValue as the RouteTableId of a VGW route',
    build: (s, b) => route(s, 'Elsewhere', { routeTableId: Fn.importValue('PublicRt'), destinationCidrBlock: '192.168.1.0/24', gatewayId: b.vgw.ref }),
    expected: ['warning NRG-UNRESOLVED @ S/Elsewhere'],
  },
  {
    name: 'parameter as the NAT gateway\'s SubnetId',
    build: (s, b) => b.nat.addPropertyOverride('SubnetId', { Ref: new CfnParameter(s, 'NatSubnet').logicalId }),
    expected: ['warning NRG-UNRESOLVED @ S/Nat'],
  },
  {
    name: 'Fn::Split as the propagation\'s RouteTableIds',
    build: (s, b) => new ec2.CfnVPNGatewayRoutePropagation(s, 'Prop', { vpnGatewayId: b.vgw.ref, routeTableIds: Fn.split(',', Fn.importValue('Tables')) }),
    expected: ['warning NRG-UNRESOLVED @ S/Prop'],
  },
  {
    name: 'parameter as the prefix list of a peering route',
    build: (s, b) => route(s, 'PeerList', { routeTableId: b.pubRt.ref, destinationPrefixListId: new CfnParameter(s, 'Pl').valueAsString, vpcPeeringConnectionId: 'pcx-1' }),
    expected: ['error NRG-PCX @ S/PeerList'],
  },
  // Literal ids of every kind in the NAT gateway's table
  ...([
    ['vgw-0123', 'gatewayId', ['error NRG-VGW @ S/Literal']],
    ['igw-0123', 'gatewayId', []],
    ['local', 'gatewayId', []],
    ['gw-0123', 'gatewayId', ['warning NRG-UNRESOLVED @ S/Literal']],
    ['pcx-0123', 'vpcPeeringConnectionId', ['error NRG-PCX @ S/Literal']],
    ['tgw-0123', 'transitGatewayId', ['error NRG-TGW @ S/Literal', 'warning NRG-TGW-UNKNOWN @ S/Literal']],
    ['arn:aws:networkmanager::111111111111:core-network/core-network-0123', 'coreNetworkArn', ['error NRG-TGW @ S/Literal', 'warning NRG-TGW-UNKNOWN @ S/Literal']],
    ['vpce-0123', 'vpcEndpointId', []],
    ['eni-0123', 'networkInterfaceId', []],
    ['i-0123', 'instanceId', []],
    ['lgw-0123', 'localGatewayId', []],
    ['cagw-0123', 'carrierGatewayId', []],
  ] as const).map(([id, prop, expected]): Case => ({
    name: `literal ${prop} ${id}`,
    build: (s, b) => route(s, 'Literal', { routeTableId: b.pubRt.ref, destinationCidrBlock: '192.168.1.0/24', [prop]: id }),
    expected: [...expected],
    tgw: true,
  })),
  {
    name: 'literal eigw- on an IPv6 route',
    build: (s, b) => route(s, 'Literal', { routeTableId: b.pubRt.ref, destinationIpv6CidrBlock: '::/0', egressOnlyInternetGatewayId: 'eigw-0123' }),
    expected: [],
  },
  // Size and depth
  {
    // CloudFormation allows 500 resources a stack, so the routes are spread over nested stacks.
    name: 'a table of 5,000 routes, one of them to the VGW',
    build: (s, b) => {
      const parts = Array.from({ length: 11 }, (_, i) => new NestedStack(s, `Part${i}`));
      for (let i = 0; i < 5000; i++) {
        const cidr = `198.${18 + Math.floor(i / 256)}.${i % 256}.0/24`;
        route(parts[i % 11], `R${i}`, { routeTableId: b.pubRt.ref, destinationCidrBlock: cidr, gatewayId: i === 4321 ? b.vgw.ref : b.igw.ref });
      }
    },
    expected: [`error NRG-VGW @ S/Part${4321 % 11}/R4321`],
  },
  {
    // Not a plain string or a single reference: the reader's quick path hands these to the full resolver.
    name: 'lazy values: a lazy destination, a lazy route table reference, a lazy list of tables to propagate into',
    build: (s, b) => {
      route(s, 'Lazy', {
        routeTableId: Lazy.string({ produce: () => b.pubRt.ref }),
        destinationCidrBlock: Lazy.string({ produce: () => '192.168.1.0/24' }),
        gatewayId: b.vgw.ref,
      });
      new ec2.CfnVPNGatewayRoutePropagation(s, 'LazyProp', {
        vpnGatewayId: b.vgw.ref, routeTableIds: Lazy.list({ produce: () => [b.pubRt.ref] }),
      });
    },
    expected: ['error NRG-VGW @ S/Lazy', 'error NRG-PROPAGATION @ S/LazyProp'],
  },
  {
    name: 'deeply nested stacks (12 levels) holding the offending route',
    build: (s, b) => {
      let scope: Stack | NestedStack = s;
      for (let i = 0; i < 12; i++) scope = new NestedStack(scope, `N${i}`);
      route(scope, 'Deep', { routeTableId: b.pubRt.ref, destinationCidrBlock: '192.168.1.0/24', gatewayId: b.vgw.ref });
    },
    expected: [`error NRG-VGW @ S/${Array.from({ length: 12 }, (_, i) => `N${i}`).join('/')}/Deep`],
  },
  // Routes EC2 refuses, conditions, dynamic references, nested stacks known only by URL
  {
    name: 'two routes with one destination in one table',
    build: (s, b) => {
      route(s, 'First', { routeTableId: b.privRt.ref, destinationCidrBlock: '192.168.1.0/24', gatewayId: b.vgw.ref });
      route(s, 'Second', { routeTableId: b.privRt.ref, destinationCidrBlock: '192.168.1.0/24', vpcPeeringConnectionId: 'pcx-1' });
    },
    expected: ['error NRG-INVALID @ S/Second'],
  },
  {
    name: 'a route inside the VPC\'s range to a VGW (more specific than local)',
    build: (s, b) => route(s, 'Inside', { routeTableId: b.privRt.ref, destinationCidrBlock: '10.0.5.0/24', gatewayId: b.vgw.ref }),
    expected: ['error NRG-INVALID @ S/Inside'],
  },
  {
    name: 'a route inside the VPC\'s range to an ENI (middlebox routing): valid',
    build: (s, b) => route(s, 'Middlebox', { routeTableId: b.privRt.ref, destinationCidrBlock: '10.0.5.0/24', networkInterfaceId: 'eni-0123456789abcdef0' }),
    expected: [],
  },
  {
    name: 'a dynamic reference as the destination: unknown, fails closed',
    build: (s, b) => route(s, 'Ssm', { routeTableId: b.pubRt.ref, destinationCidrBlock: '{{resolve:ssm:/net/onprem}}', gatewayId: b.vgw.ref }),
    expected: ['error NRG-VGW @ S/Ssm'],
  },
  {
    name: 'a route whose every target is AWS::NoValue in some world',
    build: (s, b) => {
      const p = new CfnParameter(s, 'UseVgw');
      const c = new CfnCondition(s, 'WithVgw', { expression: Fn.conditionEquals(p.valueAsString, 'yes') });
      route(s, 'Maybe', { routeTableId: b.privRt.ref, destinationCidrBlock: '192.168.1.0/24', gatewayId: Fn.conditionIf(c.logicalId, b.vgw.ref, Fn.ref('AWS::NoValue')).toString() });
    },
    expected: ['error NRG-INVALID @ S/Maybe'],
  },
  {
    name: 'a condition defined in terms of itself: judged both ways',
    build: (s, b) => {
      const c = new CfnCondition(s, 'Loop');
      c.expression = Fn.conditionNot(c);
      const leak = route(s, 'Leak', { routeTableId: b.pubRt.ref, destinationCidrBlock: '192.168.1.0/24', gatewayId: b.vgw.ref });
      leak.cfnOptions.condition = c;
    },
    expected: ['error NRG-VGW @ S/Leak'],
  },
  {
    name: 'a nested stack known only by its template URL',
    build: (s) => new CfnStack(s, 'Elsewhere', { templateUrl: 'https://example.com/routes.json' }),
    expected: ['warning NRG-UNRESOLVED @ S/Elsewhere'],
  },
];

describe('bad-input catalogue', () => {
  test('holds at least 25 cases', () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(25);
  });

  test.each(CATALOGUE.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { app, stack } = newApp(c.tgw ? { ruleLevels: { 'NRG-TGW': NatRouteRuleLevel.ERROR } } : undefined);
    c.build(stack, l1Blog(stack));
    expect(summary(app)).toEqual([...c.expected].sort());
  });
});
