/** The command line's report, as every format reads it. No format of its own. */
import * as path from 'path';
import { NatRouteRuleLevel } from '../../analysis/rule-table';
import { SourceLine } from '../../readers/template/assembly';
import { holds } from '../shared/acknowledgements';
import { JudgedFinding } from '../shared/judge-templates';
import { LaidOut, layOut } from '../shared/layout';

export interface ReportedFinding extends JudgedFinding {
  /** The line the resource starts on in its template. */
  readonly line?: number;
  /** Where the app created the construct (from the cloud assembly's creation stacks), relative to where the command ran. */
  readonly source?: SourceLine;
}

export interface Report {
  readonly cwd: string;
  /** Every template read (absolute paths). */
  readonly templates: readonly string[];
  readonly findings: readonly ReportedFinding[];
  /** Inputs that could not be read. */
  readonly problems: ReadonlyArray<{ readonly file: string; readonly line?: number; readonly message: string }>;
  /** Findings in their long form (layout.ts). */
  readonly verbose?: boolean;
}

/** A finding laid out as the report asks: the first line, then the details. */
export function laidOut(report: Report, f: JudgedFinding): LaidOut {
  return layOut(f.finding, { verbose: report.verbose });
}

/** An acknowledgement counts only with a reason. */
export function acknowledged(f: JudgedFinding): boolean {
  return holds(f.acknowledgement);
}

/** The template's path as the user would type it, relative to where they ran the command. */
export function fileOf(report: Report, f: JudgedFinding): string | undefined {
  return f.location ? path.relative(report.cwd, path.resolve(report.cwd, f.location.template)) || f.location.template : undefined;
}

export function levelWord(f: JudgedFinding): string {
  return acknowledged(f) ? 'acknowledged' : f.level === NatRouteRuleLevel.ERROR ? 'error' : 'warning';
}

export function counts(report: Report) {
  const c = { errors: 0, warnings: 0, acknowledged: 0 };
  for (const f of report.findings) {
    if (acknowledged(f)) c.acknowledged++;
    else if (f.level === NatRouteRuleLevel.ERROR) c.errors++;
    else c.warnings++;
  }
  return c;
}
