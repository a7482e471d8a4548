/**
 * The aws-cdk-lib release the tests run against: the development one, or the peer minimum
 * (`npm run test:min-cdk`). Behaviour that differs between releases is asserted per release.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';

/** `ec2.NatProvider.regionalGateway()` exists (aws-cdk-lib 2.273.0 and later). */
export const HAS_REGIONAL_NAT = typeof (ec2.NatProvider as unknown as { regionalGateway?: unknown }).regionalGateway === 'function';

/** The release's version, as `[major, minor, patch]`. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const CDK_RELEASE: readonly number[] = (require('aws-cdk-lib/package.json') as { version: string }).version.split('.').map(Number);

/**
 * aws-cdk-lib 2.262.0 and later write the unified `validation-report.json`, hand plugins the app
 * and throw from an in-memory `app.synth()` on a failing report; earlier releases write
 * `policy-validation-report.json`, print the report and set `process.exitCode`.
 */
export const UNIFIED_REPORT = CDK_RELEASE[0] > 2 || CDK_RELEASE[1] >= 262;

/** `test`, or `test.skip` with the reason in its name where the release lacks what it needs. */
export function testIf(condition: boolean, why: string): (name: string, fn: () => void) => void {
  return condition ? test : (name, fn) => test.skip(`${name} [skipped: ${why}]`, fn);
}

/**
 * Synthesis that CDK's validation report fails: newer releases throw in memory with the report's
 * text; older ones print the report and set `process.exitCode` (reset here, so the test runner's
 * own exit code is not taken over). Either way the report must show `pattern`.
 */
export function expectReportFailure(synth: () => unknown, pattern: RegExp): void {
  const { thrown, exitCode, printed } = captureReport(synth);
  if (thrown) {
    expect(thrown.message).toMatch(pattern);
  } else {
    expect(exitCode).toBe(1);
    expect(printed).toMatch(pattern);
  }
}

/**
 * Run a synth as the CDK CLI would see it: what it throws, the exit code it sets (restored
 * after), and what it prints on standard error (captured, not shown).
 */
export function captureReport(synth: () => unknown): { thrown?: Error; exitCode: typeof process.exitCode; printed: string } {
  const printed: string[] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { printed.push(args.map(String).join(' ')); });
  const exitBefore = process.exitCode;
  let thrown: Error | undefined;
  try {
    synth();
  } catch (e) {
    thrown = e as Error;
  } finally {
    spy.mockRestore();
  }
  const exitCode = process.exitCode;
  process.exitCode = exitBefore;
  return { thrown, exitCode, printed: printed.join('\n') };
}

/** `ec2.NatProvider.regionalGateway()`, where the release has it (check `HAS_REGIONAL_NAT` first). */
export function regionalNatProvider(): ec2.NatProvider {
  const provider = ec2.NatProvider as unknown as { regionalGateway?: () => ec2.NatProvider };
  if (!provider.regionalGateway) throw new Error('this aws-cdk-lib release has no regional NAT gateways (2.273.0 and later)');
  return provider.regionalGateway();
}
