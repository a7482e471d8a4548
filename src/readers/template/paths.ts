/**
 * The path of each resource a template reading gives, and where each path is: the construct
 * path CDK recorded, or `<label>#<LogicalId>` (also where two resources claim one path). No CDK.
 */
import { Json, RecordLocation, TemplateSource, isObject, labelOf } from './source';
import { PATH_METADATA_KEY } from '../../records/metadata-keys';

/** The paths given to one template instance's resources. */
export interface PathIndex {
  readonly source: TemplateSource;
  /** The template's resources while it is read; undefined once it is (`ids` then). */
  resources: Json | undefined;
  /** Once the template is read: each resource's logical id, with the construct path its metadata records (or null). */
  ids?: Map<string, string | null>;
  /** Path by logical id, made on first need. */
  readonly paths: Map<string, string>;
}

/** The paths of every template instance of a reading. */
export class Paths {
  /**
   * The template instance that holds the resource of each construct path. Its location is made
   * when asked for (findings only). A resource without one is `<label>#<LogicalId>`, found again
   * through `labels` rather than a map of every such path.
   */
  private readonly owners = new Map<string, PathIndex>();
  /** The template instances of each label. */
  private readonly labels = new Map<string, PathIndex[]>();
  /** The locations of whole templates' paths. */
  private readonly scopes = new Map<string, RecordLocation>();

  /** A new template instance's index. */
  public index(source: TemplateSource, resources: Json): PathIndex {
    const index: PathIndex = { source, resources, paths: new Map() };
    const label = labelOf(source);
    const sameLabel = this.labels.get(label);
    if (sameLabel) sameLabel.push(index);
    else this.labels.set(label, [index]);
    return index;
  }

  /** Each resource's path, made on first need (most resources are never named); undefined for no such resource. */
  public pathOf(index: PathIndex, id: string): string | undefined {
    let path = index.paths.get(id);
    if (path !== undefined || !hasResource(index, id)) return path;
    const cdkPath = constructPathOf(index, id);
    if (cdkPath && !this.claimed(cdkPath)) {
      path = cdkPath;
      this.owners.set(path, index);
    } else {
      path = `${labelOf(index.source)}#${id}`;
    }
    index.paths.set(id, path);
    return path;
  }

  /** The path of a whole template (for what concerns all of it), with its location. */
  public templateScope(source: TemplateSource): string {
    const label = labelOf(source);
    const path = source.stackPath ?? label;
    if (!this.claimed(path)) this.scopes.set(path, { template: source.name, label, constructPath: source.stackPath });
    return path;
  }

  public locationOf(path: string): RecordLocation | undefined {
    const scope = this.scopes.get(path);
    if (scope) return scope;
    const at = (index: PathIndex, logicalId: string): RecordLocation => ({
      template: index.source.name, label: labelOf(index.source), logicalId, constructPath: constructPathOf(index, logicalId),
    });
    const index = this.owners.get(path);
    if (index) {
      for (const [logicalId, p] of index.paths) if (p === path) return at(index, logicalId);
    }
    const labelled = this.labelled(path);
    return labelled ? at(labelled.index, labelled.logicalId) : undefined;
  }

  /** Whether a resource or a whole template already has this path. */
  private claimed(path: string): boolean {
    return this.owners.has(path) || this.scopes.has(path) || this.labelled(path) !== undefined;
  }

  /**
   * The template instance whose resource has this path as `<label>#<LogicalId>`, with the id
   * (a label may itself hold `#`: each split is tried; most paths hold none).
   */
  private labelled(path: string): { index: PathIndex; logicalId: string } | undefined {
    for (let k = path.indexOf('#'); k >= 0; k = path.indexOf('#', k + 1)) {
      const indexes = this.labels.get(path.slice(0, k));
      if (indexes === undefined) continue;
      const logicalId = path.slice(k + 1);
      for (const index of indexes) if (index.paths.get(logicalId) === path) return { index, logicalId };
    }
    return undefined;
  }
}

/** The construct path CDK recorded for a resource (`aws:cdk:path`, or the cloud assembly's), if any. */
function constructPathOf(index: PathIndex, id: string): string | undefined {
  const recorded = index.resources ? metadataPath(index.resources[id]) : index.ids?.get(id);
  return typeof recorded === 'string' ? recorded : index.source.constructPaths?.get(id);
}

/** The `aws:cdk:path` a resource's metadata records, or null. */
function metadataPath(r: unknown): string | null {
  const meta = isObject(r) && isObject(r.Metadata) ? r.Metadata : undefined;
  return typeof meta?.[PATH_METADATA_KEY] === 'string' ? meta[PATH_METADATA_KEY] : null;
}

/** Whether the template has a resource by that logical id (read or not). */
function hasResource(index: PathIndex, id: string): boolean {
  return index.resources ? Object.prototype.hasOwnProperty.call(index.resources, id) : index.ids!.has(id);
}

/**
 * Keep of a template instance's resources, once they are read, only what paths are made of: the
 * parsed template can then be collected (values of it that records or later reads use stay).
 */
export function forget(index: PathIndex): void {
  const resources = index.resources!;
  const ids = new Map<string, string | null>();
  for (const id in resources) if (Object.prototype.hasOwnProperty.call(resources, id)) ids.set(id, metadataPath(resources[id]));
  index.ids = ids;
  index.resources = undefined;
}
