/**
 * Which guard's settings apply where: every \`NatRouteGuard\` registers its settings, and a
 * finding takes those of the guard added at the deepest scope that holds its construct.
 */
import { Aspects, IAspect } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { NatRouteRuleLevel, RuleId } from '../../analysis/rule-table';

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
