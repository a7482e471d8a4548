/**
 * Real public CloudFormation templates (test/fixtures/real-templates, sources and licences in
 * SOURCES.md) through the command line, as a team that writes CloudFormation by hand would run
 * it: no false error on any of them, every warning one a network engineer would agree with, and
 * the blog's leak found when it is added to them (in a template of our own beside the real ones,
 * or into the real template's own NAT gateway table).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { run } from '../../../src/doors/cli/run';
import { parseTemplate } from '../../../src/readers/template/parse';
import { expectDoorsAgree, newApp } from '../../support/helpers';
import { REAL_TEMPLATES } from '../../support/paths';

const DIR = REAL_TEMPLATES;

interface JsonFinding { level: string; ruleId: string; logicalId: string | null; path: string; message: string; line: number | null }

function cli(args: string[], cwd = DIR): { code: number; findings: JsonFinding[] } {
  let stdout = '';
  let stderr = '';
  const code = run([...args, '--format', 'json'], { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, cwd });
  expect(stderr.split('\n').filter((l) => l !== '')).toEqual(args.flatMap((a) => REPEATED_KEYS[a] ?? []));
  return { code, findings: JSON.parse(stdout).findings };
}
const summary = (findings: JsonFinding[]) => findings.map((f) => `${f.level} ${f.ruleId} @ ${f.logicalId ?? f.path}`).sort();

/**
 * What the command line warns of besides findings: a real template that writes a key twice in
 * one mapping (an empty `RouteTableId:` then the real one; CloudFormation keeps the last).
 */
const REPEATED_KEYS: Record<string, string[]> = {
  'eks-private-nat-vpc-stack.yaml': [534, 541].map((line) => `cdk-nat-route-guard: warning: eks-private-nat-vpc-stack.yaml:${line}: `
    + 'key \'RouteTableId\' appears twice in one mapping; CloudFormation keeps the last one, and so does the guard'),
};

/** Every template of the corpus, and what the guard must say about it alone. */
const EXPECTED: Record<string, string[]> = {
  // A route table of a NAT gateway sends 0.0.0.0/0 to `!Ref InternetGatewayId`, a parameter: the
  // guard cannot tell an internet gateway from a VGW there.
  'eiji-az.yaml': ['warning NRG-UNRESOLVED @ RoutePublicToInternetGateway'],
  // A SAM app whose NAT gateways live in Serverless Application Repository apps, and a nested
  // firewall stack whose template is not given: nothing behind them is checked, and it says so.
  'eiji-egress.yaml': [
    'warning NRG-UNRESOLVED @ NetworkFirewall',
    'warning NRG-UNRESOLVED @ RouteTransitAz1', 'warning NRG-UNRESOLVED @ RouteTransitAz2', 'warning NRG-UNRESOLVED @ RouteTransitAz3',
  ],
  'eiji-networkfirewall.yaml': [],
  'eiji-transitgateway.yaml': [],
  'eiji-vpn.yaml': [],
  'quickstart-aws-vpc.template.yaml': [],
  'widdix-vpc-2azs.yaml': [],
  'widdix-vpc-3azs.yaml': [],
  'widdix-vpc-4azs.yaml': [],
  'widdix-vpc-2azs-legacy.yaml': [],
  // Its route tables are a split of two imports: unknown, and it says so.
  'widdix-vpc-endpoint-s3.yaml': ['warning NRG-UNRESOLVED @ EndpointS3'],
  // Alone, the NAT gateway's subnet is an import from the VPC stack (below, with it: resolved).
  'widdix-vpc-nat-gateway.yaml': ['warning NRG-UNRESOLVED @ NatGateway'],
  // NAT instances are outside the guard's scope.
  'widdix-vpc-nat-instance.yaml': [],
  'widdix-vpc-vpn-bastion.yaml': [],
  'cfn-VPC_With_Managed_NAT_And_Private_Subnet.yaml': [],
  'cfn-VPCPeering-Requester-Setup.cfn.yaml': [],
  'cfn-ecs-fargate-private-vpc.yaml': [],
  'cfn-eks-template.yaml': [],
  // Subnet blocks from Fn::FindInMap.
  'cfn-FindInMapAZs.yaml': [],
  'ecs-refarch-vpc.yaml': [],
  // Private NAT gateways for a peer range, in subnets whose table sends 0.0.0.0/0 to a public NAT
  // gateway: NAT gateway to NAT gateway, no finding.
  'eks-private-nat-vpc-stack.yaml': [],
  // AWS's inspection VPC designs with transit gateways (docs/transit.md, worked example 15): the
  // firewall subnets feed the NAT gateways and send 10.0.0.0/8 to the transit gateway themselves,
  // so the NAT tables' 10.0.0.0/8 routes (to the firewall endpoints) carry no NAT traffic.
  'anfw-centralized-egress-east-west-2az.yaml': [],
  'anfw-centralized-ingress-egress-east-west-2az.yaml': [],
  // A TGW-attached firewall (worked example 16): spokes send everything to the TGW, the egress VPC's
  // attachment subnets to the NAT gateway; the NAT table returns the spokes' range to the TGW.
  'anfw-tgw-native-attach-firewall.yaml': [],
  // Outbound inspection with Cloud WAN: the core network is a parameter; the NAT tables send
  // 10.0.0.0/8 to the firewall endpoints, and the firewall subnets (which feed the NAT gateways)
  // send it to the core network themselves: no NAT traffic reaches a core network.
  'anfw-cloudwan-region1-resources.yaml': [],
};

