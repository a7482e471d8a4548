/** Values as a person reads them in a message. No CDK. */
import { canonical } from './literal';
import { replaceRefs } from '../records/ref';

/**
 * The L2's path for an L1 named `Default` or `Resource` (`S/Vpc/VpnGateway`, not `.../Default`).
 * An element's `Id` attribute is the element, as its `Ref` is (a transit gateway's `Fn::GetAtt X.Id`).
 */
function describeRef(path: string, attr: string): string {
  const shown = path.replace(/\/(Default|Resource)$/, '');
  return attr === 'Ref' || attr === 'Id' ? shown : `Fn::GetAtt ${shown}.${attr}`;
}

/**
 * A short human rendering of a value, as the CloudFormation a person wrote: `S/Vpc/VpnGateway`
 * (an element of the app), `Ref PeerCidr`, `Fn::GetAtt S/VpcB.CidrBlock`, `Fn::ImportValue Net-Cidr`,
 * `{{resolve:ssm:/net/onprem}}`.
 */
export function describeValue(v: unknown): string {
  if (typeof v === 'string') return replaceRefs(v, describeRef);
  if (v === null || v === undefined || typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `[${v.map(describeValue).join(', ')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1) {
    const [k] = keys;
    const arg = o[k];
    if (k === 'Ref') return `Ref ${describeValue(arg)}`;
    if (k === 'Fn::GetAtt' && Array.isArray(arg)) return `Fn::GetAtt ${arg.map(describeValue).join('.')}`;
    if (k === 'Fn::Join' && Array.isArray(arg) && arg.length === 2 && Array.isArray(arg[1])) return describeJoin(String(arg[0]), arg[1]);
    if (k === 'Fn::Sub' && typeof arg === 'string') return `Fn::Sub ${describeValue(arg)}`;
    if (k.startsWith('Fn::')) {
      const args = Array.isArray(arg) ? `[${arg.map(describeValue).join(', ')}]` : describeValue(arg);
      return `${k} ${args}`;
    }
  }
  const json = canonical(v);
  return json.length > 120 ? `${json.slice(0, 117)}...` : json;
}

/** A join as `Fn::Sub` writes it: `com.amazonaws.${AWS::Region}.s3`. */
function describeJoin(separator: string, parts: readonly unknown[]): string {
  const inner = (p: unknown) => {
    const r = p && typeof p === 'object' ? (p as Record<string, unknown>).Ref : undefined;
    return typeof r === 'string' && Object.keys(p as object).length === 1 ? r : describeValue(p);
  };
  return parts.map((p) => (typeof p === 'string' ? p : `\${${inner(p)}}`)).join(separator);
}
