import { POLICY_NOTE } from '../findings';
import { RULE_IDS } from '../rule-table';
import { ForbiddenRouteRule } from './forbidden-route';

/** NRG-TGW (opt-in): a route to a transit gateway or Cloud WAN core network carries NAT traffic. */
export const TGW_RULE: ForbiddenRouteRule = {
  ruleId: RULE_IDS.TGW,
  applies: (route) => route.target.kind === 'tgw' || route.target.kind === 'core-network',
  note: POLICY_NOTE,
  fix: (ranges) => `route ${ranges} from the route tables that feed the NAT gateway straight to the transit gateway, so it bypasses the NAT gateway`,
};
