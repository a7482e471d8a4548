import { ForbiddenRouteRule } from './forbidden-route';
import { RULE_IDS } from '../../rule-table';

/** NRG-PRIVATE-IGW: a private NAT gateway's traffic is sent to an internet gateway. */
export const PRIVATE_IGW_RULE: ForbiddenRouteRule = {
  ruleId: RULE_IDS.PRIVATE_IGW,
  applies: (route, nat) => nat.connectivity === 'private' && route.target.kind === 'igw',
  note: 'AWS drops traffic that a private NAT gateway sends to an internet gateway.',
  fix: (example) => `send ${example} from the feeding tables to a public NAT gateway instead, or route it from the private NAT gateway's table to a transit gateway or virtual private gateway`,
};
