/**
 * What the cloud assemblies that hold templates record about them: construct paths, nested
 * stacks' template files, acknowledgements and where the app created each construct. Read with
 * the cloud assembly API only: no other part of aws-cdk-lib.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as cxapi from 'aws-cdk-lib/cx-api';
import {
  ACKNOWLEDGED_ABOVE_METADATA_KEY, ACKNOWLEDGED_METADATA_KEY, CREATION_STACK_METADATA_KEY, LOGICAL_ID_METADATA_KEY,
  TEMPLATE_FILE_METADATA_KEY,
} from '../../records/metadata-keys';

/** A place in the app's source. */
export interface SourceLine {
  readonly file: string;
  readonly line: number;
  readonly column?: number;
}

/**
 * Whether a cloud assembly the templates live in records an acknowledgement that may be meant for
 * this library (read as text: cheaper than reading the assembly, which is read only then).
 */
export function assembliesAcknowledge(templatePaths: readonly string[]): boolean {
  const mentions = (file: string) => {
    try {
      const text = fs.readFileSync(file, 'utf-8');
      return text.includes(ACKNOWLEDGED_METADATA_KEY) && /NRG-|cdk-nat-route-guard::/i.test(text);
    } catch {
      return false;
    }
  };
  for (const dir of new Set(templatePaths.map((p) => path.dirname(path.resolve(p))))) {
    if (!fs.existsSync(path.join(dir, 'manifest.json'))) continue;
    // Newer releases write each stack's metadata to a file of its own (`<stack>.metadata.json`).
    const files = ['manifest.json', ...fs.readdirSync(dir).filter((f) => f.endsWith('.metadata.json'))];
    if (files.some((f) => mentions(path.join(dir, f)))) return true;
  }
  return false;
}

export const NO_ASSEMBLY: ReturnType<typeof readAssemblies> = {
  paths: new Map(), acknowledgements: new Map(), creation: new Map(), assetFileIn: () => undefined,
};

/** The first frame of a creation stack in the app's own code (`fn (file:line:col)` or `file:line:col`). */
export function firstUserFrame(frames: unknown): SourceLine | undefined {
  if (!Array.isArray(frames)) return undefined;
  for (const frame of frames) {
    if (typeof frame !== 'string') continue;
    const m = /^(?:.*?\()?((?:file:\/\/)?[^()]+?):(\d+)(?::(\d+))?\)?$/.exec(frame.trim().replace(/^at /, ''));
    if (!m || /[\\/]node_modules[\\/]|^node:|^internal\//.test(m[1])) continue;
    return { file: m[1].replace(/^file:\/\//, ''), line: Number(m[2]), ...(m[3] ? { column: Number(m[3]) } : {}) };
  }
  return undefined;
}

/** Construct paths of one template's resources, and those of the nested stacks it holds (by their logical id). */
export interface StackPaths {
  /** The construct path of the (nested) stack. */
  readonly root: string;
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
export function readAssemblies(templatePaths: readonly string[]) {
  const paths = new Map<string, StackPaths>();
  const acknowledgements = new Map<string, Array<Record<string, unknown>>>();
  const creation = new Map<string, unknown>();
  /** An acknowledgement given above the stacks (`{ at, acknowledged }`), by where it was given, once. */
  const addAbove = (data: unknown) => {
    const { at, acknowledged } = (data ?? {}) as { at?: unknown; acknowledged?: unknown };
    if (typeof at !== 'string' || !acknowledged || typeof acknowledged !== 'object') return;
    const known = acknowledgements.get(at) ?? [];
    if (known.some((d) => JSON.stringify(d) === JSON.stringify(acknowledged))) return;
    acknowledgements.set(at, [...known, acknowledged as Record<string, unknown>]);
  };
  /** File assets (nested-stack templates among them) by their hash, which a nested stack's TemplateURL holds. */
  const assets = new Map<string, string>();
  for (const dir of new Set(templatePaths.map((p) => path.dirname(path.resolve(p))))) {
    if (!fs.existsSync(path.join(dir, 'manifest.json'))) continue;
    let assembly: cxapi.CloudAssembly;
    try {
      assembly = new cxapi.CloudAssembly(dir, { skipVersionCheck: true });
    } catch {
      continue; // not a cloud assembly after all: templates without its metadata
    }
    for (const manifest of assembly.artifacts.filter(cxapi.AssetManifestArtifact.isAssetManifestArtifact)) {
      const files = (JSON.parse(fs.readFileSync(manifest.file, 'utf-8')) as { files?: Record<string, { source?: { path?: string } }> }).files ?? {};
      for (const [hash, asset] of Object.entries(files)) {
        if (asset.source?.path?.endsWith('.json')) assets.set(hash, path.resolve(dir, asset.source.path));
      }
    }
    for (const stack of assembly.stacks) {
      // Entries as plain data: the entry type's declaration differs between aws-cdk-lib releases.
      const entries = (type: string) => stack.findMetadataByType(type)
        .map((e) => ({ path: e.path.replace(/^\//, ''), data: (e as unknown as { data?: unknown }).data }));
      for (const entry of entries(ACKNOWLEDGED_METADATA_KEY)) {
        if (!entry.data || typeof entry.data !== 'object') continue;
        acknowledgements.set(entry.path, [...(acknowledgements.get(entry.path) ?? []), entry.data as Record<string, unknown>]);
      }
      // What the App and the Stages acknowledged, as the guard's Aspect recorded it on each stack below them.
      for (const entry of entries(ACKNOWLEDGED_ABOVE_METADATA_KEY)) addAbove(entry.data);
      for (const entry of entries(CREATION_STACK_METADATA_KEY)) creation.set(entry.path, entry.data);
      const ids = entries(LOGICAL_ID_METADATA_KEY).filter((e) => typeof e.data === 'string').map((e) => ({ path: e.path, logicalId: e.data as string }));
      const files = new Map(entries(TEMPLATE_FILE_METADATA_KEY).filter((e) => typeof e.data === 'string').map((e) => [e.path, e.data as string]));
      paths.set(path.resolve(stack.templateFullPath), stackPaths(ids, files, stack.hierarchicalId));
    }
  }
  /** The asset file whose hash a nested stack's TemplateURL names (releases that record no template file name). */
  const assetFileIn = (resource: Record<string, unknown>): string | undefined => {
    const url = JSON.stringify((resource.Properties as Record<string, unknown> | undefined)?.TemplateURL ?? '');
    for (const hash of /[0-9a-f]{64}/.exec(url) ?? []) if (assets.has(hash)) return assets.get(hash);
    return undefined;
  };
  return { paths, acknowledgements, creation, assetFileIn };
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
    root: under,
    templateFile: files.get(under),
    paths: new Map(ids.filter((e) => own(e.path, under)).map((e) => [e.logicalId, e.path])),
    nested: new Map(nestedRoots.filter((n) => own(n.resourcePath, under)).map((n) => [n.logicalId, build(n.root)])),
  });
  return build(root);
}
