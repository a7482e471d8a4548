/**
 * A route to a transit gateway in a route table the app does not define (its id a parameter, a
 * literal rtb- id): that table may be a NAT gateway's. When the transit gateway would carry the
 * route's traffic to a VPN, Direct Connect or peering exit, NRG-UNRESOLVED on the route; where it
 * carries it only to other VPCs, nothing. Through all three doors.
 */
import { CfnParameter } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { analyze } from '../../../src/analysis/analyze';
import { buildModel } from '../../../src/build/build-model';
import { ResourceRecord } from '../../../src/records/record';
import { makeRef } from '../../../src/records/ref';
import { expectDoorsAgree, newApp } from '../../support/helpers';
import { L1Tgw, L1Vpc } from '../../support/transit-apps';

const ON_PREM = '192.168.0.0/16';

/** A hub whose table RtA sends the on-premises range to a VPN (or, `toVpn` false, only knows a spoke VPC), and a route into a table the app does not define. */
function app(opts: { toVpn: boolean; table: 'parameter' | 'literal' | 'defined'; destination?: string }) {
  const { app: a, stack } = newApp();
  const hub = new L1Tgw(stack, 'Hub');
  const spoke = new L1Vpc(stack, 'Spoke', '10.1.0.0/16').subnet('Tgw', '10.1.0.0/28', { transitOnly: true });
  const sa = hub.attach('SAtt', spoke, ['Tgw'], { table: 'RtS' });
  if (opts.toVpn) hub.staticRoute('RtA', ON_PREM, hub.vpnConcentrator('Vpn'), 'OnPrem');
  else hub.staticRoute('RtA', ON_PREM, sa.ref, 'ToSpoke');
  // The VPC whose table the route goes into, attached and associated with RtA.
  const workload = new L1Vpc(stack, 'Workload', '10.2.0.0/16').subnet('Tgw', '10.2.0.0/28', { transitOnly: true });
  hub.attach('WAtt', workload, ['Tgw'], { table: 'RtA' });
  const routeTableId = opts.table === 'parameter' ? new CfnParameter(stack, 'NatRouteTableId').valueAsString
    : opts.table === 'literal' ? 'rtb-0123456789abcdef0' : new ec2.CfnRouteTable(stack, 'Private', { vpcId: workload.vpc.ref }).ref;
  new ec2.CfnRoute(stack, 'ToOnPrem', { routeTableId, destinationCidrBlock: opts.destination ?? ON_PREM, transitGatewayId: hub.tgw.ref });
  return a;
}

const found = (a: ReturnType<typeof app>) => expectDoorsAgree(a).map((f) => `${f.level} ${f.rule} @ ${f.path}`);

