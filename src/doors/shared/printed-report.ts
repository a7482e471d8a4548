/**
 * What the guard prints itself, where the `cdk` CLI would not show a finding of CDK's validation
 * report (docs/judging.md, "Where findings are shown").
 */
import * as fs from 'fs';
import * as path from 'path';
import { IPolicyValidationContext, PolicyViolatingResource, PolicyViolation, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { PLUGIN_NAME, constructAtPath } from './acknowledgements';
import { contextFromEnvironment } from '../../internal/cdk';
import { firstUserFrame } from '../../readers/template/assembly';
import { CREATION_STACK_METADATA_KEY } from '../../records/metadata-keys';

/**
 * Whether the `cdk` CLI asked the app to leave validation reporting to it (context
 * `@aws-cdk/core:failSynthOnValidationErrors: false`, passed in the environment).
 */
function cliReadsTheReport(): boolean {
  try {
    return contextFromEnvironment()?.['@aws-cdk/core:failSynthOnValidationErrors'] === false;
  } catch {
    return false;
  }
}

/**
 * Whether `cdk synth` without stack names shows a violation of this template: the CLI shows those
 * of the stacks it selects, the top-level ones and those marked `validateOnSynth` (a stack CDK
 * Pipelines deploys) unless validation is off (`--no-validation`, which the CLI passes to the app as
 * `CDK_VALIDATION=false`); a stack in a plain nested Stage is selected only by name.
 */
function shownByDefault(resource: PolicyViolatingResource, app: IConstruct | undefined, validated: ValidatedTemplates): boolean {
  const templatePath = resource.templatePath;
  // Without a template (an acknowledgement that names no rule): shown if it is not in a nested Stage.
  if (templatePath === undefined) return !resource.constructPath || !app || !inNestedStage(constructAtPath(app, resource.constructPath), app);
  const dir = path.dirname(path.resolve(templatePath));
  if (!path.basename(dir).startsWith('assembly-')) return true;
  if (process.env.CDK_VALIDATION === 'false') return false;
  let files = validated.get(dir);
  if (files === undefined) validated.set(dir, files = validatedTemplatesIn(dir));
  return files.has(path.basename(templatePath));
}

/** The template files of a nested assembly the CLI validates by default, by directory (read once per report). */
type ValidatedTemplates = Map<string, ReadonlySet<string>>;

/** The template files a nested assembly's manifest marks `validateOnSynth`. */
function validatedTemplatesIn(dir: string): ReadonlySet<string> {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf-8')) as {
      artifacts?: Record<string, { properties?: { templateFile?: string; validateOnSynth?: boolean } }>;
    };
    const marked = Object.values(manifest.artifacts ?? {}).filter((a) => a.properties?.validateOnSynth === true);
    return new Set(marked.map((a) => a.properties?.templateFile).filter((f): f is string => f !== undefined));
  } catch {
    // No manifest to read (yet): the guard prints the finding itself rather than risk silence.
    return new Set();
  }
}

/**
 * Print, to stderr, the violations the `cdk` CLI will not show, and fail the process on an error
 * among them, as the CLI would have:
 * - releases of aws-cdk-lib before the unified validation report (they hand plugins only
 *   `templatePaths`) write `policy-validation-report.json`, which a current CLI does not read:
 *   every error is printed here;
 * - from 2.262.0, the CLI shows only the violations of the stacks it selected: those of a stack
 *   in a plain nested Stage (not deployed by CDK Pipelines) are printed here, errors and warnings.
 * Each is printed once, as the CLI prints a violation: where the construct was made, the finding,
 * the construct, the fix and the id that acknowledges it.
 */
export function reportWhereTheCliWouldNot(context: IPolicyValidationContext, violations: readonly PolicyViolation[], root?: IConstruct): void {
  if (!cliReadsTheReport()) return;
  const unified = 'stackTemplates' in context;
  const app = root ?? (context as { appConstruct?: IConstruct }).appConstruct;
  const validated: ValidatedTemplates = new Map();
  const unseen = violations.filter((v) => unified
    ? v.severity !== 'info' && !v.violatingResources.some((r) => shownByDefault(r, app, validated))
    : v.severity === 'error');
  if (unseen.length === 0) return;
  const errors = unseen.filter((v) => v.severity === 'error').length;
  const why = unified
    ? 'in a nested Stage, which `cdk synth` selects only by name (for example `cdk synth \'Prod/**\'`)'
    : 'in the validation report (this aws-cdk-lib release writes policy-validation-report.json, which the cdk CLI does not read)';
  process.stderr.write(`${unseen.map((v) => block(v, app)).join('\n\n')}\n\n${PLUGIN_NAME}: ${errors} error(s), `
    + `${unseen.length - errors} warning(s) ${why}.\n`);
  if (errors > 0) process.exitCode = 1;
}

/** One violation as the CLI prints it. */
function block(v: PolicyViolation, app: IConstruct | undefined): string {
  const r = v.violatingResources[0];
  const made = r?.constructPath && app ? madeAt(app, r.constructPath) : undefined;
  const construct = r?.constructPath ? `${r.constructPath}${r.resourceLogicalId ? ` (${r.resourceLogicalId})` : ''}` : (r?.templatePath ?? '');
  return [
    ...(made ? [made] : []),
    `${(v.severity ?? 'error').toUpperCase()} ${v.description} (${PLUGIN_NAME})`,
    `   ${construct}`,
    ...(v.fix ? [`   Suggested fix: ${v.fix}`] : []),
    `   Acknowledge with '${PLUGIN_NAME}::${v.ruleName}'`,
  ].join('\n');
}

/** `file:line:column` of the app's code that made the construct (CDK records the creation stack in memory). */
function madeAt(app: IConstruct, constructPath: string): string | undefined {
  const frames = constructAtPath(app, constructPath)?.node.metadata.find((m) => m.type === CREATION_STACK_METADATA_KEY)?.data;
  const at = firstUserFrame(frames);
  if (!at) return undefined;
  const file = path.relative(process.cwd(), at.file);
  return `${file.startsWith('..') ? at.file : file}:${at.line}${at.column ? `:${at.column}` : ''}`;
}

/** Whether a construct is, or is in, a Stage below the App. */
function inNestedStage(c: IConstruct | undefined, app: IConstruct): boolean {
  return c !== undefined && c !== app && (Stage.isStage(c) || Stage.of(c) !== app);
}
