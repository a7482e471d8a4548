/**
 * Findings and the sentences they are made of. Every message starts with `[<rule id>]`,
 * names by path the NAT gateway, the offending route and target, one feeding table and route
 * with an example range, and the fix.
 */
import { FeedPiece } from './flow';
import { NatRouteRuleLevel, RuleId } from './rule-table';
import { NatGateway, describeDestination } from '../model/model';

export interface Finding {
  readonly ruleId: RuleId;
  /** Path of the construct (or template location) the finding is placed on. */
  readonly path: string;
  readonly message: string;
  /**
   * The way the traffic goes, for a diagram: the feeding table and its route, the NAT gateway,
   * the offending route and its target (rules that judge a route).
   */
  readonly trail?: readonly string[];
  /** How the message names the NAT gateway it is about (`natName`), where it is about one. */
  readonly nat?: string;
  /**
   * Reported at most as a warning whatever its rule's level: it holds only through tables that look
   * transit-only and are not declared so (docs/transit.md).
   */
  readonly atMostWarning?: boolean;
}

/** The level a finding is reported at, given its rule's. */
export function levelOfFinding(f: Finding, ruleLevel: NatRouteRuleLevel): NatRouteRuleLevel {
  return f.atMostWarning && ruleLevel === NatRouteRuleLevel.ERROR ? NatRouteRuleLevel.WARNING : ruleLevel;
}

/**
 * One finding per rule and construct (docs/judging.md): a route, propagation or endpoint in a table
 * that several NAT gateways share is one finding that names every NAT gateway it concerns. The
 * first one's explanation and example stay; its NAT gateway becomes the list of all of them.
 */
export function oneFindingPerConstruct(findings: readonly Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.ruleId}\u0000${f.path}`;
    const group = groups.get(key);
    if (!group) groups.set(key, [f]);
    else if (!group.some((g) => g.message === f.message)) group.push(f);
  }
  return [...groups.values()].map((group) => {
    const [first0] = group;
    if (group.length === 1) return first0;
    // A construct's finding is capped at a warning only when every finding merged into it is.
    const capped = group.every((f) => f.atMostWarning);
    const first = capped === !!first0.atMostWarning ? first0 : { ...first0, atMostWarning: capped || undefined };
    const nats = [...new Set(group.map((f) => f.nat).filter((n): n is string => n !== undefined))];
    if (first.nat === undefined || nats.length < 2) {
      // Several findings of one rule on one construct that are not about different NAT gateways: nothing is dropped.
      return { ...first, message: [first.message, ...group.slice(1).map((f) => f.message.replace(/^\[[^\]]+\] /, ''))].join(' Also: ') };
    }
    const names = `${nats.slice(0, -1).join(', ')} and ${nats[nats.length - 1]}`;
    const message = first.message.includes(`${first.nat} forwards `)
      ? first.message.replace(`${first.nat} forwards `, `${names} forward `)
      : first.message.replace(first.nat, names);
    return { ...first, message, nat: undefined };
  });
}

/** `That traffic comes from <table> (<destination> -> NAT gateway).` */
export function comesFrom(via: FeedPiece, unresolvedInflow: boolean): string {
  const translated = via.nat64 ? ', translated to IPv4 by NAT64' : '';
  const route = `${describeDestination(via.route.destination)} -> NAT gateway${translated}, route ${via.route.path}`;
  return unresolvedInflow
    ? `That traffic may come from ${via.table.path} (${route}), whose destination could not be resolved at synth, so the guard cannot prove that no NAT gateway traffic takes this route.`
    : `That traffic comes from ${via.table.path} (${route}).`;
}

export function natName(nat: NatGateway): string {
  const kind = nat.connectivity === 'private' ? 'private NAT gateway' : 'NAT gateway';
  return `${nat.regional ? 'regional ' : ''}${kind} ${nat.path}`;
}

export function acknowledgeHint(ruleId: RuleId): string {
  return `or acknowledge: Validations.of(scope).acknowledge({ id: '${ruleId}', reason: '...' }).`;
}

export const POLICY_NOTE = 'AWS forwards this traffic source-NATed to the NAT gateway\'s address and charges NAT processing for it; this guard\'s policy is to keep it off the NAT gateway.';

/**
 * A message's first sentence (it stands alone: what a terminal or a code-scanning view shows)
 * and its fix (from `Fix:` on), for reports that show them apart.
 */
export function messageParts(message: string): { readonly first: string; readonly fix?: string } {
  const end = /\.\s+(?=[A-Z(])/.exec(message);
  const first = end ? message.slice(0, end.index + 1) : message;
  const fixAt = message.indexOf(' Fix: ');
  return { first, fix: fixAt >= 0 ? message.slice(fixAt + ' Fix: '.length) : undefined };
}
