/**
 * The project's own documentation (docs/): a page for every rule, with what SARIF's helpUri and
 * the README link to, and every page a comment cites exists.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './support/paths';
import { RULE_TABLE } from '../src/analysis/rule-table';

const DOCS = path.join(ROOT, 'docs');

test.each(RULE_TABLE.map((r) => [r.id, r]))('%s has its page: title, what it decides, why, an example, the fix, how to acknowledge', (id, rule) => {
  const page = fs.readFileSync(path.join(DOCS, 'rules', `${id}.md`), 'utf-8');
  expect(page.split('\n')[0]).toBe(`# ${id}: ${rule.title}`);
  const headings = page.split('\n').filter((l) => l.startsWith('## '));
  expect(headings).toEqual(['## What it decides', '## Why', '## Example', '## Fix', '## Acknowledge']);
  expect(page).toContain(`Default level: **${rule.defaultLevel === 'off' ? 'off (opt in)' : rule.defaultLevel}**`);
});

test('every docs page cited in the source and the tests exists', () => {
  const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? (e.name === 'fixtures' ? [] : files(path.join(dir, e.name))) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
  const cited = new Set<string>();
  for (const f of [...files(path.join(ROOT, 'src')), ...files(path.join(ROOT, 'test'))]) {
    for (const m of fs.readFileSync(f, 'utf-8').matchAll(/\bdocs\/([\w/-]+\.md)/g)) cited.add(m[1]);
  }
  expect(cited.size).toBeGreaterThanOrEqual(4);
  for (const page of cited) expect([page, fs.existsSync(path.join(DOCS, page))]).toEqual([page, true]);
  // And no comment cites the team's specification outside the repository.
  for (const f of files(path.join(ROOT, 'src'))) expect([f, /verdicts\.md|aws-routing-facts\.md/.test(fs.readFileSync(f, 'utf-8'))]).toEqual([f, false]);
});
