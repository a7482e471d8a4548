/**
 * One measurement in a fresh process: build and synthesize the benchmark app, print time, the
 * time spent inside the check, and peak memory as JSON on the last line.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CheckTimer, Mode, buildApp } from './app';

const [stacksArg, modeArg] = process.argv.slice(2);
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'nrg-bench-'));
const timer: CheckTimer = { ms: 0 };
const start = process.hrtime.bigint();
let violations = false;
try {
  buildApp(Number(stacksArg), modeArg as Mode, outdir, timer).synth();
} catch {
  // cdk-nag interrupts synthesis when it reports violations; the work is done by then.
  violations = true;
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
fs.rmSync(outdir, { recursive: true, force: true });
console.log(JSON.stringify({ ms, checkMs: timer.ms, maxRssMb: process.resourceUsage().maxRSS / 1024, violations }));
