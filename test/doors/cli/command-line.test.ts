/**
 * The command line, as a pipeline or a team that writes CloudFormation by hand runs it.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import '@microsoft/jest-sarif';
import { Validations } from 'aws-cdk-lib';
import { run } from '../../../src/doors/cli/run';
import { parseTemplate } from '../../../src/readers/template/parse';
import { AppShape, SHAPES, buildShape } from '../../support/apps';
import { CliJsonFinding, DoorFinding, comparable, line, throughDoor } from '../../support/doors';

import { CLI_SOURCE, ROOT } from '../../support/paths';
const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), `nrg-cli-${prefix}-`));

/** Run the command line in process: exit code and what it printed. */
function cli(args: string[], cwd = ROOT) {
  let stdout = '';
  let stderr = '';
  const code = run(args, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, cwd });
  return { code, stdout, stderr };
}

/** What CDK's CLI records in every template it writes: construct paths and asset paths. */
const CLI_CONTEXT = { 'aws:cdk:enable-path-metadata': true, 'aws:cdk:enable-asset-metadata': true };

function synthShape(shape: AppShape): string {
  const outdir = tmp('asm');
  buildShape(shape, 'none', outdir, CLI_CONTEXT).synth();
  return outdir;
}

/** The command line's JSON findings in the doors' shape. */
function cliFindings(args: string[], cwd = ROOT): DoorFinding[] {
  const res = cli([...args, '--format', 'json'], cwd);
  expect(res.stderr).toBe('');
  return JSON.parse(res.stdout).findings.map((f: CliJsonFinding) => ({
    level: f.acknowledged ? 'info' : f.level, rule: f.ruleId, path: f.constructPath ?? f.path, message: comparable([f.headline, ...f.details].join('\n  ')),
  }));
}

const sorted = (fs_: DoorFinding[]) => [...fs_].sort((a, b) => line(a).localeCompare(line(b)) || a.message.localeCompare(b.message));

describe.each(SHAPES.map((s) => [s.name, s] as const))('same verdicts as the Aspect: %s', (_name, shape) => {
  const aspect = throughDoor(shape, 'aspect').findings;
  const outdir = synthShape(shape);

  test('on the synthesized cloud assembly', () => {
    expect(sorted(cliFindings([outdir]))).toEqual(sorted(aspect));
  });

  test('on the templates alone, copied out of the assembly', () => {
    const bare = tmp('bare');
    const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.template.json') ? [path.join(d, e.name)] : []));
    const files = walk(outdir).map((f) => {
      const to = path.join(bare, path.basename(f));
      fs.copyFileSync(f, to);
      return to;
    });
    const top = files.filter((f) => !f.endsWith('.nested.template.json'));
    expect(sorted(cliFindings(top))).toEqual(sorted(aspect));
  });
});

test('exit codes: 1 on an error, 0 when clean, 2 on bad usage', () => {
  const broken = synthShape(SHAPES[0]);
  const fixed = synthShape(SHAPES[1]);
  expect(cli([broken]).code).toBe(1);
  expect(cli([fixed]).code).toBe(0);
  const usage = cli(['--format', 'html', fixed]);
  expect([usage.code, usage.stderr]).toEqual([2, expect.stringContaining('--format html: use one of text, json, sarif, markdown')]);
  expect(cli([]).code).toBe(2);
  expect(cli(['--rule-level', 'NRG-NOPE=error', fixed]).stderr).toContain("'NRG-NOPE' is not a rule");
  expect(cli(['--help']).stdout).toContain('Usage: cdk-nat-route-guard');
});

test('--rule-level and --fail-on', () => {
  const broken = synthShape(SHAPES[0]);
  expect(cli(['--rule-level', 'NRG-VGW=warning', broken]).code).toBe(0);
  expect(cli(['--rule-level', 'NRG-VGW=warning', '--fail-on', 'warning', broken]).code).toBe(1);
  expect(cliFindings(['--rule-level', 'NRG-VGW=off', broken])).toEqual([]);
});

