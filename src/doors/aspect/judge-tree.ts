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
import { CDK_FORM, unknownAcknowledgementsIn } from '../shared/acknowledgements';
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
    // An acknowledgement that names no rule goes on the construct that carries it (CDK keeps the
    // annotations of constructs in stacks only: the App's and a Stage's go on the Stage's first stack).
    const unknown = enabled && !enabled.has(RULE_IDS.UNKNOWN_ACK) ? [] : unknownAcknowledgementsIn(reading.acknowledgements, CDK_FORM);
    const places = new Map(unknown.map(({ entry, finding }) => [finding, inStack(entry.construct) ? entry.construct : placeForStage(stage)]));
    let stacks: Map<string, IConstruct> | undefined;
    const stackAt = (path: string) => (stacks ??= stacksOf(stage)).get(path);
    return {
      findings: [...findings, ...places.keys()],
      placeOf: (f) => places.get(f) ?? nearest(f.path, reading.elementAt, stackAt, stage),
      nestedStages: reading.nestedStages,
    };
  } catch (e) {
    const message = `[${RULE_IDS.UNRESOLVED}] cdk-nat-route-guard could not analyse ${stage.node.path || 'the app'} `
      + `(${(e as Error).message}), so nothing in it is proven compliant. Please report this with the construct tree that caused it.`;
    return {
      findings: [{ ruleId: RULE_IDS.UNRESOLVED, path: stage.node.path, message }],
      placeOf: () => placeForStage(stage),
      nestedStages: true,
    };
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

function inStack(c: IConstruct): boolean {
  for (let s: IConstruct | undefined = c; s && !Stage.isStage(s); s = s.node.scope) if (Stack.isStack(s)) return true;
  return false;
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
