/**
 * The benchmark app: `stacks` stacks, each with a 3-AZ ec2.Vpc with NAT gateways, a VPN gateway
 * with route propagation, a VPC peering connection, and 20 extra routes per route table; and a
 * transit gateway hub (a stack of its own with the TGW and a VPN concentrator), every VPC attached
 * with a TGW table of its own, its NAT tables sending a range into the TGW that the TGW drops.
 * Compliant by construction (cdk-nag's one finding, no flow logs, is acknowledged), so every
 * check does its full work and reports nothing.
 */
import * as v8 from 'v8';
import { App, AspectPriority, Aspects, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { NatRouteGuard, NatRouteGuardPlugin } from '../../src';

export type Mode = 'floor' | 'guard' | 'plugin' | 'nag';

/**
 * Time spent inside the check itself during synth, in ms: the Aspect's `visit` calls and the
 * validation in which it judges the tree; the plugin's `validate`; or loading cdk-nag plus its
 * `validate`. Filled in when a timer is passed to `buildApp`.
 */
export interface CheckTimer {
  ms: number;
  /**
   * Bytes allocated inside the check's main call (the Aspect's judging validation, the plugin's
   * `validate`, cdk-nag's `validate`): the heap's growth plus what collections inside it freed.
   */
  allocated?: number;
}

/** `f`, with the bytes it allocates added to the timer (a GC profile over the call: growth plus what collections freed). */
function allocating<A extends unknown[], R>(timer: CheckTimer, f: (...args: A) => R): (...args: A) => R {
  return (...args: A) => {
    const profiler = new v8.GCProfiler();
    profiler.start();
    const before = v8.getHeapStatistics().used_heap_size;
    try {
      return f(...args);
    } finally {
      const after = v8.getHeapStatistics().used_heap_size;
      const freed = (gc: v8.GCProfilerResult['statistics'][number]) => gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
      const collected = (profiler.stop()?.statistics ?? []).reduce((n, gc) => n + freed(gc), 0);
      timer.allocated = (timer.allocated ?? 0) + after - before + collected;
    }
  };
}

function timed<A extends unknown[], R>(timer: CheckTimer, f: (...args: A) => R): (...args: A) => R {
  return (...args: A) => {
    const start = process.hrtime.bigint();
    try {
      return f(...args);
    } finally {
      timer.ms += Number(process.hrtime.bigint() - start) / 1e6;
    }
  };
}
/** The hub's transit gateway and the attachment id of its VPN concentrator. */
interface Hub { readonly tgw: ec2.CfnTransitGateway; readonly vpnAttachment: string }

function transitHub(stack: Stack): Hub {
  const tgw = new ec2.CfnTransitGateway(stack, 'Tgw', { defaultRouteTableAssociation: 'disable', defaultRouteTablePropagation: 'disable' });
  const vpn = new CfnResource(stack, 'Vpn', { type: 'AWS::EC2::VPNConcentrator', properties: { TransitGatewayId: tgw.ref, Type: 'ipsec.1' } });
  return { tgw, vpnAttachment: vpn.getAtt('TransitGatewayAttachmentId').toString() };
}

/**
 * The VPC attached in its private subnets (the CDK idiom), with a TGW table of its own that sends
 * on-premises to the VPN and drops 10.100.0.0/16; the private tables send on-premises to the TGW,
 * the NAT gateways' tables 10.100.0.0/16, which the guard follows into the TGW to the blackhole.
 */
function attachToHub(stack: Stack, vpc: ec2.Vpc, { tgw, vpnAttachment }: Hub): void {
  const attachment = new ec2.CfnTransitGatewayAttachment(stack, 'TgwAttachment', {
    transitGatewayId: tgw.ref, vpcId: vpc.vpcId, subnetIds: vpc.privateSubnets.map((s) => s.subnetId),
  });
  const table = new ec2.CfnTransitGatewayRouteTable(stack, 'TgwTable', { transitGatewayId: tgw.ref });
  new ec2.CfnTransitGatewayRouteTableAssociation(stack, 'TgwAssociation', { transitGatewayAttachmentId: attachment.ref, transitGatewayRouteTableId: table.ref });
  new ec2.CfnTransitGatewayRoute(stack, 'TgwOnPrem', { transitGatewayRouteTableId: table.ref, destinationCidrBlock: '10.200.0.0/16', transitGatewayAttachmentId: vpnAttachment });
  new ec2.CfnTransitGatewayRoute(stack, 'TgwDrop', { transitGatewayRouteTableId: table.ref, destinationCidrBlock: '10.100.0.0/16', blackhole: true });
  vpc.privateSubnets.forEach((s) => (s as ec2.Subnet).addRoute('ToOnPremTgw', {
    routerType: ec2.RouterType.TRANSIT_GATEWAY, routerId: tgw.ref, destinationCidrBlock: '10.200.0.0/16',
  }));
  vpc.publicSubnets.forEach((s) => (s as ec2.Subnet).addRoute('ToDropTgw', {
    routerType: ec2.RouterType.TRANSIT_GATEWAY, routerId: tgw.ref, destinationCidrBlock: '10.100.0.0/16',
  }));
}

const ACCOUNT = '111111111111';
const REGION = 'eu-west-1';

export function buildApp(stacks: number, mode: Mode, outdir: string, timer?: CheckTimer): App {
  const app = new App({
    outdir,
    context: { [`availability-zones:account=${ACCOUNT}:region=${REGION}`]: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] },
  });
  // The transit gateway hub (docs/transit.md): one TGW, a VPN concentrator, every VPC attached with a
  // table of its own. NRG_BENCH_TGW=off leaves it out (the app of the figures before it).
  const hub = process.env.NRG_BENCH_TGW === 'off' ? undefined : transitHub(new Stack(app, 'Hub', { env: { account: ACCOUNT, region: REGION } }));
  for (let i = 0; i < stacks; i++) {
    const stack = new Stack(app, `Net${i}`, { env: { account: ACCOUNT, region: REGION } });
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(`10.${i % 256}.0.0/16`),
      maxAzs: 3,
      natGateways: 3,
      vpnGateway: true,
    });
    const peering = new ec2.CfnVPCPeeringConnection(stack, 'Peering', { vpcId: vpc.vpcId, peerVpcId: 'vpc-0123456789abcdef0' });
    vpc.privateSubnets.forEach((subnet, s) => {
      (subnet as ec2.Subnet).addRoute('ToPeer', {
        routerType: ec2.RouterType.VPC_PEERING_CONNECTION, routerId: peering.ref, destinationCidrBlock: '172.31.0.0/16',
      });
      for (let r = 0; r < 20; r++) {
        (subnet as ec2.Subnet).addRoute(`OnPrem${r}`, {
          routerType: ec2.RouterType.GATEWAY, routerId: vpc.vpnGatewayId!, destinationCidrBlock: `192.168.${s * 20 + r}.0/24`,
        });
      }
    });
    vpc.publicSubnets.forEach((subnet) => {
      for (let r = 0; r < 20; r++) {
        (subnet as ec2.Subnet).addRoute(`Partner${r}`, {
          routerType: ec2.RouterType.GATEWAY, routerId: vpc.internetGatewayId!, destinationCidrBlock: `198.51.${r}.0/24`,
        });
      }
    });
    if (hub) attachToHub(stack, vpc, hub);
  }
  if (mode === 'guard') {
    const guard = new NatRouteGuard();
    if (timer) {
      guard.visit = timed(timer, guard.visit.bind(guard));
      // The guard judges the tree in a validation it adds to the Stage (here the App).
      const addValidation = app.node.addValidation.bind(app.node);
      app.node.addValidation = (v) => addValidation({ validate: timed(timer, allocating(timer, () => v.validate())) });
    }
    Aspects.of(app).add(guard, { priority: AspectPriority.READONLY });
  }
  if (mode === 'plugin') {
    const plugin = new NatRouteGuardPlugin();
    if (timer) plugin.validate = timed(timer, allocating(timer, plugin.validate.bind(plugin)));
    Validations.of(app).addPlugins(plugin);
  }
  if (mode === 'nag') {
    // cdk-nag 3 is a validation plugin; loaded here only, so the other modes do not pay for it.
    // Installed into .bench-deps/ by `npm run bench` (test/cdk-release/use-release.js resolves it).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const load = () => require('cdk-nag') as {
      AwsSolutionsChecks: new (scope: App) => { validate: (...a: never[]) => unknown } & import('aws-cdk-lib').IPolicyValidationPlugin;
    };
    const { AwsSolutionsChecks } = timer ? timed(timer, load)() : load();
    // The app has no VPC flow logs (AwsSolutions-VPC7): acknowledged, so cdk-nag, like the guard,
    // does its full work and reports nothing, and synthesis completes.
    app.node.children.forEach((stack) => Validations.of(stack).acknowledge({ id: 'AwsSolutions-VPC7', reason: 'benchmark app' }));
    const nag = new AwsSolutionsChecks(app);
    if (timer) nag.validate = timed(timer, allocating(timer, nag.validate.bind(nag)));
    Validations.of(app).addPlugins(nag);
  }
  return app;
}
