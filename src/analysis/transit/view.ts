/**
 * The transit model indexed for the walk and the inflow refinement (docs/transit.md): subnets by
 * table, attachments by VPC and transit gateway, the tables each attachment is associated with,
 * and route selection in TGW and VPC tables, each worked out once. No CDK.
 */
import { Route, RouteTable, RoutingModel } from '../../model/model';
import { Attachment, SubnetInfo, TgwRoute, TgwRouteTable, TransitModel } from '../../model/transit';
import { Family, maxAddress } from '../../net/cidr';
import { RangeSet } from '../../net/range-set';
import { FamilySets, NO_ADDRESSES, Selection, selectAmong, selectRoutes } from '../selection';

export const ALL_ADDRESSES: FamilySets = { 4: RangeSet.of(0n, maxAddress(4)), 6: RangeSet.of(0n, maxAddress(6)) };

export const union = (a: FamilySets, b: FamilySets): FamilySets => ({ 4: a[4].union(b[4]), 6: a[6].union(b[6]) });
export const intersect = (a: FamilySets, b: FamilySets): FamilySets => ({ 4: a[4].intersect(b[4]), 6: a[6].intersect(b[6]) });
export const subtract = (a: FamilySets, b: FamilySets): FamilySets => ({ 4: a[4].subtract(b[4]), 6: a[6].subtract(b[6]) });
export const isEmpty = (a: FamilySets): boolean => a[4].isEmpty && a[6].isEmpty;
export const sameSets = (a: FamilySets, b: FamilySets): boolean => isEmpty(subtract(a, b)) && isEmpty(subtract(b, a));
/** Only the family an unresolved destination says it has (both when it says none). */
export function ofFamily(a: FamilySets, family: Family | undefined): FamilySets {
  if (family === undefined) return a;
  return family === 4 ? { 4: a[4], 6: RangeSet.EMPTY } : { 4: RangeSet.EMPTY, 6: a[6] };
}

/** The addresses of `d` for which a selection picks `route`. */
export function regionIn<R extends { id: string }>(sel: Selection<R>, route: R, d: FamilySets): FamilySets {
  const region = sel.regions.get(route.id);
  return region ? intersect(region, d) : NO_ADDRESSES;
}

/** Where an attachment's traffic enters its transit gateway. */
export interface Ingress {
  readonly tables: readonly string[];
  /** Associated with a policy table the app does not define (its association's path): not followed. */
  readonly policy?: string;
  /** The policy tables (of the app) it is associated with: policy-based routing (policy.ts). */
  readonly policyTables: readonly string[];
  /** An association whose table the guard cannot resolve. */
  readonly unresolved?: string;
}

export class TransitView {
  public readonly tables: ReadonlyMap<string, RouteTable>;
  private readonly subnetsByTable = new Map<string, SubnetInfo[]>();
  public readonly subnetByPath = new Map<string, SubnetInfo>();
  private readonly vpcAttachments = new Map<string, Attachment[]>();
  private readonly tablesOfAttachment = new Map<string, string[]>();
  private readonly ingressOf = new Map<string, Ingress>();
  private readonly tgwSelections = new Map<string, Selection<TgwRoute>>();
  private readonly vpcSelections = new Map<string, Selection<Route>>();
  /** VPC tables all of whose subnets are declared transit-only (and that have some). */
  public readonly transitTables = new Set<string>();
  /** VPC tables all of whose subnets hold a TGW attachment, not declared transit-only. */
  public readonly looksTransit = new Set<string>();

