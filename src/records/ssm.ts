/**
 * Same-app SSM parameters (docs/transit.md, "Unknown values"): a stack parameter of type
 * `AWS::SSM::Parameter::Value<String>` whose default is the literal name `n`, or the dynamic
 * reference `{{resolve:ssm:n}}`, is the `Value` of the one `AWS::SSM::Parameter` of the analysed
 * set whose `Name` is `n`: how stacks pass transit gateway, table and attachment ids to each other.
 * Readers mark such parameters (`ssmMarker`); `resolveSsmParameters` puts the values in, or the
 * expression as written back where no parameter of the set has that name. No CDK.
 */
import { ResourceRecord } from './record';

export const SSM_STRING_PARAMETER_TYPE = 'AWS::SSM::Parameter::Value<String>';
const KEY = 'NRG::SsmParameter';
const DYNAMIC = /^\{\{resolve:ssm:([^:{}]+)\}\}$/;

/** A reference to a parameter that reads SSM parameter `name`; `original` is the expression as written. */
export function ssmMarker(name: string, original: unknown): Record<string, unknown> {
  return { [KEY]: [name, original] };
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The records with every SSM parameter reference resolved where the set defines the parameter,
 * and those that may vary between condition worlds (a record whose value came from a parameter
 * is among them: the value may hold conditions of its own).
 * @param marked whether a reader marked a parameter (otherwise only dynamic references are looked for, and only if the set has parameters)
 */
export function resolveSsmParameters(
  records: readonly ResourceRecord[], mayVary: readonly ResourceRecord[] | undefined, marked: boolean,
): { records: readonly ResourceRecord[]; mayVary?: readonly ResourceRecord[] } {
  const byName = new Map<string, unknown>();
  const twice = new Set<string>();
  for (const r of records) {
    if (r.type !== 'AWS::SSM::Parameter' || typeof r.properties.Name !== 'string' || r.condition !== undefined) continue;
    if (byName.has(r.properties.Name)) twice.add(r.properties.Name);
    byName.set(r.properties.Name, r.properties.Value);
  }
  // CloudFormation would not create both: which value holds is not the template's to say.
  for (const n of twice) byName.delete(n);
  if (!marked && byName.size === 0) return { records, mayVary };
  // Copy on write: only the values that hold a reference are rebuilt (most records hold none).
  const resolve = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const m = byName.size > 0 && v.startsWith('{{resolve:ssm:') ? DYNAMIC.exec(v) : null;
      return m && byName.has(m[1]) ? byName.get(m[1]) : v;
    }
    if (Array.isArray(v)) {
      const out = v.map(resolve);
      return out.some((x, i) => x !== v[i]) ? out : v;
    }
    if (!isPlain(v)) return v;
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === KEY && Array.isArray(v[KEY])) {
      const [name, original] = v[KEY] as [string, unknown];
      return byName.has(name) ? byName.get(name) : original;
    }
    let out: Record<string, unknown> | undefined;
    for (const k of keys) {
      const x = resolve(v[k]);
      if (x !== v[k]) (out ??= { ...v })[k] = x;
    }
    return out ?? v;
  };
  const varying = new Set(mayVary ?? []);
  const out: ResourceRecord[] = [];
  const outVarying: ResourceRecord[] = [];
  for (const r of records) {
    const properties = resolve(r.properties) as Record<string, unknown>;
    const changed = properties !== r.properties;
    const next = changed ? { ...r, properties } : r;
    out.push(next);
    if (changed || varying.has(r)) outVarying.push(next);
  }
  return { records: out, mayVary: mayVary === undefined ? undefined : outVarying };
}
