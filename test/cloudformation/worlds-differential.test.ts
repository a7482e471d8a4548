/**
 * Conditions as worlds against a reference that tries every parameter value (test/reference/
 * conditional.ts): the same findings, and a finding names conditions exactly when it does not
 * hold in every world. NRG_WORLDS_RUNS sets the number of generated templates (default 10,000;
 * `npm run test:differential` runs 200,000).
 */
import * as fc from 'fast-check';
import { judgeReading } from '../../src/engine/judge-reading';
import { conditionalApp, referenceVerdicts } from '../reference/conditional';

const RUNS = Number(process.env.NRG_WORLDS_RUNS ?? 10_000);
/** A fixed seed in the test run, so that CI runs what was run here; `npm run test:differential` draws new ones (NRG_DIFF_SEED=random). */
const SEED = process.env.NRG_DIFF_SEED === 'random' ? undefined : Number(process.env.NRG_DIFF_SEED ?? 20261127);

test(`${RUNS} generated templates with conditions agree with the every-value reference`, () => {
  let conditional = 0;
  let unconditional = 0;
  fc.assert(
    fc.property(conditionalApp(), (app) => {
      const { found, worlds } = referenceVerdicts(app);
      const findings = judgeReading({ records: app.records, problems: [], conditions: app.conditions });
      const actual = findings.map((f) => `${f.ruleId} @ ${f.path}`).sort();
      expect(actual).toEqual([...found.keys()].sort());
      for (const f of findings) {
        const everywhere = found.get(`${f.ruleId} @ ${f.path}`) === worlds;
        const names = /^\[[A-Z-]+\] (If condition|In some condition combinations)/.test(f.message);
        expect({ finding: `${f.ruleId} @ ${f.path}`, namesConditions: names }).toEqual({ finding: `${f.ruleId} @ ${f.path}`, namesConditions: !everywhere });
        if (everywhere) unconditional++;
        else conditional++;
      }
    }),
    { numRuns: RUNS, seed: SEED },
  );
  // Both kinds of finding occur, often.
  expect(conditional).toBeGreaterThan(RUNS / 5);
  expect(unconditional).toBeGreaterThan(RUNS / 5);
  console.log(`worlds differential: ${RUNS} templates, ${conditional} conditional and ${unconditional} unconditional findings`);
}, 30 * 60 * 1000);
