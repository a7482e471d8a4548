/**
 * What the validation plugin and the command line share: judge template files as one app, give
 * each finding its level, location and acknowledgement.
 */
import { Acknowledgement, assemblyAcknowledgement, templateAcknowledgement } from './acknowledgements';
import { Finding, levelOfFinding } from '../../analysis/findings';
import { NatRouteRuleLevel, RuleId } from '../../analysis/rule-table';
import { EngineDeclarations, judgeReading } from '../../engine/judge-reading';
import { ReadTemplateOptions, TemplateFiles, readTemplateFiles } from '../../readers/template/files';
import { RecordLocation, TemplateReading, readTemplates } from '../../readers/template/reader';

export interface JudgedFinding {
  readonly finding: Finding;
  /** Error or warning (findings of rules that are off are left out). */
  readonly level: NatRouteRuleLevel;
  /** The resource the finding is on, when it is one. */
  readonly location?: RecordLocation;
  readonly acknowledgement?: Acknowledgement;
}

export interface TemplatesJudgement {
  readonly findings: JudgedFinding[];
  readonly files: TemplateFiles;
}

export interface JudgeTemplatesOptions extends Pick<ReadTemplateOptions, 'parametersOf' | 'tolerant' | 'labelOf'> {
  /** What the user declared about transit gateways (docs/transit.md). */
  readonly declarations?: EngineDeclarations;
  /** Acknowledgements the caller can see beyond the files (the plugin: the app's tree). */
  readonly acknowledgementAt?: (constructPath: string, ruleId: RuleId) => Acknowledgement | undefined;
}

/**
 * Judge template files as one app. The templates alone first: the cloud assembly around them
 * (construct paths for the messages, nested templates, acknowledgements) costs more to read than
 * the templates, so it is read only when there is something to report or a nested template to find.
 */
export function judgeTemplates(
  templatePaths: readonly string[], levels: ReadonlyMap<RuleId, NatRouteRuleLevel>, options: JudgeTemplatesOptions = {},
): TemplatesJudgement {
  let files = readTemplateFiles(templatePaths, { ...options, withAssembly: false });
  // Rules every level turns off are not evaluated.
  const enabled = new Set([...levels].filter(([, level]) => level !== NatRouteRuleLevel.OFF).map(([id]) => id));
  let run = judgeFiles(files, options.declarations, enabled);
  if (run.findings.length > 0 || run.reading.missingNested.length > 0) {
    files = readTemplateFiles(templatePaths, options);
    run = judgeFiles(files, options.declarations, enabled);
  }
  const findings: JudgedFinding[] = [];
  for (const finding of run.findings) {
    const level = levelOfFinding(finding, levels.get(finding.ruleId) ?? NatRouteRuleLevel.OFF);
    if (level === NatRouteRuleLevel.OFF) continue;
    const location = run.reading.locationOf(finding.path);
    const cp = location?.constructPath;
    const id = finding.ruleId;
    const fromCdk = cp ? options.acknowledgementAt?.(cp, id) ?? assemblyAcknowledgement(files.acknowledgements, cp, id) : undefined;
    const acknowledgement = fromCdk ?? (location ? templateAcknowledgement(files.templateOf(location.template), location, id) : undefined);
    // A plain template (no construct path) is acknowledged in its Metadata, not with CDK's API.
    const advised = location && !cp ? { ...finding, message: forTemplates(finding.message, id) } : finding;
    findings.push({ finding: advised, level, location, acknowledgement });
  }
  return { findings, files };
}

/** A message's acknowledgement advice in the form a plain template takes (resource Metadata). */
function forTemplates(message: string, ruleId: RuleId): string {
  return message.replace(`Validations.of(scope).acknowledge({ id: '${ruleId}', reason: '...' })`,
    `resource Metadata { "cdk-nat-route-guard": { "acknowledge": { "${ruleId}": "<reason>" } } }`);
}

function judgeFiles(
  files: TemplateFiles, declarations?: EngineDeclarations, enabled?: ReadonlySet<RuleId>,
): { reading: TemplateReading; findings: Finding[] } {
  const reading = readTemplates(files.sources, files.findNested);
  const findings = judgeReading(reading, declarations, enabled);
  return { reading, findings };
}
