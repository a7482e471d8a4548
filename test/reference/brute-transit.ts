/**
 * The independent reference across transit gateways (docs/transit.md), one address at a time.
 * It shares no code with src/analysis or src/net: it reads the model as data, decides route
 * selection in TGW tables with the TGW tie order directly, computes what transit gateways deliver
 * to each attachment by a fixpoint per address, and walks each address from each entry route.
 */
import { Destination, Route, RouteTable, RoutingModel } from '../../src/model/model';
import { Attachment, TgwPolicyTable, TgwRoute, TransitModel } from '../../src/model/transit';
import { Cidr } from '../../src/net/cidr';

export type Fam = 4 | 6;

interface Span { fam: Fam; first: bigint; last: bigint; len: number }

export function spansOf(d: Destination): Span[] | undefined {
  if (d.kind === 'cidr') return [{ fam: d.cidr.family, first: d.cidr.first, last: d.cidr.last, len: d.cidr.length }];
  if (d.kind === 'prefix-list' && d.entries) return d.entries.map((c) => ({ fam: c.family, first: c.first, last: c.last, len: c.length }));
  return undefined;
}

/** Whether an unresolved destination may hold an address of this family. */
const opaqueFor = (d: Destination, fam: Fam) => spansOf(d) === undefined && (d.kind !== 'unknown' || d.family === undefined || d.family === fam);

/** The routes a TGW table selects for one address: longest prefix, then the lowest rank; opaque routes take no part. */
export function tgwSelectFor(routes: readonly TgwRoute[], fam: Fam, x: bigint): TgwRoute[] {
  let best: TgwRoute[] = [];
  let bestLen = -1;
  let bestRank = 99;
  for (const r of routes) {
    const ss = spansOf(r.destination);
    if (!ss) continue;
    let len = -1;
    for (const s of ss) if (s.fam === fam && s.first <= x && x <= s.last && s.len > len) len = s.len;
    if (len < 0) continue;
    if (len > bestLen || (len === bestLen && r.rank < bestRank)) {
      best = [r];
      bestLen = len;
      bestRank = r.rank;
    } else if (len === bestLen && r.rank === bestRank) {
      best.push(r);
    }
  }
  return best;
}

const HYBRID = ['vpn', 'vpn-concentrator', 'dx-gateway', 'connect', 'client-vpn'];
const BGP = [...HYBRID, 'unknown'];

export interface TransitContext {
  readonly model: RoutingModel;
  readonly transit: TransitModel;
  readonly tables: ReadonlyMap<string, RouteTable>;
  readonly selectFor: (t: RouteTable, fam: Fam, x: bigint) => Route[];
  /** Tables taken as transit tables (declared, or declared and look-alikes). */
  readonly transitTables: ReadonlySet<string>;
}

/** The VPC tables of an attachment's subnets that the model holds. */
export function attachmentTables(ctx: TransitContext, a: Attachment): string[] {
  return [...new Set(ctx.transit.subnets.filter((s) => (a.subnets ?? []).includes(s.path) && s.tableKey !== undefined && ctx.tables.has(s.tableKey))
    .map((s) => s.tableKey!))];
}

/** The TGW tables an attachment's traffic is routed by (on one TGW when given). */
export function ingressTables(
  ctx: TransitContext, a: string, onTgw?: string,
): { tables: string[]; policy: boolean; policyTables: string[]; unresolved: boolean } {
  const out = { tables: [] as string[], policy: false, policyTables: [] as string[], unresolved: false };
  for (const as of ctx.transit.associations) {
    if (as.attachment !== a) continue;
    if (as.policy) {
      if (as.policyTable !== undefined && ctx.transit.policyTables?.has(as.policyTable)) out.policyTables.push(as.policyTable);
      else out.policy = true;
    } else if (as.table === undefined) {out.unresolved = true;} else {
      const tgw = ctx.transit.tables.get(as.table)?.tgw;
      if (onTgw === undefined || tgw === undefined || tgw === onTgw) if (!out.tables.includes(as.table)) out.tables.push(as.table);
    }
  }
  return out;
}

/**
 * The route tables a policy table may route one address of a NAT gateway's traffic by, rule by rule
 * (docs/transit.md 3.4): an entry applies if its destination holds the address (an unresolved one
 * may) and its source may hold the NAT gateway's address; the scan ends at the first entry that
 * certainly applies (known destination, source holding every address the NAT gateway can have, no
 * protocol or port condition, and every rule number known). `unknown`: an applying entry names no table.
 */
