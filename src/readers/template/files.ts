/**
 * Template files on disk as one app: the templates of a cloud assembly (what CDK hands a
 * validation plugin, what `cdk.out` holds), their nested-stack templates, and the
 * acknowledgements CDK recorded in the assembly's metadata.
 */
import * as fs from 'fs';
import * as path from 'path';
import { NO_ASSEMBLY, SourceLine, StackPaths, firstUserFrame, readAssemblies } from './assembly';
import { ParsedTemplate, TemplateSyntaxError, parseTemplate } from './parse';
import { NestedTemplateFinder, TemplateSource, UNREADABLE } from './source';
import { ASSET_PATH_METADATA_KEY } from '../../records/metadata-keys';


export interface TemplateFiles {
  readonly sources: TemplateSource[];
  readonly findNested: NestedTemplateFinder;
  /** Acknowledgement entries recorded in the assembly, by construct path (no leading slash). */
  readonly acknowledgements: ReadonlyMap<string, ReadonlyArray<Record<string, unknown>>>;
  /** Where the app created the construct at a path, as the assembly records it (the first frame outside node_modules). */
  readonly sourceOf: (constructPath: string) => SourceLine | undefined;
  /** The line a resource starts on in a template read here (by the template's name). */
  readonly lineOf: (template: string, logicalId: string) => number | undefined;
  /** A template read here, by its name (parsed again: the reader keeps none). */
  readonly templateOf: (template: string) => unknown;
  /**
   * Files that could not be read or parsed, each with what is wrong (only with `tolerant`), as the
   * reader comes to them.
   */
  readonly unreadable: ReadonlyArray<{ readonly file: string; readonly line?: number; readonly message: string }>;
  /** What was read, but differs from what a careful author meant (a YAML key written twice), each with its file and line. */
  readonly warnings: ReadonlyArray<{ readonly file: string; readonly line: number; readonly message: string }>;
}

export interface ReadTemplateOptions {
  /**
   * Also read the cloud assemblies the templates live in (construct paths, nested templates,
   * acknowledgements): it costs more than the templates themselves, so a reader can first try
   * without it.
   * @default true
   */
  readonly withAssembly?: boolean;
  /** How a person names a template file (in element paths without a construct path). */
  readonly labelOf?: (templatePath: string) => string;
  /** Parameter values for a template (by its path as given). */
  readonly parametersOf?: (templatePath: string) => Readonly<Record<string, unknown>> | undefined;
  /**
   * Collect unreadable files in `unreadable` and go on with the others, instead of throwing.
   * @default false
   */
  readonly tolerant?: boolean;
}

/**
 * Read template files (JSON, or YAML with CloudFormation's short-form tags) as one app.
 * An unreadable file throws with its name (and line), unless `tolerant`.
 */
export function readTemplateFiles(templatePaths: readonly string[], options: ReadTemplateOptions = {}): TemplateFiles {
  const assembly = options.withAssembly ?? true ? readAssemblies(templatePaths) : NO_ASSEMBLY;
  // Of each template parsed, only how to find its lines: the reader drops each template once read.
  const lines = new Map<string, ParsedTemplate['lineOf']>();
  const unreadable: Array<{ file: string; line?: number; message: string }> = [];
  const warnings = new Map<string, { file: string; line: number; message: string }>();
  const read = (file: string): unknown => {
    // Lines are asked for only to report a finding: the file is read again then.
    const p = parseTemplate(file, fs.readFileSync(file, 'utf-8'), () => fs.readFileSync(file, 'utf-8'));
    lines.set(file, p.lineOf);
    for (const r of p.repeatedKeys ?? []) {
      const message = `key '${r.key}' appears twice in one mapping; CloudFormation keeps the last one, and so does the guard`;
      warnings.set(`${file}:${r.line}:${r.key}`, { file, line: r.line, message });
    }
    return p.template;
  };
  /** The assembly's paths of each template read, top-level and nested. */
  const assemblyNested = new Map<TemplateSource, StackPaths>();
  const sources: TemplateSource[] = [];
  for (const p of templatePaths) {
    // Parsed when the reader comes to it; an unreadable file throws with its name (and line) then.
    const load = () => {
      try {
        return read(p);
      } catch (e) {
        if (!options.tolerant) throw e;
        unreadable.push({ file: p, line: (e as TemplateSyntaxError).line, message: (e as Error).message });
        return UNREADABLE;
      }
    };
    const scope = assembly.paths.get(path.resolve(p));
    const source = {
      name: p, label: options.labelOf?.(p), load, constructPaths: scope?.paths, stackPath: scope?.root, parameters: options.parametersOf?.(p),
    };
    if (scope) assemblyNested.set(source, scope);
    sources.push(source);
  }
  const findNested: NestedTemplateFinder = (parent, logicalId, resource) => {
    const scope = assemblyNested.get(parent)?.nested.get(logicalId);
    const file = scope?.templateFile ? path.resolve(path.dirname(parent.name), scope.templateFile) : assembly.assetFileIn(resource);
    const name = file && fs.existsSync(file) ? file : nestedFromFiles(parent, resource);
    if (name === undefined) return undefined;
    // Parsed as the reader adds it (a file that cannot be parsed throws with its name).
    const found = { name, load: () => read(name), label: options.labelOf?.(name) };
    if (!scope) return found;
    const source = { ...found, constructPaths: scope.paths, stackPath: scope.root };
    assemblyNested.set(source, scope);
    return source;
  };
  const lineOf = (template: string, logicalId: string) => lines.get(template)?.(logicalId);
  // Parsed again when asked for (acknowledgements written in a template, read for findings only).
  const again = new Map<string, unknown>();
  const templateOf = (template: string) => {
    if (!lines.has(template)) return undefined;
    if (!again.has(template)) {
      let parsed: unknown;
      try {
        parsed = read(template);
      } catch {
        // The file is gone or changed since it was read: no acknowledgement in it is seen.
      }
      again.set(template, parsed);
    }
    return again.get(template);
  };
  return {
    sources,
    findNested,
    acknowledgements: assembly.acknowledgements,
    sourceOf: (constructPath) => firstUserFrame(assembly.creation.get(constructPath)),
    lineOf,
    templateOf,
    unreadable,
    // Known once the templates are read (the reader loads them as it comes to them).
    get warnings() {
      return [...warnings.values()];
    },
  };
}

/**
 * A nested stack's template beside its parent's: CDK records it as `aws:asset:path`
 * metadata; a packaged template may name a local file as `TemplateURL`.
 */
function nestedFromFiles(parent: TemplateSource, resource: Record<string, unknown>): string | undefined {
  return localNestedTemplates(parent.name, resource).find((file) => fs.existsSync(file) && fs.statSync(file).isFile());
}

/** The local files a nested stack resource may name as its template (CDK's asset path metadata, a local `TemplateURL`), resolved beside the parent. */
export function localNestedTemplates(parentFile: string, resource: Record<string, unknown>): string[] {
  const meta = resource.Metadata as Record<string, unknown> | undefined;
  const props = resource.Properties as Record<string, unknown> | undefined;
  return [meta?.[ASSET_PATH_METADATA_KEY], props?.TemplateURL]
    .filter((v): v is string => typeof v === 'string' && !/^[a-z]+:\/\//i.test(v))
    .map((c) => path.resolve(path.dirname(parentFile), c));
}

