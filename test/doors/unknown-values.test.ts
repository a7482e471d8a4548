/**
 * Unknown values (docs/routing.md): what CloudFormation only knows at deploy time is unknown, never
 * invalid, and is written as the expression a person wrote; what the template decides is resolved
 * as CloudFormation would. Through every door (CDK app) and through the template reader alone.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnDynamicReference, CfnDynamicReferenceService, CfnParameter, Fn, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { judgeReading } from '../../src/engine/judge-reading';
import { readTemplates } from '../../src/readers/template/reader';
import { blogTemplate, ref, route } from '../fixtures/blog-template';
import { expectDoorsAgree, l1Blog, newApp } from '../support/helpers';

/** What each finding's route forwards, by route id: `rule: range or expression`. */
function forwarded(messages: ReadonlyArray<{ path: string; rule: string; message: string }>): Record<string, string> {
  return Object.fromEntries(messages.map((r) => [
    r.path.replace(/^(S\/|t\.json#)/, ''),
    `${r.rule}: ${/ forwards (?:traffic for )?(.*?)(?: \(unresolved\), whose| to )/.exec(r.message)?.[1] ?? r.message}`,
  ]));
}

test('a CDK app: parameters, a VPC block that is a parameter, dynamic references are unknown (fail closed); a number token in a CIDR is read as CloudFormation gets it', () => {
  const { app, stack } = newApp();
  const { vgw, pubRt } = l1Blog(stack);
  const add = (id: string, destination: string) =>
    new ec2.CfnRoute(stack, id, { routeTableId: pubRt.ref, destinationCidrBlock: destination, gatewayId: vgw.ref });
  const cidr = new CfnParameter(stack, 'VpcBCidr', { type: 'String' });
  const vpcB = new ec2.CfnVPC(stack, 'VpcB', { cidrBlock: cidr.valueAsString });
  add('ToParam', cidr.valueAsString);
  add('ToVpcB', vpcB.attrCidrBlock);
  add('ToSsm', new CfnDynamicReference(CfnDynamicReferenceService.SSM, '/net/onprem').toString());
  add('ToImport', Fn.importValue('Net-OnPremCidr'));
  add('ToToken', `192.168.7.0/${Token.asString(24)}`);
  const r = expectDoorsAgree(app);
  expect(r.every((x) => x.rule === 'NRG-VGW' && x.level === 'error')).toBe(true);
  expect(forwarded(r)).toEqual({
    ToParam: 'NRG-VGW: Ref VpcBCidr',
    ToVpcB: 'NRG-VGW: Fn::GetAtt S/VpcB.CidrBlock',
    ToSsm: 'NRG-VGW: {{resolve:ssm:/net/onprem}}',
    ToImport: 'NRG-VGW: Fn::ImportValue Net-OnPremCidr',
    ToToken: 'NRG-VGW: 192.168.7.0/24',
  });
  expect(r.find((x) => x.path === 'S/ToSsm')!.message).not.toMatch(/nrg-ref|\{\{nrg/);
});

test('a CDK app: an Fn::Select over a literal list of gateways is the gateway it selects', () => {
  const { app, stack } = newApp();
  const { vgw, igw, pubRt } = l1Blog(stack);
  new ec2.CfnRoute(stack, 'Picked', { routeTableId: pubRt.ref, destinationCidrBlock: '192.168.1.0/24', gatewayId: Fn.select(1, [igw.ref, vgw.ref]) });
  expect(expectDoorsAgree(app).map((x) => `${x.rule} @ ${x.path}`)).toEqual(['NRG-VGW @ S/Picked']);
});

describe('a template', () => {
  const template = (routes: Record<string, unknown>) => blogTemplate({
    VpcB: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: ref('VpcCidr') } },
    VpcC: { Type: 'AWS::EC2::VPC', Properties: { Ipv4IpamPoolId: 'ipam-pool-0123', Ipv4NetmaskLength: 16 } },
    // Blocks that are another VPC's block: a literal one at the end of the chain, or an import.
    VpcD: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: { 'Fn::GetAtt': ['VpcE', 'CidrBlock'] } } },
    VpcE: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '172.22.0.0/16' } },
    VpcF: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: { 'Fn::ImportValue': 'Shared-VpcCidr' } } },
    ...Object.fromEntries(Object.entries(routes).map(([id, d]) => [id, Array.isArray(d) ? route('PublicRt', d[0], { GatewayId: d[1] }) : route('PublicRt', d, { GatewayId: ref('Vgw') })])),
  }, {
    sections: {
      Parameters: { VpcCidr: { Type: 'String' }, Octet: { Type: 'String' } },
      Mappings: { Net: { OnPrem: { Cidr: '192.168.77.0/24' } } },
    },
  });
  const judge = (routes: Record<string, unknown>, parameters?: Record<string, string>) => forwarded(
    judgeReading(readTemplates([{ name: 't.json', template: template(routes), parameters }])).map((f) => ({ path: f.path, rule: f.ruleId, message: f.message })));

  test('unknown values stay unknown, written as written', () => {
    expect(judge({
      ToVpcB: { 'Fn::GetAtt': ['VpcB', 'CidrBlock'] },
      ToIpam: { 'Fn::GetAtt': ['VpcC', 'CidrBlock'] },
      ToSsm: '{{resolve:ssm:/net/onprem}}',
      ToSub: { 'Fn::Sub': '192.168.${Octet}.0/24' },
      ToRegion: { 'Fn::Sub': '${AWS::Region}' },
      ToF: { 'Fn::GetAtt': ['VpcF', 'CidrBlock'] },
    })).toEqual({
      ToF: 'NRG-VGW: Fn::GetAtt t.json#VpcF.CidrBlock',
      ToVpcB: 'NRG-VGW: Fn::GetAtt t.json#VpcB.CidrBlock',
      ToIpam: 'NRG-VGW: Fn::GetAtt t.json#VpcC.CidrBlock',
      ToSsm: 'NRG-VGW: {{resolve:ssm:/net/onprem}}',
      ToSub: 'NRG-VGW: Fn::Sub 192.168.${Octet}.0/24',
      ToRegion: 'NRG-VGW: Fn::Sub ${AWS::Region}',
    });
  });

  test('what the template decides is resolved: Fn::Sub of literals and given parameters, Fn::Select, Fn::Join with numbers, GetAtt of a literal block', () => {
    expect(judge({
      ToSubMap: { 'Fn::Sub': ['172.${X}.0.0/16', { X: '20' }] },
      ToSubParam: { 'Fn::Sub': '192.168.${Octet}.0/24' },
      ToSubEscaped: [{ 'Fn::Sub': '${!Literal}' }, { Ref: 'Igw' }],
      ToSelect: { 'Fn::Select': [1, ['10.9.0.0/16', '172.21.0.0/16']] },
      ToJoin: { 'Fn::Join': ['/', ['192.168.9.0', 24]] },
      ToD: { 'Fn::GetAtt': ['VpcD', 'CidrBlock'] },
      ToMap: { 'Fn::FindInMap': ['Net', 'OnPrem', 'Cidr'] },
      ToNoMap: { 'Fn::FindInMap': ['Net', { Ref: 'Octet' }, 'Cidr'] },
      ToPicked: ['10.200.0.0/16', { 'Fn::Select': ['1', [{ Ref: 'Igw' }, { Ref: 'Vgw' }]] }],
    }, { Octet: '44' })).toEqual({
      ToSubMap: 'NRG-VGW: 172.20.0.0/16',
      ToSubParam: 'NRG-VGW: 192.168.44.0/24',
      ToSelect: 'NRG-VGW: 172.21.0.0/16',
      ToJoin: 'NRG-VGW: 192.168.9.0/24',
      ToD: 'NRG-VGW: 172.22.0.0/16',
      ToMap: 'NRG-VGW: 192.168.77.0/24',
      // A key the template does not have (the parameter's value): unknown, never a guess.
      ToNoMap: 'NRG-VGW: Fn::FindInMap [Net, 44, Cidr]',
      ToPicked: 'NRG-VGW: 10.200.0.0/16',
      // `${Literal}` is not a CIDR block: CloudFormation would reject it in every world.
      ToSubEscaped: expect.stringMatching(/^NRG-INVALID: .*'\$\{Literal\}' is not a valid CIDR block/),
    });
  });
});

