/**
 * One measurement in a fresh process: build and synthesize the benchmark app, print time, the
 * time spent inside the check, and peak memory as JSON on the last line.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PerformanceObserver } from 'perf_hooks';
import { CheckTimer, Mode, buildApp } from './app';

const [stacksArg, modeArg] = process.argv.slice(2);
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'nrg-bench-'));
const timer: CheckTimer = { ms: 0 };
// Garbage collection pauses over the whole synth: a check's garbage can cost collections later.
let gcMs = 0;
const gcObserver = new PerformanceObserver((list) => list.getEntries().forEach((e) => { gcMs += e.duration; }));
gcObserver.observe({ entryTypes: ['gc'] });
const start = process.hrtime.bigint();
let violations = false;
try {
  buildApp(Number(stacksArg), modeArg as Mode, outdir, timer).synth();
} catch {
  // cdk-nag interrupts synthesis when it reports violations; the work is done by then.
  violations = true;
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const maxRssMb = process.resourceUsage().maxRSS / 1024;
fs.rmSync(outdir, { recursive: true, force: true });
// GC entries are delivered on a later turn of the event loop.
setTimeout(() => {
  gcObserver.disconnect();
  console.log(JSON.stringify({ ms, checkMs: timer.ms, allocatedMb: (timer.allocated ?? 0) / 2 ** 20, gcMs, maxRssMb, violations }));
}, 100);
