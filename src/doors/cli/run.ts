/**
 * `cdk-nat-route-guard [paths…]`: the guard over CloudFormation templates and cloud assemblies.
 * `run` does everything but touch the process, so tests can call it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { FORMATS, Format, formatReport, version } from './formats';
import { inputsOf } from './inputs';
import { Report, acknowledged } from './report';
import { NatRouteRuleLevel, RULE_TABLE, RuleId, ruleLevelsOf } from '../../analysis/rule-table';
import { EngineDeclarations } from '../../engine/judge-reading';
import { SourceLine } from '../../readers/template/assembly';
import { judgeTemplates } from '../shared/judge-templates';
import { TransitGatewayAttachmentKind, declarationsOf } from '../shared/transit-options';

export const USAGE = `Usage: cdk-nat-route-guard [options] <path>...

Each path is a cloud assembly directory (cdk.out; Stages and nested stacks included), a
CloudFormation template (JSON or YAML), a folder of templates (read at any depth: .json, .yaml,
.yml and .template files, those that are not templates skipped with a note), or - for a template
on standard input. Everything given together is judged as one app: exports, imports and nested
stacks resolve across the templates.

Options:
  --format text|json|sarif|markdown   output format (default: text)
  --output FILE                       write the report to FILE instead of standard output
  --parameters Key=Value              a parameter value for every template that declares it
  --parameters FILE:Key=Value         a parameter value for one template (repeatable); pseudo
                                      parameters too: FILE:AWS::StackName=net resolves the
                                      exports another template imports by stack name
  --rule-level RULE=error|warning|off level of a rule (repeatable), e.g. NRG-TGW=error
  --fail-on error|warning             lowest level that makes the exit code 1 (default: error)
  --external-tgw ID=CIDR[,CIDR...]    a transit gateway not in the templates and the ranges it sends
                                      to VPN or Direct Connect (repeatable), e.g.
                                      tgw-0123456789abcdef0=10.200.0.0/16,192.168.0.0/16
  --tgw-attachment ID=KIND            the kind of an attachment known only by id (repeatable):
                                      vpc, vpn, vpn-concentrator, dx-gateway, connect or peering
  --transit-only PATH                 a subnet that holds only transit gateway attachments
                                      (repeatable): a construct path, or FILE#LogicalId
  --verbose                           each finding in its long form (every sentence of the
                                      explanation); by default a first line that fits a terminal,
                                      then the path, the fix and how to acknowledge
  --version                           the version of cdk-nat-route-guard
  --help                              this text

Exit codes: 0 no finding at the --fail-on level, 1 such findings, 2 bad usage, an input that is
not a CloudFormation template (empty, not a mapping, no Resources; a stack CDK synthesized
without resources is skipped with a line) or cannot be read, or a report
that cannot be written (the readable inputs are still judged and reported).

Acknowledge a rule on a resource of a plain template with resource Metadata:
  Metadata: { cdk-nat-route-guard: { acknowledge: { NRG-VGW: "<reason>" } } }
(or the same at the top of the template, for all of it). In a cloud assembly, what the app
acknowledged (NatRouteGuard.acknowledge, or CDK's Validations.of(scope).acknowledge) is honoured.
`;

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  /** Standard input, read whole (for the path `-`). */
  readonly stdin?: () => string;
}

class UsageError extends Error {}

interface Options {
  readonly paths: string[];
  readonly format: Format;
  readonly output?: string;
  readonly parameters: Array<{ file?: string; key: string; value: string }>;
  readonly levels: ReadonlyMap<RuleId, NatRouteRuleLevel>;
  readonly failOn: 'error' | 'warning';
  readonly declarations: EngineDeclarations;
  readonly verbose: boolean;
}

