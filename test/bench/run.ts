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
import { NatRouteGuardPlugin } from '../../src';
import { analyze } from '../../src/analysis/analyze';
import { buildModel } from '../../src/build/build-model';
import { readConstructTree } from '../../src/readers/construct-tree/read-tree';

const STACKS = (process.env.NRG_BENCH_STACKS ?? '10,50,200').split(',').map(Number);
const REPEATS = Number(process.env.NRG_BENCH_REPEATS ?? 5);
const MODES: Mode[] = ['floor', 'guard', 'plugin', 'nag'];
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
  /** MiB allocated inside the check's main call (the Aspect's judging, a plugin's `validate`). */
  readonly allocatedMb: number;
  /** Garbage-collection pauses over the whole synth. */
  readonly gcMs: number;
  readonly maxRssMb: number;
}

/** Run a script of this folder in a fresh Node process; its last line of output is JSON. */
function runJson<T>(script: string, args: string[], what: string): T {
  // The same aws-cdk-lib release as this process (test/cdk-release/use-release.js, inherited through the environment).
  const release = ['-r', path.join(ROOT, 'test', 'cdk-release', 'use-release.js')];
  const res = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=16384', ...release, '-r', 'ts-node/register/transpile-only', path.join(__dirname, script), ...args], {
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

/** The checks compared with plain synth: the Aspect door, the plugin door, and cdk-nag 3 (information). */
const CHECKS: Array<{ mode: Exclude<Mode, 'floor'>; label: string }> = [
  { mode: 'guard', label: 'Aspect' },
  { mode: 'plugin', label: 'plugin' },
  { mode: 'nag', label: 'cdk-nag 3' },
];

/** What one check measured at one app size: medians over rounds, overheads also paired by round. */
interface CheckResult {
  readonly over: number;
  readonly paired: number;
  /** Time inside the check, s. */
  readonly inside: number;
  /** MiB allocated inside the check (median). */
  readonly allocated: number;
  /** Median GC pauses over the synth minus the floor's, s. */
  readonly gc: number;
  readonly memOver: number;
  readonly seconds: number;
  readonly mib: number;
}
interface SynthResult {
  readonly stacks: number;
  readonly floorS: number;
  readonly floorMib: number;
  readonly checks: Record<Exclude<Mode, 'floor'>, CheckResult>;
}
const synthResults: SynthResult[] = [];

function synthPart() {
  console.log(`\n## Synth: ${REPEATS} runs each, median (fresh process per run, the four modes interleaved)\n`);
  console.log('Whole synth (wall time from building the app to the end of `synth()`, peak RSS); the time spent inside each check '
    + 'in those same runs (the Aspect: its `visit` calls and the validation in which it judges the tree; the plugin: its `validate`; '
    + 'cdk-nag: loading it and its `validate`); and that time plus the extra garbage collection the check causes (GC pauses over '
    + 'the synth minus the floor\'s). Overheads paired by round: median over rounds of each run / the same round\'s floor - 1. '
    + 'Allocated: MiB allocated inside the check\'s main call (a GC profile over it: the heap\'s growth plus what collections freed).\n');
  console.log('| stacks | check | synth s | overhead (medians) | overhead (paired) | inside s | inside / floor | inside + extra GC s | allocated MiB | peak MiB | memory overhead |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const stacks of STACKS) {
    const runs: Record<Mode, SynthRun[]> = { floor: [], guard: [], plugin: [], nag: [] };
    for (let r = 0; r < REPEATS; r++) {
      // Interleaved, so drift on a noisy machine hits every mode alike.
      for (const mode of MODES) runs[mode].push(measure(stacks, mode));
    }
    const t = (m: Mode) => median(runs[m].map((x) => x.ms)) / 1000;
    const mem = (m: Mode) => median(runs[m].map((x) => x.maxRssMb));
    const gc = (m: Mode) => median(runs[m].map((x) => x.gcMs)) / 1000;
    const result = {
      stacks,
      floorS: t('floor'),
      floorMib: mem('floor'),
      checks: Object.fromEntries(CHECKS.map(({ mode }) => [mode, {
        over: t(mode) / t('floor') - 1,
        paired: median(runs[mode].map((x, r) => x.ms / runs.floor[r].ms - 1)),
        inside: median(runs[mode].map((x) => x.checkMs)) / 1000,
        allocated: median(runs[mode].map((x) => x.allocatedMb)),
        gc: gc(mode) - gc('floor'),
        memOver: mem(mode) / mem('floor') - 1,
        seconds: t(mode),
        mib: mem(mode),
      }])) as SynthResult['checks'],
    };
    synthResults.push(result);
    console.log(`| ${stacks} | none (floor) | ${result.floorS.toFixed(2)} | | | | | | | ${result.floorMib.toFixed(0)} | |`);
    for (const { mode, label } of CHECKS) {
      const c = result.checks[mode];
      console.log(`| ${stacks} | ${label} | ${c.seconds.toFixed(2)} | ${pct(c.over)} | ${pct(c.paired)} | ${c.inside.toFixed(3)} | ${pct(c.inside / result.floorS)} | `
        + `${(c.inside + c.gc).toFixed(3)} | ${c.allocated.toFixed(1)} | ${c.mib.toFixed(0)} | ${pct(c.memOver)} |`);
    }
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
 * Each door's own work, timed in process on the same generated apps (what whole-synth timings
 * measure with the machine's noise on top). The Aspect: read the construct tree, build the model,
 * analyse. The plugin: read the synthesized templates and the cloud assembly, build the model,
 * analyse (`validate` as CDK calls it).
 */
function workPart() {
  console.log(`\n## Each door's own work, in process: ${REPEATS} runs each, median\n`);
  console.log('| stacks | routing resources | Aspect: read s | model s | analysis s | Aspect total s | plugin total s |');
  console.log('|---|---|---|---|---|---|---|');
  for (const stacks of STACKS) {
    const app = buildApp(stacks, 'floor', fs.mkdtempSync(path.join(os.tmpdir(), 'nrg-work-')));
    const templatePaths = app.synth().stacksRecursively.map((st) => st.templateFullPath);
    const plugin = new NatRouteGuardPlugin();
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
      (globalThis as { gc?: () => void }).gc?.();
      const p0 = process.hrtime.bigint();
      const report = plugin.validate({ templatePaths } as never);
      const p1 = process.hrtime.bigint();
      if (!report.success) throw new Error(`the benchmark app should be compliant: ${JSON.stringify(report).slice(0, 500)}`);
      const seconds = [t1 - t0, t2 - t1, t3 - t2, t3 - t0, p1 - p0].map((ns) => Number(ns) / 1e9);
      runs.push([...seconds, reading.records.length]);
    }
    const col = (i: number) => median(runs.map((x) => x[i]));
    console.log(`| ${stacks} | ${runs[0][5]} | ${col(0).toFixed(2)} | ${col(1).toFixed(2)} | ${col(2).toFixed(2)} | ${col(3).toFixed(2)} | ${col(4).toFixed(2)} |`);
  }
}

/** What the command line measured, against cfn-lint, per app size. */
interface CliResults {
  readonly compiled: boolean;
  readonly hasCfnLint: boolean;
  readonly hasCfnGuard: boolean;
  readonly results: Array<{ stacks: number; templates: number; guardS: number; cfnLintS?: number; cfnGuardS?: number; parseS: number }>;
}
let cliResults: CliResults | undefined;

/** The command line over a cloud assembly against cfn-lint over the same templates (both real programs). */
function cliPart() {
  console.log(`\n## Command line against cfn-lint and cfn-guard: ${REPEATS} runs each, median (whole programs, started as a user starts them)\n`);
  const measured = runJson<CliResults>('cli-bench.ts', [STACKS.join(','), String(REPEATS)], 'the command-line benchmark');
  cliResults = measured;
  if (!measured.compiled) console.log('(`lib/` is older than the sources: the command line ran through ts-node, which adds its start-up time; `npx projen compile` first for the shipped program.)\n');
  console.log('(cfn-guard runs a structural route rule, `test/bench/route.guard`: it reads the same templates but does not follow traffic. '
    + '"node parse" is node reading and parsing every template, the least any checker of these files pays.)\n');
  console.log('| stacks | templates | cdk-nat-route-guard s | s per template | cfn-lint s | cfn-lint / guard | cfn-guard s | cfn-guard / guard | node parse s |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  const seconds = (x: number | undefined, has: boolean) => (x === undefined ? (has ? '' : 'not installed') : x.toFixed(2));
  const ratio = (x: number | undefined, g: number) => (x === undefined ? '' : `${(x / g).toFixed(1)}x`);
  for (const r of measured.results) {
    console.log(`| ${r.stacks} | ${r.templates} | ${r.guardS.toFixed(2)} | ${(r.guardS / r.templates).toFixed(4)} | ${seconds(r.cfnLintS, measured.hasCfnLint)} `
      + `| ${ratio(r.cfnLintS, r.guardS)} | ${seconds(r.cfnGuardS, measured.hasCfnGuard)} | ${ratio(r.cfnGuardS, r.guardS)} | ${r.parseS.toFixed(2)} |`);
  }
}

const PARTS = (process.env.NRG_BENCH_PARTS ?? 'analysis,work,synth,cli').split(',');

console.log(`# cdk-nat-route-guard benchmark\n\nMachine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
if (PARTS.includes('analysis')) analysisPart();
if (PARTS.includes('work')) workPart();
if (PARTS.includes('synth')) synthPart();
if (PARTS.includes('cli')) cliPart();
goals();

/** The goals, judged on this run's figures. */
function goals() {
  const lines: string[] = [];
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const largest = synthResults[synthResults.length - 1];
  if (largest) {
    for (const { mode, label } of CHECKS.filter((c) => c.mode !== 'nag')) {
      const c = largest.checks[mode];
      const share = c.inside / largest.floorS;
      lines.push(`| ${label}: at ${largest.stacks} stacks its own share of synth at most 1% | inside ${pct(share)} of the floor `
        + `(inside + extra GC ${pct((c.inside + c.gc) / largest.floorS)}; whole-synth median ${pct(c.over)}) | ${verdict(share <= 0.01)} |`);
      lines.push(`| ${label}: at ${largest.stacks} stacks at most 10% more peak memory | ${pct(c.memOver)} | ${verdict(c.memOver <= 0.1)} |`);
    }
    lines.push(`| (information) cdk-nag 3 inside, at ${largest.stacks} stacks | ${largest.checks.nag.inside.toFixed(3)} s | |`);
  }
  if (analysisRatios.length > 0) {
    lines.push(`| the analysis scales near-linearly (10x routes at most 12x time) | ${analysisRatios.map((r) => `${r.toFixed(2)}x`).join(', ')} | ${verdict(analysisRatios.every((r) => r <= 12))} |`);
  }
  const cli = cliResults?.results;
  if (cli && cli.length > 0) {
    const last = cli[cli.length - 1];
    if (last.cfnLintS !== undefined) {
      lines.push(`| command line: at least 10x less wall time than cfn-lint at ${last.stacks} stacks | ${(last.cfnLintS / last.guardS).toFixed(1)}x `
        + `(${last.guardS.toFixed(2)} s against ${last.cfnLintS.toFixed(2)} s) | ${verdict(last.cfnLintS / last.guardS >= 10)} |`);
    }
    if (cli.length > 1) {
      // Linear or better: time grows at most in proportion to the templates (with 20% for noise).
      const growth = cli.slice(1).map((r, i) => (r.guardS / cli[i].guardS) / (r.templates / cli[i].templates));
      lines.push(`| command line: time linear in the number of templates | time growth / template growth between sizes: ${growth.map((g) => g.toFixed(2)).join(', ')} `
        + `| ${verdict(growth.every((g) => g <= 1.2))} |`);
    }
  }
  console.log('\n## Goals, judged on this run\n\n| goal | figure | verdict |\n|---|---|---|');
  lines.forEach((l) => console.log(l));
}