export function policyTargets(
  p: TgwPolicyTable, natSources: readonly Cidr[] | undefined, fam: Fam, x: bigint,
): { tables: string[]; unknown: boolean } {
  const byRule = [...p.entries].sort((a, b) => (a.rule ?? Infinity) - (b.rule ?? Infinity));
  const everyRuleKnown = byRule.every((e) => e.rule !== undefined);
  const out = { tables: [] as string[], unknown: false };
  for (const e of byRule) {
    let destination: 'yes' | 'no' | 'maybe';
    const d = e.destination;
    if (d === undefined) destination = 'yes';
    else if (d.kind === 'cidr') destination = d.cidr.family === fam && d.cidr.first <= x && x <= d.cidr.last ? 'yes' : 'no';
    else if (d.kind === 'prefix-list' && d.entries) destination = d.entries.some((c) => c.family === fam && c.first <= x && x <= c.last) ? 'yes' : 'no';
    else destination = d.kind === 'unknown' && d.family !== undefined && d.family !== fam ? 'no' : 'maybe';
    if (destination === 'no') continue;
    let source: 'yes' | 'no' | 'maybe';
    const s = e.source;
    if (s === undefined) source = 'yes';
    else if (s.kind !== 'cidr' || s.cidr.family !== 4 || !natSources || natSources.length === 0) source = 'maybe';
    else if (natSources.every((c) => c.family === 4 && s.cidr.first <= c.first && c.last <= s.cidr.last)) source = 'yes';
    else source = natSources.some((c) => c.family === 4 && c.first <= s.cidr.last && s.cidr.first <= c.last) ? 'maybe' : 'no';
    if (source === 'no') continue;
    if (e.table === undefined) out.unknown = true;
    else if (!out.tables.includes(e.table)) out.tables.push(e.table);
    if (everyRuleKnown && destination === 'yes' && source === 'yes' && !e.conditioned) break;
  }
  return out;
}

/** For one address: which attachments transit gateways deliver it to, and in which TGW tables it arrives (least fixpoint). */
export function deliveriesAt(ctx: TransitContext, fam: Fam, x: bigint): { delivered: Set<string>; arrives: Set<string> } {
  const { transit, model } = ctx;
  const attachments = [...transit.attachments.values()];
  let delivered = new Set<string>();
  let arrives = new Set<string>();
  for (let round = 0; round < 200; round++) {
    const sends = (s: Attachment): boolean => {
      if (s.kind === 'network-function') return delivered.has(s.key);
      if (s.kind !== 'vpc') return true;
      if (s.vpc === undefined || !transit.vpcsInApp.has(s.vpc)) return true;
      return model.tables.some((t) => t.vpc === s.vpc && t.carriesTraffic && s.tgw !== undefined
        && [...ctx.selectFor(t, fam, x), ...t.routes.filter((r) => opaqueFor(r.destination, fam))].some((r) => r.target.kind === 'tgw' && r.target.key === s.tgw)
        && (!ctx.transitTables.has(t.key) || tableDelivered(ctx, t.key, delivered)));
    };
    const nextArrives = new Set<string>();
    for (const s of attachments) {
      if (!sends(s)) continue;
      const ing = ingressTables(ctx, s.key);
      ing.tables.forEach((t) => nextArrives.add(t));
      // Policy tables: every table an entry names (every table of the TGW where an entry names none).
      const entries = ing.policyTables.flatMap((p) => transit.policyTables?.get(p)?.entries ?? []);
      for (const e of entries) if (e.table !== undefined) nextArrives.add(e.table);
      if (ing.policy || ing.unresolved || entries.some((e) => e.table === undefined)) {
        for (const t of transit.tables.values()) if (t.tgw === s.tgw) nextArrives.add(t.key);
      }
    }
    const next = new Set<string>();
    for (const q of nextArrives) {
      const table = transit.tables.get(q);
      if (!table) continue;
      for (const r of tgwSelectFor(table.routes, fam, x)) if (r.attachment !== undefined) next.add(r.attachment);
      for (const r of table.routes) if (r.attachment !== undefined && opaqueFor(r.destination, fam)) next.add(r.attachment);
      if (table.open) for (const a of attachments) if (a.tgw === table.tgw) next.add(a.key);
    }
    for (const a of attachments) if (a.kind === 'vpc' && a.tgw !== undefined && !transit.gateways.has(a.tgw)) next.add(a.key);
    const stable = next.size === delivered.size && [...next].every((k) => delivered.has(k)) && nextArrives.size === arrives.size;
    delivered = next;
    arrives = nextArrives;
    if (stable) break;
  }
  return { delivered, arrives };
}

