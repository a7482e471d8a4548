/**
 * NRG-UNKNOWN-ACK (docs/rules/NRG-UNKNOWN-ACK.md): an acknowledgement meant for the guard that
 * names no rule acknowledges nothing, and every door says so where it was written.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { HybridVpc, NatEgressVpc, NatRouteGuardPlugin, NatRouteRuleLevel } from '../../src';
import { run } from '../../src/doors/cli/run';
import { blogVpc } from '../demo/blog-app';
import { leak } from '../support/apps';
import { captureReports } from '../support/doors';
import { aspectFindings, expectDoorsAgree, newApp } from '../support/helpers';

const ROUTE = 'S/Vpc/PublicSubnet1/OnPremises';
/** A message as 2.257 writes it: newer releases store a short acknowledgement id as `Annotation::`, not `annotation::`. */
const sameRelease = (message: string) => message.replace(/'Annotation::/g, '\'annotation::');

function leakyApp(props?: Parameters<typeof newApp>[0]) {
  const { app, stack } = newApp(props);
  const vpc = blogVpc(stack);
  leak(vpc);
  return { app, stack, vpc, route: vpc.publicSubnets[0].node.findChild('OnPremises') };
}

describe('a CDK app (the three doors agree)', () => {
  test.each([
    ['NRG-VGX', 'annotation::NRG-VGX', 'NRG-VGW'],
    ['nrg-vgw', 'annotation::nrg-vgw', 'NRG-VGW'],
    ['cdk-nat-route-guard::NRG-PXC', 'cdk-nat-route-guard::NRG-PXC', 'NRG-PCX'],
    ['cdk-nat-route-guard::VGW', 'cdk-nat-route-guard::VGW', undefined],
  ])('%s is reported where it was written; the finding it meant stays an error', (id, stored, near) => {
    const { app, route } = leakyApp();
    Validations.of(route).acknowledge({ id, reason: 'Partner allow-lists the NAT address' });
    const found = expectDoorsAgree(app);
    expect(found.map((f) => `${f.level} ${f.rule} @ ${f.path}`).sort()).toEqual([`error NRG-VGW @ ${ROUTE}`, `warning NRG-UNKNOWN-ACK @ ${ROUTE}`]);
    const warning = found.find((f) => f.rule === 'NRG-UNKNOWN-ACK')!.message;
    // CDK stores the short form as `annotation::` (2.257) or `Annotation::` (newer releases).
    expect(sameRelease(warning)).toContain(`The acknowledgement of '${stored}' on ${ROUTE} names no rule of cdk-nat-route-guard, so it acknowledges nothing`);
    if (near) expect(warning).toContain(`did you mean ${near}?`);
    else expect(warning).not.toContain('did you mean');
    expect(warning).toContain('Fix: name one of NRG-VGW, NRG-PCX, NRG-PROPAGATION');
  });

  test('ids of other tools, and the rules\' own ids in every form, are not judged', () => {
    const { app, route, stack } = leakyApp();
    Validations.of(stack).acknowledge({ id: 'AwsSolutions-VPC7', reason: 'flow logs elsewhere' }, { id: 'CloudFormation-Validate::W3010', reason: 'one AZ' });
    Validations.of(route).acknowledge({ id: 'cdk-nat-route-guard::NRG-VGW', reason: 'Partner allow-lists the NAT address' });
    Validations.of(stack).acknowledge({ id: 'NRG-VPCE', reason: 'no S3 traffic' });
    expect(expectDoorsAgree(app).map((f) => `${f.level} ${f.rule} @ ${f.path}`)).toEqual([`info NRG-VGW @ ${ROUTE}`]);
  });

  test('on a construct that is not a resource (the VPC): the warning goes on it', () => {
    const { app, vpc } = leakyApp();
    Validations.of(vpc).acknowledge({ id: 'NRG-VGW ', reason: 'a trailing space' });
    const found = aspectFindings(app).filter((f) => f.rule === 'NRG-UNKNOWN-ACK');
    expect(found.map((f) => `${f.level} @ ${f.path}`)).toEqual(['warning @ S/Vpc']);
  });

  test('its level is set like any rule\'s: off, it says nothing', () => {
    const { app, route } = leakyApp({ ruleLevels: { 'NRG-UNKNOWN-ACK': NatRouteRuleLevel.OFF } });
    Validations.of(route).acknowledge({ id: 'NRG-VGX', reason: 'typo' });
    expect(expectDoorsAgree(app).map((f) => `${f.level} ${f.rule}`)).toEqual(['error NRG-VGW']);
  });
});

