/**
 * What the Aspect and its Stage report share: judging one Stage's construct tree, and finding
 * the construct a finding goes on. CDK-side; the analysis itself stays pure.
 */
import { Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { judgingFor } from './settings';
import { Finding } from '../../analysis/findings';
import { RULE_IDS } from '../../analysis/rule-table';
import { judgeReading } from '../../engine/judge-reading';
import { readConstructTree } from '../../readers/construct-tree/read-tree';
import { ancestorPaths } from '../shared/paths';

/** One judgement of one Stage: made at every synthesis, never reused. */
export interface Judgement {
  readonly findings: readonly Finding[];
  /** The construct each finding goes on. */
  readonly placeOf: (f: Finding) => IConstruct;
  /** Whether Stages are nested below the Stage judged (true when that could not be told). */
  readonly nestedStages: boolean;
}

/** Read and analyse the constructs of a Stage (not of the Stages nested in it). Never throws. */
export function judgeTree(stage: IConstruct): Judgement {
  try {
    const reading = readConstructTree(stage);
    const { declarations, enabled } = judgingFor(stage);
    const findings = judgeReading(reading, declarations, enabled);
    let stacks: Map<string, IConstruct> | undefined;
    const stackAt = (path: string) => (stacks ??= stacksOf(stage)).get(path);
    return { findings, placeOf: (f) => nearest(f.path, reading.elementAt, stackAt, stage), nestedStages: reading.nestedStages };
  } catch (e) {
    const message = `[${RULE_IDS.UNRESOLVED}] cdk-nat-route-guard could not analyse ${stage.node.path || 'the app'} `
      + `(${(e as Error).message}), so nothing in it is proven compliant. Please report this with the construct tree that caused it.`;
    return { findings: [{ ruleId: RULE_IDS.UNRESOLVED, path: stage.node.path, message }], placeOf: () => placeForStage(stage), nestedStages: true };
  }
}

/**
 * The construct at a path, or the nearest ancestor that exists. Paths are looked up as they
 * are, whatever characters the construct ids contain.
 */
function nearest(
  path: string, elementAt: (path: string) => IConstruct | undefined, stackAt: (path: string) => IConstruct | undefined, stage: IConstruct,
): IConstruct {
  for (const p of ancestorPaths(path)) {
    const c = elementAt(p);
    if (c) return c;
  }
  // A finding about a whole stack (its conditions, for one) goes on that stack.
  for (const p of ancestorPaths(path)) {
    const stack = stackAt(p);
    if (stack) return stack;
  }
  return placeForStage(stage);
}

/** The stacks of a Stage (not of the Stages nested in it), by path: built once per judgement, on first need. */
function stacksOf(stage: IConstruct): Map<string, IConstruct> {
  return new Map(stage.node.findAll().filter((c) => Stack.isStack(c) && stageOf(c) === stage).map((c) => [c.node.path, c]));
}

/**
 * Where a finding about a whole Stage goes: CDK keeps annotations of stacks only, so the first
 * stack of the Stage (the Stage itself when it has none).
 */
export function placeForStage(stage: IConstruct): IConstruct {
  const stack = stage.node.findAll().find((c) => Stack.isStack(c) && stageOf(c) === stage);
  return stack ?? stage;
}

/**
 * The Stage a construct belongs to (itself if it is one), or the root. Called for every
 * construct of the app: walks up without allocating (`Stage.of` copies the scope list).
 */
export function stageOf(node: IConstruct): IConstruct {
  let c: IConstruct | undefined = node;
  while (c && !Stage.isStage(c)) c = c.node.scope;
  return c ?? node.node.root;
}