/** Whether an address delivered to these attachments reaches transit table `t` (through an attachment in its subnets). */
export function tableDelivered(ctx: TransitContext, t: string, delivered: ReadonlySet<string>): boolean {
  for (const a of ctx.transit.attachments.values()) {
    if (a.kind === 'vpc' && delivered.has(a.key) && attachmentTables(ctx, a).includes(t)) return true;
  }
  return false;
}

export interface Reached {
  readonly exits: Set<string>;
  /** `propagation path|TGW table` reached by a BGP attachment's propagation, with the addresses. */
  readonly reaches: Map<string, { attachment: string; table: string; path: string; xs: { fam: Fam; x: bigint }[] }>;
}

/** Walk one address from one entry route (a route in the NAT gateway's table to a TGW or core network). */
export function walkAddress(
  ctx: TransitContext, natVpc: string | undefined, entry: Route, fromTable: string, fam: Fam, x: bigint, out: Reached, fromVpc = natVpc,
  natSources?: readonly Cidr[],
): void {
  const { transit } = ctx;
  const exit = (rule: string) => out.exits.add(`${rule} @ ${entry.path}`);
  const enter = (target: Route['target'], vpc: string | undefined, from: string, seen: Set<string>) => {
    if (target.kind === 'core-network') return exit('NRG-TGW-UNKNOWN');
    const gw = transit.gateways.get(target.key);
    if (!gw) {
      const declared = transit.external.get(target.key) ?? transit.external.get(target.label);
      if (!declared) return exit('NRG-TGW-UNKNOWN');
      if (declared.onPremises.some((c) => c.family === fam && c.first <= x && x <= c.last)) exit('NRG-TGW-HYBRID');
      return undefined;
    }
    const fromAzs = transit.subnets.filter((s) => s.tableKey === from).map((s) => s.az);
    for (const a of transit.attachments.values()) {
      if (a.kind !== 'vpc' || vpc === undefined || a.vpc !== vpc || a.tgw !== gw.key) continue;
      const azs = (a.subnets ?? []).map((p) => transit.subnets.find((s) => s.path === p)?.az);
      const literal = (l: (string | undefined)[]) => l.length > 0 && l.every((z) => z !== undefined);
      if (literal(fromAzs) && literal(azs) && !fromAzs.some((z) => azs.includes(z))) continue;
      const ing = ingressTables(ctx, a.key, gw.key);
      if (ing.policy || ing.unresolved) exit('NRG-TGW-UNKNOWN');
      for (const q of ing.tables) tgwTable(q, seen);
      for (const p of ing.policyTables) {
        const { tables, unknown } = policyTargets(ctx.transit.policyTables!.get(p)!, natSources, fam, x);
        if (unknown) exit('NRG-TGW-UNKNOWN');
        for (const q of tables) tgwTable(q, seen);
      }
    }
    return undefined;
  };
  const tgwTable = (q: string, seen0: Set<string>) => {
    if (seen0.has(q)) return;
    const seen = new Set(seen0).add(q);
    const table = transit.tables.get(q);
    if (!table) return;
    if (table.open) exit('NRG-TGW-UNKNOWN');
    for (const r of [...tgwSelectFor(table.routes, fam, x), ...table.routes.filter((o) => opaqueFor(o.destination, fam))]) {
      if (r.attachment === undefined) continue;
      const a = transit.attachments.get(r.attachment)!;
      if (spansOf(r.destination) === undefined && r.propagation !== undefined && BGP.includes(a.kind)) {
        const key = `${r.propagation}|${q}`;
        const reach = out.reaches.get(key) ?? { attachment: a.key, table: q, path: r.propagation, xs: [] };
        reach.xs.push({ fam, x });
        out.reaches.set(key, reach);
        continue;
      }
      if (HYBRID.includes(a.kind)) {exit('NRG-TGW-HYBRID');} else if (a.kind === 'peering') {
        exit('NRG-TGW-PEERING');
        if (a.peer) for (const t of ingressTables(ctx, a.key, a.peer).tables) tgwTable(t, seen);
      } else if (a.kind === 'network-function') {
        for (const t of ingressTables(ctx, a.key).tables) tgwTable(t, seen);
      } else if (a.kind === 'vpc') {
        if (a.vpc !== natVpc) exit('NRG-TGW-VPC');
        for (const t of attachmentTables(ctx, a)) vpcTable(t, seen);
      } else {
        exit('NRG-TGW-UNKNOWN');
      }
    }
  };
  const vpcTable = (key: string, seen0: Set<string>) => {
    if (seen0.has(key)) return;
    const seen = new Set(seen0).add(key);
    const table = ctx.tables.get(key)!;
    for (const r of [...ctx.selectFor(table, fam, x), ...table.routes.filter((o) => opaqueFor(o.destination, fam))]) {
      if (r.target.kind === 'tgw' || r.target.kind === 'core-network') enter(r.target, table.vpc, key, seen);
      else if (r.target.kind === 'vgw') exit('NRG-TGW-HYBRID');
      else if (r.target.kind === 'pcx') exit('NRG-TGW-PEERING');
      else if (r.target.kind === 'unknown-gateway') exit('NRG-TGW-UNKNOWN');
    }
  };
  enter(entry.target, fromVpc, fromTable, new Set([fromTable]));
}

