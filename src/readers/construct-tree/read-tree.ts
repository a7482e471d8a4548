/**
 * Reads a construct tree (one Stage, nested stacks included) into resource records: each
 * routing L1 rendered as CloudFormation renders it (raw overrides included), with references
 * to elements of the app made explicit so they survive stack boundaries.
 */
import { CfnElement, CfnResource, NestedStack, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { PropertyReader, RenderFailures, holdsObject } from './properties';
import { logicalIdsByStack, markRawReferences } from './raw-references';
import { MarkingResolver, QuickReader } from './resolve';
import { sectionsByStack } from './sections';
import { lookupByPath, walk } from './walk';
import { ConditionDef, qualifyConditions } from '../../cloudformation/conditions/condition';
import { foldIntrinsics, mappingValue } from '../../cloudformation/intrinsics';
import { acknowledgementsOf, cannotRead } from '../../internal/cdk';
import { ReaderProblem } from '../../model/model';
import { missingNestedTemplate } from '../../records/problems';
import { GUARD_METADATA_KEY, ResourceRecord, declaredTransitOnly, isReadType } from '../../records/record';

export interface ConstructTreeReading {
  readonly records: ResourceRecord[];
  readonly problems: ReaderProblem[];
  /** The conditions the records name, by key. */
  readonly conditions: ReadonlyMap<string, ConditionDef>;
  /** The CloudFormation element at a path, to place findings on. */
  readonly elementAt: (path: string) => IConstruct | undefined;
  /** Whether the tree holds Stages, which are not read here (each has its own reading). */
  readonly nestedStages: boolean;
  /** The records whose values may vary between condition worlds. */
  readonly mayVary: readonly ResourceRecord[];
  /** Whether a reference to an SSM-typed parameter was marked (records/ssm.ts). */
  readonly ssmMarked: boolean;
  /** Every acknowledgement CDK recorded on a construct of the Stage (`Validations.of(c).acknowledge`), the Stage's own included. */
  readonly acknowledgements: ReadonlyArray<{ readonly construct: IConstruct; readonly path: string; readonly data: Record<string, unknown> }>;
}

export function readConstructTree(root: IConstruct): ConstructTreeReading {
  // Findings go on CloudFormation elements (or, failing that, the Stage): only those are indexed.
  const elements: CfnElement[] = [];
  const elementPaths: string[] = [];
  // The resources of the nested stacks whose constructs are in the tree (their templates are read).
  const nestedWithTemplate = new Set<IConstruct>();
  const acknowledgements: Array<{ construct: IConstruct; path: string; data: Record<string, unknown> }> = [];
  const { nestedStages } = walk(root, (c, path, element) => {
    for (const data of acknowledgementsOf(c)) acknowledgements.push({ construct: c, path, data });
    if (element) {
      elements.push(c as CfnElement);
      elementPaths.push(path);
    } else if (NestedStack.isNestedStack(c) && c.nestedStackResource) {
      nestedWithTemplate.add(c.nestedStackResource);
    }
  });
  const problems: ReaderProblem[] = [];
  const unrendered: string[] = [];
  const sections = sectionsByStack(elements, (path) => unrendered.push(path));
  // Logical ids per stack, so raw `{ Ref: LogicalId }` overrides resolve to their element.
  // Built on first need: most apps write no raw references.
  let logical: Map<Stack, Map<string, string>> | undefined;
  const logicalIds = (stack: Stack): ReadonlyMap<string, string> => (logical ??= logicalIdsByStack(elements)).get(stack) ?? new Map();
  // Conditions by stack: a condition's key is its stack's path and its logical id.
  const conditionStacks = new Set<Stack>();
  const conditionKey = (stack: Stack, logicalId: string) => {
    conditionStacks.add(stack);
    return `${stack.node.path}|${logicalId}`;
  };

  const records: ResourceRecord[] = [];
  // The records whose values may vary between condition worlds (only values with objects can).
  const mayVary: ResourceRecord[] = [];
  const resolver = new MarkingResolver();
  const quick = new QuickReader();
  const failures: RenderFailures = {};
  const properties = new PropertyReader(resolver, quick, failures);
  // Indexed, without a callback: this runs for every element of the app.
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i];
    // `instanceof` first (cheap, and true for nearly every element); the check by symbol covers other copies of aws-cdk-lib.
    if (!(el instanceof CfnResource) && !CfnResource.isCfnResource(el)) continue;
    const path = elementPaths[i];
    let type = el.cfnResourceType;
    // The condition the resource needs: a problem about it exists only where it does.
    const needs = () => (el.cfnOptions.condition ? { condition: conditionKey(el.stack, el.stack.resolve(el.cfnOptions.condition.logicalId)) } : {});
    try {
      type = properties.typeOf(el);
      if (type === 'AWS::CloudFormation::Stack' && !nestedWithTemplate.has(el)) {
        // A nested stack known only by its template's URL (CfnStack, CfnInclude without loadNestedStacks).
        problems.push({ kind: 'unresolved', path, message: missingNestedTemplate(path), ...needs() });
        continue;
      }
      if (!isReadType(type)) continue;
      const read = properties.read(el, type);
      // Only objects (`Fn::If`, `{ Ref: AWS::NoValue }`, raw references) need more reading.
      const objects = holdsObject(read);
      const values = objects
        ? qualifyConditions(
          foldIntrinsics(markRawReferences(read, () => logicalIds(el.stack)), (m, a, b) => mappingValue(sections.get(el.stack).Mappings, m, a, b)),
          (name) => conditionKey(el.stack, name)) as Record<string, unknown>
        : read;
      const condition = el.cfnOptions.condition ? conditionKey(el.stack, el.stack.resolve(el.cfnOptions.condition.logicalId)) : undefined;
      const base: ResourceRecord = condition === undefined ? { path, type, properties: values } : { path, type, properties: values, condition };
      const record = type === 'AWS::EC2::Subnet' && declaredTransitOnly({ [GUARD_METADATA_KEY]: el.getMetadata(GUARD_METADATA_KEY) })
        ? { ...base, transitOnly: true } : base;
      records.push(record);
      if (objects) mayVary.push(record);
    } catch (e) {
      problems.push({
        kind: 'unresolved',
        path,
        message: `The guard could not render ${type} ${path} as CloudFormation (${(e as Error).message}), so it is left out of the analysis.`,
        ...needs(),
      });
    }
  }
  const conditions = new Map<string, ConditionDef>();
  for (const stack of conditionStacks) {
    const passed = passedByParent(stack, properties, logicalIds);
    for (const [name, expression] of Object.entries(sections.get(stack).Conditions)) {
      const given = passed ? withParameters(expression, passed) : expression;
      // Raw references as the template reader reads them (CfnInclude writes a value it is given into Conditions).
      const qualified = qualifyConditions(markRawReferences(given, () => logicalIds(stack)), (n) => conditionKey(stack, n));
      conditions.set(conditionKey(stack, name), { name, scope: stack.node.path, expression: qualified });
    }
  }
  if (failures.render !== undefined) {
    problems.push({
      kind: 'unresolved',
      path: failures.render,
      message: cannotRead(`the rendered CloudFormation of ${failures.render} (raw overrides, or a resource without a generated L1 class)`,
        'what only rendering shows is left out of the analysis and nothing of it is proven compliant'),
    });
  }
  for (const path of unrendered.slice(0, 1)) {
    problems.push({
      kind: 'unresolved',
      path,
      message: cannotRead(`the Mappings and Conditions of ${path}${unrendered.length > 1 ? ` and ${unrendered.length - 1} other elements` : ''}`,
        'Fn::FindInMap over them stays unknown and conditions stay open'),
    });
  }
  return {
    records,
    problems,
    conditions,
    elementAt: lookupByPath(elements, elementPaths),
    nestedStages,
    mayVary,
    acknowledgements,
    ssmMarked: resolver.ssmMarked,
  };
}

