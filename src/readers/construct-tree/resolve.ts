/**
 * Tokens resolved as the stack would resolve them, but with references to elements turned into
 * markers (`records/ref.ts`), so that identity survives stack boundaries.
 */
import {
  CfnElement, CfnParameter, CfnResource, DefaultTokenResolver, IFragmentConcatenator, IPostProcessor, IResolvable, IResolveContext, ITokenResolver,
  NestedStack, Reference, Token, Tokenization,
} from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { pathOf } from './walk';
import { mayHoldToken } from '../../internal/cdk';
import { makeRef } from '../../records/ref';
import { SSM_STRING_PARAMETER_TYPE, ssmMarker } from '../../records/ssm';
import { Cache } from '../../util/cache';

/** Joins string fragments the way CloudFormation would (`Fn::Join`), keeping markers intact. */
class JoinConcat implements IFragmentConcatenator {
  public join(left: unknown, right: unknown): unknown {
    if (left === undefined) return right;
    if (right === undefined) return left;
    // A number in a string (`192.168.1.0/${Token.asString(24)}`) is written as CloudFormation writes it.
    const text = (v: unknown) => (typeof v === 'number' ? String(v) : v);
    left = text(left);
    right = text(right);
    if (typeof left === 'string' && typeof right === 'string') return left + right;
    const parts = (v: unknown): unknown[] => {
      const j = v && typeof v === 'object' ? (v as Record<string, unknown>)['Fn::Join'] : undefined;
      return Array.isArray(j) && j[0] === '' && Array.isArray(j[1]) ? j[1] : [v];
    };
    return { 'Fn::Join': ['', [...parts(left), ...parts(right)]] };
  }
}

/** Resolves tokens like the stack would, but turns references to elements into markers. */
export class MarkingResolver extends DefaultTokenResolver {
  /** Whether a reference to an SSM-typed parameter was marked (records/ssm.ts). */
  public ssmMarked = false;

  constructor() {
    super(new JoinConcat());
  }

  public resolveToken(t: IResolvable, context: IResolveContext, postProcessor: IPostProcessor): unknown {
    const marked = markerOf(t);
    if (marked !== undefined) return marked;
    // A `Ref` to a parameter: a nested stack's (the parent passes its value) or an SSM-typed one.
    const ref = Reference.isReference(t) && t.displayName === 'Ref' ? t : undefined;
    return (ref && (this.fromParentStack(ref) ?? this.ssmParameter(ref))) ?? super.resolveToken(t, context, postProcessor);
  }

  /**
   * A `Ref` to a parameter of type `AWS::SSM::Parameter::Value<String>` whose default is a literal
   * name (`ssm.StringParameter.valueForStringParameter`): marked, so that the value of that SSM
   * parameter, if the app defines it, is used (records/ssm.ts).
   */
  private ssmParameter(t: Reference): unknown {
    if (!(t.target instanceof CfnParameter)) return undefined;
    const p = t.target;
    if (p.type !== SSM_STRING_PARAMETER_TYPE || typeof p.default !== 'string' || Token.isUnresolved(p.default)) return undefined;
    this.ssmMarked = true;
    return ssmMarker(p.default, { Ref: p.stack.resolve(p.logicalId) });
  }

  /**
   * A `Ref` to a parameter of a nested stack (a `CfnInclude`d nested template's, for example) is
   * the value the parent stack passes for it, read in the parent's terms; undefined when the
   * parent passes none (the parameter's default applies, which is unknown).
   */
  private fromParentStack(t: Reference): unknown {
    if (!CfnElement.isCfnElement(t.target) || CfnResource.isCfnResource(t.target)) return undefined;
    const stack = t.target.stack;
    if (!NestedStack.isNestedStack(stack)) return undefined;
    const name = stack.resolve(t.target.logicalId) as unknown;
    const resource = stack.nestedStackResource;
    const passed = (resource as unknown as { parameters?: unknown } | undefined)?.parameters;
    if (typeof name !== 'string' || !resource || passed === undefined) return undefined;
    const values = Tokenization.resolve(passed, { scope: resource, resolver: this, preparing: false }) as Record<string, unknown> | undefined;
    return values && Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
  }
}

/** The marker for a reference to an element (`Ref` or `Fn::GetAtt`); undefined for any other token. */
function markerOf(t: IResolvable): string | undefined {
  // Parameters, conditions and outputs stay the CloudFormation expression they are (`{ Ref: Param }`).
  if (!Reference.isReference(t) || !CfnResource.isCfnResource(t.target)) return undefined;
  return makeRef(pathOf(t.target), t.displayName === 'Ref' ? 'Ref' : t.displayName);
}

/** A value resolved as the element's stack would (the common values never come here: `QuickReader`). */
export function resolveAt(el: IConstruct, resolver: ITokenResolver, v: unknown, removeEmpty = true): unknown {
  return Tokenization.resolve(v, { scope: el, resolver, preparing: false, removeEmpty });
}

/** Returned by `QuickReader.value` for a value it leaves to the full resolver. */
export const SLOW = Symbol('slow');

/**
 * The common values without the cost of a full resolve (a resolve context per value): a plain
 * string, a string that is exactly one reference to an element, or a list of those. Anything
 * else (functions, joins, lazies, encoded lists or numbers, objects) is `SLOW`.
 */
export class QuickReader {
  /** Token strings decoded: the same reference recurs in every route of a table. */
  private readonly tokens = new Cache<string, unknown>(decode);

  public value(v: unknown): unknown {
    if (v === undefined) return undefined;
    if (typeof v === 'string') return mayHoldToken(v) ? this.tokens.get(v) : v;
    if (Array.isArray(v) && !Token.isUnresolved(v)) {
      const out: unknown[] = [];
      for (const x of v) {
        const q = this.value(x);
        if (q === SLOW || q === undefined) return SLOW;
        out.push(q);
      }
      return out;
    }
    return SLOW;
  }
}

/** A string that may hold a token: the string itself if it does not after all, its marker, or `SLOW`. */
function decode(s: string): unknown {
  if (!Token.isUnresolved(s)) return s;
  const fragments = Tokenization.reverseString(s);
  const token = fragments.length === 1 ? fragments.firstToken : undefined;
  return (token && markerOf(token)) ?? SLOW;
}
