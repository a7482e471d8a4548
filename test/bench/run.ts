/**
 * `npm run bench`: what the guard costs at synth, against plain synth and against cdk-nag,
 * and how the analysis alone scales. Ratios are computed within this run.
 *
 *   NRG_BENCH_STACKS   comma-separated app sizes (default 10,50,200)
 *   NRG_BENCH_REPEATS  repetitions per measurement, median taken (default 5)
 *   NRG_BENCH_PARTS    which parts to run: analysis, work, synth (default all three)
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Mode, buildApp } from './app';
import { benchModel, routeCount } from './models';
import { analyze } from '../../src/analysis/analyze';
import { buildModel } from '../../src/reader/build-model';
import { readConstructTree } from '../../src/reader/construct-reader';

const STACKS = (process.env.NRG_BENCH_STACKS ?? '10,50,200').split(',').map(Number);
const REPEATS = Number(process.env.NRG_BENCH_REPEATS ?? 5);
const MODES: Mode[] = ['floor', 'guard', 'nag'];
const ROOT = path.join(__dirname, '..', '..');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

function measure(stacks: number, mode: Mode): { ms: number; maxRssMb: number } {
  const res = spawnSync(process.execPath, ['--max-old-space-size=16384', '-r', 'ts-node/register/transpile-only', path.join(__dirname, 'synth-once.ts'), String(stacks), mode], {
    cwd: ROOT, encoding: 'utf-8', env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.dev.json') }, maxBuffer: 64 * 1024 * 1024,
  });
  const last = res.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last);
  } catch {
    throw new Error(`synth of ${stacks} stacks (${mode}) failed:\n${res.stderr.slice(-2000)}`);
  }
}

function synthPart() {
  console.log(`\n## Synth: ${REPEATS} runs each, median (fresh process per run)\n`);
  console.log('| stacks | floor s | guard s | cdk-nag s | guard time overhead | cdk-nag time overhead | guard / cdk-nag overhead | floor MiB | guard MiB | cdk-nag MiB | guard memory overhead |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const stacks of STACKS) {
    const runs: Record<Mode, { ms: number; maxRssMb: number }[]> = { floor: [], guard: [], nag: [] };
    for (let r = 0; r < REPEATS; r++) {
      // Interleaved, so drift on a noisy machine hits every mode alike.
      for (const mode of MODES) runs[mode].push(measure(stacks, mode));
    }
    const t = (m: Mode) => median(runs[m].map((x) => x.ms)) / 1000;
    const mem = (m: Mode) => median(runs[m].map((x) => x.maxRssMb));
    const guardOver = t('guard') / t('floor') - 1;
    const nagOver = t('nag') / t('floor') - 1;
    console.log(`| ${stacks} | ${t('floor').toFixed(2)} | ${t('guard').toFixed(2)} | ${t('nag').toFixed(2)} | ${pct(guardOver)} | ${pct(nagOver)} | `
      + `${(guardOver / nagOver).toFixed(3)} | ${mem('floor').toFixed(0)} | ${mem('guard').toFixed(0)} | ${mem('nag').toFixed(0)} | ${pct(mem('guard') / mem('floor') - 1)} |`);
  }
}

function analysisPart() {
  console.log(`\n## Analysis alone: ${Math.max(REPEATS, 7)} runs each after two warm-up runs, median\n`);
  console.log('| routes | ms | µs per route | time vs previous size |');
  console.log('|---|---|---|---|');
  let prev: { routes: number; ms: number } | undefined;
  for (const size of [1_000, 10_000, 100_000]) {
    const model = benchModel(size);
    const routes = routeCount(model);
    analyze(model); // warm-up
    analyze(model);
    const times: number[] = [];
    for (let r = 0; r < Math.max(REPEATS, 7); r++) {
      // A collection before each run, so garbage from the previous size is not billed to this one.
      (globalThis as { gc?: () => void }).gc?.();
      const start = process.hrtime.bigint();
      analyze(model);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const ms = median(times);
    const vs = prev ? `${(ms / prev.ms).toFixed(2)}x for ${(routes / prev.routes).toFixed(1)}x routes` : '';
    console.log(`| ${routes} | ${ms.toFixed(1)} | ${((ms * 1000) / routes).toFixed(2)} | ${vs} |`);
    prev = { routes, ms };
  }
}

/**
 * The guard's own work (read the tree, build the model, analyse), timed in process on the same
 * generated apps: what whole-synth timings measure with the machine's noise on top.
 */
function workPart() {
  console.log(`\n## The guard's own work, in process: ${REPEATS} runs each, median\n`);
  console.log('| stacks | routing resources | read s | model s | analysis s | total s |');
  console.log('|---|---|---|---|---|---|');
  for (const stacks of STACKS) {
    const app = buildApp(stacks, 'floor', fs.mkdtempSync(path.join(os.tmpdir(), 'nrg-work-')));
    const runs: number[][] = [];
    for (let r = 0; r < REPEATS; r++) {
      (globalThis as { gc?: () => void }).gc?.();
      const t0 = process.hrtime.bigint();
      const reading = readConstructTree(app);
      const t1 = process.hrtime.bigint();
      const model = buildModel(reading.records);
      const t2 = process.hrtime.bigint();
      analyze(model);
      const t3 = process.hrtime.bigint();
      runs.push([Number(t1 - t0), Number(t2 - t1), Number(t3 - t2), Number(t3 - t0)].map((ns) => ns / 1e9).concat(reading.records.length));
    }
    const col = (i: number) => median(runs.map((x) => x[i]));
    console.log(`| ${stacks} | ${runs[0][4]} | ${col(0).toFixed(2)} | ${col(1).toFixed(2)} | ${col(2).toFixed(2)} | ${col(3).toFixed(2)} |`);
  }
}

const PARTS = (process.env.NRG_BENCH_PARTS ?? 'analysis,work,synth').split(',');

console.log(`# cdk-nat-route-guard benchmark\n\nMachine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
if (PARTS.includes('analysis')) analysisPart();
if (PARTS.includes('work')) workPart();
if (PARTS.includes('synth')) synthPart();
