/**
 * The real `aws-cdk` CLI on the bundled example, as a user runs it.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { UNIFIED_REPORT } from '../../cdk-version';
import { ROOT } from '../../support/paths';
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

function cdkSynth(variant: 'broken' | 'fixed', appFile = 'blog-app.ts', ...args: string[]) {
  return cdkSynthIn({}, variant, appFile, ...args);
}

/** `cdk synth` with these variables set in its environment (undefined: removed). */
function cdkSynthIn(vars: Record<string, string | undefined>, variant: 'broken' | 'fixed', appFile: string, ...args: string[]) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `nrg-cli-${variant}-`));
  // Under `npm run test:current-cdk` the app uses that aws-cdk-lib release too.
  const release = process.env.NRG_CDK_RELEASE_DIR ? ['-r', path.join(ROOT, 'test', 'cdk-release', 'use-release.js')] : [];
  const app = [bin('ts-node'), ...release, '--transpile-only', '--project', path.join(ROOT, 'tsconfig.dev.json'), path.join(ROOT, 'test', 'demo', appFile), variant, ...args].join(' ');
  const res = spawnSync(bin('cdk'), ['synth', '--no-notices', '--no-version-reporting', '--output', outdir, '--app', app], {
    cwd: ROOT,
    encoding: 'utf-8',
    env: Object.fromEntries(Object.entries({ ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', CI: 'true', ...vars }).filter(([, v]) => v !== undefined)),
    timeout: 240_000,
  });
  return { ...res, outdir };
}

describe('cdk synth with the aws-cdk CLI', () => {
  test('the broken blog example fails with exit code 1 and the NRG-VGW message', () => {
    const res = cdkSynth('broken');
    expect(res.error).toBeUndefined();
    expect(res.status).toBe(1);
    const output = res.stdout + res.stderr;
    // The first line fits a terminal; the path line names everything in full.
    expect(output).toMatch(/\[NRG-VGW\] NAT gateway (…\/|BlogBroken\/)Vpc\/PublicSubnet1\/NATGateway forwards 192\.168\.1\.0\/24 to virtual private gateway (…\/|BlogBroken\/)Vpc\/VpnGateway/);
    expect(output).toContain('-> NAT gateway BlogBroken/Vpc/PublicSubnet1/NATGateway -> route BlogBroken/Vpc/PublicSubnet1/OnPremises (192.168.1.0/24)');
    expect(output).toContain('BlogBroken/Vpc/PublicSubnet1/OnPremises');
    // The template is still written, as CDK does for error annotations.
    expect(fs.existsSync(path.join(res.outdir, 'BlogBroken.template.json'))).toBe(true);
  }, 300_000);

  test('the fixed blog example synthesizes cleanly', () => {
    const res = cdkSynth('fixed');
    expect(res.error).toBeUndefined();
    expect(res.stderr).not.toContain('[NRG-');
    expect(res.status).toBe(0);
    const template = JSON.parse(fs.readFileSync(path.join(res.outdir, 'BlogFixed.template.json'), 'utf-8'));
    const onPrem = Object.entries(template.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>)
      .filter(([, r]) => r.Type === 'AWS::EC2::Route' && r.Properties.DestinationCidrBlock === '192.168.1.0/24');
    expect(onPrem.map(([id]) => id).sort()).toEqual([expect.stringMatching(/^VpcPrivateSubnet1OnPremises/), expect.stringMatching(/^VpcPrivateSubnet2OnPremises/)]);
  }, 300_000);
});


/** The violating constructs of the guard's NRG-VGW violations in the report file the release writes. */
function reportedConstructs(outdir: string): Array<Array<{ constructPath?: string }>> {
  const file = path.join(outdir, UNIFIED_REPORT ? 'validation-report.json' : 'policy-validation-report.json');
  const report = JSON.parse(fs.readFileSync(file, 'utf-8')) as {
    pluginReports: Array<{ pluginName?: string; summary?: { pluginName: string }; violations: Array<Record<string, unknown>> }>;
  };
  return report.pluginReports.filter((r) => (r.pluginName ?? r.summary?.pluginName) === 'cdk-nat-route-guard')
    .flatMap((r) => r.violations.filter((v) => v.ruleName === 'NRG-VGW'))
    .map((v) => (UNIFIED_REPORT ? v.violatingConstructs : v.violatingResources) as Array<{ constructPath?: string }>);
}

// The CLI shows the report's violations of the stacks it selects: by default the top-level ones
// and, unless validation is off, those CDK Pipelines marks validateOnSynth. The guard prints the others itself.
describe.each([
  ['aspect', 'a Stage in a Stage', 'Prod/EuWest1/Network', 'off'],
  ['plugin', 'a Stage in a Stage', 'Prod/EuWest1/Network', 'off'],
  ['aspect', 'CDK Pipelines CodePipeline', 'Prod/Network', 'off'],
  ['plugin', 'CDK Pipelines CodePipeline', 'Prod/Network', 'off'],
  ['aspect', 'CDK Pipelines CodePipeline', 'Prod/Network', 'on'],
  ['plugin', 'CDK Pipelines CodePipeline', 'Prod/Network', 'on'],
])('cdk synth of a CDK Pipelines-shaped app, the guard as %s, stacks in %s (%s), CDK\'s validation %s', (door, shape, stack, validation) => {
  const args = shape.startsWith('CDK Pipelines') ? [door, 'codepipeline'] : [door];
  const vars = { CDK_VALIDATION: validation === 'off' ? 'false' : undefined };
  const maybe = validation === 'off' ? test : test.skip;

  test('the leak in the Stage fails synth, shown once with its construct, where it was made, and one violating construct in the report', () => {
    const res = cdkSynthIn(vars, 'broken', 'pipeline-app.ts', ...args);
    expect(res.error).toBeUndefined();
    expect(res.status).toBe(1);
    const output = res.stdout + res.stderr;
    const headline = /\[NRG-VGW\] NAT gateway …\/[\w/]*PublicSubnet1\/NATGateway forwards 192\.168\.1\.0\/24 to virtual private gateway/g;
    expect(output.match(headline)).toHaveLength(1);
    expect(output).toContain(`-> NAT gateway ${stack}/Vpc/PublicSubnet1/NATGateway -> `);
    // The construct line, as the CLI prints it: never blank.
    expect(output).toMatch(new RegExp(`^   ${stack}/Vpc/PublicSubnet1/OnPremises \\(VpcPublicSubnet1OnPremises\\w+\\)`, 'm'));
    expect(output).not.toMatch(/^ {3}\n {3}Suggested fix/m);
    // Where the route was made (the plugin on releases that do not hand it the app cannot know).
    if (door === 'aspect' || UNIFIED_REPORT) expect(output).toMatch(/^test\/support\/apps\.ts:\d+:\d+$/m);
    expect(reportedConstructs(res.outdir)).toEqual([[expect.objectContaining({ constructPath: `${stack}/Vpc/PublicSubnet1/OnPremises` })]]);
  }, 300_000);

  maybe('the fixed app passes', () => {
    const res = cdkSynthIn(vars, 'fixed', 'pipeline-app.ts', ...args);
    expect(res.error).toBeUndefined();
    expect(res.stdout + res.stderr).not.toContain('[NRG-');
    expect(res.status).toBe(0);
  }, 300_000);
});
