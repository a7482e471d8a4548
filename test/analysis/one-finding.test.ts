/**
 * One finding per rule and construct (docs/judging.md): merged, never dropped.
 */
import { Finding, oneFindingPerConstruct } from '../../src/analysis/findings';

const f = (path: string, message: string, nat?: string): Finding => ({ ruleId: 'NRG-VGW', path, message, nat });

test('findings about different NAT gateways on one route become one naming them all', () => {
  expect(oneFindingPerConstruct([
    f('S/R', '[NRG-VGW] NAT gateway S/A forwards 10.0.0.0/8 to X. Fix: y.', 'NAT gateway S/A'),
    f('S/R', '[NRG-VGW] NAT gateway S/B forwards 10.1.0.0/16 to X. Fix: y.', 'NAT gateway S/B'),
    f('S/Other', '[NRG-VGW] NAT gateway S/B forwards 10.1.0.0/16 to Z. Fix: y.', 'NAT gateway S/B'),
  ]).map((x) => `${x.path}: ${x.message}`)).toEqual([
    'S/R: [NRG-VGW] NAT gateway S/A and NAT gateway S/B forward 10.0.0.0/8 to X. Fix: y.',
    'S/Other: [NRG-VGW] NAT gateway S/B forwards 10.1.0.0/16 to Z. Fix: y.',
  ]);
});

test('other findings of one rule on one construct are joined, not dropped; exact repeats go', () => {
  expect(oneFindingPerConstruct([
    f('S/R', '[NRG-VGW] First.'),
    f('S/R', '[NRG-VGW] First.'),
    f('S/R', '[NRG-VGW] Second.'),
  ]).map((x) => x.message)).toEqual(['[NRG-VGW] First. Also: Second.']);
});
