/**
 * The guard's reads of aws-cdk-lib's and constructs' internals (src/internal/cdk.ts): each
 * assumption holds on the releases the tests run on, and where one stops holding (simulated here
 * by changing the libraries as a later release might) the guard still finds the leak, or says
 * that it cannot read something: never silence.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { App, AspectPriority, Aspects, CfnResource, Stack, Stage, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Node } from 'constructs';
import { NatRouteGuard, NatRouteGuardPlugin } from '../../src';
import { judgeReading } from '../../src/engine/judge-reading';
import { assumptions, recheckAssumptions, releases, tokenMarkersHold } from '../../src/internal/cdk';
import { readConstructTree } from '../../src/readers/construct-tree/read-tree';
import * as keys from '../../src/records/metadata-keys';
import { captureReports, reportFindings } from '../support/doors';
import { expectDoorsAgree, l1Blog, newApp } from '../support/helpers';
import { ROOT } from '../support/paths';

/** The blog's leak: the NAT gateway's table sends the on-premises range to the VGW. */
function blogLeak() {
  const { app, stack } = newApp();
  const b = l1Blog(stack);
  new ec2.CfnRoute(stack, 'OnPrem', { routeTableId: b.pubRt.ref, destinationCidrBlock: '192.168.0.0/16', gatewayId: b.vgw.ref });
  return { app, stack, b };
}

const rules = (r: ReadonlyArray<{ rule: string; level: string }>) => r.map((x) => `${x.level} ${x.rule}`).sort();

afterEach(() => recheckAssumptions());

