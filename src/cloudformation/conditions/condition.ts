/**
 * A template's conditions as readers record them. Readers keep what a template leaves to deploy
 * time as they find it: a resource's `Condition` (as `ResourceRecord.condition`), `Fn::If` values
 * and `AWS::NoValue`, with every condition named by a key unique in the app. No CDK.
 */

/** A condition of a template, read like property values. */
export interface ConditionDef {
  /** The condition's name as the template writes it. */
  readonly name: string;
  /** The stack or template it belongs to (where a problem about it goes). */
  readonly scope: string;
  /** Its expression; `{ Condition: key }` names another condition by its key. */
  readonly expression: unknown;
}

/** Rewrites the condition names of `Fn::If` and `{ Condition }` in a value to keys (`qualify`). */
export function qualifyConditions(v: unknown, qualify: (name: string) => string): unknown {
  if (Array.isArray(v)) return v.map((x) => qualifyConditions(x, qualify));
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === 'Fn::If' && Array.isArray(o['Fn::If']) && typeof o['Fn::If'][0] === 'string') {
    const [name, ...rest] = o['Fn::If'];
    return { 'Fn::If': [qualify(name), ...rest.map((x) => qualifyConditions(x, qualify))] };
  }
  if (keys.length === 1 && keys[0] === 'Condition' && typeof o.Condition === 'string') return { Condition: qualify(o.Condition) };
  return Object.fromEntries(keys.map((k) => [k, qualifyConditions(o[k], qualify)]));
}