describe('routes to a transit gateway in route tables the app does not define', () => {
  test.each(['parameter', 'literal'] as const)('table id a %s, the TGW carries the range to a VPN: NRG-UNRESOLVED on the route, naming the exit and the path', (table) => {
    const f = expectDoorsAgree(app({ toVpn: true, table }));
    expect(f.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['warning NRG-UNRESOLVED @ S/ToOnPrem']);
    expect(f[0].message).toContain(`sends ${ON_PREM} to transit gateway S/Hub/Tgw in route table`);
    expect(f[0].message).toContain('cannot tell whether that table forwards NAT gateway traffic');
    expect(f[0].message).toMatch(/If it does, the transit gateway sends that traffic on to VPN concentrator attachment .*\(192\.168\.0\.0\/16, NRG-TGW-HYBRID\)/);
    expect(f[0].message).toContain('Fix: define the route table in the app');
    expect(f[0].message).toContain(`Path: route S/ToOnPrem (${ON_PREM} -> transit gateway S/Hub/Tgw) in ${table === 'parameter' ? 'Ref NatRouteTableId' : 'rtb-0123456789abcdef0'} `
      + '-> VPC attachment S/Hub/WAtt, associated with S/Hub/RtA -> static route S/Hub/OnPrem');
  });

  test('the TGW carries the range only to another VPC: nothing to say', () => {
    expect(found(app({ toVpn: false, table: 'parameter' }))).toEqual([]);
  });

  test('a range the TGW sends nowhere near the VPN (10.9.0.0/16): nothing', () => {
    expect(found(app({ toVpn: true, table: 'parameter', destination: '10.9.0.0/16' }))).toEqual([]);
  });

  test('the table is defined in the app and associated with nothing: it carries nothing, nothing to say', () => {
    expect(found(app({ toVpn: true, table: 'defined' }))).toEqual([]);
  });

  test('two exits the route\'s traffic would reach (a VPN and a second VPN for a branch): one warning naming both', () => {
    const { app: a, stack } = newApp();
    const hub = new L1Tgw(stack, 'Hub');
    const workload = new L1Vpc(stack, 'Workload', '10.2.0.0/16').subnet('Tgw', '10.2.0.0/28', { transitOnly: true });
    hub.attach('WAtt', workload, ['Tgw'], { table: 'RtA' });
    hub.staticRoute('RtA', ON_PREM, hub.vpnConcentrator('Vpn'), 'OnPrem');
    hub.staticRoute('RtA', '10.201.0.0/16', hub.vpnConcentrator('Branch'), 'ToBranch');
    new ec2.CfnRoute(stack, 'AllToTgw', { routeTableId: new CfnParameter(stack, 'Rt').valueAsString, destinationCidrBlock: '0.0.0.0/0', transitGatewayId: hub.tgw.ref });
    const f = expectDoorsAgree(a);
    expect(f.map((x) => `${x.level} ${x.rule} @ ${x.path}`)).toEqual(['warning NRG-UNRESOLVED @ S/AllToTgw']);
    const named = /sends that traffic on to VPN concentrator attachment S\/Hub\/(Vpn|Branch) \([^)]*\), and to VPN concentrator attachment S\/Hub\/(Vpn|Branch)\./.exec(f[0].message);
    expect(named).not.toBeNull();
    expect(new Set([named![1], named![2]])).toEqual(new Set(['Vpn', 'Branch']));
  });

  test('a core network (Cloud WAN) route in such a table: nothing more to say (its traffic could only be NRG-TGW-UNKNOWN)', () => {
    const { app: a, stack } = newApp();
    new ec2.CfnRoute(stack, 'ToWan', {
      routeTableId: new CfnParameter(stack, 'Rt').valueAsString,
      destinationCidrBlock: ON_PREM,
      coreNetworkArn: 'arn:aws:networkmanager::111111111111:core-network/core-network-0123456789abcdef0',
    });
    new L1Tgw(stack, 'Hub'); // a transit model exists
    expect(found(a)).toEqual([]);
  });

  test('the message (one exit: no "and to") and the finding\'s trail (for diagrams) give the path from the route to the exit', () => {
    const ref = (path: string, attr = 'Ref') => makeRef(path, attr);
    const r = (path: string, type: string, properties: Record<string, unknown>): ResourceRecord => ({ path, type, properties });
    const records = [
      r('W/Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.2.0.0/16' }),
      r('W/Tgw', 'AWS::EC2::Subnet', { VpcId: ref('W/Vpc'), CidrBlock: '10.2.0.0/28' }),
      r('H/Tgw', 'AWS::EC2::TransitGateway', { DefaultRouteTableAssociation: 'disable', DefaultRouteTablePropagation: 'disable' }),
      r('H/Rt', 'AWS::EC2::TransitGatewayRouteTable', { TransitGatewayId: ref('H/Tgw') }),
      r('H/WAtt', 'AWS::EC2::TransitGatewayAttachment', { TransitGatewayId: ref('H/Tgw'), VpcId: ref('W/Vpc'), SubnetIds: [ref('W/Tgw')] }),
      r('H/WAssoc', 'AWS::EC2::TransitGatewayRouteTableAssociation', { TransitGatewayAttachmentId: ref('H/WAtt'), TransitGatewayRouteTableId: ref('H/Rt') }),
      r('H/Vpn', 'AWS::EC2::VPNConcentrator', { TransitGatewayId: ref('H/Tgw') }),
      r('H/OnPrem', 'AWS::EC2::TransitGatewayRoute', {
        TransitGatewayRouteTableId: ref('H/Rt'), DestinationCidrBlock: ON_PREM, TransitGatewayAttachmentId: ref('H/Vpn', 'TransitGatewayAttachmentId'),
      }),
      r('X/ToOnPrem', 'AWS::EC2::Route', { RouteTableId: 'rtb-0123456789abcdef0', DestinationCidrBlock: ON_PREM, TransitGatewayId: ref('H/Tgw') }),
    ];
    const [f] = analyze(buildModel(records)).filter((x) => x.ruleId === 'NRG-UNRESOLVED');
    expect(f.message).toContain(`If it does, the transit gateway sends that traffic on to VPN concentrator attachment H/Vpn (${ON_PREM}, NRG-TGW-HYBRID). `
      + `Path: route X/ToOnPrem (${ON_PREM} -> transit gateway H/Tgw) in rtb-0123456789abcdef0 -> VPC attachment H/WAtt, associated with H/Rt -> `);
    expect(f.trail).toEqual([
      `route X/ToOnPrem (${ON_PREM} -> transit gateway H/Tgw) in rtb-0123456789abcdef0`, 'VPC attachment H/WAtt, associated with H/Rt',
      `static route H/OnPrem (${ON_PREM} -> VPN concentrator attachment H/Vpn) in H/Rt`, 'VPN concentrator attachment H/Vpn',
    ]);
  });
});
