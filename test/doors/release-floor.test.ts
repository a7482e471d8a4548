/**
 * What each door does on the release under test (the peer minimum, 2.257.0, in the main run; the
 * current one under `npm run test:current-cdk`), as README.md "Releases" states it: which report
 * file CDK writes, and whether an in-memory `app.synth()` throws on an error.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, Stack, Stage, Validations } from 'aws-cdk-lib';
import { NatRouteGuard, NatRouteGuardPlugin } from '../../src';
import { CDK_RELEASE, UNIFIED_REPORT, captureReport } from '../cdk-version';
import { blogVpc } from '../demo/blog-app';
import { leak } from '../support/apps';

function synthesize(door: 'aspect' | 'plugin', where: 'top-level' | 'nested Stage') {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'nrg-floor-'));
  const app = new App({ outdir });
  leak(blogVpc(new Stack(where === 'nested Stage' ? new Stage(app, 'Prod') : app, 'Net')));
  if (door === 'aspect') Aspects.of(app).add(new NatRouteGuard());
  else Validations.of(app).addPlugins(new NatRouteGuardPlugin());
  const { thrown, exitCode, printed } = captureReport(() => app.synth());
  const reports = fs.readdirSync(outdir).filter((f) => f.endsWith('report.json'));
  const guardInReports = reports.some((f) => fs.readFileSync(path.join(outdir, f), 'utf-8').includes('cdk-nat-route-guard'));
  return { thrown: thrown?.message, exitCode, printed, reports, guardInReports };
}

const release = CDK_RELEASE.join('.');

describe.each([
  ['plugin', 'top-level'],
  ['plugin', 'nested Stage'],
  ['aspect', 'nested Stage'],
] as const)(`aws-cdk-lib ${release}: an error of the %s in a %s stack, in memory`, (door, where) => {
  if (UNIFIED_REPORT) {
    test('app.synth() throws with the finding, and CDK writes validation-report.json', () => {
      const r = synthesize(door, where);
      expect(r.thrown).toMatch(/NRG-VGW/);
      expect(r.reports).toContain('validation-report.json');
      expect(r.reports).not.toContain('policy-validation-report.json');
    });
  } else {
    test('app.synth() does not throw: CDK prints the report, sets process.exitCode to 1 and writes policy-validation-report.json', () => {
      const r = synthesize(door, where);
      expect(r.thrown).toBeUndefined();
      expect(r.exitCode).toBe(1);
      expect(r.printed).toMatch(/NRG-VGW/);
      expect(r.reports).toEqual(['policy-validation-report.json']);
    });
  }
});

test(`aws-cdk-lib ${release}: the Aspect's error on a top-level stack is an annotation: app.synth() neither throws nor reports it (\`cdk synth\` exits 1 on it)`, () => {
  const r = synthesize('aspect', 'top-level');
  expect(r.thrown).toBeUndefined();
  expect(r.exitCode).not.toBe(1);
  expect(r.guardInReports).toBe(false);
});
