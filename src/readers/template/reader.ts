/**
 * Reads CloudFormation templates (already parsed from JSON or YAML) into resource records, as
 * the construct reader reads a construct tree: references to resources become explicit, and
 * what the templates decide among themselves is resolved as CloudFormation would resolve it
 * (`values.ts`). Everything else (parameters nobody passes, pseudo parameters, dynamic
 * references) stays as the CloudFormation expression it is: unknown, never invalid. No CDK.
 *
 * Templates read together are one app.
 */
import { PathIndex, Paths, forget } from './paths';
import { Json, NestedTemplateFinder, TemplateReading, TemplateSource, UNREADABLE, isObject } from './source';
import { GivenValue, Instance, PassedByParent, ReadFacts, TemplateValues, noFacts } from './values';
import { ConditionDef } from '../../cloudformation/conditions/condition';
import { ReaderProblem } from '../../model/model';
import { missingNestedTemplate } from '../../records/problems';
import { READ_PROPS, ResourceRecord, acknowledgedInMetadata, declaredTransitOnly, emptyProperties, isReadType } from '../../records/record';

export * from './source';

export function readTemplates(sources: readonly TemplateSource[], findNested?: NestedTemplateFinder): TemplateReading {
  return new TemplateReader(findNested).read(sources);
}

/** A template instance while its template is read. */
interface ReadInstance extends Instance {
  readonly source: TemplateSource;
  readonly index: PathIndex;
  /** The template's `Conditions` section. */
  readonly conditions: Json;
}

/** A routing resource of a template, as found. */
interface Found {
  readonly instance: ReadInstance;
  readonly path: string;
  readonly type: string;
  readonly props: Json;
  readonly resource: Json;
}

/** The key of the condition a resource needs, as a problem about it carries it. */
function conditionOf(instance: ReadInstance, resource: Json): { condition?: string } {
  return typeof resource.Condition === 'string' ? { condition: instance.conditionKey(resource.Condition) } : {};
}

/** The facts, cleared. */
function clear(facts: ReadFacts): ReadFacts {
  facts.varies = false;
  facts.waits = false;
  return facts;
}

class TemplateReader {
  private readonly problems: ReaderProblem[] = [];
  private readonly missingNested: string[] = [];
  private readonly metadataAcknowledgements: Array<{ instance: ReadInstance; id?: string; ruleIds: string[] }> = [];
  private readonly paths = new Paths();
  private readonly values = new TemplateValues();

  constructor(private readonly findNested?: NestedTemplateFinder) {}

  public read(sources: readonly TemplateSource[]): TemplateReading {
    const instances: ReadInstance[] = [];
    // Records in template and resource order; one that imports an export no template read so far
    // defines is read again at the end (`later`), in its place.
    const records: ResourceRecord[] = [];
    const varies: boolean[] = [];
    const later: Array<{ slot: number; found: Found }> = [];
    // One set of facts, cleared for each record (a record's facts are read before the next).
    const facts = noFacts();
    // One source (and its nested stacks) at a time, each read and dropped before the next is parsed.
    for (let s = 0; s < sources.length; s++) {
      this.values.toCome = s < sources.length - 1;
      const first = instances.length;
      const source = sources[s];
      this.add(source, new Map(Object.entries(source.parameters ?? {}).map(([k, v]) => [k, new GivenValue(v)])), 0, instances);
      for (let i = first; i < instances.length; i++) this.values.collectExports(instances[i]);
      for (let i = first; i < instances.length; i++) {
        this.forEachRoutingResource(instances[i], (found) => {
          records.push(this.record(found, clear(facts)));
          varies.push(facts.varies);
          if (facts.waits) later.push({ slot: records.length - 1, found: { ...found } });
        });
      }
      for (let i = first; i < instances.length; i++) forget(instances[i].index);
    }
    this.values.toCome = false;
    for (const w of later) {
      records[w.slot] = this.record(w.found, clear(facts));
      varies[w.slot] = facts.varies;
    }
    const conditions = new Map<string, ConditionDef>();
    for (const instance of instances) {
      for (const [name, expression] of Object.entries(instance.conditions)) {
        const scope = this.paths.templateScope(instance.source);
        conditions.set(instance.conditionKey(name), { name, scope, expression: this.values.value(expression, instance, noFacts()) });
      }
    }
    return {
      records,
      problems: this.problems,
      locationOf: (path) => this.paths.locationOf(path),
      missingNested: this.missingNested,
      conditions,
      mayVary: records.filter((_, i) => varies[i]),
      ssmMarked: this.values.ssmMarked,
      metadataAcknowledgements: this.metadataAcknowledgements.map((a) => ({
        path: a.id === undefined ? this.paths.templateScope(a.instance.source) : a.instance.pathOf(a.id)!,
        ruleIds: a.ruleIds,
      })),
    };
  }