/**
 * The parameter values a nested stack's parent passes (its AWS::CloudFormation::Stack's
 * `Parameters`, references marked): given values, not defaults, as the template reader takes them.
 */
function passedByParent(
  stack: Stack, properties: PropertyReader, logicalIds: (stack: Stack) => ReadonlyMap<string, string>,
): ReadonlyMap<string, unknown> | undefined {
  const resource = NestedStack.isNestedStack(stack) ? stack.nestedStackResource : undefined;
  if (!resource || !CfnResource.isCfnResource(resource)) return undefined;
  const parameters = properties.renderedProperties(resource)?.Parameters;
  if (!parameters || typeof parameters !== 'object' || Array.isArray(parameters)) return undefined;
  const marked = markRawReferences(parameters, () => logicalIds(resource.stack)) as Record<string, unknown>;
  return new Map(Object.entries(marked));
}

/** A condition expression with each `Ref` of a passed parameter replaced by its value. */
function withParameters(v: unknown, passed: ReadonlyMap<string, unknown>): unknown {
  if (Array.isArray(v)) return v.map((x) => withParameters(x, passed));
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === 'Ref' && typeof o.Ref === 'string' && passed.has(o.Ref)) return passed.get(o.Ref);
  return Object.fromEntries(keys.map((k) => [k, withParameters(o[k], passed)]));
}
