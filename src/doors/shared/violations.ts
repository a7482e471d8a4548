/**
 * Findings as entries of CDK's validation report (the door of validation plugins).
 */
import { IPolicyValidationContext, PolicyViolatingResource, PolicyViolation } from 'aws-cdk-lib';
import { Acknowledgement, PLUGIN_NAME, holds } from './acknowledgements';
import { layOut, layoutText } from './layout';
import { Finding } from '../../analysis/findings';
import { NatRouteRuleLevel } from '../../analysis/rule-table';

export { PLUGIN_NAME } from './acknowledgements';

/**
 * One finding as a violation: the rule id as `ruleName`, the first line and the path (layout.ts)
 * as description, the fix, the severity. CDK's report names, under each, the id that
 * acknowledges it (`cdk-nat-route-guard::<rule>`, what `NatRouteGuard.acknowledge` writes). An
 * acknowledged finding stays visible, as `info` with the reason, and fails nothing.
 */
export function violationOf(
  f: Finding, level: NatRouteRuleLevel, ack: Acknowledgement | undefined, resource: PolicyViolatingResource, verbose = false,
): PolicyViolation {
  const laid = layOut(f, { verbose });
  // The fix is the violation's own; CDK's report says how to acknowledge (the id NatRouteGuard.acknowledge writes).
  const fixLine = laid.fix === undefined ? -1 : laid.details.indexOf(`Fix: ${laid.fix}`);
  const shown = laid.details.filter((d, i) => i !== fixLine && !d.startsWith('Acknowledge'));
  const first = [laid.headline, ...shown].join('\n   ');
  const fix = laid.fix;
  return {
    ruleName: f.ruleId,
    description: ack && holds(ack) ? `${first}\n   Acknowledged on ${ack.path}: ${ack.reason}` : first,
    fix,
    severity: holds(ack) ? 'info' : level === NatRouteRuleLevel.ERROR ? 'error' : 'warning',
    // One resource, with its construct path (CDK adds where it was made). Where the CLI will not
    // show it (a plain nested Stage's stack), printed-report.ts prints it.
    violatingResources: [resource],
    // The whole finding as every door lays it out (layout.ts).
    ruleMetadata: { message: layoutText(laid) },
  };
}

/** Whether a report with these violations passes: no error among them. */
export function passes(violations: readonly PolicyViolation[]): boolean {
  return violations.every((v) => v.severity !== 'error');
}

/**
 * Releases of aws-cdk-lib before the unified validation report (2.262.0) fail a synthesis whose
 * report has errors only by setting `process.exitCode`. In an app written in Python, Java, Go or
 * C#, that is the exit code of the jsii kernel's Node.js process, which the app's own process
 * never takes: `cdk synth` exits 0 (so does the exit code `reportWhereTheCliWouldNot` sets). The
 * guard cannot fail it from a plugin (CDK catches what a plugin throws), so it says so, where the
 * report is printed, instead of passing in silence.
 */
export function warnWhereTheHostWouldNotFail(context: IPolicyValidationContext, violations: readonly PolicyViolation[]): void {
  const host = process.env.JSII_AGENT;
  const errors = violations.filter((v) => v.severity === 'error').length;
  if (!host || errors === 0 || 'stackTemplates' in context) return;
  process.stderr.write(`${PLUGIN_NAME}: WARNING: ${errors} error(s) in the validation report, but \`cdk synth\` of this ${host.split('/')[0]} app `
    + 'will exit 0: before aws-cdk-lib 2.262.0, CDK fails the synthesis on a validation plugin\'s errors only through the exit code of the '
    + 'jsii kernel\'s Node.js process, which your app\'s process does not take. Upgrade aws-cdk-lib to 2.262.0 or later, or add the '
    + 'NatRouteGuard aspect instead (its errors fail `cdk synth` in every language).\n');
}
