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

interface SynthRun {
  readonly ms: number;
  /** Time inside the check (guard visits; cdk-nag load and validate). */
  readonly checkMs: number;
  /** Garbage-collection pauses over the whole synth. */
  readonly gcMs: number;
  readonly maxRssMb: number;
}

/** Run a script of this folder in a fresh Node process; its last line of output is JSON. */
function runJson<T>(script: string, args: string[], what: string): T {
  const res = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=16384', '-r', 'ts-node/register/transpile-only', path.join(__dirname, script), ...args], {
    cwd: ROOT, encoding: 'utf-8', env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.dev.json') }, maxBuffer: 64 * 1024 * 1024,
  });
  const last = res.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last);
  } catch {
    throw new Error(`${what} failed:\n${res.stderr.slice(-2000)}`);
  }
}

function measure(stacks: number, mode: Mode): SynthRun {
  return runJson<SynthRun>('synth-once.ts', [String(stacks), mode], `synth of ${stacks} stacks (${mode})`);
}

/** What the goals are judged on, per app size. */
/** What one app size measured: medians over rounds, and overheads paired by round. */
interface SynthResult {
  readonly stacks: number;
  readonly floorS: number;
  readonly guardOver: number;
  readonly nagOver: number;
  readonly guardInside: number;
  readonly nagInside: number;
  /** Median GC pauses over the synth minus the floor's. */
  readonly guardGc: number;
  readonly nagGc: number;
  readonly memOver: number;
  /** Median over rounds of each round's time / that round's floor - 1. */
  readonly guardPaired: number;
  readonly nagPaired: number;
}
const synthResults: SynthResult[] = [];

/**
 * The whole-synth overheads again, paired by round, and where the checks' time goes: time inside
 * the check plus the extra garbage collection it causes later.
 */
function pairedTable() {
  if (synthResults.length === 0) return;
  console.log('\nPaired by round (median over rounds of each mode\'s time / the same round\'s floor - 1), and inside time plus extra GC (median GC pauses over the synth minus the floor\'s):\n');
  console.log('| stacks | guard overhead, paired | cdk-nag overhead, paired | guard / cdk-nag, paired | guard inside + extra GC s | cdk-nag inside + extra GC s | guard / cdk-nag, inside + GC | guard inside + GC / floor |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of synthResults) {
    const g = r.guardInside + r.guardGc;
    const n = r.nagInside + r.nagGc;
    const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;
    console.log(`| ${r.stacks} | ${pct(r.guardPaired)} | ${pct(r.nagPaired)} | ${(r.guardPaired / r.nagPaired).toFixed(3)} | ${g.toFixed(3)} (GC ${signed(r.guardGc)}) | `
      + `${n.toFixed(3)} (GC ${signed(r.nagGc)}) | ${(g / n).toFixed(3)} | ${pct(g / r.floorS)} |`);
  }
}

function synthPart() {
  console.log(`\n## Synth: ${REPEATS} runs each, median (fresh process per run)\n`);
  console.log('Whole synth (wall time from building the app to the end of `synth()`, peak RSS), and the time spent '
    + 'inside each check during those same runs (the guard\'s `visit` calls; loading cdk-nag and its `validate`).\n');
  console.log('| stacks | floor s | guard s | cdk-nag s | guard overhead | cdk-nag overhead | guard / cdk-nag overhead '
    + '| inside guard s | inside cdk-nag s | inside guard / inside cdk-nag | inside guard / floor '
    + '| floor MiB | guard MiB | cdk-nag MiB | guard memory overhead |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const stacks of STACKS) {
    const runs: Record<Mode, SynthRun[]> = { floor: [], guard: [], nag: [] };
    for (let r = 0; r < REPEATS; r++) {
      // Interleaved, so drift on a noisy machine hits every mode alike.
      for (const mode of MODES) runs[mode].push(measure(stacks, mode));
    }
    const t = (m: Mode) => median(runs[m].map((x) => x.ms)) / 1000;
    const inside = (m: Mode) => median(runs[m].map((x) => x.checkMs)) / 1000;
    const mem = (m: Mode) => median(runs[m].map((x) => x.maxRssMb));
    // Paired per round, so that drift between rounds cancels: each round runs the three modes back to back.
    const paired = (m: Mode) => median(runs[m].map((x, r) => x.ms / runs.floor[r].ms - 1));
    const gc = (m: Mode) => median(runs[m].map((x) => x.gcMs)) / 1000;
    const result: SynthResult = {
      stacks,
      floorS: t('floor'),
      guardOver: t('guard') / t('floor') - 1,
      nagOver: t('nag') / t('floor') - 1,
      guardInside: inside('guard'),
      nagInside: inside('nag'),
      guardGc: gc('guard') - gc('floor'),
      nagGc: gc('nag') - gc('floor'),
      memOver: mem('guard') / mem('floor') - 1,
      guardPaired: paired('guard'),
      nagPaired: paired('nag'),
    };
    synthResults.push(result);
    console.log(`| ${stacks} | ${t('floor').toFixed(2)} | ${t('guard').toFixed(2)} | ${t('nag').toFixed(2)} | ${pct(result.guardOver)} | ${pct(result.nagOver)} | `
      + `${(result.guardOver / result.nagOver).toFixed(3)} | ${result.guardInside.toFixed(3)} | ${result.nagInside.toFixed(3)} | ${(result.guardInside / result.nagInside).toFixed(3)} | `
      + `${pct(result.guardInside / result.floorS)} | ${mem('floor').toFixed(0)} | ${mem('guard').toFixed(0)} | ${mem('nag').toFixed(0)} | ${pct(result.memOver)} |`);
  }
}

