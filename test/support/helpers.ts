import { App, AspectPriority, Aspects, NestedStack, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { CliJsonFinding, comparable } from './doors';
import { NatRouteGuard, NatRouteGuardPlugin, NatRouteGuardProps } from '../../src';
import { run } from '../../src/doors/cli/run';

export interface Reported {
  readonly level: 'error' | 'warning' | 'info';
  readonly path: string;
  readonly message: string;
  readonly rule: string;
}

const LEVELS: Record<string, Reported['level']> = { 'aws:cdk:error': 'error', 'aws:cdk:warning': 'warning', 'aws:cdk:info': 'info' };

/** The guard settings each test app was made with, so that the plugin door gets the same. */
const SETTINGS = new WeakMap<App, NatRouteGuardProps | undefined>();

/** Synthesize and collect the Aspect's annotations in the tree (nested stacks included). */
export function aspectFindings(app: App): Reported[] {
  app.synth();
  return collect(app);
}

/** The Aspect's annotations in the synthesized tree. */
function collect(app: App): Reported[] {
  const out: Reported[] = [];
  const visit = (c: IConstruct) => {
    for (const m of c.node.metadata) {
      const level = LEVELS[m.type];
      const text = String(m.data);
      const rule = /^\[(NRG-[A-Z0-9-]+)\]/.exec(text)?.[1];
      if (level && rule) out.push({ level, path: c.node.path, message: text, rule });
    }
    c.node.children.forEach(visit);
  };
  visit(app);
  return out;
}

/**
 * Synthesize, and expect the three doors to report the same findings: the Aspect's annotations,
 * the validation plugin on the same synthesized templates (as CDK hands them to it), and the
 * command line on the cloud assembly, with the same rule levels. Returns the Aspect's findings.
 */
export function expectDoorsAgree(app: App): Reported[] {
  const assembly = app.synth();
  const out = collect(app);
  // What CDK hands a plugin on every release of the peer range: the template paths.
  const templatePaths = assembly.stacksRecursively.map((st) => st.templateFullPath);
  const report = new NatRouteGuardPlugin(SETTINGS.get(app)).validate({ templatePaths } as never);
  expect(report.metadata?.error).toBeUndefined();
  const fromPlugin = report.violations.map((v) => `${v.severity} ${v.ruleName} @ ${v.violatingResources[0].constructPath}: ${comparable(String(v.ruleMetadata?.message))}`);
  const fromAspect = out.map((r) => `${r.level} ${r.rule} @ ${r.path}: ${comparable(r.message)}`);
  expect(fromPlugin.sort()).toEqual(fromAspect.sort());
  const props = SETTINGS.get(app);
  // The same settings as the command line's flags.
  const levels = [
    ...Object.entries(props?.ruleLevels ?? {}).flatMap(([id, level]) => ['--rule-level', `${id}=${level}`]),
    ...Object.entries(props?.externalTransitGateways ?? {}).flatMap(([id, t]) => ['--external-tgw', `${id}=${t.onPremisesCidrs.join(',')}`]),
    ...Object.entries(props?.transitGatewayAttachments ?? {}).flatMap(([id, kind]) => ['--tgw-attachment', `${id}=${kind}`]),
    ...(props?.transitOnlySubnets ?? []).flatMap((p) => ['--transit-only', p]),
    ...(props?.verbose ? ['--verbose'] : []),
  ];
  let json = '';
  run([assembly.directory, '--format', 'json', ...levels], { stdout: (t) => { json += t; }, stderr: () => undefined, cwd: assembly.directory });
  const fromCli = (JSON.parse(json).findings as CliJsonFinding[])
    .map((f) => `${f.acknowledged ? 'info' : f.level} ${f.ruleId} @ ${f.constructPath ?? f.path}: ${comparable([f.headline, ...f.details].join('\n  '))}`);
  expect(fromCli.sort()).toEqual(fromAspect.sort());
  return out;
}

/** The Aspect's findings, with the three doors expected to agree unless `doors` is false (where the Aspect covers part of the app). */
/** `level rule @ path`, sorted: what a reviewer reads. */
export function summary(app: App, options: { readonly doors?: boolean } = {}): string[] {
  return (options.doors ?? true ? expectDoorsAgree(app) : aspectFindings(app)).map((r) => `${r.level} ${r.rule} @ ${r.path}`).sort();
}

export function newApp(props?: NatRouteGuardProps): { app: App; stack: Stack } {
  const app = new App();
  const stack = new Stack(app, 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
  Aspects.of(app).add(new NatRouteGuard(props), { priority: AspectPriority.READONLY });
  SETTINGS.set(app, props);
  return { app, stack };
}

/** The blog topology written as hand-made L1s in `scope`; returns the pieces. */
export function l1Blog(scope: Stack | NestedStack, opts: { natConnectivity?: string } = {}) {
  const vpc = new ec2.CfnVPC(scope, 'Vpc', { cidrBlock: '10.0.0.0/16' });
  const igw = new ec2.CfnInternetGateway(scope, 'Igw');
  new ec2.CfnVPCGatewayAttachment(scope, 'IgwAttach', { vpcId: vpc.ref, internetGatewayId: igw.ref });
  const vgw = new ec2.CfnVPNGateway(scope, 'Vgw', { type: 'ipsec.1' });
  new ec2.CfnVPCGatewayAttachment(scope, 'VgwAttach', { vpcId: vpc.ref, vpnGatewayId: vgw.ref });
  const pubSubnet = new ec2.CfnSubnet(scope, 'PubSubnet', { vpcId: vpc.ref, cidrBlock: '10.0.0.0/24' });
  const privSubnet = new ec2.CfnSubnet(scope, 'PrivSubnet', { vpcId: vpc.ref, cidrBlock: '10.0.1.0/24' });
  const pubRt = new ec2.CfnRouteTable(scope, 'PubRt', { vpcId: vpc.ref });
  const privRt = new ec2.CfnRouteTable(scope, 'PrivRt', { vpcId: vpc.ref });
  new ec2.CfnSubnetRouteTableAssociation(scope, 'PubAssoc', { subnetId: pubSubnet.ref, routeTableId: pubRt.ref });
  new ec2.CfnSubnetRouteTableAssociation(scope, 'PrivAssoc', { subnetId: privSubnet.ref, routeTableId: privRt.ref });
  const eip = new ec2.CfnEIP(scope, 'Eip');
  const nat = new ec2.CfnNatGateway(scope, 'Nat', opts.natConnectivity === 'private'
    ? { subnetId: pubSubnet.ref, connectivityType: 'private' }
    : { subnetId: pubSubnet.ref, allocationId: eip.attrAllocationId });
  new ec2.CfnRoute(scope, 'PubDefault', { routeTableId: pubRt.ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.ref });
  new ec2.CfnRoute(scope, 'PrivDefault', { routeTableId: privRt.ref, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.ref });
  return { vpc, igw, vgw, pubRt, privRt, nat, pubSubnet };
}

