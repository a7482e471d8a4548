/**
 * What the Aspect and its Stage report share: judging one Stage's construct tree, finding the
 * construct a finding goes on, the settings that apply there, and the acknowledgement that
 * covers it. CDK-side; the analysis itself stays pure.
 */
import { Aspects, IAspect, Stack, Stage, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { Finding } from '../../analysis/findings';
import { NatRouteRuleLevel, RULE_IDS, RuleId } from '../../analysis/rule-table';
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
    const findings = judgeReading(reading);
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
function placeForStage(stage: IConstruct): IConstruct {
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

/** The settings a guard carries; implemented by `NatRouteGuard`. */
export interface GuardSettings {
  readonly levelOf: (ruleId: RuleId) => NatRouteRuleLevel;
  /** Added by a construct of this library for itself (yields to any guard the user added). */
  readonly own: boolean;
}

const SETTINGS = new WeakMap<IAspect, GuardSettings>();

/** Set while a construct of this library makes its own guard (see `own-guard.ts`). */
export const OWN_GUARD = { building: false };

/** Called by each guard on construction. */
export function registerGuard(aspect: IAspect, settings: GuardSettings): void {
  SETTINGS.set(aspect, settings);
}

/**
 * The settings that apply to a construct: those of the guard added at the deepest scope that
 * holds it (the last one added there, if several), a guard a construct of this library added
 * for itself only where no guard the user added covers the construct. Undefined where no guard
 * covers it. Scopes above Stage boundaries count: a guard on the App covers every Stage.
 */
export function settingsAt(c: IConstruct): GuardSettings | undefined {
  let own: GuardSettings | undefined;
  for (let s: IConstruct | undefined = c; s; s = s.node.scope) {
    const here = Aspects.of(s).all.map((a) => SETTINGS.get(a)).filter((g): g is GuardSettings => !!g);
    const user = here.filter((g) => !g.own);
    if (user.length > 0) return user[user.length - 1];
    own ??= here[here.length - 1];
  }
  return own;
}

const ACK_KEY = Validations.ACKNOWLEDGED_RULES_METADATA_KEY;

/** An acknowledgement of a rule: where it was given, and why. */
export interface Acknowledgement {
  readonly path: string;
  readonly reason: string;
}

/** The nearest acknowledgement of the rule on the construct or an ancestor. */
export function acknowledgementAt(scope: IConstruct, ruleId: RuleId): Acknowledgement | undefined {
  for (let c: IConstruct | undefined = scope; c; c = c.node.scope) {
    for (const m of [...c.node.metadata].reverse()) {
      if (m.type !== ACK_KEY || !m.data || typeof m.data !== 'object') continue;
      const reason = acknowledgedReason(m.data as Record<string, unknown>, ruleId);
      if (reason !== undefined) return { path: c.node.path || '(app)', reason };
    }
  }
  return undefined;
}

/**
 * The reason an acknowledgement entry gives for a rule, if it names it. Keys are qualified by a
 * source prefix: `annotation::NRG-VGW` (2.257), `Annotation::NRG-VGW` (newer), or the plugin's
 * name, `cdk-nat-route-guard::NRG-VGW`.
 */
export function acknowledgedReason(data: Record<string, unknown>, ruleId: string): string | undefined {
  const hit = Object.entries(data).find(([k]) => k.split('::').pop() === ruleId);
  return hit ? String(hit[1] ?? '') : undefined;
}
