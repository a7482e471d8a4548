/**
 * The README's rule reference and the rule table the guard uses must not drift apart.
 */
import * as fs from 'fs';
import * as path from 'path';
import { RULE_TABLE } from '../src/analysis/rule-table';

const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf-8');

describe('README', () => {
  test.each(RULE_TABLE.map((r) => [r.id, r.defaultLevel] as const))('documents %s with its default level %s', (id, level) => {
    const row = readme.split('\n').find((l) => l.startsWith(`| \`${id}\` |`));
    expect(row).toBeDefined();
    expect(row!.split('|')[2].trim()).toBe(level);
  });

  test('shows the two commands that work on a fresh machine', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm ci && npm run verify');
    expect(fs.readFileSync(path.join(__dirname, '..', '.ci', 'run'), 'utf-8')).toContain('npm run verify');
  });
});