test('on the App: the Aspect reports it on the first stack, naming the App; the plugin too, where CDK hands it the app', () => {
  const { app } = leakyApp();
  Validations.of(app).acknowledge({ id: 'NRG-VGX', reason: 'typo on the App' });
  const found = aspectFindings(app).filter((f) => f.rule === 'NRG-UNKNOWN-ACK');
  expect(found.map((f) => `${f.level} @ ${f.path}`)).toEqual(['warning @ S']);
  expect(sameRelease(found[0].message)).toContain('The acknowledgement of \'annotation::NRG-VGX\' on (app) names no rule');

  const plain = new App();
  leak(blogVpc(new Stack(plain, 'S')));
  Validations.of(plain).acknowledge({ id: 'NRG-VGX', reason: 'typo on the App' });
  const assembly = plain.synth();
  const templatePaths = assembly.stacks.map((s) => s.templateFullPath);
  const report = new NatRouteGuardPlugin().validate({ templatePaths, appConstruct: plain } as never);
  expect(report.violations.filter((v) => v.ruleName === 'NRG-UNKNOWN-ACK').map((v) => [v.severity, v.violatingResources[0].constructPath]))
    .toEqual([['warning', '(app)']]);
});

describe('a plain template', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nrg-unknown-ack-'));
  const file = path.join(dir, 'vpc.yaml');
  fs.writeFileSync(file, [
    'Metadata:',
    '  cdk-nat-route-guard:',
    '    acknowledge:',
    '      NRG-VGW: accepted for the whole template',
    'Resources:',
    '  Vpc:',
    '    Type: AWS::EC2::VPC',
    '    Properties: { CidrBlock: 10.0.0.0/16 }',
    '  Rt:',
    '    Type: AWS::EC2::RouteTable',
    '    Metadata:',
    '      cdk-nat-route-guard:',
    '        acknowledge:',
    '          NRG-VPCE: known',
    '          NRG-VGWW: typo',
    '    Properties: { VpcId: !Ref Vpc }',
    '',
  ].join('\n'));
  const cli = (...args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = run([file, ...args], { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, cwd: dir });
    return { code, stdout, stderr };
  };

  test('a Metadata key that is no rule id is a warning on the resource; the rule ids are not', () => {
    const res = cli('--format', 'json');
    expect(res.code).toBe(0);
    const findings = JSON.parse(res.stdout).findings as Array<{ ruleId: string; level: string; logicalId: string; line: number; headline: string }>;
    expect(findings.map((f) => [f.ruleId, f.level, f.logicalId, f.line])).toEqual([['NRG-UNKNOWN-ACK', 'warning', 'Rt', 9]]);
    expect(findings[0].headline).toContain('The acknowledgement of \'NRG-VGWW\' on vpc.yaml#Rt names no rule of cdk-nat-route-guard');
    expect(findings[0].headline).toContain('did you mean NRG-VGW?');
  });

  test('--fail-on warning fails on it', () => {
    expect(cli('--fail-on', 'warning').code).toBe(1);
  });
});

test('an app of the L3 constructs and a plain ec2.Vpc: nothing to report, no acknowledgement of an unknown id among them', () => {
  const { app, stack } = newApp();
  new ec2.Vpc(stack, 'Plain');
  new NatEgressVpc(stack, 'Egress', { maxAzs: 2 });
  new HybridVpc(stack, 'Hybrid', { maxAzs: 2, onPremisesCidrs: ['192.168.0.0/16'] });
  expect(aspectFindings(app)).toEqual([]);
});

