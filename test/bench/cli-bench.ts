/**
 * The command line against its peers over the same cloud assembly, all real programs run as a
 * user runs them, in the same run: cfn-lint, and cfn-guard (the binary the npm package
 * `@cdklabs/cdk-validator-cfnguard` ships, installed by `npm run bench`) with a structural route
 * rule (`route.guard`); and, as the floor, node reading and parsing the same templates. Prints
 * JSON on the last line.
 *
 *   node -r ts-node/register/transpile-only test/bench/cli-bench.ts <stacks,...> <repeats>
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildApp } from './app';
import { CFN_LINT } from '../constructs/fixtures';

const ROOT = path.join(__dirname, '..', '..');
const [stacksArg, repeatsArg] = process.argv.slice(2);
const SIZES = (stacksArg ?? '10,50,200').split(',').map(Number);
const REPEATS = Number(repeatsArg ?? 3);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The compiled command line when `lib/` is current, else the sources through ts-node (slower to start: noted). */
function guardCommand(): { cmd: string; args: string[]; compiled: boolean } {
  const lib = path.join(ROOT, 'lib', 'doors', 'cli', 'main.js');
  const src = path.join(ROOT, 'src', 'doors', 'cli', 'run.ts');
  if (fs.existsSync(lib) && fs.statSync(lib).mtimeMs >= fs.statSync(src).mtimeMs) return { cmd: process.execPath, args: [lib], compiled: true };
  return { cmd: process.execPath, args: ['-r', 'ts-node/register/transpile-only', path.join(ROOT, 'src', 'doors', 'cli', 'main.ts')], compiled: false };
}

function timeRun(cmd: string, args: string[]): { s: number; status: number | null; out: string } {
  const start = process.hrtime.bigint();
  const res = spawnSync(cmd, args, {
    cwd: ROOT, encoding: 'utf-8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.dev.json') },
  });
  return { s: Number(process.hrtime.bigint() - start) / 1e9, status: res.status, out: res.stdout + res.stderr };
}

/** cfn-guard's binary for this machine, from the bench install, if there. */
function cfnGuardBinary(): string | undefined {
  const dir = process.env.NRG_CDK_RELEASE_DIR ? path.join(ROOT, process.env.NRG_CDK_RELEASE_DIR) : ROOT;
  const os_ = process.platform === 'darwin' ? 'macos' : 'ubuntu';
  const arch = process.arch === 'arm64' ? 'aarch64' : 'x86_64';
  const bin = path.join(dir, 'node_modules', '@cdklabs', 'cdk-validator-cfnguard', 'bin', os_, arch, 'cfn-guard');
  return fs.existsSync(bin) ? bin : undefined;
}

/** Node reading and parsing every template: what any checker of these files pays at least. */
const PARSE_ONLY = 'for (const f of process.argv.slice(1)) JSON.parse(require("fs").readFileSync(f, "utf-8"))';

const guard = guardCommand();
const hasCfnLint = spawnSync(CFN_LINT, ['--version'], { encoding: 'utf-8' }).status === 0;
const cfnGuard = cfnGuardBinary();
const results: Array<{ stacks: number; templates: number; guardS: number; cfnLintS?: number; cfnGuardS?: number; parseS: number }> = [];
for (const stacks of SIZES) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'nrg-cli-bench-'));
  buildApp(stacks, 'floor', outdir).synth();
  const templates = fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json')).map((f) => path.join(outdir, f));
  const g: number[] = [];
  const c: number[] = [];
  const cg: number[] = [];
  const p: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const run = timeRun(guard.cmd, [...guard.args, outdir, '--format', 'json']);
    if (run.status !== 0) throw new Error(`the command line failed on the compliant benchmark app (${run.status}): ${run.out.slice(0, 2000)}`);
    g.push(run.s);
    if (hasCfnLint) c.push(timeRun(CFN_LINT, ['--format', 'json', ...templates]).s);
    if (cfnGuard) {
      const rules = path.join(__dirname, 'route.guard');
      const peer = timeRun(cfnGuard, ['validate', '--rules', rules, ...templates.flatMap((t) => ['--data', t]), '--output-format', 'json', '--show-summary', 'none']);
      if (peer.status !== 0) throw new Error(`cfn-guard failed on the benchmark app (${peer.status}): ${peer.out.slice(0, 2000)}`);
      cg.push(peer.s);
    }
    p.push(timeRun(process.execPath, ['-e', PARSE_ONLY, ...templates]).s);
  }
  results.push({
    stacks,
    templates: templates.length,
    guardS: median(g),
    cfnLintS: hasCfnLint ? median(c) : undefined,
    cfnGuardS: cfnGuard ? median(cg) : undefined,
    parseS: median(p),
  });
  fs.rmSync(outdir, { recursive: true, force: true });
}
console.log(JSON.stringify({ compiled: guard.compiled, hasCfnLint, hasCfnGuard: !!cfnGuard, results }));
