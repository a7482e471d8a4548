/** The command line's Markdown report, for a pull-request comment. */
import { Report, ReportedFinding, acknowledged, counts, fileOf, laidOut, levelWord } from './report';

/** GitHub's limit on a comment's length, less room for what a workflow adds around the report. */
export const MARKDOWN_LIMIT = 65_536 - 1_536;

/**
 * Markdown for a pull-request comment, within one comment's length: the counts, a table of the
 * findings, then each finding with a Mermaid diagram of the way its traffic goes, as many of each
 * as fit, and a line saying how many were left out (every finding is in the other formats).
 */
export function toMarkdown(report: Report): string {
  const c = counts(report);
  const head = [
    '## cdk-nat-route-guard',
    '',
    `${c.errors} error(s), ${c.warnings} warning(s), ${c.acknowledged} acknowledged, in ${report.templates.length} template(s).`,
    '',
  ];
  const problems = report.problems.map((p) => `- could not read \`${p.file}\`${p.line ? ` (line ${p.line})` : ''}: ${escapeMd(p.message)}`);
  const rows = report.findings.map((f) => `| ${levelWord(f)} | ${f.finding.ruleId} | \`${f.location?.constructPath ?? f.finding.path}\` |`
    + ` ${escapeMd(laidOut(report, f).headline).replace(/\|/g, '\\|')} |`);
  const details = report.findings.map((f) => markdownFinding(report, f));
  // Room kept for the lines that say what was left out, and for the problems.
  let budget = MARKDOWN_LIMIT - head.join('\n').length - problems.join('\n').length - 600;
  const take = (blocks: readonly string[], share: number): string[] => {
    const out: string[] = [];
    let room = Math.floor(budget * share);
    for (const b of blocks) {
      if (b.length + 1 > room) break;
      out.push(b);
      room -= b.length + 1;
      budget -= b.length + 1;
    }
    return out;
  };
  const table = rows.length === 0 ? [] : take(rows, 0.5);
  const shown = take(details, 1);
  const out = [...head];
  if (table.length > 0) out.push('| level | rule | resource | finding |', '|---|---|---|---|', ...table, '');
  if (table.length < rows.length) out.push(`${rows.length - table.length} more finding(s) not in this table (the comment has room for ${table.length}).`, '');
  out.push(...shown);
  if (shown.length < details.length) {
    out.push(`The details of ${details.length - shown.length} finding(s) are left out: run with \`--format text\`, \`json\` or \`sarif\` for every finding.`, '');
  }
  out.push(...problems);
  return `${out.join('\n').trimEnd()}\n`;
}

/** One finding: its first sentence, where it is, its diagram and the rest of its message. */
function markdownFinding(report: Report, f: ReportedFinding): string {
  const laid = laidOut(report, f);
  const file = fileOf(report, f);
  const out = [`### ${levelWord(f)}: ${escapeMd(laid.headline)}`, ''];
  if (file) out.push(`\`${file}${f.line ? `:${f.line}` : ''}\`${f.location?.logicalId ? ` (${f.location.logicalId})` : ''}`, '');
  if (f.finding.trail && f.finding.trail.length > 1) {
    out.push('```mermaid', 'flowchart LR');
    f.finding.trail.forEach((step, i) => out.push(`  s${i}["${mermaidText(step)}"]`));
    out.push(`  ${f.finding.trail.map((_s, i) => `s${i}`).join(' --> ')}`, '```', '');
  }
  out.push(...laid.details.filter((d) => !(acknowledged(f) && d.startsWith('Acknowledge'))).map((d) => `- ${escapeMd(d)}`), '');
  if (f.acknowledgement) out.push(`Acknowledged on \`${f.acknowledgement.path}\`: ${escapeMd(f.acknowledgement.reason)}`, '');
  return out.join('\n');
}

function escapeMd(s: string): string {
  return s.replace(/</g, '&lt;');
}

function mermaidText(s: string): string {
  return s.replace(/"/g, '#quot;').replace(/->/g, '→');
}
