/**
 * The layering of docs/architecture.md: nothing below the readers imports aws-cdk-lib or
 * constructs, dependencies point one way, and no source file grows past ~250 lines.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './support/paths';

const SRC = path.join(ROOT, 'src');
const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
const rel = (f: string) => path.relative(SRC, f).split(path.sep).join('/');
const importsOf = (f: string) => [...fs.readFileSync(f, 'utf-8').matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);

/** Each layer, and the layers it may import (its own included). */
const LAYERS: Record<string, readonly string[]> = {
  net: ['net'],
  model: ['model', 'net'],
  analysis: ['analysis', 'model', 'net'],
  records: ['records'],
  util: ['util'],
  cloudformation: ['cloudformation', 'records', 'model'],
  build: ['build', 'cloudformation', 'records', 'model', 'net', 'util'],
  engine: ['engine', 'build', 'cloudformation', 'records', 'analysis', 'model'],
};
const PURE = new Set(Object.keys(LAYERS));

test.each(files(SRC).map((f) => [rel(f)]))('%s imports only what its layer may', (file) => {
  const layer = file.split('/')[0];
  for (const spec of importsOf(path.join(SRC, file))) {
    if (!spec.startsWith('.')) {
      const cdk = spec === 'aws-cdk-lib' || spec.startsWith('aws-cdk-lib/') || spec === 'constructs';
      const pure = PURE.has(layer) || (file.startsWith('readers/template/') && file !== 'readers/template/assembly.ts');
      if (pure) expect([file, spec, cdk]).toEqual([file, spec, false]);
      continue;
    }
    const target = rel(path.resolve(path.dirname(path.join(SRC, file)), spec));
    const to = target.split('/')[0];
    if (LAYERS[layer]) expect([file, to, LAYERS[layer].includes(to)]).toEqual([file, to, true]);
    // No door imports another door.
    if (file.startsWith('doors/') && target.startsWith('doors/')) {
      const [from, into] = [file.split('/')[1], target.split('/')[1]];
      expect([file, target, into === from || into === 'shared']).toEqual([file, target, true]);
    }
  }
});

test('no source file over 260 lines', () => {
  const long = files(SRC).map((f) => [rel(f), fs.readFileSync(f, 'utf-8').split('\n').length] as const).filter(([, n]) => n > 260);
  expect(long).toEqual([]);
});
