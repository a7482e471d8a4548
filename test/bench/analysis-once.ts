/**
 * The analysis alone on one generated model, in a fresh process (so no other size's model or
 * garbage shares its heap): median of single runs, each after a full collection. Prints the
 * route count and the median in ms as JSON on the last line.
 */
import { benchModel, routeCount } from './models';
import { analyze } from '../../src/analysis/analyze';

const size = Number(process.argv[2]);
const samples = Number(process.argv[3] ?? 11);
const model = benchModel(size);
// Warm-up: the guard runs once per synth, but in a process whose code is already compiled.
for (let w = 0; w < 3; w++) analyze(model);
const times: number[] = [];
for (let r = 0; r < samples; r++) {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.hrtime.bigint();
  analyze(model);
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ routes: routeCount(model), ms: times[Math.floor(times.length / 2)] }));
