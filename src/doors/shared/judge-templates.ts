/**
 * What the validation plugin and the command line share: judge template files as one app, give
 * each finding its level, location and acknowledgement.
 */
import {
  Acknowledgement, AcknowledgementEntry, CDK_FORM, assemblyAcknowledgement, templateAcknowledgement,
  unknownAcknowledgement, unknownAcknowledgementsIn,
} from './acknowledgements';
import { Finding, levelOfFinding } from '../../analysis/findings';
import { NatRouteRuleLevel, RULE_IDS, RuleId, ruleInfo } from '../../analysis/rule-table';
import { EngineDeclarations, judgeReading } from '../../engine/judge-reading';
import { assembliesAcknowledge } from '../../readers/template/assembly';
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
  /**
   * Every acknowledgement entry the caller can see (the plugin: the app's tree, where the App's and
   * the Stages' own live), to report those that name no rule; by default the cloud assembly's.
   */
  readonly acknowledgementEntries?: () => ReadonlyArray<AcknowledgementEntry>;
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
  const unknownAcks = enabled.has(RULE_IDS.UNKNOWN_ACK);
  if (run.findings.length > 0 || run.reading.missingNested.length > 0
    || (unknownAcks && !options.acknowledgementEntries && assembliesAcknowledge(templatePaths))) {
    files = readTemplateFiles(templatePaths, options);
    run = judgeFiles(files, options.declarations, enabled);
  }
  const findings: JudgedFinding[] = [];
  const judged = unknownAcks
    ? [...run.findings, ...unknownAcknowledgements(run.reading, options.acknowledgementEntries?.() ?? entriesOf(files))]
    : run.findings;
  for (const finding of judged) {
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

/**
 * `NRG-UNKNOWN-ACK`: each acknowledgement, given with CDK's API or in a template's Metadata, of
 * an id meant for this library that no rule has, once per construct and id.
 */
function unknownAcknowledgements(reading: TemplateReading, entries: ReadonlyArray<AcknowledgementEntry>): Finding[] {
  const out = unknownAcknowledgementsIn(entries, CDK_FORM).map((u) => u.finding);
  for (const m of reading.metadataAcknowledgements) {
    for (const key of new Set(m.ruleIds.filter((id) => !ruleInfo(id)))) out.push(unknownAcknowledgement(m.path, key, 'in Metadata (cdk-nat-route-guard.acknowledge)'));
  }
  return out;
}

function entriesOf(files: TemplateFiles): AcknowledgementEntry[] {
  return [...files.acknowledgements].flatMap(([path, list]) => list.map((data) => ({ path, data })));
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