  /**
   * @param assumeLookAlikes take the tables that only look transit-only as declared (to tell which
   * findings hold only through their feed)
   */
  constructor(public readonly model: RoutingModel, public readonly transit: TransitModel, assumeLookAlikes = false) {
    this.tables = new Map(model.tables.map((t) => [t.key, t]));
    for (const a of transit.attachments.values()) {
      if (a.kind !== 'vpc' || a.vpc === undefined) continue;
      const list = this.vpcAttachments.get(a.vpc);
      if (list) list.push(a);
      else this.vpcAttachments.set(a.vpc, [a]);
    }
    for (const s of transit.subnets) {
      this.subnetByPath.set(s.path, s);
      if (s.tableKey === undefined) continue;
      const list = this.subnetsByTable.get(s.tableKey);
      if (list) list.push(s);
      else this.subnetsByTable.set(s.tableKey, [s]);
    }
    const attached = new Set<string>();
    for (const a of transit.attachments.values()) for (const s of a.subnets ?? []) attached.add(s);
    for (const [key, subnets] of this.subnetsByTable) {
      if (subnets.every((s) => s.transitOnly)) {this.transitTables.add(key);} else if (subnets.every((s) => s.transitOnly || attached.has(s.path))) {
        this.looksTransit.add(key);
        if (assumeLookAlikes) this.transitTables.add(key);
      }
    }
  }

  public subnetsOf(tableKey: string): readonly SubnetInfo[] {
    return this.subnetsByTable.get(tableKey) ?? [];
  }

  /** The VPC attachments of a VPC to a transit gateway. */
  public attachmentsOf(vpc: string | undefined, tgw: string): Attachment[] {
    if (vpc === undefined) return [];
    return (this.vpcAttachments.get(vpc) ?? []).filter((a) => a.tgw === tgw);
  }

  /** The VPC route tables of an attachment's subnets that the model holds. */
  public attachmentTables(a: Attachment): string[] {
    let keys = this.tablesOfAttachment.get(a.key);
    if (!keys) {
      const found = new Set<string>();
      for (const p of a.subnets ?? []) {
        const t = this.subnetByPath.get(p)?.tableKey;
        if (t !== undefined && this.tables.has(t)) found.add(t);
      }
      keys = [...found];
      this.tablesOfAttachment.set(a.key, keys);
    }
    return keys;
  }

  /** The tables an attachment's traffic is routed by in its TGW (explicit and default associations; peering: also the peer's side). */
  public ingress(attachment: string, onTgw?: string): Ingress {
    const cacheKey = `${attachment}\u0000${onTgw ?? ''}`;
    let found = this.ingressOf.get(cacheKey);
    if (found) return found;
    const tables: string[] = [];
    let policy: string | undefined;
    const policyTables: string[] = [];
    let unresolved: string | undefined;
    for (const as of this.transit.associations) {
      if (as.attachment !== attachment) continue;
      if (as.policy) {
        if (as.policyTable !== undefined && this.transit.policyTables?.has(as.policyTable)) {
          if (!policyTables.includes(as.policyTable)) policyTables.push(as.policyTable);
        } else {
          policy ??= as.path;
        }
        continue;
      }
      if (as.table === undefined) {
        unresolved ??= as.path;
        continue;
      }
      const t = this.transit.tables.get(as.table);
      if (onTgw !== undefined && t?.tgw !== undefined && t.tgw !== onTgw) continue;
      if (!tables.includes(as.table)) tables.push(as.table);
    }
    found = { tables, policy, policyTables, unresolved };
    this.ingressOf.set(cacheKey, found);
    return found;
  }

  public tgwTable(key: string): TgwRouteTable | undefined {
    return this.transit.tables.get(key);
  }

  public tgwSelection(key: string): Selection<TgwRoute> {
    let s = this.tgwSelections.get(key);
    if (!s) {
      s = selectAmong(this.transit.tables.get(key)?.routes ?? [], (r) => r.rank);
      this.tgwSelections.set(key, s);
    }
    return s;
  }

  public vpcSelection(key: string): Selection<Route> {
    let s = this.vpcSelections.get(key);
    if (!s) {
      const t = this.tables.get(key);
      s = t ? selectRoutes(t) : { regions: new Map(), opaque: new Set() };
      this.vpcSelections.set(key, s);
    }
    return s;
  }
}
