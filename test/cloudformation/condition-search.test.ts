/**
 * Worlds are assignments of the atoms, never of conditions (issue 19, docs/conditions.md): the
 * combinations of conditions the guard judges are exactly those CloudFormation can produce, found
 * by a search, however many combinations of parameter values there are; past the search's budget,
 * only combinations some assignment produces. Compared with an independent evaluator that applies
 * CloudFormation's condition functions to every parameter value.
 */
import * as fc from 'fast-check';
import { ConditionDef, qualifyConditions } from '../../src/cloudformation/conditions/condition';
import { MAX_WORLDS, coveringAssignments } from '../../src/cloudformation/conditions/search';
import { worldsOf } from '../../src/cloudformation/conditions/worlds';
import { ResourceRecord } from '../../src/records/record';
import { Conditions, conditionHolds, everyCombination } from '../reference/condition-values';

/** The guard's combinations for a template's conditions: one routing record per condition, in `names` order. */
function guardCombinations(conditions: Conditions, names: readonly string[]) {
  const key = (n: string) => `S|${n}`;
  const defs = new Map<string, ConditionDef>(Object.entries(conditions)
    .map(([n, e]) => [key(n), { name: n, scope: 'S', expression: qualifyConditions(e, key) }]));
  const records: ResourceRecord[] = names.map((n) => ({ path: `S/R${n}`, type: 'AWS::EC2::Route', properties: {}, condition: key(n) }));
  const worlds = worldsOf(records, defs);
  return {
    combinations: new Set(worlds.worlds.map((w) => names.map((n) => (w.holds(key(n)) ? '1' : '0')).join(''))),
    problems: worlds.problems,
  };
}

/** 20-30 conditions over 6-9 parameters, each compared with one to three values, built on each other. */
function conditionFamily() {
  return fc.record({
    params: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 6, maxLength: 9 }),
    count: fc.integer({ min: 20, max: 30 }),
    seed: fc.array(fc.nat(1_000_000), { minLength: 200, maxLength: 200 }),
  }).map(({ params, count, seed }) => {
    let k = 0;
    const pick = (n: number) => seed[k++ % seed.length] % n;
    const literals = params.map((n, i) => Array.from({ length: n }, (_x, j) => `v${i}${j}`));
    const leaf = (c: number): unknown => {
      if (c > 0 && pick(3) === 0) return { Condition: `C${pick(c)}` };
      const p = pick(params.length);
      return { 'Fn::Equals': [{ Ref: `P${p}` }, literals[p][pick(literals[p].length)]] };
    };
    const conditions: Conditions = {};
    for (let c = 0; c < count; c++) {
      const form = pick(5);
      conditions[`C${c}`] = form === 0 ? { 'Fn::Not': [leaf(c)] }
        : form === 1 ? { 'Fn::And': [leaf(c), leaf(c)] }
          : form === 2 ? { 'Fn::Or': [leaf(c), leaf(c), leaf(c)] }
            : leaf(c);
    }
    // Each parameter at each value it is compared with, and at one it is not.
    const domains = Object.fromEntries(literals.map((l, i) => [`P${i}`, [...l, 'something-else']]));
    const assignments = literals.reduce((n, l) => n * (l.length + 1), 1);
    return { conditions, names: Object.keys(conditions), domains, assignments };
  });
}

test('generated templates with 20-30 conditions over shared parameters: the same combinations as every parameter value gives, 0 disagreements', () => {
  let beyondTheOldLimit = 0;
  let disagreements = 0;
  fc.assert(fc.property(conditionFamily(), ({ conditions, names, domains, assignments }) => {
    const expected = everyCombination(conditions, names, domains);
    const { combinations, problems } = guardCombinations(conditions, names);
    if (expected.size > MAX_WORLDS) {
      // Past the budget: only combinations CloudFormation can produce, and the guard says so.
      for (const c of combinations) if (!expected.has(c)) disagreements++;
      expect(problems).toHaveLength(1);
      return;
    }
    if (assignments > MAX_WORLDS) beyondTheOldLimit++;
    const missing = [...expected].filter((c) => !combinations.has(c));
    const extra = [...combinations].filter((c) => !expected.has(c));
    disagreements += missing.length + extra.length;
    expect({ missing, extra, problems }).toEqual({ missing: [], extra: [], problems: [] });
  }), { numRuns: 60, seed: 20261202 });
  expect(disagreements).toBe(0);
  // Many of these templates have more parameter combinations than the old limit: all judged exactly.
  expect(beyondTheOldLimit).toBeGreaterThan(10);
});