describe('on the releases the tests run on', () => {
  test('every assumption holds (so the guard reads the fast way)', () => {
    const all = { children: true, metadata: true, rawOverrides: true, render: true, tokenMarkers: true, validationPlugins: true };
    const found = recheckAssumptions();
    if (process.env.NRG_CDK_RELEASE_DIR === '.latest-cdk') {
      // The newest release may change an internal: the guard then falls back (the tests below
      // prove it), and this run says which, plainly, instead of failing.
      const failing = Object.entries(found).filter(([, holds]) => !holds).map(([name]) => name);
      if (failing.length > 0) process.stderr.write(`cdk-nat-route-guard: on ${releases()} these assumptions no longer hold: ${failing.join(', ')}\n`);
      return;
    }
    expect(found).toEqual(all);
  });

  test('the metadata names the template reader uses are aws-cdk-lib\'s', () => {
    expect(keys.PATH_METADATA_KEY).toBe(cxapi.PATH_METADATA_KEY);
    expect(keys.ASSET_PATH_METADATA_KEY).toBe(cxapi.ASSET_RESOURCE_METADATA_PATH_KEY);
    expect(keys.ACKNOWLEDGED_METADATA_KEY).toBe(Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
    // The logical id entry as a synthesized assembly records it.
    const { app } = blogLeak();
    const stack = app.synth().getStackByName('S');
    expect(stack.findMetadataByType(keys.LOGICAL_ID_METADATA_KEY).length).toBeGreaterThan(10);
    // Where each element was created, as the assembly records it by default (the CLI's source locations).
    expect(stack.findMetadataByType(keys.CREATION_STACK_METADATA_KEY).length).toBeGreaterThan(10);
  });

  test('a token encoding without the markers is told apart', () => {
    expect(tokenMarkersHold(['${Tkn[TOKEN.1]}'])).toBe(false);
    expect(tokenMarkersHold([])).toBe(false);
  });
});

/** Replace constructs' keeping of children by another, the public API kept working. */
function keepChildren(how: 'map' | 'renamed'): () => void {
  const proto = Node.prototype as unknown as Record<string, unknown>;
  const saved = ['addChild', 'tryRemoveChild', 'tryFindChild'].map((k) => [k, proto[k]] as const);
  const children = Object.getOwnPropertyDescriptor(Node.prototype, 'children')!;
  type Kids = { _kids?: Map<string, unknown> | Record<string, unknown> };
  const kids = (n: Kids) => (n._kids ??= how === 'map' ? new Map() : {});
  const get = (n: Kids, id: string) => { const k = kids(n); return k instanceof Map ? k.get(id) : k[id]; };
  proto.addChild = function (this: Kids, child: unknown, name: string) {
    if (get(this, name)) throw new Error(`There is already a Construct with name '${name}'`);
    const k = kids(this);
    if (k instanceof Map) k.set(name, child); else k[name] = child;
  };
  proto.tryFindChild = function (this: Kids, id: string) { return get(this, id.replace(/\//g, '--')); };
  proto.tryRemoveChild = function (this: Kids, name: string) {
    const k = kids(this);
    if (k instanceof Map) return k.delete(name);
    if (!(name in k)) return false;
    delete k[name];
    return true;
  };
  Object.defineProperty(Node.prototype, 'children', {
    configurable: true,
    get(this: Kids) { const k = kids(this); return k instanceof Map ? [...k.values()] : Object.values(k); },
  });
  if (how === 'map') {
    // The private field itself becomes a Map, as the issue tried: no own keys to iterate.
    Object.defineProperty(Node.prototype, '_children', { configurable: true, get(this: Kids) { return kids(this); } });
  }
  return () => {
    for (const [k, v] of saved) proto[k] = v;
    Object.defineProperty(Node.prototype, 'children', children);
    delete (Node.prototype as unknown as Record<string, unknown>)._children;
  };
}

describe.each(['map', 'renamed'] as const)('constructs keeps children another way (%s), the public API intact', (how) => {
  test('the check sees it, and every door still finds the leak', () => {
    const restore = keepChildren(how);
    try {
      expect(recheckAssumptions().children).toBe(false);
      const { app } = blogLeak();
      expect(rules(expectDoorsAgree(app))).toEqual(['error NRG-VGW']);
    } finally {
      restore();
    }
  });
});

describe('aws-cdk-lib keeps overrides or renders elements another way', () => {
  /** The leak written as a raw override of an internet gateway route. */
  function overriddenLeak() {
    const { app, stack } = newApp();
    const b = l1Blog(stack);
    const route = new ec2.CfnRoute(stack, 'OnPrem', { routeTableId: b.pubRt.ref, destinationCidrBlock: '192.168.0.0/16', gatewayId: b.igw.ref });
    route.addPropertyOverride('GatewayId', b.vgw.ref);
    return app;
  }
  const judged = (app: ReturnType<typeof overriddenLeak>) => judgeReading(readConstructTree(app)).map((f) => `${f.ruleId} ${f.path}`).sort();

  test('overrides the guard cannot see: each resource is rendered whole by CDK, and the leak is found', () => {
    const expected = judged(overriddenLeak());
    expect(expected).toContain('NRG-VGW S/OnPrem');
    recheckAssumptions({ rawOverrides: false });
    expect(judged(overriddenLeak())).toEqual(expected);
  });

  test('neither overrides nor rendering: the guard says it cannot read the resource', () => {
    recheckAssumptions({ rawOverrides: false, render: false });
    const findings = judgeReading(readConstructTree(overriddenLeak()));
    const warning = findings.find((f) => f.ruleId === 'NRG-UNRESOLVED' && /cannot read the rendered CloudFormation/.test(f.message));
    expect(warning?.message).toMatch(/aws-cdk-lib \d+\.\d+\.\d+ with constructs \d+\.\d+\.\d+/);
  });

  test('a plain CfnResource route that cannot be rendered is said, not skipped', () => {
    recheckAssumptions({ render: false });
    const { app, stack } = newApp();
    const b = l1Blog(stack);
    new CfnResource(stack, 'Raw', { type: 'AWS::EC2::Route', properties: { RouteTableId: b.pubRt.ref, DestinationCidrBlock: '192.168.0.0/16', GatewayId: b.vgw.ref } });
    expect(judgeReading(readConstructTree(app)).map((f) => `${f.ruleId} ${f.path}`)).toContain('NRG-UNRESOLVED S/Raw');
  });
});

describe('validation plugins that cannot be listed', () => {
  /** An App with both doors, and the leak in a nested Stage: what CDK's validation report holds. */
  function reportedFindings(): string[] {
    const { reports } = captureReports(() => {
      const app = new App({ context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
      Aspects.of(app).add(new NatRouteGuard(), { priority: AspectPriority.READONLY });
      Validations.of(app).addPlugins(new NatRouteGuardPlugin());
      const stack = new Stack(new Stage(app, 'Prod'), 'S');
      const b = l1Blog(stack);
      new ec2.CfnRoute(stack, 'OnPrem', { routeTableId: b.pubRt.ref, destinationCidrBlock: '192.168.0.0/16', gatewayId: b.vgw.ref });
      return app.synth();
    });
    return reportFindings(reports).map((f) => `${f.level} ${f.rule} @ ${f.path}`);
  }

  test('where they can, the plugin door alone reports the nested Stage', () => {
    expect(reportedFindings()).toEqual(['error NRG-VGW @ Prod/S/OnPrem']);
  });

  test('where they cannot, the nested Stage\'s leak is reported twice, never not at all', () => {
    recheckAssumptions({ validationPlugins: false });
    expect(reportedFindings()).toEqual(['error NRG-VGW @ Prod/S/OnPrem', 'error NRG-VGW @ Prod/S/OnPrem']);
  });
});

test('another token encoding (aws-cdk-lib\'s markers changed in a child process): the leak is still found', () => {
  const script = path.join(__dirname, 'other-token-encoding.ts');
  const res = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', script], {
    cwd: ROOT, encoding: 'utf-8', env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.dev.json') }, timeout: 120_000,
  });
  expect(res.stderr).not.toMatch(/Error/);
  const out = JSON.parse(res.stdout.trim().split('\n').pop()!);
  expect(out).toEqual({ encoded: expect.stringContaining('{Tkn['), tokenMarkers: false, findings: ['error NRG-VGW'] });
});

test('metadata the guard cannot withdraw: a later synthesis of the same app says so', () => {
  recheckAssumptions({ metadata: false });
  const { app, stack } = blogLeak();
  app.synth();
  app.synth({ force: true });
  const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('cannot read the annotations an earlier synthesis'));
  expect(warnings.length).toBeGreaterThanOrEqual(1);
});

test('each check runs once per process, when first needed', () => {
  recheckAssumptions();
  // The checks build constructs of their own; checked once, they build none again.
  const addChild = jest.spyOn(Node.prototype as unknown as { addChild: () => void }, 'addChild');
  try {
    assumptions();
    expect(addChild).not.toHaveBeenCalled();
    recheckAssumptions();
    expect(addChild).toHaveBeenCalled();
  } finally {
    addChild.mockRestore();
  }
});
