/**
 * Which guard's settings apply where: every \`NatRouteGuard\` registers its settings, and a
 * finding takes those of the guard added at the deepest scope that holds its construct.
 */
import { Aspects, IAspect } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { NatRouteRuleLevel, RULE_TABLE, RuleId } from '../../analysis/rule-table';
import { EngineDeclarations } from '../../engine/judge-reading';
import { mergeDeclarations } from '../shared/transit-options';

/** The settings a guard carries; implemented by `NatRouteGuard`. */
export interface GuardSettings {
  readonly levelOf: (ruleId: RuleId) => NatRouteRuleLevel;
  /** Added by a construct of this library for itself (yields to any guard the user added). */
  readonly own: boolean;
  /** What the user declared about transit gateways. */
  readonly declarations: EngineDeclarations;
  /** Findings in their long form. */
  readonly verbose: boolean;
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

/** The settings of the guards that visited each Stage. */
const STAGE_GUARDS = new WeakMap<IConstruct, GuardSettings[]>();

/** Called by a guard the first time it visits a Stage. */
export function guardVisits(stage: IConstruct, settings: GuardSettings): void {
  const list = STAGE_GUARDS.get(stage);
  if (list) list.push(settings);
  else STAGE_GUARDS.set(stage, [settings]);
}

/** The guards a Stage is judged for: those that visited it, or (a Stage no guard visited) the one that covers it. */
function guardsOf(stage: IConstruct): GuardSettings[] {
  const list = STAGE_GUARDS.get(stage);
  if (list && list.length > 0) return list;
  const covering = settingsAt(stage);
  return covering ? [covering] : [];
}

/**
 * What the Stage is judged with (one judgement per Stage): the union of its guards' declarations,
 * and the rules some of them report (a rule all of them turn off is not evaluated).
 */
export function judgingFor(stage: IConstruct): { readonly declarations: EngineDeclarations; readonly enabled?: ReadonlySet<RuleId> } {
  const guards = guardsOf(stage);
  if (guards.length === 0) return { declarations: {} };
  const enabled = new Set(RULE_TABLE.map((r) => r.id as RuleId).filter((id) => guards.some((g) => g.levelOf(id) !== NatRouteRuleLevel.OFF)));
  return { declarations: mergeDeclarations(guards.map((g) => g.declarations)), enabled };
}
