/**
 * The command line's reports: text for people, JSON for scripts (versioned), SARIF 2.1.0 for
 * code scanning, Markdown (with a Mermaid diagram per finding) for pull-request comments.
 */
import * as path from 'path';
import { messageParts } from '../../analysis/findings';
import { NatRouteRuleLevel, RULE_TABLE } from '../../analysis/rule-table';
import { holds } from '../shared/acknowledgements';
import { JudgedFinding } from '../shared/judge-templates';

export const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

/** The version of the JSON report's shape; raised on any change that is not an addition. */
export const JSON_SCHEMA_VERSION = 1;

export interface ReportedFinding extends JudgedFinding {
  /** The line the resource starts on in its template. */
  readonly line?: number;
}

export interface Report {
  readonly cwd: string;
  /** Every template read (absolute paths). */
  readonly templates: readonly string[];
  readonly findings: readonly ReportedFinding[];
  /** Inputs that could not be read. */
  readonly problems: ReadonlyArray<{ readonly file: string; readonly line?: number; readonly message: string }>;
}

/** An acknowledgement counts only with a reason. */
export function acknowledged(f: JudgedFinding): boolean {
  return holds(f.acknowledgement);
}

export function formatReport(format: Format, report: Report): string {
  switch (format) {
    case 'json': return `${JSON.stringify(toJson(report), undefined, 2)}\n`;
    case 'sarif': return `${JSON.stringify(toSarif(report), undefined, 2)}\n`;
    case 'markdown': return toMarkdown(report);
    default: return toText(report);
  }
}

/** The version of this package. */
export function version(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('../../../package.json') as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/** The template's path as the user would type it, relative to where they ran the command. */
function fileOf(report: Report, f: JudgedFinding): string | undefined {
  return f.location ? path.relative(report.cwd, path.resolve(report.cwd, f.location.template)) || f.location.template : undefined;
}

function levelWord(f: JudgedFinding): string {
  return acknowledged(f) ? 'acknowledged' : f.level === NatRouteRuleLevel.ERROR ? 'error' : 'warning';
}

function counts(report: Report) {
  const c = { errors: 0, warnings: 0, acknowledged: 0 };
  for (const f of report.findings) {
    if (acknowledged(f)) c.acknowledged++;
    else if (f.level === NatRouteRuleLevel.ERROR) c.errors++;
    else c.warnings++;
  }
  return c;
}

function toText(report: Report): string {
  const out: string[] = [];
  for (const f of report.findings) {
    const { first } = messageParts(f.finding.message);
    const where = fileOf(report, f);
    const at = where ? `${where}${f.line ? `:${f.line}` : ''}: ` : '';
    out.push(`${at}${levelWord(f)} ${first}`);
    const rest = f.finding.message.slice(first.length).trim();
    if (rest) out.push(`  ${rest}`);
    if (f.acknowledgement) {
      out.push(acknowledged(f)
        ? `  Acknowledged on ${f.acknowledgement.path}: ${f.acknowledgement.reason}`
        : `  (An acknowledgement on ${f.acknowledgement.path} was ignored because its reason is empty.)`);
    }
    out.push('');
  }
  const c = counts(report);
  out.push(`${c.errors} error(s), ${c.warnings} warning(s), ${c.acknowledged} acknowledged, in ${report.templates.length} template(s)`
    + (report.problems.length > 0 ? `; ${report.problems.length} input(s) could not be read` : ''));
  return `${out.join('\n')}\n`;
}

/**
 * JSON report, schema version 1:
 * `{ schemaVersion, tool: { name, version }, summary: { errors, warnings, acknowledged, templates },
 *   findings: [{ ruleId, level, acknowledged, title, message, fix, path, template, logicalId, line,
 *   constructPath, acknowledgement: { at, reason } }], problems: [{ file, line, message }] }`.
 */
function toJson(report: Report) {
  const c = counts(report);
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: 'cdk-nat-route-guard', version: version() },
    summary: { ...c, templates: report.templates.length },
    findings: report.findings.map((f) => {
      const { first, fix } = messageParts(f.finding.message);
      return {
        ruleId: f.finding.ruleId,
        level: f.level === NatRouteRuleLevel.ERROR ? 'error' : 'warning',
        acknowledged: acknowledged(f),
        title: first,
        message: f.finding.message,
        fix: fix ?? null,
        path: f.finding.path,
        template: fileOf(report, f) ?? null,
        logicalId: f.location?.logicalId ?? null,
        line: f.line ?? null,
        constructPath: f.location?.constructPath ?? null,
        acknowledgement: f.acknowledgement ? { at: f.acknowledgement.path, reason: f.acknowledgement.reason } : null,
      };
    }),
    problems: report.problems.map((p) => ({ file: p.file, line: p.line ?? null, message: p.message })),
  };
}