/**
 * The shape of the real template in the issue: three AZs, public / private / intranet subnets,
 * public and private NAT gateways, a transit gateway option; 26 conditions over 18 parameters,
 * where NatIntraC needs IntraC.
 */
function threeAzVpc(): Conditions {
  const eq = (p: string, v: string) => ({ 'Fn::Equals': [{ Ref: p }, v] });
  const c: Conditions = {
    TwoAzC: { 'Fn::Not': [eq('NumberOfAZs', '1')] },
    ThreeAzC: eq('NumberOfAZs', '3'),
    PublicC: eq('PublicSubnets', 'true'),
    PrivateC: eq('PrivateSubnets', 'true'),
    IntraC: eq('IntranetSubnets', 'true'),
    NatC: { 'Fn::And': [{ Condition: 'PublicC' }, { Condition: 'PrivateC' }, { 'Fn::Not': [eq('NatMode', 'none')] }] },
    InternetViaPublicNAT: { 'Fn::And': [{ Condition: 'NatC' }, eq('NatMode', 'public')] },
    PrivateNatC: { 'Fn::And': [{ Condition: 'PrivateC' }, eq('PrivateNat', 'true')] },
    NatIntraC: { 'Fn::And': [{ Condition: 'IntraC' }, { Condition: 'PrivateNatC' }] },
    TgwC: { 'Fn::Not': [eq('TransitGatewayId', '')] },
    TgwPrivateC: { 'Fn::And': [{ Condition: 'TgwC' }, { Condition: 'PrivateC' }] },
    TgwIntraC: { 'Fn::And': [{ Condition: 'TgwC' }, { Condition: 'IntraC' }] },
    FlowLogsC: eq('FlowLogs', 'true'),
    EndpointS3C: eq('S3Endpoint', 'true'),
    EndpointDdbC: eq('DynamoDbEndpoint', 'true'),
    Ipv6C: eq('Ipv6', 'true'),
    Nat64C: { 'Fn::And': [{ Condition: 'Ipv6C' }, { Condition: 'NatC' }, eq('Dns64', 'true')] },
    VpnC: { 'Fn::Not': [eq('CustomerGatewayIp', '')] },
    VpnPropagateC: { 'Fn::And': [{ Condition: 'VpnC' }, eq('Propagate', 'true')] },
    PeeringC: { 'Fn::Not': [eq('PeerVpcId', '')] },
  };
  for (const az of ['2', '3']) {
    const inAz = az === '2' ? 'TwoAzC' : 'ThreeAzC';
    c[`NatAz${az}C`] = { 'Fn::And': [{ Condition: 'NatC' }, { Condition: inAz }, eq('NatPerAz', 'true')] };
    c[`IntraAz${az}C`] = { 'Fn::And': [{ Condition: 'IntraC' }, { Condition: inAz }] };
    c[`NatIntraAz${az}C`] = { 'Fn::And': [{ Condition: 'NatIntraC' }, { Condition: inAz }] };
  }
  return c;
}

const THREE_AZ_DOMAINS: Record<string, string[]> = {
  NumberOfAZs: ['1', '3', 'other'],
  PublicSubnets: ['true', 'x'],
  PrivateSubnets: ['true', 'x'],
  IntranetSubnets: ['true', 'x'],
  NatMode: ['none', 'public', 'x'],
  PrivateNat: ['true', 'x'],
  TransitGatewayId: ['', 'tgw-1'],
  FlowLogs: ['true', 'x'],
  S3Endpoint: ['true', 'x'],
  DynamoDbEndpoint: ['true', 'x'],
  Ipv6: ['true', 'x'],
  Dns64: ['true', 'x'],
  CustomerGatewayIp: ['', 'ip'],
  Propagate: ['true', 'x'],
  PeerVpcId: ['', 'vpc-1'],
  NatPerAz: ['true', 'x'],
};

