/**
 * The command line as a user runs it: the `cdk-nat-route-guard` binary of the packed tarball
 * (dist/js, `npx projen package:js`), installed into a fresh folder beside aws-cdk-lib.
 * `npm run verify` runs this after packaging, with NRG_REQUIRE_TARBALL=1 (no tarball is then a failure).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { blogTemplate, ref, route } from '../fixtures/blog-template';
import { ROOT } from '../support/paths';

const DIST = path.join(ROOT, 'dist', 'js');
const tarball = fs.existsSync(DIST) ? fs.readdirSync(DIST).find((f) => f.endsWith('.tgz')) : undefined;
const required = process.env.NRG_REQUIRE_TARBALL === '1';
const LEAK = blogTemplate({ Leak: route('PublicRt', '192.168.1.0/24', { GatewayId: ref('Vgw') }) });

/** A fresh folder with the tarball installed and aws-cdk-lib and constructs beside it (its peers). */
function install(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nrg-installed-'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'user-project', private: true }));
  const res = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--legacy-peer-deps', '--loglevel=error', path.join(DIST, tarball!)],
    { cwd: dir, encoding: 'utf-8' });
  expect(res.stderr).not.toMatch(/ERR!/);
  expect(res.status).toBe(0);
  // The peers as the user's project has them (linked after the install, which would remove them).
  for (const peer of ['aws-cdk-lib', 'constructs']) fs.symlinkSync(path.join(ROOT, 'node_modules', peer), path.join(dir, 'node_modules', peer), 'dir');
  return dir;
}

if (!tarball && required) test('the packed tarball exists', () => expect(fs.readdirSync(DIST)).toContain('cdk-nat-route-guard-*.tgz'));

(tarball ? describe : describe.skip)(`the installed binary${tarball ? '' : ' [skipped: no tarball in dist/js: npx projen package:js]'}`, () => {
  let dir: string;
  const bin = () => path.join(dir, 'node_modules', '.bin', 'cdk-nat-route-guard');
  const runBin = (args: string[], input?: string) => spawnSync(bin(), args, { cwd: dir, encoding: 'utf-8', input });

  beforeAll(() => {
    dir = install();
    fs.writeFileSync(path.join(dir, 'leak.json'), JSON.stringify(LEAK));
    fs.mkdirSync(path.join(dir, 'templates', 'deep'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'templates', 'deep', 'network.yaml'), JSON.stringify(LEAK));
    fs.writeFileSync(path.join(dir, 'templates', 'tsconfig.json'), '{}');
    for (const [name, content] of Object.entries({ 'empty.json': '', 'list.json': '[]', 'null.json': 'null', 'obj.json': '{}', 'text.txt': 'hello' })) {
      fs.writeFileSync(path.join(dir, name), content);
    }
  }, 120_000);

  test('--version', () => {
    const res = runBin(['--version']);
    expect([res.status, res.stdout]).toEqual([0, `cdk-nat-route-guard ${JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8')).version}\n`]);
  });

  test('a leak is exit 1; the same template on standard input too', () => {
    expect(runBin(['leak.json']).status).toBe(1);
    const piped = runBin(['-', '--format', 'json'], JSON.stringify(LEAK));
    expect(piped.status).toBe(1);
    expect(JSON.parse(piped.stdout).findings[0].template).toBe('<stdin>');
  });

  test.each(['empty.json', 'list.json', 'null.json', 'obj.json', 'text.txt', 'package.json'])('%s is not a template: exit 2, one line', (file) => {
    const res = runBin([file]);
    expect(res.status).toBe(2);
    expect(res.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^cdk-nat-route-guard: ${file.replace('.', '\\.')}: `))]);
  });

  test('a folder of templates, at any depth; what is not a template is skipped with a note', () => {
    const res = runBin(['templates', '--format', 'json']);
    expect(res.status).toBe(1);
    expect(JSON.parse(res.stdout).summary.templates).toBe(1);
    expect(res.stderr).toContain('skipped templates/tsconfig.json');
  });

  test('a finding reads as a first line that fits a terminal, then the path, the fix and how to acknowledge; --verbose adds the explanation', () => {
    const short = runBin(['leak.json']).stdout.split('\n');
    expect(short[0]).toMatch(/^leak\.json:\d+: error \[NRG-VGW\] /);
    expect(short[0].length).toBeLessThanOrEqual(260);
    expect(short.slice(1, 5).map((l) => l.replace(/:.*$/, ''))).toEqual(['  Path', '  Fix', '  Acknowledge (if this is intended)', '  Rule']);
    expect(short[3]).toContain('resource Metadata { "cdk-nat-route-guard": { "acknowledge": { "NRG-VGW": "<reason>" } } }');
    const verbose = runBin(['leak.json', '--verbose']).stdout;
    expect(verbose).toContain('this guard\'s policy is to keep it off the NAT gateway');
    expect(short.join('\n')).not.toContain('this guard\'s policy is to keep it off the NAT gateway');
  });

  test('an acknowledgement of an id that is no rule is a warning; --fail-on warning fails on it', () => {
    const typo = { ...LEAK, Metadata: { 'cdk-nat-route-guard': { acknowledge: { 'NRG-VGX': 'typo' } } } };
    fs.writeFileSync(path.join(dir, 'typo.json'), JSON.stringify(typo));
    const res = runBin(['typo.json', '--rule-level', 'NRG-VGW=off']);
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('warning [NRG-UNKNOWN-ACK] The acknowledgement of \'NRG-VGX\' on typo.json names no rule of cdk-nat-route-guard');
    expect(runBin(['typo.json', '--rule-level', 'NRG-VGW=off', '--fail-on', 'warning']).status).toBe(1);
  });

  test('--output into a missing folder: exit 2, one line, no stack trace', () => {
    const res = runBin(['leak.json', '--format', 'sarif', '--output', 'missing/report.sarif']);
    expect([res.status, res.stderr]).toEqual([2, 'cdk-nat-route-guard: --output missing/report.sarif: cannot write the report there (ENOENT)\n']);
  });
});
