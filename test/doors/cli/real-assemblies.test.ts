/**
 * Real synthesized CDK apps (test/fixtures/real-assemblies, sources and licences in SOURCES.md)
 * through the command line: aws-vpc-builder-cdk's inspected central-egress sample, seven stacks
 * that pass transit gateway, route table and CIDR values to each other in SSM parameters.
 */
import * as fs from 'fs';
import * as path from 'path';
import { run } from '../../../src/doors/cli/run';
import { ROOT } from '../../support/paths';

const DIR = path.join(ROOT, 'test', 'fixtures', 'real-assemblies', 'aws-vpc-builder-central-egress-inspected');

interface JsonFinding { level: string; ruleId: string; path: string; message: string }

function cli(): { code: number; findings: JsonFinding[]; stderr: string } {
  let stdout = '';
  let stderr = '';
  // The folder, as a team that keeps synthesized templates would pass it.
  const code = run([DIR, '--format', 'json'], { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, cwd: ROOT });
  return { code, findings: JSON.parse(stdout).findings, stderr };
}

describe('aws-vpc-builder-cdk, central egress with inspection (seven stacks joined by SSM parameters)', () => {
  const { code, findings, stderr } = cli();

  test('no error, exit code 0; the one stack without resources (CDK writes only its Parameters and Rules) skipped, said on stderr', () => {
    expect(findings.filter((f) => f.level === 'error')).toEqual([]);
    expect(code).toBe(0);
    expect(stderr).toBe(`cdk-nat-route-guard: skipped ${path.relative(ROOT, DIR)}/sample-central-egress-cdk-export-persistence.template.json: `
      + 'a stack CDK synthesized without resources (CDK skips it at deploy): nothing to judge\n');
    expect(fs.readdirSync(DIR).filter((f) => f.endsWith('.template.json'))).toHaveLength(7);
  });

  test('the routes the routes stack adds to the NAT gateways\' tables (table, CIDR and TGW read from SSM) are followed into the TGW', () => {
    // Four routes (two workload VPCs x two NAT gateway tables): each a warning, because a custom
    // resource of the app adds static routes to the TGW table their traffic enters, at deploy time.
    expect(findings.map((f) => `${f.level} ${f.ruleId}`)).toEqual(Array(4).fill('warning NRG-TGW-UNKNOWN'));
    for (const f of findings) {
      expect(f.path).toMatch(/^sample-central-egress-transit-gateway-routes\/toTGWCidr/);
      expect(f.message).toMatch(/NAT gateway sample-central-egress-central-egress-provider-internet\/central-egress-provider-internet\/nat-egressSubnet[12]\/NATGateway forwards 10\.1[01]\.0\.0\/19 to transit gateway sample-central-egress-central-transit-gateway\/TransitGateway/);
      expect(f.message).toContain('custom resource sample-central-egress-transit-gateway-routes/TGWInspectionStaticRouteCR-');
      expect(f.message).toContain('may add routes to sample-central-egress-central-egress-provider-internet/TGWRouteTable-central-egress-provider-internet at deploy time');
    }
    expect(new Set(findings.map((f) => f.message.match(/forwards (\S+)/)![1]))).toEqual(new Set(['10.10.0.0/19', '10.11.0.0/19']));
  });
});
