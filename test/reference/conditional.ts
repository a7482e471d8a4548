/**
 * Generated templates with conditions, and a reference verdict for them that shares no code
 * with src/cloudformation/conditions/worlds.ts: it tries every value of every parameter, evaluates each condition
 * directly, builds the records CloudFormation would create, and asks the brute-force reference.
 *
 * Parameters P0..P2 are compared with 'a' and 'b'; trying 'a', 'b' and 'z' (anything else) for
 * each covers every world.
 */
import * as fc from 'fast-check';
import { bruteForce } from './brute-force';
import { buildModel } from '../../src/build/build-model';
import { ConditionDef } from '../../src/cloudformation/conditions/condition';
import { ResourceRecord } from '../../src/records/record';

export interface ConditionalApp {
  readonly records: ResourceRecord[];
  readonly conditions: Map<string, ConditionDef>;
}

const PARAMS = ['P0', 'P1', 'P2'];
const VALUES = ['a', 'b', 'z'];
const NO_VALUE = { Ref: 'AWS::NoValue' };
const ref = (path: string) => `{{nrg-ref:${path}#Ref}}`;

/** A condition expression over the parameters and the conditions before it. */
function expression(index: number): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...PARAMS), fc.constantFrom('a', 'b')).map(([p, v]) => ({ 'Fn::Equals': [{ Ref: p }, v] })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('x', 'y'), fc.constantFrom('x', 'y')).map(([l, r]) => ({ 'Fn::Equals': [l, r] })) },
    ...(index > 0 ? [{ weight: 2, arbitrary: fc.nat(index - 1).map((i) => ({ Condition: `C${i}` })) }] : []),
  );
  return fc.oneof(
    { weight: 4, arbitrary: leaf },
    { weight: 1, arbitrary: leaf.map((x) => ({ 'Fn::Not': [x] })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('Fn::And', 'Fn::Or'), leaf, leaf).map(([fn, l, r]) => ({ [fn]: [l, r] })) },
  );
}

const V4 = ['0.0.0.0/0', '10.0.0.0/8', '192.168.1.0/24', '192.168.1.0/25', '192.168.0.0/16', '172.16.0.0/12', '52.216.0.0/15'];
const V6 = ['::/0', '64:ff9b::/96', '2001:db8::/32'];

/** A template: one VPC, up to 4 tables each with a subnet, up to 3 NAT gateways, routes, propagations, conditions. */
export function conditionalApp(): fc.Arbitrary<ConditionalApp> {
  return fc.record({
    conditionCount: fc.integer({ min: 1, max: 4 }),
    tableCount: fc.integer({ min: 2, max: 4 }),
    natCount: fc.integer({ min: 1, max: 3 }),
  }).chain(({ conditionCount, tableCount, natCount }) => {
    const cond = fc.nat(conditionCount - 1).map((i) => `C${i}`);
    const maybeCond = fc.option(cond, { freq: 3, nil: undefined });
    const table = fc.nat(tableCount - 1).map((i) => `t${i}`);
    const nat = fc.nat(natCount - 1).map((i) => `nat${i}`);
    const natRef = fc.oneof(
      { weight: 3, arbitrary: nat.map((n): unknown => ref(n)) },
      { weight: 1, arbitrary: fc.tuple(cond, nat, nat).map(([c, a, b]): unknown => ({ 'Fn::If': [c, ref(a), ref(b)] })) },
    );
    const target: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
      { weight: 4, arbitrary: natRef.map((v) => ({ NatGatewayId: v })) },
      { weight: 2, arbitrary: fc.constant({ GatewayId: ref('igw') }) },
      { weight: 3, arbitrary: fc.constant({ GatewayId: ref('vgw') }) },
      { weight: 1, arbitrary: fc.constant({ VpcPeeringConnectionId: 'pcx-1' }) },
      { weight: 1, arbitrary: fc.constant({ TransitGatewayId: 'tgw-1' }) },
      { weight: 1, arbitrary: fc.constant({ NetworkInterfaceId: 'eni-1' }) },
      // One target in each world: a VGW where the condition holds, a NAT gateway elsewhere.
      { weight: 2, arbitrary: fc.tuple(cond, nat).map(([c, n]) => ({ GatewayId: { 'Fn::If': [c, ref('vgw'), NO_VALUE] }, NatGatewayId: { 'Fn::If': [c, NO_VALUE, ref(n)] } })) },
    );
    const destination: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...V4).map((d) => ({ DestinationCidrBlock: d })) },
      { weight: 1, arbitrary: fc.constantFrom(...V6).map((d) => ({ DestinationIpv6CidrBlock: d })) },
      { weight: 1, arbitrary: fc.tuple(cond, fc.constantFrom(...V4), fc.constantFrom(...V4)).map(([c, a, b]) => ({ DestinationCidrBlock: { 'Fn::If': [c, a, b] } })) },
    );
    return fc.record({
      expressions: fc.tuple(...Array.from({ length: conditionCount }, (_, i) => expression(i))),
      associations: fc.array(maybeCond, { minLength: tableCount, maxLength: tableCount }),
      /** A second association of some subnet with another table, under a condition. */
      secondAssociation: fc.option(fc.tuple(table, table, cond), { freq: 4, nil: undefined }),
      nats: fc.array(fc.record({
        table,
        connectivity: fc.oneof(fc.constant<unknown>('public'), fc.constant<unknown>('private'), cond.map((c): unknown => ({ 'Fn::If': [c, 'private', 'public'] }))),
        condition: fc.option(cond, { freq: 5, nil: undefined }),
      }), { minLength: natCount, maxLength: natCount }),
      routes: fc.array(fc.record({ table, destination, target, condition: maybeCond }), { maxLength: 12 }),
      propagations: fc.array(fc.record({ tables: fc.uniqueArray(table, { minLength: 1, maxLength: 2 }), condition: maybeCond }), { maxLength: 2 }),
    }).map((raw): ConditionalApp => {
      const records: ResourceRecord[] = [];
      const add = (path: string, type: string, properties: Record<string, unknown>, condition?: string) =>
        records.push(condition === undefined ? { path, type, properties } : { path, type, properties, condition });
      add('vpc', 'AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
      add('igw', 'AWS::EC2::InternetGateway', {});
      add('vgw', 'AWS::EC2::VPNGateway', {});
      for (let i = 0; i < tableCount; i++) {
        add(`t${i}`, 'AWS::EC2::RouteTable', { VpcId: ref('vpc') });
        add(`s${i}`, 'AWS::EC2::Subnet', { VpcId: ref('vpc'), CidrBlock: `10.0.${i}.0/24` });
        add(`a${i}`, 'AWS::EC2::SubnetRouteTableAssociation', { SubnetId: ref(`s${i}`), RouteTableId: ref(`t${i}`) }, raw.associations[i]);
      }
      if (raw.secondAssociation) {
        const [subnetOf, other, c] = raw.secondAssociation;
        add('a-second', 'AWS::EC2::SubnetRouteTableAssociation', { SubnetId: ref(`s${subnetOf.slice(1)}`), RouteTableId: ref(other) }, c);
      }
      raw.nats.forEach((n, i) => add(`nat${i}`, 'AWS::EC2::NatGateway', { SubnetId: ref(`s${n.table.slice(1)}`), ConnectivityType: n.connectivity }, n.condition));
      raw.routes.forEach((r, i) => add(`${r.table}/r${i}`, 'AWS::EC2::Route', { RouteTableId: ref(r.table), ...r.destination, ...r.target }, r.condition));
      raw.propagations.forEach((p, i) => add(`prop${i}`, 'AWS::EC2::VPNGatewayRoutePropagation', { VpnGatewayId: ref('vgw'), RouteTableIds: p.tables.map(ref) }, p.condition));
      const conditions = new Map<string, ConditionDef>(raw.expressions.map((e, i) => [`C${i}`, { name: `C${i}`, scope: 'gen', expression: e }]));
      return { records, conditions };
    });
  });
}