describe('nothing unknown passes in silence (NRG-UNRESOLVED)', () => {
  test('a route whose table and gateway are both parameters', () => {
    const { app, stack } = newApp();
    l1Blog(stack);
    const table = new CfnParameter(stack, 'TableParam');
    const gateway = new CfnParameter(stack, 'GatewayParam');
    new ec2.CfnRoute(stack, 'Both', { routeTableId: table.valueAsString, destinationCidrBlock: '192.168.1.0/24', gatewayId: gateway.valueAsString });
    const r = expectDoorsAgree(app);
    expect(r.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['warning NRG-UNRESOLVED @ S/Both']);
    expect(r[0].message).toMatch(/^\[NRG-UNRESOLVED\] Route S\/Both sends 192\.168\.1\.0\/24 to gateway Ref GatewayParam in route table Ref TableParam/);
  });

  test('a gateway endpoint whose route tables are a parameter', () => {
    const { app, stack } = newApp();
    const { vpc } = l1Blog(stack);
    const tables = new CfnParameter(stack, 'TablesParam', { type: 'List<String>' });
    new ec2.CfnVPCEndpoint(stack, 'S3', { vpcId: vpc.ref, serviceName: 'com.amazonaws.eu-west-1.s3', routeTableIds: tables.valueAsList });
    const r = expectDoorsAgree(app);
    expect(r.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['warning NRG-UNRESOLVED @ S/S3']);
    expect(r[0].message).toContain('Ref TablesParam');
  });

  test('a gateway endpoint on a table imported by id', () => {
    const { app, stack } = newApp();
    const { vpc } = l1Blog(stack);
    new ec2.CfnVPCEndpoint(stack, 'S3', { vpcId: vpc.ref, serviceName: 'com.amazonaws.eu-west-1.s3', routeTableIds: ['rtb-0123456789abcdef0'] });
    expect(expectDoorsAgree(app).map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['warning NRG-UNRESOLVED @ S/S3']);
  });

  test('a CfnInclude nested stack that receives its NAT table and VGW as stack parameters is judged with the parent\'s values', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nrg-nested-'));
    const source = new Stack(undefined as any, 'Source');
    const pieces = l1Blog(source);
    const parent = source.resolve((source as any)._toCloudFormation());
    const logical = (c: CfnElementLike) => source.resolve(c.logicalId) as string;
    parent.Resources.Routes = {
      Type: 'AWS::CloudFormation::Stack',
      Properties: {
        TemplateURL: 'https://example.com/routes.json',
        Parameters: { NatTable: { Ref: logical(pieces.pubRt) }, Vgw: { Ref: logical(pieces.vgw) } },
      },
    };
    const child = {
      Parameters: { NatTable: { Type: 'String' }, Vgw: { Type: 'String' } },
      Resources: {
        OnPrem: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'NatTable' }, DestinationCidrBlock: '192.168.1.0/24', GatewayId: { Ref: 'Vgw' } } },
      },
    };
    fs.writeFileSync(path.join(dir, 'parent.json'), JSON.stringify(parent));
    fs.writeFileSync(path.join(dir, 'routes.json'), JSON.stringify(child));
    const { app, stack } = newApp();
    new CfnInclude(stack, 'Legacy', { templateFile: path.join(dir, 'parent.json'), loadNestedStacks: { Routes: { templateFile: path.join(dir, 'routes.json') } } });
    const r = expectDoorsAgree(app);
    expect(r.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['error NRG-VGW @ S/Legacy/Routes/Routes/OnPrem']);
    expect(r[0].message).toContain(`to virtual private gateway S/Legacy/${logical(pieces.vgw)}`);
  });
});

interface CfnElementLike { readonly logicalId: string }

test('CfnInclude with Mappings: Fn::FindInMap of literal keys is the mapped block in every door, so a route in the private table shadows the leak', () => {
  const template = (shadowed: boolean) => blogTemplate({
    Leak: route('PublicRt', { 'Fn::FindInMap': ['Net', 'OnPrem', 'Cidr'] }, { GatewayId: ref('Vgw') }),
    ...(shadowed ? { Direct: route('PrivateRt', '192.168.1.0/24', { GatewayId: ref('Vgw') }) } : {}),
  }, { sections: { Mappings: { Net: { OnPrem: { Cidr: '192.168.1.0/24' } } } } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nrg-map-'));
  for (const shadowed of [false, true]) {
    const file = path.join(dir, `t-${shadowed}.json`);
    fs.writeFileSync(file, JSON.stringify(template(shadowed)));
    const { app, stack } = newApp();
    new CfnInclude(stack, 'T', { templateFile: file });
    const r = expectDoorsAgree(app);
    expect(forwarded(r)).toEqual(shadowed ? {} : { 'T/Leak': 'NRG-VGW: 192.168.1.0/24' });
  }
});
