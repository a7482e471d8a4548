/**
 * The command line's reports: text for people, JSON for scripts (versioned), SARIF 2.1.0 for
 * code scanning, Markdown (with a Mermaid diagram per finding) for pull-request comments.
 */
import * as path from 'path';
import { toMarkdown } from './markdown';
import { Report, acknowledged, counts, fileOf, laidOut, levelWord } from './report';
import { messageParts } from '../../analysis/findings';
import { NatRouteRuleLevel, RULE_TABLE, RuleId } from '../../analysis/rule-table';
import { RULE_DOCS, layoutText } from '../shared/layout';


export const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

/** The version of the JSON report's shape; raised on any change that is not an addition. */
export const JSON_SCHEMA_VERSION = 1;

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

function toText(report: Report): string {
  const out: string[] = [];
  for (const f of report.findings) {
    const laid = laidOut(report, f);
    const where = fileOf(report, f);
    const at = where ? `${where}${f.line ? `:${f.line}` : ''}: ` : '';
    out.push(`${at}${levelWord(f)} ${laid.headline}`);
    if (f.source) out.push(`  Defined at: ${f.source.file}:${f.source.line}${f.source.column ? `:${f.source.column}` : ''}`);
    for (const d of laid.details) if (!(acknowledged(f) && d.startsWith('Acknowledge'))) out.push(`  ${d}`);
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
 *   findings: [{ ruleId, level, acknowledged, title, headline, details, message, fix, path, template, logicalId, line, source,
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
      const laid = laidOut(report, f);
      return {
        ruleId: f.finding.ruleId,
        level: f.level === NatRouteRuleLevel.ERROR ? 'error' : 'warning',
        acknowledged: acknowledged(f),
        title: first,
        headline: laid.headline,
        details: laid.details,
        message: f.finding.message,
        fix: fix ?? null,
        path: f.finding.path,
        template: fileOf(report, f) ?? null,
        logicalId: f.location?.logicalId ?? null,
        line: f.line ?? null,
        constructPath: f.location?.constructPath ?? null,
        source: f.source ? { file: f.source.file, line: f.source.line, column: f.source.column ?? null } : null,
        acknowledgement: f.acknowledgement ? { at: f.acknowledgement.path, reason: f.acknowledgement.reason } : null,
      };
    }),
    problems: report.problems.map((p) => ({ file: p.file, line: p.line ?? null, message: p.message })),
  };
}

const SARIF_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', off: 'none' };


/** Each rule's friendly name in SARIF (PascalCase, what code scanning shows beside the id). */
const SARIF_NAMES: Record<RuleId, string> = {
  'NRG-VGW': 'NatTrafficToVirtualPrivateGateway',
  'NRG-PCX': 'NatTrafficToPeeringConnection',
  'NRG-PROPAGATION': 'VgwPropagationIntoNatRouteTable',
  'NRG-PRIVATE-IGW': 'PrivateNatTrafficToInternetGateway',
  'NRG-VPCE': 'GatewayEndpointTrafficThroughNat',
  'NRG-TGW': 'NatTrafficToTransitGateway',
  'NRG-TGW-HYBRID': 'NatTrafficToHybridThroughTransitGateway',
  'NRG-TGW-PEERING': 'NatTrafficToPeeringThroughTransitGateway',
  'NRG-TGW-PROPAGATION': 'HybridPropagationIntoTransitGatewayTable',
  'NRG-TGW-UNKNOWN': 'TransitGatewayPathUnknown',
  'NRG-TGW-VPC': 'NatTrafficToVpcThroughTransitGateway',
  'NRG-UNRESOLVED': 'ComplianceNotProven',
  'NRG-INVALID': 'RouteNotValidCloudFormation',
  'NRG-UNKNOWN-ACK': 'AcknowledgementOfNoRule',
};

/** SARIF 2.1.0, for GitHub code scanning. */
function toSarif(report: Report) {
  const rules = RULE_TABLE.map((r) => ({
    id: r.id,
    name: SARIF_NAMES[r.id as RuleId],
    shortDescription: { text: r.title },
    helpUri: `${RULE_DOCS}/${r.id}.md`,
    fullDescription: { text: r.description },
    help: {
      text: `${r.description} Placed on ${r.placedOn}. Acknowledge with resource Metadata `
        + `{ "cdk-nat-route-guard": { "acknowledge": { "${r.id}": "<reason>" } } } or, in a CDK app, NatRouteGuard.acknowledge(construct, '${r.id}', reason).`,
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
      message: { text: layoutText(laidOut(report, f)) },
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
      // Where the app creates the construct: code scanning shows it beside the user's code.
      ...(f.source ? {
        relatedLocations: [{
          id: 1,
          message: { text: `${f.location?.constructPath ?? f.finding.path} is created here` },
          physicalLocation: {
            artifactLocation: path.isAbsolute(f.source.file) ? { uri: `file://${f.source.file.split(path.sep).join('/')}` }
              : { uri: f.source.file.split(path.sep).join('/'), uriBaseId: '%SRCROOT%' },
            region: { startLine: f.source.line, ...(f.source.column ? { startColumn: f.source.column } : {}) },
          },
        }],
      } : {}),
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

