import { RoutingModel } from '../../model/model';
import { RULE_IDS } from '../../rule-table';
import { Finding } from '../findings';

/** NRG-INVALID: routes the reader could not read as CloudFormation would. */
export function checkInvalid(model: RoutingModel): Finding[] {
  return model.problems
    .filter((p) => p.kind === 'invalid')
    .map((p) => ({ ruleId: RULE_IDS.INVALID, path: p.path, message: `[${RULE_IDS.INVALID}] ${p.message}` }));
}
