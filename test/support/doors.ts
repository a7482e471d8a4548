/**
 * Findings as each door reports them, in one shape: `level rule @ construct path`, with the message.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, IPolicyValidationPlugin, PolicyValidationPluginReport, Validations } from 'aws-cdk-lib';
import { AppShape, Door, buildShape } from './apps';
import { aspectFindings } from './helpers';

export interface DoorFinding {
  readonly level: string;
  readonly rule: string;
  readonly path: string;
  readonly message: string;
}

/** Reports the validation plugins of this library return during `run` (the Aspect's Stage report, the plugin door). */
export function captureReports<T>(run: () => T): { result: T; reports: PolicyValidationPluginReport[] } {
  const reports: PolicyValidationPluginReport[] = [];
  const original = Validations.prototype.addPlugins;
  const spy = jest.spyOn(Validations.prototype, 'addPlugins').mockImplementation(function (this: Validations, ...plugins: IPolicyValidationPlugin[]) {
    const wrapped = plugins.map((p) => (p.name !== 'cdk-nat-route-guard' ? p : Object.assign(Object.create(p), {
      validate: (ctx: Parameters<IPolicyValidationPlugin['validate']>[0]) => {
        const r = p.validate(ctx);
        reports.push(r);
        return r;
      },
    })));
    original.apply(this, wrapped);
  });
  try {
    return { result: run(), reports };
  } finally {
    spy.mockRestore();
  }
}

/** A finding of the command line's JSON report, the fields the doors' comparisons read. */
export interface CliJsonFinding {
  readonly level: string;
  readonly acknowledged: boolean;
  readonly ruleId: string;
  readonly constructPath: string | null;
  readonly path: string;
  readonly headline: string;
  readonly details: string[];
}

/**
 * A finding's laid-out text (layout.ts) as every door shows it, without what only one door adds:
 * CDK's id tag on an annotation, how to acknowledge, where it was acknowledged.
 */
export function comparable(text: string): string {
  return text.replace(/ \(cdk-nat-route-guard::[^)\n]*\)$| \[ack: [^\]\n]*\]$/, '').split('\n')
    .filter((l) => !/^\s*(Acknowledge|\(An acknowledgement of)/.test(l)).join('\n');
}

const LEVEL_OF_SEVERITY: Record<string, string> = { error: 'error', warning: 'warning', info: 'info' };

export function reportFindings(reports: readonly PolicyValidationPluginReport[]): DoorFinding[] {
  return reports.flatMap((r) => r.violations.map((v) => ({
    level: LEVEL_OF_SEVERITY[v.severity ?? ''] ?? `?${v.severity}`,
    rule: v.ruleName,
    path: v.violatingResources[0]?.constructPath ?? `?${v.violatingResources[0]?.resourceLogicalId}`,
    message: comparable(v.ruleMetadata?.message ?? v.description),
  })));
}

/** Synthesize a shape through a door into a fresh directory: what it reports, and where. */
export function throughDoor(shape: AppShape, door: Door): { findings: DoorFinding[]; outdir: string; app: App } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `nrg-${door}-`));
  const { result, reports } = captureReports(() => {
    const app = buildShape(shape, door, outdir, { '@aws-cdk/core:failSynthOnValidationErrors': false });
    const annotations = door === 'aspect' ? aspectFindings(app) : (app.synth(), []);
    return { app, annotations };
  });
  const findings = [
    ...result.annotations.map((a) => ({ level: a.level, rule: a.rule, path: a.path, message: comparable(a.message) })),
    ...reportFindings(reports).map((f) => ({ ...f, message: f.message })),
  ];
  return { findings, outdir, app: result.app };
}

/** Every template file under a directory (nested assemblies and nested-stack templates included), by relative path. */
export function templatesUnder(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.template.json')) out.set(path.relative(dir, p), fs.readFileSync(p, 'utf-8'));
    }
  };
  walk(dir);
  return out;
}

export const line = (f: DoorFinding) => `${f.level} ${f.rule} @ ${f.path}`;
