/**
 * From what a reader read to findings: the routing model of each condition world, the analysis
 * of each, and one finding per rule and construct over all of them. No CDK; every door uses it.
 */
import { analyze } from '../analysis/analyze';
import { Finding, oneFindingPerConstruct } from '../analysis/findings';
import { RuleId } from '../analysis/rule-table';
import { buildModel } from '../build/build-model';
import { TransitDeclarations } from '../build/transit';
import { ConditionDef } from '../cloudformation/conditions/condition';
import { World, worldsOf } from '../cloudformation/conditions/worlds';
import { ReaderProblem } from '../model/model';
import { ResourceRecord } from '../records/record';
import { resolveSsmParameters } from '../records/ssm';

export interface Reading {
  readonly records: readonly ResourceRecord[];
  readonly problems: readonly ReaderProblem[];
  /** The conditions records and values name, by key. */
  readonly conditions?: ReadonlyMap<string, ConditionDef>;
  /**
   * The records whose values may vary between condition worlds (`Fn::If`, `AWS::NoValue`), when
   * the reader can tell; every record is searched when omitted.
   */
  readonly mayVary?: readonly ResourceRecord[];
  /** Whether the reader marked references to SSM-typed parameters (records/ssm.ts). */
  readonly ssmMarked?: boolean;
}

/** What the user declared beside the app: transit gateways defined elsewhere, attachment kinds, transit-only subnets. */
export type EngineDeclarations = TransitDeclarations;

/**
 * Every finding, once: a finding that holds in some worlds only says in which (docs/conditions.md), as
 * the start of its first sentence.
 */
/**
 * @param enabled the rules some door reports (all when omitted): a rule every door turns off is
 * not evaluated, so its findings cost nothing and decide nothing (which findings are worth reading
 * the cloud assembly for, which are capped at warnings)
 */
export function judgeReading(reading: Reading, declarations: EngineDeclarations = {}, enabled?: ReadonlySet<RuleId>): Finding[] {
  const conditional = reading.problems.flatMap((p) => (p.condition === undefined ? [] : [p.condition]));
  // Same-app SSM parameters: the value of the parameter the set defines (records/ssm.ts).
  const read = resolveSsmParameters(reading.records, reading.mayVary, reading.ssmMarked === true);
  const { worlds, problems, describe } = worldsOf(read.records, reading.conditions ?? new Map(), read.mayVary, conditional);
  // A reader problem about a resource with a Condition exists only in the worlds that create the resource.
  const judge = (world: World) => {
    const model = buildModel(world.records, declarations);
    const own = conditional.length === 0 ? reading.problems : reading.problems.filter((p) => p.condition === undefined || world.holds(p.condition));
    return analyze({ ...model, problems: [...own, ...problems, ...model.problems] }, enabled);
  };
  if (worlds.length === 1) return judge(worlds[0]);

  // Per rule and construct: the worlds it holds in, and its first finding for each NAT gateway
  // (a route in a shared table may concern one NAT gateway in some worlds, another in others).
  const found = new Map<string, { byNat: Map<string | undefined, Finding>; worlds: number[] }>();
  worlds.forEach((world, i) => {
    for (const finding of judge(world)) {
      const key = `${finding.ruleId}\u0000${finding.path}`;
      let seen = found.get(key);
      if (!seen) found.set(key, seen = { byNat: new Map(), worlds: [] });
      if (seen.worlds[seen.worlds.length - 1] !== i) seen.worlds.push(i);
      if (!seen.byNat.has(finding.nat)) seen.byNat.set(finding.nat, finding);
    }
  });
  return [...found.values()].map(({ byNat, worlds: where }) => {
    const [finding] = oneFindingPerConstruct([...byNat.values()]);
    const when = describe(where);
    if (when === undefined) return finding;
    const prefix = `[${finding.ruleId}] `;
    return { ...finding, message: `${prefix}${when}: ${finding.message.slice(prefix.length)}` };
  });
}
