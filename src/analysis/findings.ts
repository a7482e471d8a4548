/**
 * Findings and the sentences they are made of. Every message starts with `[<rule id>]`,
 * names by path the NAT gateway, the offending route and target, one feeding table and route
 * with an example range, and the fix.
 */
import { NatGateway, describeDestination } from '../model/model';
import { RuleId } from '../rule-table';
import { FeedPiece } from './flow';

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