/**
 * Templates CDK's CfnInclude refuses, and why. The command line reads them with the last of two
 * equal keys winning (here the first is empty); cfn-lint reports the duplicate as E0000.
 */
const NOT_INCLUDABLE: Record<string, RegExp> = {
  'eks-private-nat-vpc-stack.yaml': /Map keys must be unique; "RouteTableId" is repeated/,
};

test('the corpus is what SOURCES.md lists, at least ten templates', () => {
  const files = fs.readdirSync(DIR).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  expect(files).toEqual(Object.keys(EXPECTED).sort());
  const sources = fs.readFileSync(path.join(DIR, 'SOURCES.md'), 'utf8');
  for (const f of files) expect(sources).toMatch(new RegExp(`\\| ${f.replace(/\./g, '\\.')} \\| [\\w-]+/[\\w.-]+ \\| \\S+ \\| [0-9a-f]{40} \\| (Apache-2\\.0|MIT|MIT-0)`));
  expect(files.length).toBeGreaterThanOrEqual(10);
  // Ten or more of them hold NAT gateways (directly, or as a nested application's outputs).
  const withNat = files.filter((f) => /AWS::EC2::NatGateway|NatGatewayId/.test(fs.readFileSync(path.join(DIR, f), 'utf8')));
  expect(withNat.length).toBeGreaterThanOrEqual(10);
});

describe.each(Object.entries(EXPECTED))('%s', (file, expected) => {
  test('no false error; every warning expected; exit code 0', () => {
    const { code, findings } = cli([file]);
    expect(summary(findings)).toEqual(expected);
    expect(code).toBe(0);
    // Every finding points at the resource's line and writes values as CloudFormation does.
    for (const f of findings) {
      expect(f.line).toBeGreaterThan(0);
      expect(f.message).not.toMatch(/nrg-ref|\u0000/);
    }
  });

  test('CfnInclude\'d into a CDK app: the Aspect, the plugin and the command line on its cloud assembly say the same', () => {
    const { app, stack } = newApp();
    if (file in NOT_INCLUDABLE) {
      expect(() => new CfnInclude(stack, 'T', { templateFile: path.join(DIR, file) })).toThrow(NOT_INCLUDABLE[file]);
      return;
    }
    new CfnInclude(stack, 'T', { templateFile: path.join(DIR, file) });
    const r = expectDoorsAgree(app); // the three doors must agree on every finding and message
    expect(r.map((x) => `${x.level} ${x.rule} @ ${x.path.replace(/^S\/T\//, '')}`).sort()).toEqual(expected);
  });
});

