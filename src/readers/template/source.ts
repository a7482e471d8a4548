/** What the template reader reads, and what it gives back. No CDK. */
import { ConditionDef } from '../../cloudformation/conditions/condition';
import { ReaderProblem } from '../../model/model';
import { ResourceRecord } from '../../records/record';

/** One template to read. */
export interface TemplateSource {
  /** The template's file (or another name for it). */
  readonly name: string;
  /**
   * How a person names the template: element paths without a construct path are `<label>#<LogicalId>`.
   * @default - the name
   */
  readonly label?: string;
  /** The parsed template (or `load`). */
  readonly template?: unknown;
  /**
   * Parses the template when the reader comes to it, instead of `template`: the reader then keeps
   * nothing of it once its resources are read, so that a large app's templates are not all in
   * memory together. Returns `UNREADABLE` for a file that could not be parsed and is left out
   * (whoever loads it says why).
   * @default - `template`
   */
  readonly load?: () => unknown;
  /** Parameter values given for this template (a parent stack's, or the user's). */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /**
   * Construct paths by logical id, where the template's resources carry no `aws:cdk:path`
   * metadata (CDK records them in the cloud assembly's metadata as well).
   */
  readonly constructPaths?: ReadonlyMap<string, string>;
  /** The construct path of the stack the template is, where CDK recorded it. */
  readonly stackPath?: string;
}

/** What `TemplateSource.load` returns for a template that could not be read (and is left out, silently). */
export const UNREADABLE: unique symbol = Symbol('unreadable template');

/** Where a record came from. */
export interface RecordLocation {
  /** The template's name. */
  readonly template: string;
  /** How a person names the template. */
  readonly label: string;
  /** The resource's logical id; none for what concerns the whole template (its conditions). */
  readonly logicalId?: string;
  /** The construct path CDK recorded (`aws:cdk:path`), if any. */
  readonly constructPath?: string;
}

export interface TemplateReading {
  readonly records: ResourceRecord[];
  readonly problems: ReaderProblem[];
  /** Where the resource (or template) of a path is, for any path the reading gave. */
  readonly locationOf: (path: string) => RecordLocation | undefined;
  /** Nested stacks whose template could not be found (each is also a problem). */
  readonly missingNested: readonly string[];
  /** The conditions of every template instance, by key. */
  readonly conditions: ReadonlyMap<string, ConditionDef>;
  /** The records whose values may vary between condition worlds. */
  readonly mayVary: readonly ResourceRecord[];
  /** Whether a reference to an SSM-typed parameter was marked (records/ssm.ts). */
  readonly ssmMarked: boolean;
  /** The rule ids each resource's (or template's) Metadata acknowledges, by the resource's path (the template's scope). */
  readonly metadataAcknowledgements: ReadonlyArray<{ readonly path: string; readonly ruleIds: readonly string[] }>;
}

/**
 * Finds the template of a nested stack (`AWS::CloudFormation::Stack`): from CDK's
 * `aws:asset:path` metadata or a local `TemplateURL`. Undefined when it is not available.
 */
export type NestedTemplateFinder = (parent: TemplateSource, logicalId: string, resource: Record<string, unknown>) => TemplateSource | undefined;

/** How a person names a template: its label, or its name. */
export function labelOf(source: TemplateSource): string {
  return source.label ?? source.name;
}

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
