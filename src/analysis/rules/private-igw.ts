import { ForbiddenRouteRule } from './forbidden-route';
import { RULE_IDS } from '../rule-table';

/** NRG-PRIVATE-IGW: a private NAT gateway's traffic is sent to an internet gateway. */
export const PRIVATE_IGW_RULE: ForbiddenRouteRule = {
  ruleId: RULE_IDS.PRIVATE_IGW,
  applies: (route, nat) => nat.connectivity === 'private' && route.target.kind === 'igw',
  note: 'AWS drops traffic that a private NAT gateway sends to an internet gateway.',
  // Never a target another rule forbids for NAT traffic: no virtual private gateway (NRG-VGW);
  // a transit gateway only where NRG-TGW is off, as it is by default.
  fix: (ranges) => `send ${ranges} from the feeding tables to a public NAT gateway instead, `
    + 'or route it from the private NAT gateway\'s table to a transit gateway (unless you turned NRG-TGW on)',
};