describe('one verdict in every door (issue 19, item 5): every acknowledgement scope, both id forms', () => {
  const FORMS = [['the short id', 'NRG-VGW'], ['CDK\'s id for the guard', 'cdk-nat-route-guard::NRG-VGW']] as const;
  const REASON = 'Partner allow-lists the NAT address';

  test.each((['App', 'Stack', 'construct'] as const).flatMap((scope) => FORMS.map(([form, id]) => [scope, form, id] as const)))('on the %s, with %s', (scope, _form, id) => {
    const { app, stack } = newApp();
    const vpc = blogVpc(stack);
    leak(vpc);
    const on = { App: app, Stack: stack, construct: vpc.publicSubnets[0].node.findChild('OnPremises') }[scope];
    Validations.of(on).acknowledge({ id, reason: REASON });
    const found = expectDoorsAgree(app);
    expect(found.map((f) => `${f.level} ${f.rule} @ ${f.path}`)).toEqual([`info NRG-VGW @ ${ROUTE}`]);
    expect(found[0].message).toContain(`Acknowledged on ${on.node.path || '(app)'}: ${REASON}`);
  });

  test.each((['App', 'Stage'] as const).flatMap((scope) => FORMS.map(([form, id]) => [scope, form, id] as const)))(
    'a stack in a nested Stage, acknowledged on the %s with %s: every door that can see it honours it; the Aspect says where the command line cannot', (scope, _form, id) => {
      // CDK synthesizes a nested Stage's assembly before any aspect runs, and refuses a plugin that changes it: the App's
      // acknowledgement reaches the command line through the App's own stack (S), the Stage's cannot.
      const { app } = newApp();
      const stage = new Stage(app, 'Prod');
      leak(blogVpc(new Stack(stage, 'Network')));
      Validations.of(scope === 'App' ? app : stage).acknowledge({ id, reason: REASON });
      const at = scope === 'App' ? '(app)' : 'Prod';
      const { result: assembly, reports } = captureReports(() => app.synth());
      const [violation] = reports.flatMap((r) => r.violations);
      if (violation === undefined) {
        // Newer releases move a finding acknowledged with CDK's id for the guard to the report's suppressed violations.
        expect(id).toBe('cdk-nat-route-guard::NRG-VGW');
        type PluginReport = { suppressedViolations: Array<{ ruleName: string }> };
        const report = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'validation-report.json'), 'utf-8')) as { pluginReports: PluginReport[] };
        expect(report.pluginReports.flatMap((r) => r.suppressedViolations.map((v) => v.ruleName))).toEqual(['NRG-VGW']);
      } else {
        const lines = violation.description.split('\n');
        expect(violation.severity).toBe('info');
        expect(lines).toContain(`   Acknowledged on ${at}: ${REASON}`);
        expect(lines.some((l) => l.includes('the command line on the cloud assembly cannot see it'))).toBe(scope === 'Stage');
      }
      // The plugin, handed the app (newer releases), sees it too.
      const templatePaths = assembly.getNestedAssembly('assembly-Prod').stacks.map((st) => st.templateFullPath);
      const plugin = new NatRouteGuardPlugin().validate({ templatePaths, appConstruct: app } as never);
      expect(plugin.violations.map((v) => v.severity)).toEqual(['info']);
      // The command line: the App's yes, the Stage's not (the finding is reported, as the Aspect said).
      expect(run([assembly.directory], { stdout: () => undefined, stderr: () => undefined, cwd: assembly.directory })).toBe(scope === 'App' ? 0 : 1);
    });

  test('the templates are the same with the App\'s acknowledgement recorded: only the assembly\'s metadata has it', () => {
    const templates = (acknowledge: boolean) => {
      const { app } = newApp();
      const stack = new Stack(app, 'Network');
      leak(blogVpc(stack));
      if (acknowledge) Validations.of(app).acknowledge({ id: 'NRG-VGW', reason: 'accepted' });
      const assembly = app.synth();
      const network = assembly.getStackByName('Network');
      return { template: fs.readFileSync(network.templateFullPath, 'utf-8'), recorded: network.findMetadataByType('cdk-nat-route-guard:acknowledged-above').length };
    };
    const [plain, acknowledged] = [templates(false), templates(true)];
    expect(acknowledged.template).toBe(plain.template);
    expect([plain.recorded, acknowledged.recorded]).toEqual([0, 1]);
  });
});