describe('the widdix VPC and NAT gateway stacks, joined by their exports', () => {
  const joined = ['widdix-vpc-2azs.yaml', 'widdix-vpc-nat-gateway.yaml', '--parameters', 'widdix-vpc-2azs.yaml:AWS::StackName=vpc',
    '--parameters', 'ParentVPCStack=vpc', '--parameters', 'SubnetZone=A'];

  test('together, with the stack name the imports use: the NAT gateway\'s table is known and nothing is wrong', () => {
    expect(cli(joined)).toEqual({ code: 0, findings: [] });
  });

  /** A hand-written stack beside the real ones: a VGW attached to the VPC and a route to on-premises. */
  function onPremises(table: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nrg-real-'));
    const file = path.join(dir, 'on-premises.yaml');
    fs.writeFileSync(file, [
      'Parameters:',
      '  ParentVPCStack: { Type: String }',
      'Resources:',
      '  Vgw:',
      '    Type: AWS::EC2::VPNGateway',
      '    Properties: { Type: ipsec.1 }',
      '  OnPremises:',
      '    Type: AWS::EC2::Route',
      '    Properties:',
      `      RouteTableId: { 'Fn::ImportValue': !Sub '\${ParentVPCStack}-${table}' }`,
      '      DestinationCidrBlock: 192.168.0.0/16',
      '      GatewayId: !Ref Vgw',
      '',
    ].join('\n'));
    return file;
  }

  test('a route to on-premises in the public table (the NAT gateway\'s): NRG-VGW, traffic from private subnet A', () => {
    const { code, findings } = cli([...joined, onPremises('RouteTableAPublic')]);
    expect(code).toBe(1);
    expect(summary(findings)).toEqual(['error NRG-VGW @ OnPremises']);
    expect(findings[0].message).toMatch(
      /^\[NRG-VGW\] NAT gateway widdix-vpc-nat-gateway\.yaml#NatGateway forwards 192\.168\.0\.0\/16 to virtual private gateway \S+on-premises\.yaml#Vgw/);
    // RouteTablePrivate is what the template exports as RouteTableAPrivate.
    expect(findings[0].message).toContain('That traffic comes from widdix-vpc-2azs.yaml#RouteTablePrivate (0.0.0.0/0 -> NAT gateway, route widdix-vpc-nat-gateway.yaml#Route)');
  });

  test('the same route in private table A instead: the fix, no finding', () => {
    expect(cli([...joined, onPremises('RouteTableAPrivate')])).toEqual({ code: 0, findings: [] });
  });
});

/** The real template with a VGW and a route to on-premises added to a table of its own. */
function withLeak(file: string, table: string, condition?: string): string {
  const template = parseTemplate(file, fs.readFileSync(path.join(DIR, file), 'utf8')).template as { Resources: Record<string, unknown> };
  template.Resources.LeakVgw = { Type: 'AWS::EC2::VPNGateway', Properties: { Type: 'ipsec.1' } };
  template.Resources.LeakRoute = {
    Type: 'AWS::EC2::Route',
    ...(condition ? { Condition: condition } : {}),
    Properties: { RouteTableId: { Ref: table }, DestinationCidrBlock: '192.168.0.0/16', GatewayId: { Ref: 'LeakVgw' } },
  };
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nrg-leak-')), `${path.basename(file, '.yaml')}.json`);
  fs.writeFileSync(out, JSON.stringify(template, undefined, 1));
  return out;
}

test('aws-cloudformation-templates\' managed-NAT VPC with the leak in its public table: one NRG-VGW naming both NAT gateways', () => {
  const { code, findings } = cli([withLeak('cfn-VPC_With_Managed_NAT_And_Private_Subnet.yaml', 'PublicRouteTable')]);
  expect(code).toBe(1);
  expect(summary(findings)).toEqual(['error NRG-VGW @ LeakRoute']);
  expect(findings[0].message).toMatch(/^\[NRG-VGW\] NAT gateway \S+#NATGateway0 and NAT gateway \S+#NATGateway1 forward 192\.168\.0\.0\/16/);
});

test('the Quick Start VPC (conditions everywhere) with the leak in its public table: NRG-VGW in the worlds that create its NAT gateways', () => {
  const { code, findings } = cli([withLeak('quickstart-aws-vpc.template.yaml', 'PublicSubnetRouteTable', 'PublicSubnetsCondition')]);
  expect(code).toBe(1);
  expect(summary(findings)).toEqual(['error NRG-VGW @ LeakRoute']);
  expect(findings[0].message).toMatch(/^\[NRG-VGW\] If condition NATGateways&PublicSubnets&PrivateSubnetsCondition is true: NAT gateways? /);
});
