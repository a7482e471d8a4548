/**
 * The real `aws-cdk` CLI on the bundled example, as a user runs it.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { ROOT } from '../../support/paths';
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

function cdkSynth(variant: 'broken' | 'fixed', appFile = 'blog-app.ts', ...args: string[]) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `nrg-cli-${variant}-`));
  // Under `npm run test:current-cdk` the app uses that aws-cdk-lib release too.
  const release = process.env.NRG_CDK_RELEASE_DIR ? ['-r', path.join(ROOT, 'test', 'cdk-release', 'use-release.js')] : [];
  const app = [bin('ts-node'), ...release, '--transpile-only', '--project', path.join(ROOT, 'tsconfig.dev.json'), path.join(ROOT, 'test', 'demo', appFile), variant, ...args].join(' ');
  const res = spawnSync(bin('cdk'), ['synth', '--no-notices', '--no-version-reporting', '--output', outdir, '--app', app], {
    cwd: ROOT,
    encoding: 'utf-8',
    env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', CI: 'true' },
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

describe.each(['aspect', 'plugin'])('cdk synth of a CDK Pipelines-shaped app (stacks in a Stage in a Stage), the guard as %s', (door) => {
  test('the leak in the Stage fails synth, with the finding shown', () => {
    const res = cdkSynth('broken', 'pipeline-app.ts', door);
    expect(res.error).toBeUndefined();
    expect(res.status).toBe(1);
    expect(res.stdout + res.stderr).toMatch(/\[NRG-VGW\] NAT gateway …\/[\w/]*PublicSubnet1\/NATGateway forwards 192\.168\.1\.0\/24 to virtual private gateway/);
    expect(res.stdout + res.stderr).toContain('-> NAT gateway Prod/EuWest1/Network/Vpc/PublicSubnet1/NATGateway -> ');
  }, 300_000);

  test('the fixed app passes', () => {
    const res = cdkSynth('fixed', 'pipeline-app.ts', door);
    expect(res.error).toBeUndefined();
    expect(res.stdout + res.stderr).not.toContain('[NRG-');
    expect(res.status).toBe(0);
  }, 300_000);
});