const analysisRatios: number[] = [];

/**
 * The analysis alone: each size in fresh processes (interleaved rounds), median of single runs
 * in each process, median over the processes.
 */
function analysisPart() {
  const SIZES = [1_000, 10_000, 100_000];
  console.log(`\n## Analysis alone: ${REPEATS} processes per size, each the median of 11 runs; median over processes\n`);
  console.log('| routes | ms | µs per route | time vs previous size |');
  console.log('|---|---|---|---|');
  const results = new Map<number, { routes: number; ms: number }[]>(SIZES.map((s) => [s, []]));
  for (let r = 0; r < REPEATS; r++) {
    for (const size of SIZES) results.get(size)!.push(runJson<{ routes: number; ms: number }>('analysis-once.ts', [String(size)], `analysis of ${size} routes`));
  }
  let prev: { routes: number; ms: number } | undefined;
  for (const size of SIZES) {
    const runs = results.get(size)!;
    const cur = { routes: runs[0].routes, ms: median(runs.map((x) => x.ms)) };
    if (prev) analysisRatios.push(cur.ms / prev.ms);
    const vs = prev ? `${(cur.ms / prev.ms).toFixed(2)}x for ${(cur.routes / prev.routes).toFixed(1)}x routes` : '';
    console.log(`| ${cur.routes} | ${cur.ms.toFixed(2)} | ${((cur.ms * 1000) / cur.routes).toFixed(2)} | ${vs} |`);
    prev = cur;
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
if (PARTS.includes('synth')) {
  synthPart();
  pairedTable();
}
goals();

/** The issue's goals, judged on this run's figures. */
function goals() {
  const lines: string[] = [];
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const largest = synthResults[synthResults.length - 1];
  if (largest) {
    const guardShare = largest.guardInside / largest.floorS;
    const insideRatio = largest.guardInside / largest.nagInside;
    lines.push(`| at ${largest.stacks} stacks the guard adds at most 5% to synth time | whole-synth median ${pct(largest.guardOver)}; time inside the guard ${pct(guardShare)} of the floor | ${verdict(largest.guardOver <= 0.05)} (whole synth), ${verdict(guardShare <= 0.05)} (inside) |`);
    lines.push(`| at ${largest.stacks} stacks at most 10% more peak memory | ${pct(largest.memOver)} | ${verdict(largest.memOver <= 0.1)} |`);
    const wholeRatio = largest.guardOver / largest.nagOver;
    const paired = largest.guardPaired / largest.nagPaired;
    lines.push(`| the guard's overhead at most a tenth of cdk-nag's | whole synth ${wholeRatio.toFixed(3)} (medians), ${paired.toFixed(3)} (paired by round); inside the checks ${insideRatio.toFixed(3)} | `
      + `${verdict(wholeRatio <= 0.1 && wholeRatio >= 0)} (medians), ${verdict(paired <= 0.1 && paired >= 0)} (paired), ${verdict(insideRatio <= 0.1)} (inside) |`);
  }
  if (analysisRatios.length > 0) {
    lines.push(`| the analysis scales near-linearly (10x routes at most 12x time) | ${analysisRatios.map((r) => `${r.toFixed(2)}x`).join(', ')} | ${verdict(analysisRatios.every((r) => r <= 12))} |`);
  }
  console.log('\n## Goals, judged on this run\n\n| goal | figure | verdict |\n|---|---|---|');
  lines.forEach((l) => console.log(l));
}
