/**
 * Custom resources, which can make routes at deploy time that no template shows (docs/custom-resources.md):
 * what each references, and the warnings for those that can change the routing of a NAT gateway. No CDK.
 */
import { NatGateway, ReaderProblem } from '../model/model';
import { ResourceRecord, isCustomResourceType } from '../records/record';
import { referencedPaths } from '../records/ref';

/** EC2 calls that make or change routes, route propagation or table associations (lower case, no `Command`). */
const ROUTING_CALLS: ReadonlySet<string> = new Set([
  'createroute', 'replaceroute', 'createtransitgatewayroute', 'replacetransitgatewayroute', 'enablevgwroutepropagation',
  'enabletransitgatewayroutetablepropagation', 'associateroutetable', 'replaceroutetableassociation',
  'associatetransitgatewayroutetable', 'modifytransitgateway', 'createtransitgatewaypolicytable',
]);

/** The custom resources of a world and what they reference. */
export class CustomResources {
  /** For each element a custom resource references, the first custom resource that does. */
  public readonly references = new Map<string, string>();
  /** Each custom resource, with what it references. */
  private readonly records: Array<{ readonly r: ResourceRecord; readonly refs: ReadonlySet<string> }> = [];

  public add(r: ResourceRecord): void {
    if (!isCustomResourceType(r.type)) return;
    const refs = referencedPaths(r.properties);
    this.records.push({ r, refs });
    for (const p of refs) if (!this.references.has(p)) this.references.set(p, r.path);
  }

  /**
   * An `NRG-UNRESOLVED` problem on each custom resource that references the route table of a NAT
   * gateway, or that is an `AwsCustomResource` (`Custom::AWS`) calling EC2 to make routes.
   */
  public problems(natGateways: readonly NatGateway[], tablePath: (key: string) => string): ReaderProblem[] {
    const out: ReaderProblem[] = [];
    for (const { r, refs } of this.records) {
      const nat = natGateways.find((n) => n.tableKey !== undefined && refs.has(n.tableKey));
      const call = nat ? undefined : ec2RoutingCall(r);
      if (!nat && !call) continue;
      const what = nat
        ? `references route table ${tablePath(nat.tableKey!)}, the route table of NAT gateway ${nat.path}`
        : `calls EC2 ${call}`;
      out.push({
        kind: 'unresolved',
        path: r.path,
        message: `Custom resource ${r.path} ${what}: routes it makes at deploy time are not seen, since the guard checks what `
          + 'CloudFormation creates, not what a function does, so they are not proven compliant. Fix: make the routes with '
          + 'AWS::EC2::Route (ec2.CfnRoute) or AWS::EC2::TransitGatewayRoute, which the guard judges, or acknowledge NRG-UNRESOLVED '
          + `on ${r.path} with the reason.`,
      });
    }
    return out;
  }
}

/** The EC2 routing call an `AwsCustomResource` makes on create or update, as written (`createRoute`), if any. */
function ec2RoutingCall(r: ResourceRecord): string | undefined {
  if (r.type !== 'Custom::AWS') return undefined;
  for (const phase of ['Create', 'Update']) {
    // The call is JSON, in a string or joined around references: read it as text, escaped quotes and all.
    const text = JSON.stringify(r.properties[phase] ?? '');
    const service = /\\*"service\\*"\s*:\s*\\*"([^"\\]+)/.exec(text)?.[1].toLowerCase();
    const action = /\\*"action\\*"\s*:\s*\\*"([^"\\]+)/.exec(text)?.[1];
    if (!service || !action || !['ec2', '@aws-sdk/client-ec2'].includes(service)) continue;
    if (ROUTING_CALLS.has(action.toLowerCase().replace(/command$/, ''))) return action;
  }
  return undefined;
}
