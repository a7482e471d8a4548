/**
 * What the validation plugin and the command line share: judge template files as one app, give
 * each finding its level, location and acknowledgement.
 */
import { ancestorPaths } from './paths';
import { Finding } from '../../analysis/findings';
import { NatRouteRuleLevel, RuleId } from '../../analysis/rule-table';
import { judgeReading } from '../../engine/judge-reading';
import { ReadTemplateOptions, TemplateFiles, readTemplateFiles } from '../../readers/template/files';
import { RecordLocation, TemplateReading, readTemplates } from '../../readers/template/reader';
import { Acknowledgement, acknowledgedReason } from '../aspect/judge-tree';

/** The key of resource (or template) `Metadata` that acknowledges rules in a plain template. */
export const METADATA_KEY = 'cdk-nat-route-guard';

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
  let run = judgeFiles(files);
  if (run.findings.length > 0 || run.reading.missingNested.length > 0) {
    files = readTemplateFiles(templatePaths, options);
    run = judgeFiles(files);
  }
  const findings: JudgedFinding[] = [];
  for (const finding of run.findings) {
    const level = levels.get(finding.ruleId) ?? NatRouteRuleLevel.OFF;
    if (level === NatRouteRuleLevel.OFF) continue;
    const location = run.reading.locationOf(finding.path);
    const cp = location?.constructPath;
    const acknowledgement = (cp ? options.acknowledgementAt?.(cp, finding.ruleId) ?? assemblyAcknowledgement(files, cp, finding.ruleId) : undefined)
      ?? (location ? templateAcknowledgement(files, location, finding.ruleId) : undefined);
    findings.push({ finding, level, location, acknowledgement });
  }
  return { findings, files };
}

function judgeFiles(files: TemplateFiles): { reading: TemplateReading; findings: Finding[] } {
  const reading = readTemplates(files.sources, files.findNested);
  const findings = judgeReading(reading);
  return { reading, findings };
}

/** The nearest acknowledgement recorded in the cloud assembly's metadata for the path or an ancestor. */
function assemblyAcknowledgement(files: TemplateFiles, constructPath: string, ruleId: RuleId): Acknowledgement | undefined {
  for (const p of ancestorPaths(constructPath)) {
    for (const data of [...(files.acknowledgements.get(p) ?? [])].reverse()) {
      const reason = acknowledgedReason(data, ruleId);
      if (reason !== undefined) return { path: p, reason };
    }
  }
  return undefined;
}

/**
 * An acknowledgement written in the template: `Metadata: { cdk-nat-route-guard: { acknowledge:
 * { NRG-VGW: <reason> } } }` on the resource, or at the top of the template for all of it.
 */
function templateAcknowledgement(files: TemplateFiles, at: RecordLocation, ruleId: RuleId): Acknowledgement | undefined {
  const template = files.templateOf(at.template) as { Metadata?: unknown; Resources?: Record<string, { Metadata?: unknown }> } | undefined;
  const fromMetadata = (metadata: unknown) => {
    const acks = (metadata as Record<string, { acknowledge?: unknown } | undefined> | undefined)?.[METADATA_KEY]?.acknowledge;
    return acks && typeof acks === 'object' && !Array.isArray(acks) ? acknowledgedReason(acks as Record<string, unknown>, ruleId) : undefined;
  };
  const onResource = at.logicalId === undefined ? undefined : fromMetadata(template?.Resources?.[at.logicalId]?.Metadata);
  if (onResource !== undefined) return { path: `${at.label}#${at.logicalId}`, reason: onResource };
  const onTemplate = fromMetadata(template?.Metadata);
  return onTemplate !== undefined ? { path: at.label, reason: onTemplate } : undefined;
}
