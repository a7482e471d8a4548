import { POLICY_NOTE } from '../findings';
import { RULE_IDS } from '../rule-table';
import { ForbiddenRouteRule } from './forbidden-route';

/** NRG-VGW: a route to a virtual private gateway carries NAT traffic. */
export const VGW_RULE: ForbiddenRouteRule = {
  ruleId: RULE_IDS.VGW,
  applies: (route) => route.target.kind === 'vgw',
  note: POLICY_NOTE,
  fix: (ranges) => `route ${ranges} from the route tables that feed the NAT gateway straight to the virtual private gateway, so it bypasses the NAT gateway (and drop the route from the NAT gateway's table if nothing else needs it)`,
};