describe('plain templates', () => {
  const dir = tmp('plain');
  // The blog by hand, in YAML with short-form tags, comments, an anchor and a long folded string.
  const yaml = `# A hand-written VPC (the blog's broken layout)
AWSTemplateFormatVersion: '2010-09-09'
Description: >-
  A long description folded over
  several lines, to move the resources down.
Parameters:
  OnPremCidr:
    Type: String
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  Vgw: { Type: AWS::EC2::VPNGateway, Properties: { Type: ipsec.1 } }
  Igw: { Type: AWS::EC2::InternetGateway }
  PubSubnet:
    Type: AWS::EC2::Subnet
    Properties: &subnet
      VpcId: !Ref Vpc
      CidrBlock: 10.0.0.0/24
  PrivSubnet:
    Type: AWS::EC2::Subnet
    Properties:
      <<: *subnet
      CidrBlock: !Select [1, !Cidr [!GetAtt Vpc.CidrBlock, 4, 8]]
  PubRt: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  PrivRt: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  PubAssoc: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref PubSubnet, RouteTableId: !Ref PubRt } }
  PrivAssoc: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref PrivSubnet, RouteTableId: !Ref PrivRt } }
  Eip: { Type: AWS::EC2::EIP }
  Nat:
    Type: AWS::EC2::NatGateway
    Properties:
      SubnetId: !Ref PubSubnet
      AllocationId: !GetAtt Eip.AllocationId
  PubDefault: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref PubRt, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw } }
  PrivDefault:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref PrivRt
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref Nat
  # the leak: on-premises from the NAT gateway's table
  OnPrem:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref PubRt
      DestinationCidrBlock: !Ref OnPremCidr
      GatewayId: !Ref Vgw
`;
  const yamlFile = path.join(dir, 'hand-written.yaml');
  fs.writeFileSync(yamlFile, yaml);
  const onPremLine = yaml.split('\n').findIndex((l) => l === '  OnPrem:') + 1;

  test('YAML with short-form tags: the finding on the resource\'s line, the parameter as written', () => {
    const res = cli([yamlFile], dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(`hand-written.yaml:${onPremLine}: error [NRG-VGW] NAT gateway hand-written.yaml#Nat forwards traffic for Ref OnPremCidr (unresolved)`);
  });

  test('--parameters decides the unknown destination, per file or for all', () => {
    const all = JSON.parse(cli([yamlFile, '--parameters', 'OnPremCidr=192.168.1.0/24', '--format', 'json'], dir).stdout);
    expect(all.findings.map((f: { title: string }) => f.title)).toEqual([expect.stringContaining('forwards 192.168.1.0/24 to virtual private gateway hand-written.yaml#Vgw')]);
    const one = JSON.parse(cli([yamlFile, '--parameters', 'hand-written.yaml:OnPremCidr=172.16.0.0/12', '--format', 'json'], dir).stdout);
    expect(one.findings[0].title).toContain('forwards 172.16.0.0/12');
    expect(one.findings[0]).toMatchObject({ ruleId: 'NRG-VGW', level: 'error', template: 'hand-written.yaml', logicalId: 'OnPrem', line: onPremLine });
  });

  test('the same template as JSON: the same finding, on its line', () => {
    const { template } = parseTemplate('x.yaml', yaml);
    const json = JSON.stringify(template, undefined, 2);
    const jsonFile = path.join(dir, 'hand-written.json');
    fs.writeFileSync(jsonFile, json);
    const jsonLine = json.split('\n').findIndex((l) => l.startsWith('    "OnPrem": {')) + 1;
    const res = JSON.parse(cli([jsonFile, '--format', 'json'], dir).stdout);
    expect(res.findings.map((f: { logicalId: string; line: number }) => [f.logicalId, f.line])).toEqual([['OnPrem', jsonLine]]);
  });

  test('a JSON template\'s lines come from its text read again when asked; none when it is gone', () => {
    const text = '{\n  "Resources": {\n    "A": { "Type": "AWS::EC2::VPC" },\n    "B": { "Type": "AWS::EC2::VPC" }\n  }\n}\n';
    let reads = 0;
    const parsed = parseTemplate('t.json', text, () => { reads++; return text; });
    expect(reads).toBe(0);
    expect([parsed.lineOf('A'), parsed.lineOf('B'), parsed.lineOf('C')]).toEqual([3, 4, undefined]);
    expect(reads).toBe(1);
    const gone = parseTemplate('t.json', text, () => { throw new Error('ENOENT'); });
    expect(gone.lineOf('A')).toBeUndefined();
    expect(parseTemplate('t.json', text).lineOf('B')).toBe(4);
  });

  test('resource Metadata acknowledges a rule with a reason: reported as acknowledged, exit 0', () => {
    const acked = yaml.replace('  OnPrem:\n    Type: AWS::EC2::Route\n', '  OnPrem:\n    Type: AWS::EC2::Route\n    Metadata:\n      cdk-nat-route-guard:\n        acknowledge:\n          NRG-VGW: Partner allow-lists the NAT address\n');
    const file = path.join(dir, 'acked.yaml');
    fs.writeFileSync(file, acked);
    const res = cli([file], dir);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('acknowledged [NRG-VGW]');
    expect(res.stdout).toContain('Acknowledged on acked.yaml#OnPrem: Partner allow-lists the NAT address');
  });

  test('an unreadable file is named with its line; the other files are still judged; exit 2', () => {
    const bad = path.join(dir, 'broken.yaml');
    fs.writeFileSync(bad, 'Resources:\n  A:\n    Type: AWS::EC2::VPC\n  B: [unclosed\n');
    const badJson = path.join(dir, 'broken.json');
    fs.writeFileSync(badJson, '{\n  "Resources": {\n    "A": { "Type": "AWS::EC2::VPC", }\n  }\n}\n');
    const res = cli([bad, badJson, yamlFile, 'missing.yaml'], dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/broken\.yaml:\d+: not valid YAML/);
    expect(res.stderr).toMatch(/broken\.json:3: not valid JSON/);
    expect(res.stderr).toContain('missing.yaml: no such file or directory');
    expect(res.stdout).toContain('[NRG-VGW]');
  });

  test('SARIF 2.1.0: valid against the official schema, every rule described, the finding located', () => {
    const res = cli([yamlFile, '--format', 'sarif'], dir);
    const sarif = JSON.parse(res.stdout);
    expect(sarif).toBeValidSarifLog();
    const run0 = sarif.runs[0];
    expect(run0.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([
      'NRG-VGW', 'NRG-PCX', 'NRG-PROPAGATION', 'NRG-PRIVATE-IGW', 'NRG-VPCE', 'NRG-TGW',
      'NRG-TGW-HYBRID', 'NRG-TGW-PEERING', 'NRG-TGW-PROPAGATION', 'NRG-TGW-UNKNOWN', 'NRG-TGW-VPC', 'NRG-UNRESOLVED', 'NRG-INVALID', 'NRG-UNKNOWN-ACK',
    ]);
    expect(run0.tool.driver.rules.every((r: { help: { text: string } }) => r.help.text.length > 40)).toBe(true);
    expect(run0.results).toHaveLength(1);
    expect(run0.results[0]).toMatchObject({
      ruleId: 'NRG-VGW',
      level: 'error',
      locations: [{
        physicalLocation: { artifactLocation: { uri: 'hand-written.yaml' }, region: { startLine: onPremLine } },
        logicalLocations: [{ name: 'OnPrem', kind: 'resource' }],
      }],
    });
  });

  test('Markdown: the finding with a Mermaid diagram of its path', () => {
    const md = cli([yamlFile, '--format', 'markdown', '--parameters', 'OnPremCidr=192.168.1.0/24'], dir).stdout;
    expect(md).toContain('```mermaid\nflowchart LR\n  s0["hand-written.yaml#PrivRt (0.0.0.0/0 → NAT gateway, route hand-written.yaml#PrivDefault)"]\n  s1["NAT gateway hand-written.yaml#Nat"]\n'
      + '  s2["route hand-written.yaml#OnPrem (192.168.1.0/24) in hand-written.yaml#PubRt"]\n  s3["virtual private gateway hand-written.yaml#Vgw (VPN / Direct Connect)"]\n  s0 --> s1 --> s2 --> s3\n```');
  });

  test('--output writes the report to a file', () => {
    const out = path.join(dir, 'report.sarif');
    const res = cli([yamlFile, '--format', 'sarif', '--output', out], dir);
    expect(res.stdout).toBe('');
    expect(JSON.parse(fs.readFileSync(out, 'utf-8')).version).toBe('2.1.0');
  });
});

test('an acknowledgement recorded in the cloud assembly is honoured', () => {
  const outdir = tmp('ack');
  const app = buildShape(SHAPES[0], 'none', outdir, CLI_CONTEXT);
  Validations.of(app.node.findChild('Blog')).acknowledge({ id: 'NRG-VGW', reason: 'Accepted by the network team' });
  app.synth();
  const res = cli([outdir]);
  expect(res.code).toBe(0);
  expect(res.stdout).toContain('Acknowledged on Blog: Accepted by the network team');
});

test('the bin runs as npx would run it', () => {
  const outdir = synthShape(SHAPES[0]);
  const res = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'ts-node'), ['--transpile-only', '--project', path.join(ROOT, 'tsconfig.dev.json'), CLI_SOURCE, outdir], {
    encoding: 'utf-8', cwd: ROOT, timeout: 120_000,
  });
  expect(res.status).toBe(1);
  expect(res.stdout).toContain('[NRG-VGW] NAT gateway Blog/Vpc/PublicSubnet1/NATGateway forwards 192.168.1.0/24');
}, 180_000);