/** Whether a condition holds for these parameter values (direct evaluation). */
function holds(e: unknown, params: Record<string, string>, conditions: Map<string, ConditionDef>): boolean {
  const o = e as Record<string, unknown[] | string>;
  if ('Condition' in o) return holds(conditions.get(o.Condition as string)!.expression, params, conditions);
  if ('Fn::Not' in o) return !holds((o['Fn::Not'] as unknown[])[0], params, conditions);
  if ('Fn::And' in o) return (o['Fn::And'] as unknown[]).every((x) => holds(x, params, conditions));
  if ('Fn::Or' in o) return (o['Fn::Or'] as unknown[]).some((x) => holds(x, params, conditions));
  const [l, r] = (o['Fn::Equals'] as unknown[]).map((x) => (typeof x === 'string' ? x : params[(x as { Ref: string }).Ref]));
  return l === r;
}

/** A value in one world. */
function pick(v: unknown, truth: (c: string) => boolean): unknown {
  if (Array.isArray(v)) return v.map((x) => pick(x, truth)).filter((x) => x !== NO_VALUE);
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if (o.Ref === 'AWS::NoValue') return NO_VALUE;
  if ('Fn::If' in o) {
    const [c, yes, no] = o['Fn::If'] as [string, unknown, unknown];
    return pick(truth(c) ? yes : no, truth);
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) {
    const y = pick(x, truth);
    if (y !== NO_VALUE) out[k] = y;
  }
  return out;
}

/** `rule @ path` of every finding in some world, with the number of worlds (of all parameter values) it holds in. */
export function referenceVerdicts(app: ConditionalApp): { found: Map<string, number>; worlds: number } {
  const found = new Map<string, number>();
  let worlds = 0;
  for (const p0 of VALUES) {
    for (const p1 of VALUES) {
      for (const p2 of VALUES) {
        const params = { P0: p0, P1: p1, P2: p2 };
        const truth = (c: string) => holds(app.conditions.get(c)!.expression, params, app.conditions);
        const records = app.records
          .filter((r) => r.condition === undefined || truth(r.condition))
          .map((r) => ({ ...r, properties: pick(r.properties, truth) as Record<string, unknown> }));
        const model = buildModel(records);
        const here = new Set([...bruteForce(model, { tgw: true, transit: true, tgwVpc: true })].map((f) => f.replace(/ \(capped\)$/, '')));
        for (const problem of model.problems) here.add(`${problem.kind === 'invalid' ? 'NRG-INVALID' : 'NRG-UNRESOLVED'} @ ${problem.path}`);
        for (const f of here) found.set(f, (found.get(f) ?? 0) + 1);
        worlds++;
      }
    }
  }
  return { found, worlds };
}
