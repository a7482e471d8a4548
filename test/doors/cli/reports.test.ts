/**
 * Reports people read where they work: SARIF rules that link to their docs page with a friendly
 * name, and Markdown that fits one pull-request comment however many findings there are.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import '@microsoft/jest-sarif';
import { RULE_TABLE } from '../../../src/analysis/rule-table';
import { MARKDOWN_LIMIT } from '../../../src/doors/cli/markdown';
import { run } from '../../../src/doors/cli/run';
import { blogTemplate, ref, route } from '../../fixtures/blog-template';
import { ROOT } from '../../support/paths';

/** The blog's template with `n` leaking routes (each its own finding) in the NAT gateway's table. */
function leaks(n: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nrg-reports-'));
  const extra = Object.fromEntries(Array.from({ length: n }, (_x, i) => [`Leak${i}`,
    route('PublicRt', `192.${168 + Math.floor(i / 256)}.${i % 256}.0/24`, { GatewayId: ref('Vgw') })]));
  fs.writeFileSync(path.join(dir, 'template.json'), JSON.stringify(blogTemplate(extra)));
  return dir;
}

function cli(args: string[], cwd: string) {
  let stdout = '';
  const code = run(args, { stdout: (t) => { stdout += t; }, stderr: () => undefined, cwd });
  return { code, stdout };
}

test('SARIF: every rule has its docs page as helpUri and a PascalCase name; still valid SARIF 2.1.0', () => {
  const sarif = JSON.parse(cli(['template.json', '--format', 'sarif'], leaks(1)).stdout);
  expect(sarif).toBeValidSarifLog();
  const rules = sarif.runs[0].tool.driver.rules as Array<{ id: string; name: string; helpUri: string }>;
  expect(rules.map((r) => r.id)).toEqual(RULE_TABLE.map((r) => r.id));
  for (const r of rules) {
    expect(r.helpUri).toBe(`https://github.com/cdk-nat-route-guard/cdk-nat-route-guard/blob/main/docs/rules/${r.id}.md`);
    expect(fs.existsSync(path.join(ROOT, 'docs', 'rules', `${r.id}.md`))).toBe(true);
    expect(r.name).toMatch(/^([A-Z][a-z0-9]+)+$/);
  }
  expect(new Set(rules.map((r) => r.name)).size).toBe(rules.length);
  expect(rules[0].name).toBe('NatTrafficToVirtualPrivateGateway');
});

describe('Markdown fits one GitHub comment (65,536 characters)', () => {
  test('a few findings: the table and every finding with its diagram', () => {
    const md = cli(['template.json', '--format', 'markdown'], leaks(3)).stdout;
    expect(md).toContain('| level | rule | resource | finding |');
    expect(md.match(/^\| error \| NRG-VGW \|/gm)).toHaveLength(3);
    expect(md.match(/```mermaid/g)).toHaveLength(3);
    expect(md).not.toContain('not in this table');
    expect(md).not.toContain('are left out');
  });

  test.each([400, 2000])('%i findings: under the limit, as many as fit, and how many were left out', (n) => {
    const res = cli(['template.json', '--format', 'markdown'], leaks(n));
    expect(res.code).toBe(1);
    const md = res.stdout;
    expect(md.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
    expect(MARKDOWN_LIMIT).toBeLessThanOrEqual(65_536);
    expect(md).toContain(`${n} error(s), 0 warning(s)`);
    const rows = (md.match(/^\| error \| NRG-VGW \|/gm) ?? []).length;
    const diagrams = (md.match(/```mermaid/g) ?? []).length;
    expect(rows).toBeGreaterThan(10);
    expect(diagrams).toBeGreaterThan(3);
    if (rows < n) expect(md).toContain(`${n - rows} more finding(s) not in this table`);
    expect(md).toContain(`The details of ${n - diagrams} finding(s) are left out`);
  });
});

test('a finding in a plain template advises the acknowledgement a template takes: resource Metadata, not CDK\'s API', () => {
  const res = cli(['template.json', '--format', 'json'], leaks(1));
  const { message, fix } = JSON.parse(res.stdout).findings[0];
  expect(fix).toContain('or acknowledge: resource Metadata { "cdk-nat-route-guard": { "acknowledge": { "NRG-VGW": "<reason>" } } }');
  expect(message).not.toContain('Validations.of');
});

describe('where the app creates the construct (the cloud assembly\'s creation stacks)', () => {
  // A JavaScript CDK app, run as `cdk synth` runs it: the route is made on line 6 of app.js.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nrg-source-'));
  const lib = (m: string) => JSON.stringify(require.resolve(m, { paths: [ROOT] }));
  fs.writeFileSync(path.join(dir, 'app.js'), [
    `const { App, Stack } = require(${lib('aws-cdk-lib')}); const ec2 = require(${lib('aws-cdk-lib/aws-ec2')});`,
    'const app = new App({ outdir: "cdk.out" });',
    'const vpc = new ec2.Vpc(new Stack(app, "Blog"), "Vpc", { maxAzs: 1, natGateways: 1, vpnGateway: true,',
    '  subnetConfiguration: [{ name: "Public", subnetType: ec2.SubnetType.PUBLIC }, { name: "Private", subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }] });',
    'const subnet = vpc.publicSubnets[0];',
    'new ec2.CfnRoute(subnet, "Leak", { routeTableId: subnet.routeTable.routeTableId, destinationCidrBlock: "192.168.1.0/24", gatewayId: vpc.vpnGatewayId });',
    'app.synth();',
    '',
  ].join('\n'));
  const synth = spawnSync(process.execPath, ['app.js'], { cwd: dir, env: { ...process.env, CDK_VALIDATION: 'false' }, encoding: 'utf-8' });

  test('SARIF: a related location at the user\'s file and line, relative to where the command ran; still valid SARIF 2.1.0', () => {
    expect(synth.status).toBe(0);
    const sarif = JSON.parse(cli(['cdk.out', '--format', 'sarif'], dir).stdout);
    expect(sarif).toBeValidSarifLog();
    const [result] = sarif.runs[0].results;
    expect(result.locations[0].logicalLocations[0].fullyQualifiedName).toBe('Blog/Vpc/PublicSubnet1/Leak');
    expect(result.relatedLocations).toEqual([{
      id: 1,
      message: { text: 'Blog/Vpc/PublicSubnet1/Leak is created here' },
      physicalLocation: { artifactLocation: { uri: 'app.js', uriBaseId: '%SRCROOT%' }, region: { startLine: 6, startColumn: 1 } },
    }]);
  });

  test('text and JSON say it too', () => {
    expect(cli(['cdk.out'], dir).stdout).toContain('\n  Defined at: app.js:6:1\n');
    const json = JSON.parse(cli(['cdk.out', '--format', 'json'], dir).stdout);
    expect(json.findings[0].source).toEqual({ file: 'app.js', line: 6, column: 1 });
  });

  test('a template outside any assembly has none', () => {
    const json = JSON.parse(cli(['template.json', '--format', 'json'], leaks(1)).stdout);
    expect(json.findings[0].source).toBeNull();
  });
});
