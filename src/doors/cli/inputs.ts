/**
 * What the command line's paths stand for: cloud assemblies, template files, folders of templates
 * and standard input (`-`). A file given by name must be a CloudFormation template: anything else
 * is bad input (exit 2), never judged as an empty app, so a broken pipeline step cannot pass.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { localNestedTemplates } from '../../readers/template/files';
import { parseTemplate } from '../../readers/template/parse';

/** The files of a folder that may be templates. */
const TEMPLATE_EXTENSIONS = ['.json', '.yaml', '.yml', '.template'];
/** Folders a walk never enters (dependencies, version control). */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

export interface Inputs {
  /** The template files to judge, absolute. */
  readonly files: string[];
  /** Inputs that are not what they must be, one line each (exit 2). */
  readonly problems: Array<{ file: string; line?: number; message: string }>;
  /** Files of a folder skipped because they are not templates (said, not failed). */
  readonly notes: string[];
  /** How a person names a file read here that has no name of its own (standard input). */
  readonly labels: Map<string, string>;
}

/** The template files the paths stand for. `stdin` reads standard input (for `-`). */
export function inputsOf(paths: readonly string[], cwd: string, stdin: () => string): Inputs {
  const inputs: Inputs = { files: [], problems: [], notes: [], labels: new Map() };
  for (const p of paths) {
    if (p === '-') {
      fromStdin(inputs, stdin);
      continue;
    }
    const abs = path.resolve(cwd, p);
    if (!fs.existsSync(abs)) inputs.problems.push({ file: p, message: `${p}: no such file or directory` });
    else if (!fs.statSync(abs).isDirectory()) given(inputs, p, abs);
    else if (fs.existsSync(path.join(abs, 'manifest.json'))) assembly(inputs, p, abs);
    else folder(inputs, p, abs, cwd);
  }
  return inputs;
}

/** Why a parsed file is not a CloudFormation template, if it is not one. */
export function notATemplate(template: unknown): string | undefined {
  if (!template || typeof template !== 'object' || Array.isArray(template)) {
    const what = template === null || template === undefined ? 'null' : Array.isArray(template) ? 'a list' : `a ${typeof template}`;
    return `not a CloudFormation template: ${what}, not a mapping`;
  }
  const resources = (template as Record<string, unknown>).Resources;
  if (!resources || typeof resources !== 'object' || Array.isArray(resources)) return 'not a CloudFormation template: it has no Resources mapping';
  if (Object.keys(resources).length === 0) return 'not a CloudFormation template: its Resources are empty (CloudFormation needs at least one)';
  return undefined;
}

/**
 * A stack CDK synthesized without resources: no (or empty) Resources, with the bootstrap-version
 * check CDK's default synthesizer writes into every template. CDK skips such a stack at deploy,
 * so there is nothing to route in it; said with a line, never judged as an app.
 */
export function cdkEmptyStack(template: unknown): boolean {
  if (!template || typeof template !== 'object' || Array.isArray(template)) return false;
  const t = template as Record<string, unknown>;
  const resources = t.Resources;
  const noResources = resources === undefined || (typeof resources === 'object' && resources !== null && !Array.isArray(resources) && Object.keys(resources).length === 0);
  const section = (name: string, key: string) => typeof t[name] === 'object' && t[name] !== null && key in (t[name] as object);
  return noResources && (section('Rules', 'CheckBootstrapVersion') || section('Parameters', 'BootstrapVersion'));
}

const EMPTY_STACK = 'a stack CDK synthesized without resources (CDK skips it at deploy): nothing to judge';

