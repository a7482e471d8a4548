/**
 * Inflow through transit gateways (docs/transit.md, "Inflow through transit gateways"): what
 * reaches a transit table (one whose subnets are all declared transit-only) is what the transit
 * gateways deliver to the attachments in its subnets. A least fixpoint from the senders, which
 * over-approximates all real traffic: every packet starts at a workload or a remote network. No CDK.
 */
import { ALL_ADDRESSES, TransitView, intersect, isEmpty, ofFamily, sameSets, union } from './view';
import { TgwRoute } from '../../model/transit';
import { FamilySets, NO_ADDRESSES } from '../selection';

/** A TGW route that delivers traffic to an attachment, with what it delivers. */
export interface Delivery {
  readonly table: string;
  readonly route?: TgwRoute;
  readonly addresses: FamilySets;
}

export interface Deliveries {
  /** For each transit table (VPC), what transit gateways deliver into it. */
  readonly byTable: ReadonlyMap<string, FamilySets>;
  /** For each attachment, the TGW routes that deliver to it (with what each delivers). */
  readonly toAttachment: ReadonlyMap<string, readonly Delivery[]>;
}

/** More rounds than this and the refinement is given up: every transit table keeps its full feed (fail closed). */
const MAX_ROUNDS = 64;

export function computeDeliveries(view: TransitView, transitTables: ReadonlySet<string>): Deliveries {
  const { transit, model } = view;
  const attachments = [...transit.attachments.values()];
  let delivered = new Map<string, FamilySets>();
  let toAttachment = new Map<string, Delivery[]>();
  const usesOf = new Map<string, string[]>();
  for (const a of attachments) {
    if (a.kind !== 'vpc') continue;
    for (const t of view.attachmentTables(a)) {
      if (!transitTables.has(t)) continue;
      const list = usesOf.get(t) ?? [];
      list.push(a.key);
      usesOf.set(t, list);
    }
  }
  // The traffic-carrying tables of each VPC (what a VPC attachment's VPC may send into the TGW).
  const vpcTables = new Map<string, typeof model.tables[number][]>();
  for (const t of model.tables) {
    if (!t.carriesTraffic || t.vpc === undefined) continue;
    const list = vpcTables.get(t.vpc);
    if (list) list.push(t);
    else vpcTables.set(t.vpc, [t]);
  }
  const tableDelivered = (t: string): FamilySets => {
    let out = NO_ADDRESSES;
    for (const a of usesOf.get(t) ?? []) out = union(out, delivered.get(a) ?? NO_ADDRESSES);
    return out;
  };

  for (let round = 0; round < MAX_ROUNDS; round++) {
    // What each attachment sends into its transit gateway.
    const sends = new Map<string, FamilySets>();
    for (const a of attachments) {
      if (a.kind === 'vpc' && (a.vpc === undefined || !transit.vpcsInApp.has(a.vpc))) {
        // A VPC the app does not define: what its tables send is unknown.
        sends.set(a.key, ALL_ADDRESSES);
      } else if (a.kind === 'vpc') {
        let out = NO_ADDRESSES;
        for (const t of (a.vpc === undefined ? undefined : vpcTables.get(a.vpc)) ?? []) {
          if (a.tgw === undefined) continue;
          const sel = view.vpcSelection(t.key);
          let sent = NO_ADDRESSES;
          for (const r of t.routes) {
            if (r.target.kind !== 'tgw' || r.target.key !== a.tgw) continue;
            if (sel.opaque.has(r)) sent = union(sent, ofFamily(ALL_ADDRESSES, r.destination.kind === 'unknown' ? r.destination.family : undefined));
            else sent = union(sent, sel.regions.get(r.id) ?? NO_ADDRESSES);
          }
          out = union(out, transitTables.has(t.key) ? intersect(sent, tableDelivered(t.key)) : sent);
        }
        sends.set(a.key, out);
      } else {
        sends.set(a.key, a.kind === 'network-function' ? delivered.get(a.key) ?? NO_ADDRESSES : ALL_ADDRESSES);
      }
    }
    // What arrives in each TGW table.
    const arrives = new Map<string, FamilySets>();
    const arrive = (table: string, d: FamilySets) => arrives.set(table, union(arrives.get(table) ?? NO_ADDRESSES, d));
    for (const a of attachments) {
      const d = sends.get(a.key)!;
      if (isEmpty(d)) continue;
      const ingress = view.ingress(a.key);
      for (const t of ingress.tables) arrive(t, d);
      // Policy tables: taken to send anything to every table an entry names (what reaches a transit
      // table is never narrowed by a guess); one the app does not define, to every table.
      const entries = ingress.policyTables.flatMap((k) => transit.policyTables?.get(k)?.entries ?? []);
      for (const e of entries) if (e.table !== undefined) arrive(e.table, d);
      if (ingress.policy !== undefined || ingress.unresolved !== undefined || entries.some((e) => e.table === undefined)) {
        for (const t of transit.tables.values()) if (t.tgw === a.tgw) arrive(t.key, d);
      }
    }
    // What each TGW table delivers to each attachment.
    const next = new Map<string, FamilySets>();
    const nextRoutes = new Map<string, Delivery[]>();
    const deliver = (a: string, delivery: Delivery) => {
      if (isEmpty(delivery.addresses)) return;
      next.set(a, union(next.get(a) ?? NO_ADDRESSES, delivery.addresses));
      const list = nextRoutes.get(a) ?? [];
      list.push(delivery);
      nextRoutes.set(a, list);
    };
    for (const [key, arrived] of arrives) {
      const table = transit.tables.get(key);
      if (!table) continue;
      const sel = view.tgwSelection(key);
      for (const r of table.routes) {
        if (r.attachment === undefined) continue;
        const addresses = sel.opaque.has(r) ? ofFamily(arrived, r.destination.kind === 'unknown' ? r.destination.family : undefined)
          : intersect(sel.regions.get(r.id) ?? NO_ADDRESSES, arrived);
        deliver(r.attachment, { table: key, route: r, addresses });
      }
      // A table the guard cannot see into may deliver anything that arrives to any attachment of its gateway.
      if (table.open) for (const a of attachments) if (a.tgw === table.tgw) deliver(a.key, { table: key, addresses: arrived });
    }
    // An attachment to a transit gateway the app does not define may be delivered anything.
    for (const a of attachments) if (a.kind === 'vpc' && a.tgw !== undefined && !transit.gateways.has(a.tgw)) deliver(a.key, { table: a.tgw, addresses: ALL_ADDRESSES });
    const stable = next.size === delivered.size && [...next].every(([k, v]) => sameSets(v, delivered.get(k) ?? NO_ADDRESSES));
    delivered = next;
    toAttachment = nextRoutes;
    if (stable) {
      const byTable = new Map<string, FamilySets>();
      for (const t of transitTables) byTable.set(t, tableDelivered(t));
      return { byTable, toAttachment };
    }
  }
  const byTable = new Map<string, FamilySets>();
  for (const t of transitTables) byTable.set(t, ALL_ADDRESSES);
  return { byTable, toAttachment };
}
