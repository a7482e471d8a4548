/**
 * The analysis against the independent reference on generated topologies with transit gateways
 * (test/reference/brute-transit.ts): every finding of every rule, and whether a transit finding is
 * capped at a warning. NRG_DIFF_RUNS and NRG_DIFF_SEED as in test/analysis/differential.test.ts.
 */
import * as fc from 'fast-check';
import { analyze } from '../../../src/analysis/analyze';
import { RULE_TABLE, RuleId } from '../../../src/analysis/rule-table';
import { RoutingModel } from '../../../src/model/model';
import { bruteForce } from '../../reference/brute-force';
import { transitTopology } from '../../reference/transit-arbitraries';

const RUNS = Number(process.env.NRG_DIFF_RUNS ?? 3_000);
const SEED = process.env.NRG_DIFF_SEED === 'random' ? undefined : Number(process.env.NRG_DIFF_SEED ?? 20261202);

/** Topologies in which some finding's path goes through a policy table entry. */
let throughPolicy = 0;

function analysis(model: RoutingModel, tgw: boolean, tgwVpc: boolean): string[] {
  const rules = new Set(RULE_TABLE.map((r) => r.id).filter((r) => (tgw || r !== 'NRG-TGW') && (tgwVpc || r !== 'NRG-TGW-VPC')) as RuleId[]);
  const findings = analyze(model, rules);
  if (findings.some((f) => f.message.includes('associated with policy table'))) throughPolicy++;
  return [...new Set(findings.map((f) => `${f.ruleId} @ ${f.path}${f.atMostWarning ? ' (capped)' : ''}`))].sort();
}

const randomAddresses = fc.array(fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }), { maxLength: 8 });

describe('differential across transit gateways: analysis vs brute force', () => {
  test(`${RUNS} generated topologies with transit gateways agree on every finding`, () => {
    const byRule = new Map<string, number>();
    let withFindings = 0;
    fc.assert(
      fc.property(transitTopology(), randomAddresses, fc.boolean(), fc.boolean(), (model, random, tgw, tgwVpc) => {
        const expected = [...bruteForce(model, { random: () => random, tgw, transit: true, tgwVpc })].sort();
        const actual = analysis(model, tgw, tgwVpc);
        if (actual.length > 0) withFindings++;
        for (const f of actual) {
          const key = `${f.split(' @ ')[0]}${f.endsWith(' (capped)') ? ' capped' : ''}`;
          byRule.set(key, (byRule.get(key) ?? 0) + 1);
        }
        expect(actual).toEqual(expected);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`transit differential: ${RUNS} topologies, ${withFindings} with findings, ${throughPolicy} through a policy table entry; `
      + `by rule: ${[...byRule].map(([r, n]) => `${r} ${n}`).join(', ')}`);
    // The generator must exercise the new rules, not just agree on empty sets.
    for (const rule of ['NRG-TGW-HYBRID', 'NRG-TGW-PEERING', 'NRG-TGW-PROPAGATION', 'NRG-TGW-UNKNOWN', 'NRG-TGW-VPC']) expect((byRule.get(rule) ?? 0) + (byRule.get(`${rule} capped`) ?? 0)).toBeGreaterThan(RUNS / 300);
    expect([...byRule.keys()].some((k) => k.endsWith(' capped'))).toBe(true);
    expect(throughPolicy).toBeGreaterThan(RUNS / 300);
  }, 30 * 60 * 1000);
});
