import { Destination, Route, RoutingModel, TargetKind, describeDestination, describeTarget } from '../../model/model';
import { Cidr } from '../../net/cidr';
import { RULE_IDS } from '../../rule-table';
import { Finding } from '../findings';

/** Targets AWS accepts for a route more specific than the local route (middlebox routing, aws-routing-facts.md §3). */
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
    // A map per kind of destination, made when one is met (tables are many, and most hold CIDR blocks only).
    const byDestination: DestinationIndex = {};
    for (let i = 0; i < routes.length; i++) {
      const route = routes[i];
      if (route.origin !== 'static' || route.implicit) continue;
      const index = indexOf(byDestination, route.destination);
      const key = destinationKey(route.destination);
      const first = index.get(key);
      if (first) {
        invalid(route, `has the same destination (${describeDestination(route.destination)}) as route ${first.path} in route table ${table.path}; a table holds one route per destination`,
          'keep one of the two routes');
        continue;
      }
      index.set(key, route);
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
    if (c.length > l.length && l.family === c.family && l.first <= c.first && c.last <= l.last) return l;
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
