/**
 * CloudFormation's condition functions applied directly to a template's `Conditions`, for one
 * value of each parameter: the independent evaluator the condition search is compared with. It
 * shares no code with src/cloudformation/conditions.
 */

export type Conditions = Record<string, unknown>;

/** Whether condition `name` holds when each parameter has the value `params` gives it. */
export function conditionHolds(conditions: Conditions, name: string, params: Record<string, string>, seen: string[] = []): boolean {
  if (seen.includes(name)) throw new Error(`condition ${name} refers to itself`);
  return value(conditions, conditions[name], params, [...seen, name]) as boolean;
}

function value(conditions: Conditions, e: unknown, params: Record<string, string>, seen: string[]): unknown {
  if (typeof e === 'string' || typeof e === 'boolean' || typeof e === 'number') return typeof e === 'number' ? String(e) : e;
  const o = e as Record<string, unknown>;
  const [fn] = Object.keys(o);
  const arg = o[fn] as unknown[];
  switch (fn) {
    case 'Ref': return params[o.Ref as string];
    case 'Condition': return conditionHolds(conditions, o.Condition as string, params, seen);
    case 'Fn::Equals': return String(value(conditions, arg[0], params, seen)) === String(value(conditions, arg[1], params, seen));
    case 'Fn::Not': return !value(conditions, arg[0], params, seen);
    case 'Fn::And': return arg.every((x) => value(conditions, x, params, seen) === true);
    case 'Fn::Or': return arg.some((x) => value(conditions, x, params, seen) === true);
    default: throw new Error(`not a condition function: ${fn}`);
  }
}

/**
 * Every combination of the conditions CloudFormation can produce: each parameter tried at each
 * value it is compared with and at one it is not (`domains`), every assignment.
 * @returns each combination as a string of 0 and 1, condition by condition in `names` order
 */
export function everyCombination(conditions: Conditions, names: readonly string[], domains: Record<string, readonly string[]>): Set<string> {
  const params = Object.keys(domains);
  const out = new Set<string>();
  const assignment: Record<string, string> = {};
  const walk = (i: number): void => {
    if (i === params.length) {
      out.add(names.map((n) => (conditionHolds(conditions, n, assignment) ? '1' : '0')).join(''));
      return;
    }
    for (const v of domains[params[i]]) {
      assignment[params[i]] = v;
      walk(i + 1);
    }
  };
  walk(0);
  return out;
}
