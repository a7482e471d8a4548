/**
 * App shapes the guard must judge as they are synthesized, each buildable with or without the
 * guard (and with either door), so tests can compare verdicts and templates byte for byte.
 */
import { App, AspectPriority, Aspects, IAspect, Lazy, NestedStack, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { NatRouteGuard, NatRouteGuardPlugin } from '../../src';
import { blogVpc, ON_PREMISES } from '../demo/blog-app';

/** Which door judges the app. */
export type Door = 'none' | 'aspect' | 'plugin';

export interface AppShape {
  readonly name: string;
  /** Builds the app's constructs; the door is added by `buildShape`. */
  readonly build: (app: App) => void;
}

/** A route to the VGW from the NAT gateway's (public) subnet: the blog's leak. */
export function leak(vpc: ec2.Vpc, id = 'OnPremises', cidr = ON_PREMISES) {
  (vpc.publicSubnets[0] as ec2.Subnet).addRoute(id, { routerType: ec2.RouterType.GATEWAY, routerId: vpc.vpnGatewayId!, destinationCidrBlock: cidr });
}

/** The same range routed from the private subnets: the fix. */
export function privateRoutes(vpc: ec2.Vpc, id = 'OnPremises', cidr = ON_PREMISES) {
  vpc.privateSubnets.forEach((s) => (s as ec2.Subnet).addRoute(id, {
    routerType: ec2.RouterType.GATEWAY, routerId: vpc.vpnGatewayId!, destinationCidrBlock: cidr,
  }));
}

/** A MUTATING aspect that adds the leak when it reaches the VPC (deep in the tree, after the App's aspects ran there). */
export class AddLeakAspect implements IAspect {
  public visit(node: IConstruct): void {
    if (node instanceof ec2.Vpc && !node.publicSubnets[0].node.tryFindChild('AddedByAspect')) leak(node, 'AddedByAspect');
  }
}

/** Tables collected by an aspect, read by a `Lazy` list: what a propagation's RouteTableIds are made of. */
export class CollectTables implements IAspect {
  public readonly ids: string[] = [];
  public visit(node: IConstruct): void {
    if (node instanceof ec2.Subnet && node.node.id.startsWith('Public')) this.ids.push(node.routeTable.routeTableId);
  }
}

export const SHAPES: readonly AppShape[] = [
  {
    name: 'blog (broken)',
    build: (app) => leak(blogVpc(new Stack(app, 'Blog'))),
  },
  {
    name: 'blog (fixed)',
    build: (app) => privateRoutes(blogVpc(new Stack(app, 'Blog'))),
  },
  {
    name: 'a MUTATING aspect adds the leak deep in the tree',
    build: (app) => {
      const stack = new Stack(app, 'Mutated');
      blogVpc(stack);
      Aspects.of(stack).add(new AddLeakAspect(), { priority: AspectPriority.MUTATING });
    },
  },
  {
    name: 'a Lazy propagation fed by an aspect, and a leak whose table is Lazy',
    build: (app) => {
      const stack = new Stack(app, 'Lazy');
      const vpc = blogVpc(stack, { vpnRoutePropagation: [] });
      const collect = new CollectTables();
      Aspects.of(stack).add(collect, { priority: AspectPriority.MUTATING });
      new ec2.CfnVPNGatewayRoutePropagation(stack, 'Propagation', {
        vpnGatewayId: vpc.vpnGatewayId!,
        routeTableIds: Lazy.list({ produce: () => collect.ids }),
      });
      new ec2.CfnRoute(stack, 'LazyLeak', {
        routeTableId: Lazy.string({ produce: () => vpc.publicSubnets[0].routeTable.routeTableId }),
        destinationCidrBlock: '172.16.0.0/12',
        gatewayId: vpc.vpnGatewayId,
      });
    },
  },
  {
    name: 'a CDK Pipelines shape: stacks in a Stage, and a Stage in it',
    build: (app) => {
      const prod = new Stage(app, 'Prod');
      leak(blogVpc(new Stack(prod, 'Network')));
      const inner = new Stage(prod, 'Inner');
      privateRoutes(blogVpc(new Stack(inner, 'Clean')));
      const deep = new Stage(inner, 'Deep');
      leak(blogVpc(new Stack(deep, 'Leaky')), 'Peer', '172.31.0.0/16');
    },
  },
  {
    name: 'nested stack and cross-stack reference',
    build: (app) => {
      const net = new Stack(app, 'Net');
      const vpc = blogVpc(net);
      const routes = new Stack(app, 'Routes');
      new ec2.CfnRoute(routes, 'OnPrem', { routeTableId: vpc.publicSubnets[0].routeTable.routeTableId, destinationCidrBlock: ON_PREMISES, gatewayId: vpc.vpnGatewayId });
      const nested = new NestedStack(net, 'Nested');
      new ec2.CfnRoute(nested, 'Peer', {
        routeTableId: vpc.publicSubnets[0].routeTable.routeTableId, destinationCidrBlock: '172.31.0.0/16', vpcPeeringConnectionId: 'pcx-0123456789abcdef0',
      });
    },
  },
];

/** An app of the shape with the door: the Aspect on the App, or the plugin. */
export function buildShape(shape: AppShape, door: Door, outdir?: string, context: Record<string, unknown> = {}): App {
  const app = new App({ outdir, context });
  shape.build(app);
  if (door === 'aspect') Aspects.of(app).add(new NatRouteGuard(), { priority: AspectPriority.READONLY });
  if (door === 'plugin') Validations.of(app).addPlugins(new NatRouteGuardPlugin());
  return app;
}
