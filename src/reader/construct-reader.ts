/**
 * Reads a construct tree (one Stage, nested stacks included) into resource records: each
 * routing L1 rendered as CloudFormation renders it (raw overrides included), with references
 * to elements of the app made explicit so they survive stack boundaries.
 */
import {
  CfnElement, CfnResource, DefaultTokenResolver, IFragmentConcatenator, IPostProcessor, IResolvable, IResolveContext,
  Reference, Stack, Stage, Tokenization,
} from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ResourceRecord } from './build-model';
import { makeRef, refOf } from './values';
import { ReaderProblem } from '../model/model';

/** The resource types the routing model is made of (and the targets it classifies). */
const ROUTING_TYPES = new Set([
  'AWS::EC2::VPC', 'AWS::EC2::VPCCidrBlock', 'AWS::EC2::Subnet', 'AWS::EC2::RouteTable',
  'AWS::EC2::SubnetRouteTableAssociation', 'AWS::EC2::GatewayRouteTableAssociation', 'AWS::EC2::Route',
  'AWS::EC2::NatGateway', 'AWS::EC2::InternetGateway', 'AWS::EC2::VPNGateway', 'AWS::EC2::VPNGatewayRoutePropagation',
  'AWS::EC2::VPCEndpoint', 'AWS::EC2::VPCPeeringConnection', 'AWS::EC2::TransitGateway', 'AWS::EC2::PrefixList',
  'AWS::EC2::EgressOnlyInternetGateway',
]);

export interface ConstructTreeReading {
  readonly records: ResourceRecord[];
  readonly problems: ReaderProblem[];
  /** Constructs by path, to place findings on. */
  readonly constructs: ReadonlyMap<string, IConstruct>;
}

/** Joins string fragments the way CloudFormation would (`Fn::Join`), keeping markers intact. */
class JoinConcat implements IFragmentConcatenator {
  public join(left: unknown, right: unknown): unknown {
    if (left === undefined) return right;
    if (right === undefined) return left;
    if (typeof left === 'string' && typeof right === 'string') return left + right;
    const parts = (v: unknown): unknown[] => {
      const j = v && typeof v === 'object' ? (v as Record<string, unknown>)['Fn::Join'] : undefined;
      return Array.isArray(j) && j[0] === '' && Array.isArray(j[1]) ? j[1] : [v];
    };
    return { 'Fn::Join': ['', [...parts(left), ...parts(right)]] };
  }
}

/** Resolves tokens like the stack would, but turns references to elements into markers. */
class MarkingResolver extends DefaultTokenResolver {
  constructor() {
    super(new JoinConcat());
  }

  public resolveToken(t: IResolvable, context: IResolveContext, postProcessor: IPostProcessor): unknown {
    if (Reference.isReference(t) && CfnElement.isCfnElement(t.target)) {
      return makeRef(t.target.node.path, t.displayName === 'Ref' ? 'Ref' : t.displayName);
    }
    return super.resolveToken(t, context, postProcessor);
  }
}

/** Walk `root` and everything below it, without entering nested Stages (they have their own). */
function walk(root: IConstruct, visit: (c: IConstruct) => void) {
  const stack: IConstruct[] = [root];
  while (stack.length > 0) {
    const c = stack.pop()!;
    visit(c);
    // In reverse, so that constructs are visited in tree order.
    for (const child of [...c.node.children].reverse()) {
      if (!Stage.isStage(child)) stack.push(child);
    }
  }
}

export function readConstructTree(root: IConstruct): ConstructTreeReading {
  const constructs = new Map<string, IConstruct>();
  const elements: CfnElement[] = [];
  walk(root, (c) => {
    constructs.set(c.node.path, c);
    if (CfnElement.isCfnElement(c)) elements.push(c);
  });

  // Logical ids per stack, so raw `{ Ref: LogicalId }` overrides resolve to their element.
  const logical = new Map<Stack, Map<string, string>>();
  for (const el of elements) {
    try {
      const stack = el.stack;
      const id = stack.resolve(el.logicalId);
      if (typeof id !== 'string') continue;
      const m = logical.get(stack) ?? new Map<string, string>();
      m.set(id, el.node.path);
      logical.set(stack, m);
    } catch {
      // an element whose logical id cannot be resolved cannot be referred to raw either
    }
  }

  const records: ResourceRecord[] = [];
  const problems: ReaderProblem[] = [];
  const resolver = new MarkingResolver();
  for (const el of elements) {
    if (!CfnResource.isCfnResource(el) || !ROUTING_TYPES.has(el.cfnResourceType)) continue;
    try {
      const rendered = (el as unknown as { _toCloudFormation(): object })._toCloudFormation();
      type Rendered = { Resources?: Record<string, { Properties?: unknown }> };
      const resolved = Tokenization.resolve(rendered, { scope: el, resolver, preparing: false }) as Rendered;
      const body = Object.values(resolved?.Resources ?? {})[0];
      const properties = markRawReferences(body?.Properties ?? {}, logical.get(el.stack) ?? new Map()) as Record<string, unknown>;
      records.push({ path: el.node.path, type: el.cfnResourceType, properties });
    } catch (e) {
      problems.push({
        kind: 'unresolved',
        path: el.node.path,
        message: `The guard could not render ${el.cfnResourceType} ${el.node.path} as CloudFormation (${(e as Error).message}), so it is left out of the analysis.`,
      });
    }
  }
  return { records, problems, constructs };
}

/** `{ Ref: X }` and `{ Fn::GetAtt: [X, A] }` written raw (overrides, included templates) to markers. */
function markRawReferences(v: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(v)) return v.map((x) => markRawReferences(x, ids));
  if (!v || typeof v !== 'object' || refOf(v)) return v;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === 'Ref' && typeof o.Ref === 'string' && ids.has(o.Ref)) {
    return makeRef(ids.get(o.Ref)!, 'Ref');
  }
  const getAtt = o['Fn::GetAtt'];
  if (keys.length === 1 && Array.isArray(getAtt) && typeof getAtt[0] === 'string' && typeof getAtt[1] === 'string' && ids.has(getAtt[0])) {
    return makeRef(ids.get(getAtt[0])!, getAtt[1]);
  }
  if (keys.length === 1 && typeof getAtt === 'string' && getAtt.includes('.')) {
    const [id, attr] = getAtt.split('.', 2);
    if (ids.has(id)) return makeRef(ids.get(id)!, attr);
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = markRawReferences(o[k], ids);
  return out;
}
