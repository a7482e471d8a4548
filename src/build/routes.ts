/** `AWS::EC2::Route` records into the routes of their tables. No CDK. */
import { Tables } from './tables';
import { DESTINATION_PROPS, DESTINATION_SET, DestinationProp, TARGET_ORDER, ValueReader, present } from './values';
import { describeDestination, describeTarget } from '../model/model';
import { ResourceRecord } from '../records/record';

/** Adds routes to their tables, checking each as CloudFormation would. */
export class RouteReader {
  /**
   * @param natVpcs each NAT gateway of the app, with its VPC when known
   */
  constructor(
    private readonly values: ValueReader, private readonly tables: Tables, private readonly natVpcs: ReadonlyMap<string, string | undefined>,
  ) {}

  public add(r: ResourceRecord): void {
    const p = r.properties;
    // Over the route's own few keys, not every property a route may have. Lists only when a
    // route has more than one of a kind.
    let dest: DestinationProp | undefined;
    let target: string | undefined;
    let dests: DestinationProp[] | undefined;
    let targets: string[] | undefined;
    for (const k in p) {
      if (!present(p[k])) continue;
      if (DESTINATION_SET.has(k)) {
        if (dest === undefined) dest = k as DestinationProp;
        else (dests ??= [dest]).push(k as DestinationProp);
      } else if (TARGET_ORDER.has(k)) {
        if (target === undefined) target = k;
        else (targets ??= [target]).push(k);
      }
    }
    if (dests === undefined && targets === undefined && dest !== undefined && target !== undefined) {
      this.checked(r, dest, target);
      return;
    }
    dests ??= dest === undefined ? [] : [dest];
    targets ??= target === undefined ? [] : [target];
    if (targets.length > 1) targets.sort((a, b) => TARGET_ORDER.get(a)! - TARGET_ORDER.get(b)!);
    if (dests.length > 1) dests.sort((a, b) => DESTINATION_PROPS.indexOf(a) - DESTINATION_PROPS.indexOf(b));
    if (dests.length !== 1) {
      this.invalid(r, dests.length === 0 ? 'has no destination' : `has ${dests.length} destinations (${dests.join(', ')})`,
        'give it exactly one of DestinationCidrBlock, DestinationIpv6CidrBlock or DestinationPrefixListId');
      return;
    }
    if (targets.length !== 1) {
      this.invalid(r, targets.length === 0 ? 'has no target' : `has ${targets.length} targets (${targets.join(', ')})`, 'give it exactly one target');
      return;
    }
    this.checked(r, dests[0], targets[0]);
  }

  /** A route with exactly one destination and one target property. */
  private checked(r: ResourceRecord, dest: DestinationProp, targetProp: string): void {
    const p = r.properties;
    if (!present(p.RouteTableId)) {
      this.invalid(r, 'has no RouteTableId', 'name the route table');
      return;
    }
    const destination = this.values.destination(dest, p[dest]);
    if (typeof destination === 'string') {
      this.invalid(r, `has an invalid ${dest}: ${destination}`, 'use a network address with a prefix length, host bits zero (for example 192.168.1.0/24)');
      return;
    }
    const tableKey = this.values.tableKey(p.RouteTableId);
    const target = this.values.target(targetProp, p[targetProp]);
    const table = this.tables.table(tableKey);
    const natVpc = target.kind === 'nat' ? this.natVpcs.get(target.key) : undefined;
    if (target.kind === 'nat' && !this.natVpcs.has(target.key)) {
      this.tables.unresolved(r.path, `Route ${r.path} sends ${describeDestination(destination)} to NAT gateway ${target.label}, which is not defined in this app, `
        + 'so the guard cannot check where that NAT gateway forwards it. Fix: define the NAT gateway in the app, or acknowledge the route.');
    } else if (target.kind === 'nat' && table.vpc && natVpc && table.vpc !== natVpc) {
      this.invalid(r, `in a route table of VPC ${table.vpc} targets NAT gateway ${target.label} of VPC ${natVpc}`, 'route to a NAT gateway of the same VPC');
      return;
    }
    if (table.imported && (target.kind === 'vgw' || target.kind === 'pcx' || target.kind === 'unknown-gateway')) {
      this.tables.unresolved(r.path, `Route ${r.path} sends ${describeDestination(destination)} to ${describeTarget(target)} in route table ${table.path}, `
        + 'which is not defined in this app, so the guard cannot tell whether that table forwards NAT gateway traffic. '
        + 'Fix: define the route table in the app, or acknowledge the route.');
    }
    table.routes.push({ id: r.path, path: r.path, tableKey, origin: 'static', destination, target });
  }

  private invalid(r: ResourceRecord, why: string, fix: string): void {
    this.tables.invalid(r.path, `Route ${r.path} ${why}`, fix);
  }
}