function parseArgs(args: readonly string[]): Options | 'help' | 'version' {
  const paths: string[] = [];
  const parameters: Array<{ file?: string; key: string; value: string }> = [];
  const levels: Record<string, NatRouteRuleLevel> = {};
  let format: Format = 'text';
  let output: string | undefined;
  let failOn: 'error' | 'warning' = 'error';
  let verbose = false;
  const externalTransitGateways: Record<string, { onPremisesCidrs: string[] }> = {};
  const transitGatewayAttachments: Record<string, TransitGatewayAttachmentKind> = {};
  const transitOnlySubnets: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= args.length) throw new UsageError(`${flag} needs a value`);
      return args[++i];
    };
    switch (flag) {
      case '--help': case '-h': return 'help';
      case '--version': case '-V': return 'version';
      case '--verbose': verbose = true; break;
      case '--format': {
        const f = value();
        if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format ${f}: use one of ${FORMATS.join(', ')}`);
        format = f as Format;
        break;
      }
      case '--output': case '-o': output = value(); break;
      case '--parameters': {
        const p = value();
        const eq = p.indexOf('=');
        if (eq <= 0) throw new UsageError(`--parameters ${p}: write Key=Value or FILE:Key=Value`);
        // The key is a parameter name or a pseudo parameter (`AWS::StackName`), after an optional `FILE:`.
        const m = /^(?:(.+?):)?((?:AWS::)?[^:]+)$/.exec(p.slice(0, eq));
        if (!m) throw new UsageError(`--parameters ${p}: write Key=Value or FILE:Key=Value`);
        const given = p.slice(eq + 1);
        parameters.push(m[1] ? { file: m[1], key: m[2], value: given } : { key: m[2], value: given });
        break;
      }
      case '--rule-level': {
        const r = value();
        const [id, level] = r.split('=');
        const lv = Object.values(NatRouteRuleLevel).find((l) => l === level?.toLowerCase());
        if (!RULE_TABLE.some((x) => x.id === id)) throw new UsageError(`--rule-level ${r}: '${id}' is not a rule; use one of ${RULE_TABLE.map((x) => x.id).join(', ')}`);
        if (!lv) throw new UsageError(`--rule-level ${r}: the level is error, warning or off`);
        levels[id] = lv;
        break;
      }
      case '--fail-on': {
        const f = value();
        if (f !== 'error' && f !== 'warning') throw new UsageError(`--fail-on ${f}: use error or warning`);
        failOn = f;
        break;
      }
      case '--external-tgw': case '--tgw-attachment': {
        const v = value();
        const eq = v.lastIndexOf('=');
        if (eq <= 0 || eq === v.length - 1) throw new UsageError(`${flag} ${v}: write ID=${flag === '--external-tgw' ? 'CIDR[,CIDR...]' : 'KIND'}`);
        if (flag === '--external-tgw') externalTransitGateways[v.slice(0, eq)] = { onPremisesCidrs: v.slice(eq + 1).split(',') };
        else transitGatewayAttachments[v.slice(0, eq)] = v.slice(eq + 1) as TransitGatewayAttachmentKind;
        break;
      }
      case '--transit-only': transitOnlySubnets.push(value()); break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        paths.push(arg);
    }
  }
  if (paths.length === 0) throw new UsageError('no template or cloud assembly given');
  let declarations: EngineDeclarations;
  try {
    declarations = declarationsOf({ externalTransitGateways, transitGatewayAttachments, transitOnlySubnets }, 'options');
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^options\.externalTransitGateways\['([^']*)'\]\.onPremisesCidrs\[\d+\]/, '--external-tgw $1')
      .replace(/^options\.transitGatewayAttachments\['([^']*)'\]/, '--tgw-attachment $1').replace(/^options\.transitOnlySubnets\[\d+\]/, '--transit-only'));
  }
  return { paths, format, output, parameters, levels: ruleLevelsOf(levels, '--rule-level'), failOn, declarations, verbose };
}

/** A place in the app's source, relative to where the command ran when it is below it. */
function sourceIn(source: SourceLine | undefined, cwd: string): SourceLine | undefined {
  if (!source) return undefined;
  const relative = path.relative(cwd, source.file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? { ...source, file: relative } : source;
}

/** Run the command line; returns the exit code. */
export function run(args: readonly string[], io: Io): number {
  let options: Options | 'help' | 'version';
  try {
    options = parseArgs(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`cdk-nat-route-guard: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help' || options === 'version') {
    io.stdout(options === 'help' ? USAGE : `cdk-nat-route-guard ${version()}\n`);
    return 0;
  }
  const inputs = inputsOf(options.paths, io.cwd, io.stdin ?? (() => fs.readFileSync(0, 'utf-8')));
  const { files, problems } = inputs;
  for (const note of inputs.notes) io.stderr(`cdk-nat-route-guard: ${note}\n`);
  const parametersOf = (file: string) => {
    const own = options.parameters.filter((x) => !x.file || path.resolve(io.cwd, x.file) === path.resolve(file));
    return own.length > 0 ? Object.fromEntries(own.map((x) => [x.key, x.value])) : undefined;
  };
  const labelOf = (file: string) => inputs.labels.get(file) ?? (path.relative(io.cwd, file) || file);
  const judged = judgeTemplates(files, options.levels, { parametersOf, labelOf, tolerant: true, declarations: options.declarations });
  problems.push(...judged.files.unreadable.map((u) => ({ ...u, file: path.relative(io.cwd, u.file) || u.file })));
  const report: Report = {
    cwd: io.cwd,
    templates: files,
    findings: judged.findings.map((f) => ({
      ...f,
      // A template read from standard input is named as such.
      ...(f.location && inputs.labels.has(f.location.template)
        ? { location: { ...f.location, template: inputs.labels.get(f.location.template)! } } : {}),
      line: f.location?.logicalId !== undefined ? judged.files.lineOf(f.location.template, f.location.logicalId) : undefined,
      source: sourceIn(judged.files.sourceOf(f.location?.constructPath ?? f.finding.path), io.cwd),
    })),
    problems,
    verbose: options.verbose,
  };
  const text = formatReport(options.format, report);
  if (options.output) {
    try {
      fs.writeFileSync(path.resolve(io.cwd, options.output), text);
    } catch (e) {
      io.stderr(`cdk-nat-route-guard: --output ${options.output}: cannot write the report there (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
      return 2;
    }
  } else {
    io.stdout(text);
  }
  for (const p of problems) io.stderr(`cdk-nat-route-guard: ${p.message}\n`);
  for (const w of judged.files.warnings) io.stderr(`cdk-nat-route-guard: warning: ${labelOf(w.file)}:${w.line}: ${w.message}\n`);
  if (problems.length > 0) return 2;
  const failing = report.findings.filter((f) => !acknowledged(f)
    && (f.level === NatRouteRuleLevel.ERROR || (options.failOn === 'warning' && f.level === NatRouteRuleLevel.WARNING)));
  return failing.length > 0 ? 1 : 0;
}
