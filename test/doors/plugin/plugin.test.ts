/**
 * NatRouteGuardPlugin in CDK's validation report, as a user of cdk-nag 3 meets it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Stage, Validations } from 'aws-cdk-lib';
import { NatRouteGuard, NatRouteGuardPlugin, NatRouteGuardPluginProps, NatRouteRuleLevel } from '../../../src';
import * as buildModelModule from '../../../src/build/build-model';
import { expectReportFailure } from '../../cdk-version';
import { blogVpc } from '../../demo/blog-app';
import { leak, privateRoutes } from '../../support/apps';
import { captureReports, reportFindings } from '../../support/doors';

function pluginApp(props?: NatRouteGuardPluginProps) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'nrg-plugin-'));
  const app = new App({ outdir, context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
  const stack = new Stack(app, 'S');
  const vpc = blogVpc(stack);
  leak(vpc);
  const route = vpc.publicSubnets[0].node.findChild('OnPremises');
  return { app, stack, route, outdir, props };
}

function run(app: App, props?: NatRouteGuardPluginProps) {
  const { reports } = captureReports(() => {
    Validations.of(app).addPlugins(new NatRouteGuardPlugin(props));
    app.synth();
  });
  return reports;
}

test('a finding is a violation with the rule id, severity, first sentence, fix, logical id and template', () => {
  const { app } = pluginApp();
  const [report] = run(app);
  expect(report.success).toBe(false);
  expect(report.violations).toHaveLength(1);
  const v = report.violations[0];
  expect(v.ruleName).toBe('NRG-VGW');
  expect(v.severity).toBe('error');
  // The first line (shortened to fit a terminal: the table is on the path line), then the path the traffic takes.
  expect(v.description.split('\n   ')).toEqual([
    '[NRG-VGW] NAT gateway S/Vpc/PublicSubnet1/NATGateway forwards 192.168.1.0/24 to virtual private gateway S/Vpc/VpnGateway (VPN / Direct Connect) through route S/Vpc/PublicSubnet1/OnPremises.',
    'Path: S/Vpc/PrivateSubnet1/RouteTable (0.0.0.0/0 -> NAT gateway, route S/Vpc/PrivateSubnet1/DefaultRoute) -> NAT gateway S/Vpc/PublicSubnet1/NATGateway -> route S/Vpc/PublicSubnet1/OnPremises (192.168.1.0/24) '
    + 'in S/Vpc/PublicSubnet1/RouteTable -> virtual private gateway S/Vpc/VpnGateway (VPN / Direct Connect)',
    'Rule: https://github.com/cdk-nat-route-guard/cdk-nat-route-guard/blob/main/docs/rules/NRG-VGW.md',
  ]);
  expect(v.fix).toMatch(/^route 192\.168\.1\.0\/24 from the route tables that feed the NAT gateway straight to the virtual private gateway.*\.$/);
  // CDK's report says how to acknowledge: the fix is only the fix.
  expect(v.fix).not.toMatch(/acknowledge/i);
  expect(v.violatingResources).toEqual([{
    resourceLogicalId: expect.stringMatching(/^VpcPublicSubnet1OnPremises/),
    templatePath: expect.stringMatching(/(^|\/)S\.template\.json$/), // newer releases make it relative to the cloud assembly
    constructPath: 'S/Vpc/PublicSubnet1/OnPremises',
    locations: [],
  }]);
});

test('ruleLevels: a rule made a warning passes; turned off, it is not evaluated', () => {
  const warn = pluginApp();
  const [w] = run(warn.app, { ruleLevels: { 'NRG-VGW': NatRouteRuleLevel.WARNING } });
  expect([w.success, w.violations.map((v) => v.severity)]).toEqual([true, ['warning']]);
  const off = pluginApp();
  const [o] = run(off.app, { ruleLevels: { 'NRG-VGW': NatRouteRuleLevel.OFF } });
  expect([o.success, o.violations]).toEqual([true, []]);
  expect(() => new NatRouteGuardPlugin({ ruleLevels: { 'NRG-NOPE': NatRouteRuleLevel.ERROR } }))
    .toThrow(/NatRouteGuardPluginProps.ruleLevels: 'NRG-NOPE' is not a rule of cdk-nat-route-guard/);
});

test('Validations.acknowledge with the short id: the finding stays visible as acknowledged, with its reason, and fails nothing', () => {
  const { app, stack } = pluginApp();
  Validations.of(stack).acknowledge({ id: 'NRG-VGW', reason: 'Partner allow-lists the NAT address' });
  const [report] = run(app);
  expect(report.success).toBe(true);
  expect(report.violations.map((v) => [v.severity, v.description.replace(/^[\s\S]*\n\s*Acknowledged/, 'Acknowledged')])).toEqual([
    ['info', 'Acknowledged on S: Partner allow-lists the NAT address'],
  ]);
});

test.each([
  ['CDK\'s own form for plugins', (c: Parameters<typeof NatRouteGuard.acknowledge>[0]) => Validations.of(c).acknowledge({ id: 'cdk-nat-route-guard::NRG-VGW', reason: 'Accepted by the network team' })],
  ['NatRouteGuard.acknowledge, which writes it', (c: Parameters<typeof NatRouteGuard.acknowledge>[0]) => NatRouteGuard.acknowledge(c, 'NRG-VGW', 'Accepted by the network team')],
])('%s puts the finding under the report\'s suppressed violations', (_name, acknowledge) => {
  const { app, route, outdir } = pluginApp();
  acknowledge(route);
  run(app);
  const newer = path.join(outdir, 'validation-report.json');
  if (fs.existsSync(newer)) {
    const ours = JSON.parse(fs.readFileSync(newer, 'utf-8')).pluginReports.find((r: { pluginName: string }) => r.pluginName === 'cdk-nat-route-guard');
    expect(ours.conclusion).toBe('success');
    expect(ours.violations).toEqual([]);
    expect(ours.suppressedViolations.map((v: { ruleName: string; reason: string }) => [v.ruleName, v.reason])).toEqual([['NRG-VGW', 'Accepted by the network team']]);
  } else {
    // Older releases drop acknowledged violations from the report (policy-validation-report.json).
    const older = JSON.parse(fs.readFileSync(path.join(outdir, 'policy-validation-report.json'), 'utf-8'));
    expect(JSON.stringify(older)).not.toContain('NRG-VGW');
  }
});

test('an error fails app.synth() in memory, as cdk-nag 3\'s do; the fixed app passes', () => {
  const app = new App();
  leak(blogVpc(new Stack(new Stage(app, 'Prod'), 'Network')));
  Validations.of(app).addPlugins(new NatRouteGuardPlugin());
  expectReportFailure(() => app.synth(), /\[NRG-VGW\] NAT gateway \S*PublicSubnet1\/NATGateway forwards 192\.168\.1\.0\/24[\s\S]*-> NAT gateway Prod\/Network\/Vpc\/PublicSubnet1\/NATGateway ->/);
  const fixed = new App();
  privateRoutes(blogVpc(new Stack(new Stage(fixed, 'Prod'), 'Network')));
  Validations.of(fixed).addPlugins(new NatRouteGuardPlugin());
  expect(() => fixed.synth()).not.toThrow();
});

test('in a Python, Java, Go or C# app, a release that cannot fail synth on the plugin\'s error says so (newer ones throw)', () => {
  const written: string[] = [];
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => { written.push(String(chunk)); return true; });
  const agent = process.env.JSII_AGENT;
  process.env.JSII_AGENT = 'Python/3.11.7';
  let unified = false;
  try {
    for (const fixed of [false, true]) {
      const app = new App();
      const vpc = blogVpc(new Stack(app, 'Network'));
      (fixed ? privateRoutes : leak)(vpc);
      Validations.of(app).addPlugins(new NatRouteGuardPlugin());
      expectFailureOr(fixed, () => app.synth(), (e) => { unified = /NRG-VGW/.test(e.message); });
    }
  } finally {
    stderr.mockRestore();
    if (agent === undefined) delete process.env.JSII_AGENT; else process.env.JSII_AGENT = agent;
  }
  const warnings = written.filter((w) => w.includes('will exit 0'));
  if (unified) {
    expect(warnings).toEqual([]); // the release throws: the app's process fails in every language
  } else {
    expect(warnings).toHaveLength(1); // the leak, not the fixed app
    expect(warnings[0]).toContain('1 error(s) in the validation report, but `cdk synth` of this Python app will exit 0');
    expect(warnings[0]).toContain('Upgrade aws-cdk-lib to 2.262.0 or later, or add the NatRouteGuard aspect');
  }
});

/** Run a synthesis; a failing one (leak) may throw (newer releases) or set the exit code (older), reset here. */
function expectFailureOr(passes: boolean, synth: () => unknown, onThrow: (e: Error) => void) {
  const errorLog = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const exitBefore = process.exitCode;
  try {
    synth();
    if (!passes) expect(process.exitCode).toBe(1);
  } catch (e) {
    expect(passes).toBe(false);
    onThrow(e as Error);
  } finally {
    process.exitCode = exitBefore;
    errorLog.mockRestore();
  }
}

test('a bug inside the plugin is a plugin failure in the report, never a crash', () => {
  const spy = jest.spyOn(buildModelModule, 'buildModel').mockImplementation(() => {
    throw new Error('boom');
  });
  try {
    const { app } = pluginApp();
    const [report] = run(app);
    expect(report.success).toBe(false);
    expect(report.metadata?.error).toMatch(/cdk-nat-route-guard could not read the templates \(boom\)/);
  } finally {
    spy.mockRestore();
  }
});

test('the plugin alone sees every stack: Stages in Stages too', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'nrg-plugin-'));
  const app = new App({ outdir, context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
  const inner = new Stage(new Stage(app, 'Prod'), 'Inner');
  leak(blogVpc(new Stack(inner, 'Network')));
  leak(blogVpc(new Stack(app, 'Top')));
  const findings = reportFindings(run(app)).map((f) => `${f.level} ${f.rule} @ ${f.path}`).sort();
  expect(findings).toEqual(['error NRG-VGW @ Prod/Inner/Network/Vpc/PublicSubnet1/OnPremises', 'error NRG-VGW @ Top/Vpc/PublicSubnet1/OnPremises']);
});