const SARIF_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', off: 'none' };

/** SARIF 2.1.0, for GitHub code scanning. */
function toSarif(report: Report) {
  const rules = RULE_TABLE.map((r) => ({
    id: r.id,
    name: r.id.replace(/^NRG-/, 'Nrg').replace(/-(.)/g, (_m, ch: string) => ch.toUpperCase()),
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    help: {
      text: `${r.description} Placed on ${r.placedOn}. Acknowledge with resource Metadata `
        + `{ "cdk-nat-route-guard": { "acknowledge": { "${r.id}": "<reason>" } } } or, in a CDK app, Validations.of(scope).acknowledge({ id: '${r.id}', reason }).`,
      markdown: `**${r.title}**\n\n${r.description}\n\nPlaced on ${r.placedOn}. Default level: \`${r.defaultLevel}\`.`,
    },
    defaultConfiguration: { level: SARIF_LEVEL[r.defaultLevel] },
  }));
  const results = report.findings.map((f) => {
    const file = fileOf(report, f);
    const result: Record<string, unknown> = {
      ruleId: f.finding.ruleId,
      ruleIndex: RULE_TABLE.findIndex((r) => r.id === f.finding.ruleId),
      level: f.level === NatRouteRuleLevel.ERROR ? 'error' : 'warning',
      message: { text: f.finding.message },
      locations: [{
        ...(file ? {
          physicalLocation: {
            artifactLocation: { uri: file.split(path.sep).join('/'), uriBaseId: '%SRCROOT%' },
            ...(f.line ? { region: { startLine: f.line } } : {}),
          },
        } : {}),
        logicalLocations: [{
          name: f.location?.logicalId ?? f.finding.path,
          fullyQualifiedName: f.location?.constructPath ?? f.finding.path,
          kind: 'resource',
        }],
      }],
      partialFingerprints: { 'nrgFinding/v1': `${f.finding.ruleId}:${f.location?.constructPath ?? f.finding.path}` },
    };
    if (acknowledged(f)) result.suppressions = [{ kind: 'inSource', justification: f.acknowledgement!.reason }];
    return result;
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'cdk-nat-route-guard', version: version(), informationUri: 'https://github.com/cdk-nat-route-guard/cdk-nat-route-guard', rules } },
      originalUriBaseIds: { '%SRCROOT%': { uri: `file://${report.cwd.split(path.sep).join('/').replace(/\/?$/, '/')}` } },
      results,
      invocations: [{
        executionSuccessful: report.problems.length === 0,
        toolExecutionNotifications: report.problems.map((p) => ({
          level: 'error',
          message: { text: p.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: p.file.split(path.sep).join('/') }, ...(p.line ? { region: { startLine: p.line } } : {}) } }],
        })),
      }],
    }],
  };
}

/** Markdown for a pull-request comment: each finding with a Mermaid diagram of the way its traffic goes. */
function toMarkdown(report: Report): string {
  const c = counts(report);
  const out = [
    '## cdk-nat-route-guard',
    '',
    `${c.errors} error(s), ${c.warnings} warning(s), ${c.acknowledged} acknowledged, in ${report.templates.length} template(s).`,
    '',
  ];
  for (const f of report.findings) {
    const { first } = messageParts(f.finding.message);
    const file = fileOf(report, f);
    out.push(`### ${levelWord(f)}: ${escapeMd(first)}`, '');
    if (file) out.push(`\`${file}${f.line ? `:${f.line}` : ''}\`${f.location?.logicalId ? ` (${f.location.logicalId})` : ''}`, '');
    if (f.finding.trail && f.finding.trail.length > 1) {
      out.push('```mermaid', 'flowchart LR');
      f.finding.trail.forEach((step, i) => out.push(`  s${i}["${mermaidText(step)}"]`));
      out.push(`  ${f.finding.trail.map((_s, i) => `s${i}`).join(' --> ')}`, '```', '');
    }
    out.push(escapeMd(f.finding.message.slice(first.length).trim()), '');
    if (f.acknowledgement) out.push(`Acknowledged on \`${f.acknowledgement.path}\`: ${escapeMd(f.acknowledgement.reason)}`, '');
  }
  for (const p of report.problems) out.push(`- could not read \`${p.file}\`${p.line ? ` (line ${p.line})` : ''}: ${escapeMd(p.message)}`);
  return `${out.join('\n').trimEnd()}\n`;
}

function escapeMd(s: string): string {
  return s.replace(/</g, '&lt;');
}

function mermaidText(s: string): string {
  return s.replace(/"/g, '#quot;').replace(/->/g, '→');
}
