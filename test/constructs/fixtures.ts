import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';

export const ENV = { account: '111111111111', region: 'eu-west-1' };
const AZ_CONTEXT = { [`availability-zones:account=${ENV.account}:region=${ENV.region}`]: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] };

/** An app whose stacks see three Availability Zones without AWS calls. */
export function appWithStack(id = 'S'): { app: App; stack: Stack } {
  const app = new App({ context: AZ_CONTEXT });
  return { app, stack: new Stack(app, id, { env: ENV }) };
}

/** Every route of a template, as `table-logical-id: destination -> target-property` per table. */
export function routesByTable(template: { Resources: Record<string, { Type: string; Properties: Record<string, any> }> }): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const r of Object.values(template.Resources)) {
    if (r.Type !== 'AWS::EC2::Route') continue;
    const table = r.Properties.RouteTableId.Ref as string;
    const dest = r.Properties.DestinationCidrBlock ?? r.Properties.DestinationIpv6CidrBlock;
    const targetProp = Object.keys(r.Properties).find((k) => !k.startsWith('Destination') && k !== 'RouteTableId')!;
    const target = r.Properties[targetProp];
    const targetText = typeof target === 'string' ? target : target.Ref ?? target['Fn::GetAtt']?.[0] ?? JSON.stringify(target);
    (out[table] ??= []).push(`${dest} -> ${targetText}`);
  }
  for (const k of Object.keys(out)) out[k].sort();
  return out;
}

let cfnLintMissingReported = false;

/**
 * The cfn-lint the project installs from PyPI, pinned (`npx projen install:cfn-lint`, part of
 * `npx projen test`), never whichever one the machine happens to have on its PATH.
 */
export const CFN_LINT = path.join(__dirname, '..', '..', '.cfn-lint', 'bin', 'cfn-lint');

/**
 * Run cfn-lint on the templates; returns its report, or undefined (with a visible message) when
 * cfn-lint could not be installed. W3010 (hard-coded AZs) is inherent to environment-specific VPCs.
 */
export function cfnLint(templates: Record<string, unknown>): { status: number; output: string } | undefined {
  const probe = spawnSync(CFN_LINT, ['--version'], { encoding: 'utf-8' });
  if (probe.error || probe.status !== 0) {
    if (!cfnLintMissingReported) {
      cfnLintMissingReported = true;
      // Visible on purpose: the check is skipped, not passed.
      console.warn('cfn-lint is not installed in .cfn-lint (npx projen install:cfn-lint): SKIPPING the cfn-lint checks of synthesized templates');
    }
    return undefined;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nrg-lint-'));
  const files = Object.entries(templates).map(([name, t]) => {
    const f = path.join(dir, `${name}.json`);
    fs.writeFileSync(f, JSON.stringify(t, undefined, 1));
    return f;
  });
  const res = spawnSync(CFN_LINT, ['--regions', ENV.region, '--ignore-checks', 'W3010', '--', ...files], { encoding: 'utf-8' });
  return { status: res.status ?? -1, output: `${res.stdout}${res.stderr}` };
}
