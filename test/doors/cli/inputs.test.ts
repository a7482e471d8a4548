/**
 * The command line in CI, where a wrong exit code is a silent pass: what is not a CloudFormation
 * template is bad input (exit 2, one line naming the file and why), a report that cannot be
 * written is exit 2, folders of templates and standard input are read, and `--version` answers.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../../src/doors/cli/run';
import { blogTemplate, ref, route } from '../../fixtures/blog-template';
import { ROOT } from '../../support/paths';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'nrg-cli-inputs-'));

function cli(args: string[], opts: { cwd?: string; stdin?: string } = {}) {
  let stdout = '';
  let stderr = '';
  const code = run(args, {
    stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, cwd: opts.cwd ?? ROOT, stdin: () => opts.stdin ?? '',
  });
  return { code, stdout, stderr };
}

const LEAK = { Leak: route('PublicRt', '192.168.1.0/24', { GatewayId: ref('Vgw') }) };
const write = (dir: string, name: string, content: unknown) => {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return path.join(dir, name);
};

describe('input that is not a CloudFormation template is bad input: exit 2, one line naming the file and why', () => {
  const cases: Array<[string, string | Buffer, string]> = [
    ['an empty file', '', 'the file is empty'],
    ['only spaces', '  \n\n', 'the file is empty'],
    ['[]', '[]', 'a list, not a mapping'],
    ['null', 'null', 'null, not a mapping'],
    ['plain text', 'hello world\n', 'a string, not a mapping'],
    ['{}', '{}', 'it has no Resources mapping'],
    ['package.json', JSON.stringify({ name: 'app', version: '1.0.0', scripts: {} }), 'it has no Resources mapping'],
    ['no Resources', JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters: {} }), 'it has no Resources mapping'],
    ['empty Resources', JSON.stringify({ Resources: {} }), 'its Resources are empty'],
    ['Resources a list', JSON.stringify({ Resources: [] }), 'it has no Resources mapping'],
    ['broken JSON', '{ "Resources": ', 'not valid JSON'],
    ['random bytes', Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x7f, 0x0a, 0x5b, 0x3a]), 'not valid YAML'],
  ];
  test.each(cases)('%s', (_name, content, why) => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'input.json'), content);
    const res = cli(['input.json'], { cwd: dir });
    expect(res.code).toBe(2);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^cdk-nat-route-guard: input\.json(:\d+)?: /);
    expect(lines[0]).toContain(why);
  });

  // What CDK writes for a stack without resources (default synthesizer): Parameters and Rules only.
  const cdkEmpty = {
    Parameters: { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' } },
    Rules: { CheckBootstrapVersion: { Assertions: [{ Assert: { 'Fn::Not': [{ 'Fn::Contains': [['1', '2', '3', '4', '5'], { Ref: 'BootstrapVersion' }] }] } }] } },
  };
  test.each([
    ['given by name', ['empty.template.json', 'good.json']],
    ['on standard input, beside a template', ['-', 'good.json']],
  ])('a stack CDK synthesized without resources, %s: skipped with a line, the rest judged (exit 1 on the leak, not 2)', (_name, args) => {
    const dir = tmp();
    write(dir, 'empty.template.json', cdkEmpty);
    write(dir, 'good.json', blogTemplate(LEAK));
    const res = cli([...args, '--format', 'json'], { cwd: dir, stdin: JSON.stringify(cdkEmpty) });
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout).summary.templates).toBe(1);
    const label = args[0] === '-' ? '<stdin>' : 'empty.template.json';
    expect(res.stderr).toBe(`cdk-nat-route-guard: skipped ${label}: a stack CDK synthesized without resources (CDK skips it at deploy): nothing to judge\n`);
  });

  test('the same sections without CDK\'s bootstrap check, or with a Resources list, stay bad input (exit 2)', () => {
    const dir = tmp();
    write(dir, 'a.json', { Parameters: { Env: { Type: 'String' } }, Rules: {} });
    write(dir, 'b.json', { ...cdkEmpty, Resources: [] });
    expect(cli(['a.json'], { cwd: dir }).code).toBe(2);
    expect(cli(['b.json'], { cwd: dir }).code).toBe(2);
  });

  test('a good template beside a bad one: the good one is still judged and reported, the exit code is 2', () => {
    const dir = tmp();
    write(dir, 'good.json', blogTemplate(LEAK));
    write(dir, 'bad.json', '');
    const res = cli(['good.json', 'bad.json', '--format', 'json'], { cwd: dir });
    expect(res.code).toBe(2);
    expect(JSON.parse(res.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['NRG-VGW']);
  });
});

describe('--output that cannot be written is bad usage, with one line', () => {
  test.each([['a missing folder', 'nope/report.sarif', 'ENOENT'], ['a directory', '.', 'EISDIR']])('%s', (_n, output, code) => {
    const dir = tmp();
    write(dir, 't.json', blogTemplate({}));
    const res = cli(['t.json', '--format', 'sarif', '--output', output], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toBe(`cdk-nat-route-guard: --output ${output}: cannot write the report there (${code})\n`);
  });
});

test('--version prints the package version', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8'));
  expect(cli(['--version'])).toEqual({ code: 0, stdout: `cdk-nat-route-guard ${pkg.version}\n`, stderr: '' });
});

describe('- reads a template on standard input', () => {
  test('JSON and YAML; findings name <stdin>', () => {
    const json = cli(['-', '--format', 'json'], { stdin: JSON.stringify(blogTemplate(LEAK)) });
    expect(json.code).toBe(1);
    const f = JSON.parse(json.stdout).findings[0];
    expect([f.ruleId, f.template, f.logicalId]).toEqual(['NRG-VGW', '<stdin>', 'Leak']);
    const yaml = 'Resources:\n' + Object.entries(blogTemplate(LEAK).Resources as Record<string, unknown>)
      .map(([id, r]) => `  ${id}: ${JSON.stringify(r)}`).join('\n');
    expect(cli(['-'], { stdin: yaml }).code).toBe(1);
  });

  test('empty standard input (a step that wrote nothing) is bad input', () => {
    const res = cli(['-'], { stdin: '' });
    expect([res.code, res.stderr]).toEqual([2, 'cdk-nat-route-guard: <stdin>: not a CloudFormation template: the file is empty\n']);
  });
});

describe('a folder that is not a cloud assembly: the templates in it, at any depth', () => {
  test('templates in subfolders judged as one app; other files skipped with a note; exit 1 on the leak', () => {
    const dir = tmp();
    write(dir, 'infra/network.template', blogTemplate(LEAK));
    write(dir, 'infra/yaml/app.yml', 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n');
    write(dir, 'package.json', { name: 'x' });
    write(dir, 'README.md', '# not read');
    write(dir, 'node_modules/dep/template.json', blogTemplate(LEAK));
    const res = cli(['.', '--format', 'json'], { cwd: dir });
    expect(res.code).toBe(1);
    const report = JSON.parse(res.stdout);
    expect(report.summary.templates).toBe(2);
    expect(report.findings.map((f: { template: string }) => f.template)).toEqual([path.join('infra', 'network.template')]);
    expect(res.stderr).toBe('cdk-nat-route-guard: skipped package.json: not a CloudFormation template: it has no Resources mapping\n');
  });

  test('a nested template beside its parent is judged through the parent only', () => {
    const dir = tmp();
    write(dir, 'parent.json', { Resources: { Net: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: './child.json' } } } });
    write(dir, 'child.json', blogTemplate(LEAK));
    const res = cli(['.', '--format', 'json'], { cwd: dir });
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout).findings).toHaveLength(1);
  });

  test('a folder with no template at all is bad input', () => {
    const dir = tmp();
    write(dir, 'notes.yaml', 'just: notes\n');
    const res = cli([dir]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`${dir}: a folder with no CloudFormation template and no cloud assembly in it`);
    expect(res.stderr).toContain('skipped');
  });
});

test('YAML with a key written twice is read as CloudFormation reads it (the last one), with a warning naming the key and its line', () => {
  const dir = tmp();
  const resources = Object.entries(blogTemplate({}).Resources as Record<string, unknown>).map(([id, r]) => `  ${id}: ${JSON.stringify(r)}`).join('\n');
  const yaml = `Resources:\n${resources}\n  Leak:\n    Type: AWS::EC2::Route\n    Properties:\n      RouteTableId: !Ref PublicRt\n`
    + '      DestinationCidrBlock: 10.99.0.0/16\n      GatewayId: !Ref Vgw\n      DestinationCidrBlock: 192.168.1.0/24\n';
  write(dir, 'net.yaml', yaml);
  const line = yaml.split('\n').findIndex((l) => l.includes('192.168.1.0/24')) + 1;
  const res = cli(['net.yaml', '--format', 'json'], { cwd: dir });
  expect(res.code).toBe(1);
  expect(JSON.parse(res.stdout).findings[0].message).toContain('forwards 192.168.1.0/24');
  expect(res.stderr).toBe(`cdk-nat-route-guard: warning: net.yaml:${line}: key 'DestinationCidrBlock' appears twice in one mapping; `
    + 'CloudFormation keeps the last one, and so does the guard\n');
});
