/**
 * The analysis against the brute-force reference on generated topologies.
 * NRG_DIFF_RUNS sets the number of topologies (default 10,000; `npm run test:differential`
 * runs a longer campaign).
 */
import * as fc from 'fast-check';
import { analyze } from '../../src/analysis/analyze';
import { RuleId } from '../../src/analysis/rule-table';
import { RoutingModel } from '../../src/model/model';
import { topology } from '../reference/arbitraries';
import { bruteForce } from '../reference/brute-force';

const RUNS = Number(process.env.NRG_DIFF_RUNS ?? 10_000);
/** A fixed seed in the test run, so that CI runs what was run here; `npm run test:differential` draws new ones (NRG_DIFF_SEED=random). */
const SEED = process.env.NRG_DIFF_SEED === 'random' ? undefined : Number(process.env.NRG_DIFF_SEED ?? 20261127);
const ALL: RuleId[] = ['NRG-VGW', 'NRG-PCX', 'NRG-PROPAGATION', 'NRG-PRIVATE-IGW', 'NRG-VPCE', 'NRG-TGW', 'NRG-UNRESOLVED', 'NRG-INVALID'];

function analysis(model: RoutingModel, tgw: boolean): string[] {
  const rules = new Set(ALL.filter((r) => tgw || r !== 'NRG-TGW'));
  return [...new Set(analyze(model, rules).map((f) => `${f.ruleId} @ ${f.path}`))].sort();
}

/** Random 128-bit addresses from the topology's own seed, so a failure replays exactly. */
const randomAddresses = fc.array(fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }), { maxLength: 16 });

describe('differential: analysis vs brute force', () => {
  test(`${RUNS} generated topologies agree on every finding`, () => {
    let findings = 0;
    let withFindings = 0;
    fc.assert(
      fc.property(topology(), randomAddresses, fc.boolean(), (model, random, tgw) => {
        const expected = [...bruteForce(model, { random: () => random, tgw })].sort();
        const actual = analysis(model, tgw);
        findings += actual.length;
        if (actual.length > 0) withFindings++;
        expect(actual).toEqual(expected);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // The generator must exercise the rules, not just agree on empty sets.
    expect(withFindings).toBeGreaterThan(RUNS / 10);
    console.log(`differential: ${RUNS} topologies, ${withFindings} with findings, ${findings} findings in all`);
  }, 30 * 60 * 1000);
});
