/** `{ Ref: X }` and `{ Fn::GetAtt: [X, A] }` written raw (overrides, included templates), turned into markers. */
import { CfnElement, CfnResource, Stack } from 'aws-cdk-lib';
import { makeRef, refOf } from '../../records/ref';

/** The construct path of each resource by its logical id, per stack. */
export function logicalIdsByStack(elements: readonly CfnElement[]): Map<Stack, Map<string, string>> {
  const out = new Map<Stack, Map<string, string>>();
  for (const el of elements) {
    if (!CfnResource.isCfnResource(el)) continue;
    try {
      const id = el.stack.resolve(el.logicalId);
      if (typeof id !== 'string') continue;
      const m = out.get(el.stack) ?? new Map<string, string>();
      m.set(id, el.node.path);
      out.set(el.stack, m);
    } catch {
      // an element whose logical id cannot be resolved cannot be referred to raw either
    }
  }
  return out;
}

/** A value with its raw references to resources of the stack (`idsOf`: path by logical id) as markers. */
export function markRawReferences(v: unknown, idsOf: () => ReadonlyMap<string, string>): unknown {
  if (Array.isArray(v)) return v.map((x) => markRawReferences(x, idsOf));
  if (!v || typeof v !== 'object' || refOf(v)) return v;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  const rawRef = keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Fn::GetAtt');
  const ids = rawRef ? idsOf() : new Map<string, string>();
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
  for (const k of keys) out[k] = markRawReferences(o[k], idsOf);
  return out;
}
