/**
 * Which guard's settings apply where: every \`NatRouteGuard\` registers its settings, and a
 * finding takes those of the guard added at the deepest scope that holds its construct.
 */
import { Aspects, IAspect } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { NatRouteRuleLevel, RuleId } from '../../analysis/rule-table';
import { EngineDeclarations } from '../../engine/judge-reading';
import { mergeDeclarations } from '../shared/transit-options';

/** The settings a guard carries; implemented by `NatRouteGuard`. */
export interface GuardSettings {
  readonly levelOf: (ruleId: RuleId) => NatRouteRuleLevel;
  /** Added by a construct of this library for itself (yields to any guard the user added). */
  readonly own: boolean;
  /** What the user declared about transit gateways. */
  readonly declarations: EngineDeclarations;
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

/** The declarations of the guards that visited each Stage. */
const STAGE_DECLARATIONS = new WeakMap<IConstruct, EngineDeclarations[]>();

/** Called by a guard the first time it visits a Stage. */
export function guardVisits(stage: IConstruct, settings: GuardSettings): void {
  const list = STAGE_DECLARATIONS.get(stage);
  if (list) list.push(settings.declarations);
  else STAGE_DECLARATIONS.set(stage, [settings.declarations]);
}

/**
 * What the Stage is judged with: the union of the declarations of every guard that visited it
 * (one judgement per Stage); for a Stage no guard visited, those of the guard that covers it.
 */
export function declarationsFor(stage: IConstruct): EngineDeclarations {
  const list = STAGE_DECLARATIONS.get(stage);
  if (list && list.length > 0) return mergeDeclarations(list);
  return settingsAt(stage)?.declarations ?? {};
}
