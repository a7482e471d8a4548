/**
 * Template files on disk as one app: the templates of a cloud assembly (what CDK hands a
 * validation plugin, what `cdk.out` holds), their nested-stack templates, and the
 * acknowledgements CDK recorded in the assembly's metadata.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { NestedTemplateFinder, TemplateSource } from './template-reader';

const ACK_KEY = 'aws:cdk:acknowledged-rules';

export interface TemplateFiles {
  readonly sources: TemplateSource[];
  readonly findNested: NestedTemplateFinder;
  /** Acknowledgement entries recorded in the assembly, by construct path (no leading slash). */
  readonly acknowledgements: ReadonlyMap<string, ReadonlyArray<Record<string, unknown>>>;
}

/** Read JSON template files; an unreadable file throws with its name. */
export function readTemplateFiles(templatePaths: readonly string[]): TemplateFiles {
  const assembly = readAssemblies(templatePaths);
  /** The assembly's paths of each template read, top-level and nested. */
  const assemblyNested = new Map<TemplateSource, StackPaths>();
  const sources = templatePaths.map((p) => {
    const scope = assembly.paths.get(path.resolve(p));
    const source = { name: p, template: readJson(p), constructPaths: scope?.paths };
    if (scope) assemblyNested.set(source, scope);
    return source;
  });
  const findNested: NestedTemplateFinder = (parent, logicalId, resource) => {
    const scope = assemblyNested.get(parent)?.nested.get(logicalId);
    const file = scope?.templateFile ? path.resolve(path.dirname(parent.name), scope.templateFile) : assembly.assetFileIn(resource);
    const found = file && fs.existsSync(file) ? { name: file, template: readJson(file) } : nestedFromFiles(parent, logicalId, resource);
    if (!found || !scope) return found;
    const source = { ...found, constructPaths: scope.paths };
    assemblyNested.set(source, scope);
    return source;
  };
  return { sources, findNested, acknowledgements: assembly.acknowledgements };
}

function readJson(file: string): unknown {
  const text = fs.readFileSync(file, 'utf-8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${file} is not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * A nested stack's template beside its parent's: CDK records it as `aws:asset:path`
 * metadata; a packaged template may name a local file as `TemplateURL`.
 */
export const nestedFromFiles: NestedTemplateFinder = (parent, _logicalId, resource) => {
  const meta = resource.Metadata as Record<string, unknown> | undefined;
  const props = resource.Properties as Record<string, unknown> | undefined;
  const candidates = [meta?.['aws:asset:path'], props?.TemplateURL].filter((v): v is string => typeof v === 'string' && !/^[a-z]+:\/\//i.test(v));
  for (const c of candidates) {
    const file = path.resolve(path.dirname(parent.name), c);
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return { name: file, template: readJson(file) };
  }
  return undefined;
};

/** Construct paths of one template's resources, and those of the nested stacks it holds (by their logical id). */
interface StackPaths {
  readonly paths: Map<string, string>;
  /** The template file CDK recorded for the (nested) stack (`aws:cdk:templateFile`), if any. */
  readonly templateFile?: string;
  readonly nested: Map<string, StackPaths>;
}

/**
 * What the cloud assemblies the templates live in record: the construct path of each resource
 * (`aws:cdk:logicalId` metadata, per template, nested stacks apart) and the acknowledgements.
 * Templates outside any assembly get neither.
 */
function readAssemblies(templatePaths: readonly string[]) {
  const paths = new Map<string, StackPaths>();
  const acknowledgements = new Map<string, Array<Record<string, unknown>>>();
  /** File assets (nested-stack templates among them) by their hash, which a nested stack's TemplateURL holds. */
  const assets = new Map<string, string>();
  for (const dir of new Set(templatePaths.map((p) => path.dirname(path.resolve(p))))) {
    if (!fs.existsSync(path.join(dir, 'manifest.json'))) continue;
    let assembly: cxapi.CloudAssembly;
    try {
      assembly = new cxapi.CloudAssembly(dir);
    } catch {
      continue; // not a cloud assembly after all: templates without its metadata
    }
    for (const manifest of assembly.artifacts.filter(cxapi.AssetManifestArtifact.isAssetManifestArtifact)) {
      const files = (readJson(manifest.file) as { files?: Record<string, { source?: { path?: string } }> }).files ?? {};
      for (const [hash, asset] of Object.entries(files)) {
        if (asset.source?.path?.endsWith('.json')) assets.set(hash, path.resolve(dir, asset.source.path));
      }
    }
    for (const stack of assembly.stacks) {
      for (const entry of stack.findMetadataByType(ACK_KEY)) {
        if (!entry.data || typeof entry.data !== 'object') continue;
        const key = entry.path.replace(/^\//, '');
        acknowledgements.set(key, [...(acknowledgements.get(key) ?? []), entry.data as unknown as Record<string, unknown>]);
      }
      const ids = stack.findMetadataByType('aws:cdk:logicalId')
        .filter((e) => typeof e.data === 'string')
        .map((e) => ({ path: e.path.replace(/^\//, ''), logicalId: e.data as string }));
      const files = new Map(stack.findMetadataByType('aws:cdk:templateFile')
        .filter((e) => typeof e.data === 'string').map((e) => [e.path.replace(/^\//, ''), e.data as string]));
      paths.set(path.resolve(stack.templateFullPath), stackPaths(ids, files, stack.hierarchicalId));
    }
  }
  /** The asset file whose hash a nested stack's TemplateURL names (releases that record no template file name). */
  const assetFileIn = (resource: Record<string, unknown>): string | undefined => {
    const url = JSON.stringify((resource.Properties as Record<string, unknown> | undefined)?.TemplateURL ?? '');
    for (const hash of /[0-9a-f]{64}/.exec(url) ?? []) if (assets.has(hash)) return assets.get(hash);
    return undefined;
  };
  return { paths, acknowledgements, assetFileIn };
}

/**
 * The paths of one (nested) stack's resources: those below its construct path and not below a
 * nested stack of its own. CDK names a nested stack's resource `<scope>/<id>.NestedStack/<id>.NestedStackResource`
 * and puts the nested stack's constructs under `<scope>/<id>`.
 */
function stackPaths(ids: ReadonlyArray<{ path: string; logicalId: string }>, files: ReadonlyMap<string, string>, root: string): StackPaths {
  const nestedRoots = ids.flatMap((e) => {
    const m = /^(.*)\/([^/]+)\.NestedStack\/\2\.NestedStackResource$/.exec(e.path);
    return m ? [{ logicalId: e.logicalId, root: `${m[1]}/${m[2]}`, resourcePath: e.path }] : [];
  });
  const own = (p: string, under: string) => (under === '' || p.startsWith(`${under}/`))
    && !nestedRoots.some((n) => n.root !== under && n.root.startsWith(under === '' ? '' : `${under}/`) && p.startsWith(`${n.root}/`));
  const build = (under: string): StackPaths => ({
    templateFile: files.get(under),
    paths: new Map(ids.filter((e) => own(e.path, under)).map((e) => [e.logicalId, e.path])),
    nested: new Map(nestedRoots.filter((n) => own(n.resourcePath, under)).map((n) => [n.logicalId, build(n.root)])),
  });
  return build(root);
}