const isStaticDefault = (r: TgwRoute, fam: Fam) => r.rank === 0 && r.propagation === undefined && r.destination.kind === 'cidr'
  && r.destination.cidr.family === fam && r.destination.cidr.length === 0;

/**
 * Whether a reached propagation is exempt (docs/transit.md, 6.2), decided address by address.
 * @param arrivals the NAT gateway's arrivals (table, address); `unknownFeed` when some feeding route is unresolved outside transit tables
 */
export function exempt(
  ctx: TransitContext, reach: { attachment: string; table: string; xs: { fam: Fam; x: bigint }[] },
  arrivals: readonly { table: RouteTable; fam: Fam; x: bigint }[], unknownFeed: boolean,
): boolean {
  const { transit } = ctx;
  if (unknownFeed || arrivals.some((a) => !ctx.transitTables.has(a.table.key))) return false;
  // Only propagations that exist in every world count: a default one the template leaves open may not.
  const certain = (p: { implicit: boolean; attachment: string }) => {
    const a = transit.attachments.get(p.attachment);
    return !p.implicit || (a?.followsDefaults === 'on' && transit.gateways.get(a.tgw ?? '')?.defaultPropagation === 'on');
  };
  const propagates = (q: string) => transit.propagations.some((p) => p.attachment === reach.attachment && p.table === q && certain(p));
  for (const { table, fam, x } of arrivals) {
    const { arrives } = deliveriesAt(ctx, fam, x);
    for (const a of transit.attachments.values()) {
      if (a.kind !== 'vpc' || !attachmentTables(ctx, a).includes(table.key)) continue;
      if (a.tgw !== undefined && !transit.gateways.has(a.tgw)) return false;
      for (const q of arrives) {
        const t = transit.tables.get(q);
        if (!t) continue;
        if (t.open && t.tgw === a.tgw) return false;
        const delivering = [...tgwSelectFor(t.routes, fam, x), ...t.routes.filter((r) => opaqueFor(r.destination, fam))]
          .filter((r) => r.attachment === a.key);
        for (const r of delivering) if (!isStaticDefault(r, fam) || !propagates(q)) return false;
      }
    }
  }
  const x = transit.tables.get(reach.table)!;
  return reach.xs.every(({ fam, x: addr }) => x.routes.some((r) => isStaticDefault(r, fam))
    || x.routes.some((r) => (spansOf(r.destination) ?? []).some((s) => s.fam === fam && s.first <= addr && addr <= s.last)));
}

/** Every boundary address the transit part adds to the samples. */
export function transitSamples(transit: TransitModel | undefined): { fam: Fam; x: bigint }[] {
  const out: { fam: Fam; x: bigint }[] = [];
  for (const t of transit?.tables.values() ?? []) {
    for (const r of t.routes) {
      for (const s of spansOf(r.destination) ?? []) for (const x of [s.first - 1n, s.first, s.last, s.last + 1n]) out.push({ fam: s.fam, x });
    }
  }
  for (const e of transit?.external.values() ?? []) {
    for (const c of e.onPremises) for (const x of [c.first - 1n, c.first, c.last, c.last + 1n]) out.push({ fam: c.family, x });
  }
  for (const p of transit?.policyTables?.values() ?? []) {
    for (const e of p.entries) {
      const spans = (e.destination ? spansOf(e.destination) : undefined) ?? [];
      for (const s of spans) for (const x of [s.first - 1n, s.first, s.last, s.last + 1n]) out.push({ fam: s.fam, x });
    }
  }
  return out;
}
