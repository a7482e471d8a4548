import { Destination, Route, RoutingModel, TargetKind, describeDestination, describeTarget } from '../../model/model';
import { Cidr, cidrContains } from '../../net/cidr';
import { Finding } from '../findings';
import { RULE_IDS } from '../rule-table';

/** Targets AWS accepts for a route more specific than the local route (middlebox routing, docs/routing.md). */
const MORE_SPECIFIC_THAN_LOCAL: ReadonlySet<TargetKind> = new Set<TargetKind>(['nat', 'eni', 'gwlb-endpoint', 'instance', 'local']);

/**
 * NRG-INVALID: what CloudFormation or EC2 would reject. Values the reader could not read as
 * CloudFormation would (its problems), and in each table: two routes with one destination, and a
 * route more specific than a local route to a target AWS does not allow there.
 */
export function checkInvalid(model: RoutingModel): Finding[] {
  const findings: Finding[] = model.problems
    .filter((p) => p.kind === 'invalid')
    .map((p) => ({ ruleId: RULE_IDS.INVALID, path: p.path, message: `[${RULE_IDS.INVALID}] ${p.message}` }));
  const invalid = (route: Route, what: string, fix: string) => findings.push({
    ruleId: RULE_IDS.INVALID, path: route.path, message: `[${RULE_IDS.INVALID}] Route ${route.path} ${what}. CloudFormation would reject it. Fix: ${fix}.`,
  });
  for (const table of model.tables) {
    if (table.routes.length < 2) continue; // one route cannot repeat a destination, nor sit inside a local range
    const routes = table.routes;
    let locals: Cidr[] | undefined;
    for (let i = 0; i < routes.length; i++) {
      const d = routes[i].destination;
      if (routes[i].origin === 'local' && d.kind === 'cidr') (locals ??= []).push(d.cidr);
    }
    // Small tables (most of a large app's) are searched directly; a map per kind of destination,
    // made when one is met, for larger ones, so that small tables make no maps.
    const byDestination: DestinationIndex | undefined = routes.length > SEARCHED_DIRECTLY ? {} : undefined;
    for (let i = 0; i < routes.length; i++) {
      const route = routes[i];
      if (route.origin !== 'static' || route.implicit) continue;
      const first = byDestination ? firstIndexed(byDestination, route) : firstBefore(routes, i);
      if (first) {
        invalid(route, `has the same destination (${describeDestination(route.destination)}) as route ${first.path} in route table ${table.path}; a table holds one route per destination`,
          'keep one of the two routes');
        continue;
      }
      const d = route.destination;
      if (locals === undefined || d.kind !== 'cidr' || MORE_SPECIFIC_THAN_LOCAL.has(route.target.kind) || route.target.kind === 'unknown-gateway') continue;
      const local = insideLocal(locals, d.cidr);
      if (local) {
        invalid(route, `sends ${d.cidr.text}, inside the VPC's local range ${local.text}, to ${describeTarget(route.target)} in route table ${table.path}; `
          + 'AWS accepts a route more specific than the local route only to a NAT gateway, a network interface or a Gateway Load Balancer endpoint',
        'route a destination outside the VPC\'s CIDR blocks, or send the subnet\'s range to a network interface or Gateway Load Balancer endpoint');
      }
    }
  }
  return findings;
}

/** Tables with at most this many routes are searched route by route for a repeated destination. */
const SEARCHED_DIRECTLY = 32;

/** The first static route before `routes[i]` with the same destination (`destinationKey` in the same map of `indexOf`). */
function firstBefore(routes: readonly Route[], i: number): Route | undefined {
  const d = routes[i].destination;
  const key = destinationKey(d);
  for (let j = 0; j < i; j++) {
    const r = routes[j];
    if (r.origin !== 'static' || r.implicit) continue;
    const e = r.destination;
    if (e.kind === d.kind && (e.kind !== 'unknown' || e.family === (d as typeof e).family) && destinationKey(e) === key) return r;
  }
  return undefined;
}

/** The first route indexed with the same destination as this one; indexes it when there is none. */
function firstIndexed(index: DestinationIndex, route: Route): Route | undefined {
  const map = indexOf(index, route.destination);
  const key = destinationKey(route.destination);
  const first = map.get(key);
  if (!first) map.set(key, route);
  return first;
}

/** Routes by destination, one map per kind (and family of unresolved expressions). */
interface DestinationIndex {
  cidr?: Map<string, Route>;
  prefixList?: Map<string, Route>;
  unknown4?: Map<string, Route>;
  unknown6?: Map<string, Route>;
  unknown?: Map<string, Route>;
}

/** The first local range a block is strictly inside (prefix lengths first: they are numbers, addresses bigints). */
function insideLocal(locals: readonly Cidr[], c: Cidr): Cidr | undefined {
  for (let i = 0; i < locals.length; i++) {
    const l = locals[i];
    if (c.length > l.length && cidrContains(l, c)) return l;
  }
  return undefined;
}

/** The map of a destination's kind (and family, for an unresolved expression), made on first need. */
function indexOf(index: DestinationIndex, d: Destination): Map<string, Route> {
  switch (d.kind) {
    case 'cidr': return index.cidr ??= new Map();
    case 'prefix-list': return index.prefixList ??= new Map();
    case 'unknown': return d.family === 4 ? index.unknown4 ??= new Map() : d.family === 6 ? index.unknown6 ??= new Map() : index.unknown ??= new Map();
  }
}

/** A destination's key in its map: a text the model already holds (no new string per route). */
function destinationKey(d: Destination): string {
  return d.kind === 'cidr' ? d.cidr.text : d.key;
}