test('the subnets and NAT gateways of a three-AZ VPC (14 conditions over 8 parameters) are judged exactly', () => {
  const all = threeAzVpc();
  const routing = ['TwoAzC', 'ThreeAzC', 'PublicC', 'PrivateC', 'IntraC', 'NatC', 'InternetViaPublicNAT', 'PrivateNatC', 'NatIntraC',
    'TgwC', 'TgwPrivateC', 'TgwIntraC', 'NatAz2C', 'NatIntraAz3C'];
  const params = ['NumberOfAZs', 'PublicSubnets', 'PrivateSubnets', 'IntranetSubnets', 'NatMode', 'PrivateNat', 'TransitGatewayId', 'NatPerAz'];
  const domains = Object.fromEntries(params.map((p) => [p, THREE_AZ_DOMAINS[p]]));
  const started = process.hrtime.bigint();
  const { combinations, problems } = guardCombinations(all, routing);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  expect(problems).toEqual([]);
  expect(combinations).toEqual(everyCombination(all, routing, domains));
  // The combination the issue found judged although CloudFormation never produces it.
  for (const c of combinations) expect(c[routing.indexOf('NatIntraC')] === '1' && c[routing.indexOf('IntraC')] === '0').toBe(false);
  console.log(`three-AZ VPC, routing: ${combinations.size} combinations of ${routing.length} conditions, found in ${ms.toFixed(1)} ms`);
});

test('all 26 conditions over 18 parameters (18,432 combinations): past the budget, only combinations CloudFormation can produce, and the guard says so once', () => {
  const conditions = threeAzVpc();
  const names = Object.keys(conditions);
  expect(names).toHaveLength(26);
  // Two more parameters no condition compares: 18 in all; they open nothing.
  expect(Object.keys(THREE_AZ_DOMAINS).length + 2).toBe(18);
  const possible = everyCombination(conditions, names, THREE_AZ_DOMAINS);
  expect(possible.size).toBe(18_432);
  const started = process.hrtime.bigint();
  const { combinations, problems } = guardCombinations(conditions, names);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  expect(problems).toHaveLength(1);
  expect([...combinations].filter((c) => !possible.has(c))).toEqual([]);
  for (const c of combinations) expect(c[names.indexOf('NatIntraC')] === '1' && c[names.indexOf('IntraC')] === '0').toBe(false);
  console.log(`three-AZ VPC, all: ${combinations.size} consistent combinations judged of ${possible.size}, in ${ms.toFixed(1)} ms`);
});

test('past the budget (13 independent conditions, 8,192 combinations): only combinations some assignment produces, every pair of them covered', () => {
  const conditions: Conditions = Object.fromEntries(Array.from({ length: 13 }, (_x, i) => [`C${i}`, { 'Fn::Equals': [{ Ref: `P${i}` }, 'true'] }]));
  const names = Object.keys(conditions);
  const { combinations, problems } = guardCombinations(conditions, names);
  expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/allow more than 4096 combinations, so the guard judged \d+ that CloudFormation can produce/)]);
  expect(combinations.size).toBeLessThan(40);
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const seen = new Set([...combinations].map((c) => `${c[i]}${c[j]}`));
      expect([i, j, seen.size]).toEqual([i, j, 4]);
    }
  }
  // Each is one CloudFormation can produce: here, any.
  for (const c of combinations) {
    const params = Object.fromEntries(names.map((_n, i) => [`P${i}`, c[i] === '1' ? 'true' : 'no']));
    expect(names.map((n) => (conditionHolds(conditions, n, params) ? '1' : '0')).join('')).toBe(c);
  }
});

test('a covering set of assignments meets every value of every atom with every value of every other', () => {
  fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 30 }), (domains) => {
    const rows = coveringAssignments(domains);
    for (const row of rows) row.forEach((v, i) => expect(v >= 0 && v < domains[i]).toBe(true));
    for (let i = 0; i < domains.length; i++) {
      for (let j = i + 1; j < domains.length; j++) {
        const seen = new Set(rows.map((r) => r[i] * domains[j] + r[j]));
        expect(seen.size).toBe(domains[i] * domains[j]);
      }
    }
  }), { numRuns: 200, seed: 20261202 });
});
