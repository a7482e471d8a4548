/**
 * Same-app SSM parameters (docs/transit.md, "Unknown values"): stacks that pass transit gateway,
 * route table and attachment ids to each other through SSM parameters, as aws-vpc-builder-cdk
 * does. A network stack writes the hub's ids (`ssm.StringParameter`); the egress stack reads them
 * (`ssm.StringParameter.valueForStringParameter`, a parameter of type
 * `AWS::SSM::Parameter::Value<String>`, or a `{{resolve:ssm:…}}` dynamic reference). Each a CDK app
 * through all three doors.
 */
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { expectDoorsAgree, newApp } from '../../support/helpers';
import { L1Tgw, L1Vpc } from '../../support/transit-apps';

type Reading = 'parameter' | 'dynamic reference';

/** The hub in its own stack, its TGW id in SSM under `/network/tgw-id`; the egress VPC in stack S sends 10.0.0.0/8 to it. */
function app(how: Reading, opts: { writeParameter?: boolean; name?: string } = {}) {
  const { app: a, stack } = newApp();
  const network = new Stack(a, 'Network', { env: { account: '111111111111', region: 'eu-west-1' } });
  const hub = new L1Tgw(network, 'Hub');
  if (opts.writeParameter ?? true) new ssm.StringParameter(network, 'TgwId', { parameterName: '/network/tgw-id', stringValue: hub.tgw.ref });
  const name = opts.name ?? '/network/tgw-id';
  const tgwId = how === 'parameter' ? ssm.StringParameter.valueForStringParameter(stack, name) : `{{resolve:ssm:${name}}}`;
  const e = new L1Vpc(stack, 'Egress', '10.10.0.0/16').subnet('Public', '10.10.0.0/24').subnet('Private', '10.10.2.0/24')
    .subnet('Tgw', '10.10.1.0/28', { transitOnly: true }).nat('Nat', 'Public');
  e.toNat('Private', '0.0.0.0/0', 'Nat', 'PrivateDefault');
  new ec2.CfnRoute(e, 'ToCorp', { routeTableId: e.tables.get('Public')!.ref, destinationCidrBlock: '10.0.0.0/8', transitGatewayId: tgwId });
  const att = new ec2.CfnTransitGatewayAttachment(stack, 'EAtt', { transitGatewayId: tgwId, vpcId: e.vpc.ref, subnetIds: [e.subnets.get('Tgw')!.ref] });
  hub.wire('EAtt', att.ref, { table: 'RtE' });
  hub.staticRoute('RtE', '10.200.0.0/16', hub.vpnConcentrator('Vpn'), 'OnPrem');
  return a;
}

const verdicts = (a: ReturnType<typeof app>) => expectDoorsAgree(a).map((f) => ({ at: `${f.level} ${f.rule} @ ${f.path}`, message: f.message }));

describe.each(['parameter', 'dynamic reference'] as const)('a transit gateway id read from SSM (%s)', (how) => {
  test('the network stack writes it: the guard follows the route into that transit gateway and on to the VPN: NRG-TGW-HYBRID', () => {
    const [f, ...rest] = verdicts(app(how));
    expect(rest).toEqual([]);
    expect(f.at).toBe('error NRG-TGW-HYBRID @ S/Egress/ToCorp');
    expect(f.message).toContain('forwards 10.200.0.0/16 to VPN concentrator attachment');
  });

  test('no stack of the app writes that name: the transit gateway is not in the app, NRG-TGW-UNKNOWN naming the expression as written', () => {
    const [f, ...rest] = verdicts(app(how, { writeParameter: false }));
    expect(rest).toEqual([]);
    expect(f.at).toBe('warning NRG-TGW-UNKNOWN @ S/Egress/ToCorp');
    expect(f.message).toContain(how === 'parameter' ? 'transit gateway Ref ' : 'transit gateway {{resolve:ssm:/network/tgw-id}}');
  });

  test('another name than the one written: not resolved, NRG-TGW-UNKNOWN', () => {
    expect(verdicts(app(how, { name: '/network/other' })).map((f) => f.at)).toEqual(['warning NRG-TGW-UNKNOWN @ S/Egress/ToCorp']);
  });
});