/** Parse a file: the template, or why it is not one (with the line of a syntax error); `empty` for a CDK stack without resources. */
function check(abs: string): { template?: unknown; problem?: string; line?: number; empty?: true } {
  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf-8');
  } catch (e) {
    return { problem: `cannot be read (${(e as Error).message})` };
  }
  if (text.trim() === '') return { problem: 'not a CloudFormation template: the file is empty' };
  try {
    const { template } = parseTemplate(abs, text);
    if (cdkEmptyStack(template)) return { empty: true, problem: EMPTY_STACK };
    const why = notATemplate(template);
    return why ? { problem: why } : { template };
  } catch (e) {
    return { problem: (e as Error).message.replace(/^.*?: (?=not valid)/, ''), line: (e as { line?: number }).line };
  }
}

function given(inputs: Inputs, p: string, abs: string): void {
  const c = check(abs);
  if (c.empty) inputs.notes.push(`skipped ${p}: ${c.problem}`);
  else if (c.problem) inputs.problems.push({ file: p, line: c.line, message: `${p}${c.line ? `:${c.line}` : ''}: ${c.problem}` });
  else inputs.files.push(abs);
}

function fromStdin(inputs: Inputs, stdin: () => string): void {
  let text: string;
  try {
    text = stdin();
  } catch (e) {
    inputs.problems.push({ file: '-', message: `-: standard input cannot be read (${(e as Error).message})` });
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-nat-route-guard-stdin-'));
  const file = path.join(dir, 'stdin.template');
  fs.writeFileSync(file, text);
  inputs.labels.set(file, '<stdin>');
  const c = check(file);
  if (c.empty) inputs.notes.push(`skipped <stdin>: ${c.problem}`);
  else if (c.problem) inputs.problems.push({ file: '<stdin>', line: c.line, message: `<stdin>${c.line ? `:${c.line}` : ''}: ${c.problem}` });
  else inputs.files.push(file);
}

function assembly(inputs: Inputs, p: string, abs: string): void {
  try {
    // A cloud assembly written by a newer CDK than the aws-cdk-lib beside the command line is still
    // read: only its stacks, templates and metadata are used.
    const asm = new cxapi.CloudAssembly(abs, { skipVersionCheck: true });
    inputs.files.push(...asm.stacksRecursively.map((s) => s.templateFullPath));
  } catch (e) {
    inputs.problems.push({ file: p, message: `${p}: the cloud assembly cannot be read (${(e as Error).message})` });
  }
}

/**
 * A folder that is not a cloud assembly: the templates in it, at any depth (cloud assemblies in it
 * read as such), except those a template of the folder includes as a nested stack (judged there).
 */
function folder(inputs: Inputs, p: string, abs: string, cwd: string): void {
  const candidates: Array<{ file: string; template: unknown }> = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (SKIPPED_FOLDERS.has(e.name)) continue;
        if (fs.existsSync(path.join(full, 'manifest.json'))) assembly(inputs, path.relative(cwd, full) || full, full);
        else walk(full);
      } else if (e.isFile() && TEMPLATE_EXTENSIONS.includes(path.extname(e.name).toLowerCase()) && e.name !== 'manifest.json') {
        const c = check(full);
        if (c.problem) inputs.notes.push(`skipped ${path.relative(cwd, full) || full}: ${c.problem}`);
        else candidates.push({ file: full, template: c.template });
      }
    }
  };
  walk(abs);
  const nested = new Set(candidates.flatMap(({ file, template }) => nestedFiles(file, template)));
  const top = candidates.filter((c) => !nested.has(c.file)).map((c) => c.file);
  if (top.length === 0 && inputs.files.length === 0) {
    inputs.problems.push({ file: p, message: `${p}: a folder with no CloudFormation template and no cloud assembly in it` });
  }
  inputs.files.push(...top);
}

/** The local files a template's nested stacks name as their templates. */
function nestedFiles(file: string, template: unknown): string[] {
  const resources = Object.values((template as { Resources: Record<string, unknown> }).Resources);
  return resources.flatMap((r) => (r && typeof r === 'object' && (r as { Type?: unknown }).Type === 'AWS::CloudFormation::Stack'
    ? localNestedTemplates(file, r as Record<string, unknown>) : []));
}
