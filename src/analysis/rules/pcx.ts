import { POLICY_NOTE } from '../findings';
import { RULE_IDS } from '../rule-table';
import { ForbiddenRouteRule } from './forbidden-route';

/** NRG-PCX: a route to a VPC peering connection carries NAT traffic. */
export const PCX_RULE: ForbiddenRouteRule = {
  ruleId: RULE_IDS.PCX,
  applies: (route) => route.target.kind === 'pcx',
  note: POLICY_NOTE,
  fix: (ranges) => `route ${ranges} from the route tables that feed the NAT gateway straight to the peering connection, so it bypasses the NAT gateway (and drop the route from the NAT gateway's table if nothing else needs it)`,
};