  /**
   * Calls `visit` with each routing resource of a template instance, in order, in one object
   * filled again for each (a resource whose Properties are not a mapping is a problem instead).
   */
  private forEachRoutingResource(instance: ReadInstance, visit: (found: Found) => void): void {
    const resources = instance.index.resources!;
    const found = { instance } as { -readonly [K in keyof Found]: Found[K] };
    const ids = Object.keys(resources);
    // Indexed: runs for every resource of every template, before the JIT has optimised it.
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      const resource = resources[id];
      const type = isObject(resource) && typeof resource.Type === 'string' ? resource.Type : undefined;
      if (type === undefined || !isReadType(type) || !isObject(resource)) continue;
      const path = instance.pathOf(id)!;
      const props = resource.Properties === undefined ? {} : resource.Properties;
      if (!isObject(props)) {
        this.problems.push({
          kind: 'unresolved', path, message: `The Properties of ${type} ${path} are not a mapping, so it is left out of the analysis.`, ...conditionOf(instance, resource),
        });
        continue;
      }
      found.path = path;
      found.type = type;
      found.props = props;
      found.resource = resource;
      visit(found);
    }
  }

  /** A routing resource's record. */
  private record({ instance, path, type, props, resource }: Found, facts: ReadFacts): ResourceRecord {
    // A custom resource's properties are free-form: all of them.
    const names = READ_PROPS.get(type) ?? Object.keys(props);
    const properties = emptyProperties(type);
    // Indexed: runs for every routing resource, mostly before the JIT has optimised it.
    for (let i = 0; i < names.length; i++) {
      const value = props[names[i]];
      if (value !== undefined) properties[names[i]] = this.values.value(value, instance, facts);
    }
    const record: ResourceRecord = typeof resource.Condition === 'string'
      ? { path, type, properties, condition: instance.conditionKey(resource.Condition) }
      : { path, type, properties };
    return type === 'AWS::EC2::Subnet' && declaredTransitOnly(resource.Metadata) ? { ...record, transitOnly: true } : record;
  }

  /** Add a template instance, and those of its nested stacks after it (undefined if it is not a template). */
  private add(
    source: TemplateSource, given: ReadonlyMap<string, GivenValue | PassedByParent>, depth: number, instances: ReadInstance[],
  ): ReadInstance | undefined {
    const loaded = source.load ? source.load() : source.template;
    if (loaded === UNREADABLE) return undefined;
    const template = isObject(loaded) ? loaded : undefined;
    if (!template) {
      this.problems.push({ kind: 'unresolved', path: source.name, message: `${source.name} is not a CloudFormation template (no mapping at the top), so nothing in it is checked.` });
      return undefined;
    }
    const resources = isObject(template.Resources) ? template.Resources : {};
    const index = this.paths.index(source, resources);
    const n = instances.length;
    const instance: ReadInstance = {
      source,
      index,
      outputs: isObject(template.Outputs) ? template.Outputs : {},
      given,
      pathOf: (id) => this.paths.pathOf(index, id),
      children: new Map(),
      conditions: isObject(template.Conditions) ? template.Conditions : {},
      mappings: template.Mappings,
      parameters: isObject(template.Parameters) ? template.Parameters : {},
      conditionKey: (name) => `${n}|${name}`,
    };
    instances.push(instance);
    // Paths are given when the reading is done: asking for one now would claim it out of order.
    const acknowledged = (id: string | undefined, metadata: unknown) => {
      const ruleIds = acknowledgedInMetadata(metadata);
      if (ruleIds.length > 0) this.metadataAcknowledgements.push({ instance, id, ruleIds });
    };
    if (template.Metadata !== undefined) acknowledged(undefined, template.Metadata);
    // Nested stacks: their parameters are the parent's values, read in the parent's terms.
    const ids = Object.keys(resources);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      const r = resources[id];
      if (isObject(r) && r.Metadata !== undefined) acknowledged(id, r.Metadata);
      if (!isObject(r) || r.Type !== 'AWS::CloudFormation::Stack') continue;
      const nested = depth < 20 ? this.findNested?.(source, id, r) : undefined;
      if (!nested) {
        const path = instance.pathOf(id)!;
        instance.children.set(id, undefined);
        this.missingNested.push(path);
        this.problems.push({ kind: 'unresolved', path, message: missingNestedTemplate(path), ...conditionOf(instance, r) });
        continue;
      }
      const props = isObject(r.Properties) ? r.Properties : {};
      const params = isObject(props.Parameters) ? props.Parameters : {};
      // Read when used: the parent's values may import exports not collected yet.
      const values = new Map(Object.entries(params).map(([k, v]) => [k, new PassedByParent(instance, v)]));
      instance.children.set(id, this.add(nested, values, depth + 1, instances));
    }
    return instance;
  }
}
