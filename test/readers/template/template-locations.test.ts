/**
 * Where the template reader says a resource is (what the plugin's report and the command line's
 * SARIF name): its template, logical id and construct path, also when two resources claim one
 * construct path, and for what concerns a whole template.
 */
import fc from 'fast-check';
import { readTemplates } from '../../../src/readers/template/reader';

const table = (cdkPath?: string) => ({
  Type: 'AWS::EC2::RouteTable',
  Properties: { VpcId: 'vpc-0123456789abcdef0' },
  ...(cdkPath ? { Metadata: { 'aws:cdk:path': cdkPath } } : {}),
});
const route = (tableId: string, cdkPath?: string) => ({
  Type: 'AWS::EC2::Route',
  Properties: { RouteTableId: { Ref: tableId }, DestinationCidrBlock: '192.168.0.0/16', GatewayId: 'vgw-0123456789abcdef0' },
  ...(cdkPath ? { Metadata: { 'aws:cdk:path': cdkPath } } : {}),
});

function read() {
  // Two synthesized copies of one stack (two cloud assemblies given to the command line, say):
  // the second's construct paths are taken already.
  const first = {
    Resources: { Rt: table('App/Net/Rt/Resource'), ToVgw: route('Rt', 'App/Net/ToVgw'), Bare: table() },
    Conditions: { Never: { 'Fn::Equals': ['a', 'b'] } },
  };
  const second = { Resources: { Rt: table('App/Net/Rt/Resource'), ToVgw: route('Rt', 'App/Net/ToVgw') } };
  return readTemplates([
    { name: 'one/Net.template.json', label: 'one', template: first, stackPath: 'App/Net' },
    { name: 'two/Net.template.json', label: 'two', template: second },
  ]);
}

test('each resource keeps its own location, the first to claim a construct path gets it, the second is named by template and logical id', () => {
  const reading = read();
  expect(reading.records.map((r) => r.path).sort()).toEqual(['App/Net/Rt/Resource', 'App/Net/ToVgw', 'one#Bare', 'two#Rt', 'two#ToVgw']);
  expect(reading.locationOf('App/Net/ToVgw')).toEqual({ template: 'one/Net.template.json', label: 'one', logicalId: 'ToVgw', constructPath: 'App/Net/ToVgw' });
  expect(reading.locationOf('two#ToVgw')).toEqual({ template: 'two/Net.template.json', label: 'two', logicalId: 'ToVgw', constructPath: 'App/Net/ToVgw' });
  expect(reading.locationOf('two#Rt')).toEqual({ template: 'two/Net.template.json', label: 'two', logicalId: 'Rt', constructPath: 'App/Net/Rt/Resource' });
  expect(reading.locationOf('one#Bare')).toEqual({ template: 'one/Net.template.json', label: 'one', logicalId: 'Bare', constructPath: undefined });
  // The second copy's route refers to its own table, not to the first's.
  const second = reading.records.find((r) => r.path === 'two#ToVgw')!;
  expect(JSON.stringify(second.properties.RouteTableId)).toContain('two#Rt');
});

test('a whole template is located by its stack path; a path the reading never gave has no location', () => {
  const reading = read();
  expect(reading.conditions.size).toBe(1);
  expect([...reading.conditions.values()][0].scope).toBe('App/Net');
  expect(reading.locationOf('App/Net')).toEqual({ template: 'one/Net.template.json', label: 'one', constructPath: 'App/Net' });
  expect(reading.locationOf('App/Other')).toBeUndefined();
  expect(reading.locationOf('one#Missing')).toBeUndefined();
});

test('whatever their shape, each construct path goes to the first resource that claims it, and every location is found again', () => {
  // Paths from a few segments joined by `/` and `#`, some of them equal, some the start of others,
  // some equal to the `<template>#<LogicalId>` of a resource without a free construct path.
  const segment = fc.constantFrom('A', 'B', 'Stage', 'Net', 'x.json', '', 't0.json', 't1.json', 'Rt0', 'Rt1');
  const cdkPath = fc.array(fc.tuple(fc.constantFrom('/', '#'), segment), { minLength: 1, maxLength: 4 })
    .map((parts) => parts.map(([sep, s], i) => (i === 0 ? s : sep + s)).join('')).filter((p) => p !== '');
  const path = fc.oneof(cdkPath, fc.constantFrom('t0.json#Rt0', 't0.json#Rt1', 't1.json#Rt0', 't1.json#Rt1'));
  const templates = fc.array(fc.array(fc.option(path, { nil: undefined }), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 });
  fc.assert(fc.property(templates, (tpls) => {
    const sources = tpls.map((paths, t) => ({
      name: `t${t}.json`,
      template: { Resources: Object.fromEntries(paths.map((p, i) => [`Rt${i}`, table(p)])) },
    }));
    const reading = readTemplates(sources);
    // The model: in template and resource order, a free construct path is taken, anything else is `<template>#<id>`.
    // A `<template>#<LogicalId>` is not checked against construct paths given before (it may repeat one).
    const taken = new Set<string>();
    const repeated = new Set<string>();
    const expected = tpls.flatMap((paths, t) => paths.map((p, i) => {
      if (p !== undefined && !taken.has(p)) {
        taken.add(p);
        return { path: p, template: `t${t}.json`, logicalId: `Rt${i}` };
      }
      const own = `t${t}.json#Rt${i}`;
      if (taken.has(own)) repeated.add(own);
      taken.add(own);
      return { path: own, template: `t${t}.json`, logicalId: `Rt${i}` };
    }));
    expect(reading.records.map((r) => r.path)).toEqual(expected.map((e) => e.path));
    for (const e of expected) {
      if (!repeated.has(e.path)) expect(reading.locationOf(e.path)).toMatchObject({ template: e.template, logicalId: e.logicalId });
    }
  }), { numRuns: 300, seed: 20261128 });
});
