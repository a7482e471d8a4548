/**
 * What `npm publish` would ship: the library, its jsii assembly, its docs, the bundled YAML parser;
 * nothing of the repository's own tooling. And README links that work on npm and Construct Hub.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

function packed(): string[] {
  const res = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf-8' });
  expect(res.status).toBe(0);
  return (JSON.parse(res.stdout)[0].files as Array<{ path: string }>).map((f) => f.path);
}

const compiled = ['lib/index.js', '.jsii', '.jsii.tabl.json'].every((f) => fs.existsSync(path.join(ROOT, f)));

(compiled ? test : test.skip)(`the tarball ships only what users need${compiled ? '' : ' [skipped: compile first (npx projen compile): lib/ and .jsii are missing]'}`, () => {
  const files = packed();
  const top = [...new Set(files.map((f) => (f.startsWith('lib/') || f.startsWith('node_modules/yaml/') ? f.split('/').slice(0, f.startsWith('lib/') ? 1 : 2).join('/') : f)))].sort();
  // .jsii.tabl.json: the snippets' translations (jsii-rosetta, at compile), which Construct Hub shows.
  expect(top).toEqual(['.jsii', '.jsii.tabl.json', 'API.md', 'LICENSE', 'README.md', 'lib', 'node_modules/yaml', 'package.json']);
  // Compiled JavaScript and declarations only, the command line among them.
  expect(files.filter((f) => f.startsWith('lib/') && !/\.(js|d\.ts)$/.test(f))).toEqual([]);
  expect(files).toContain('lib/doors/cli/main.js');
  expect(files).toContain('lib/index.d.ts');
});

test('the bin is the shipped command line, runnable as a script', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8'));
  expect(pkg.bin).toEqual({ 'cdk-nat-route-guard': 'lib/doors/cli/main.js' });
  expect(fs.readFileSync(path.join(ROOT, 'src', 'doors', 'cli', 'main.ts'), 'utf-8').split('\n')[0]).toBe('#!/usr/bin/env node');
  expect(pkg.engines).toEqual({ node: '>= 20.0.0' });
  expect(pkg.peerDependencies).toEqual({ 'aws-cdk-lib': '^2.257.0', 'constructs': '^10.5.0' });
});

test('README links are absolute, so they work on npm and Construct Hub', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf-8');
  const relative = [...readme.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]).filter((href) => !/^(https?:|#|mailto:)/.test(href));
  expect(relative).toEqual([]);
});
