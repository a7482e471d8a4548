/**
 * Rendered CloudFormation values with references made explicit. No CDK.
 *
 * A reader turns every reference to an element it knows into `{ [REF]: { path, attr } }`
 * (attr `Ref` for a `Ref`), so that identity survives across stacks, nested stacks and
 * included templates. Anything else (parameters, imports, pseudo parameters, functions)
 * stays as CloudFormation JSON.
 */

/**
 * A reference is a string, so that the L1's own property validation (run when CDK renders it)
 * still sees a string where it expects an id.
 */
const MARK_OPEN = '{{nrg-ref:';
const MARK_CLOSE = '}}';
const WHOLE = /^\{\{nrg-ref:(.*)#([^#]*)\}\}$/;
const EMBEDDED = /\{\{nrg-ref:(.*?)#([^#]*?)\}\}/g;

export interface RefValue {
  /** Path of the element referred to. */
  readonly path: string;
  /** `Ref`, or the attribute of a `Fn::GetAtt`. */
  readonly attr: string;
}

export function makeRef(path: string, attr: string): string {
  return `${MARK_OPEN}${path}#${attr}${MARK_CLOSE}`;
}

export function refOf(v: unknown): RefValue | undefined {
  if (typeof v !== 'string') return undefined;
  const m = WHOLE.exec(v);
  return m ? { path: m[1], attr: m[2] } : undefined;
}

/** Whether a string holds a reference (whole or embedded by a join). */
export function hasRef(v: string): boolean {
  return v.includes(MARK_OPEN);
}

/**
 * A string whose value the template decides: no reference, no dynamic reference
 * (`{{resolve:ssm:…}}`, `{{resolve:secretsmanager:…}}`), which CloudFormation fills in at deploy time.
 */
export function isLiteral(v: string): boolean {
  return !v.includes('{{') || (!hasRef(v) && !v.includes('{{resolve:'));
}

/** The L2's path for an L1 named `Default` or `Resource` (`S/Vpc/VpnGateway`, not `.../Default`). */
function describeRef(path: string, attr: string): string {
  const shown = path.replace(/\/(Default|Resource)$/, '');
  return attr === 'Ref' ? shown : `Fn::GetAtt ${shown}.${attr}`;
}

/** A value of a template's `Mappings` (undefined when there is none by those keys). */
export type MappingLookup = (map: string, topKey: string, secondKey: string) => unknown;

/** `Mappings[map][top][second]` of a parsed `Mappings` section, own keys only. */
export function mappingValue(mappings: unknown, map: string, top: string, second: string): unknown {
  let v: unknown = mappings;
  for (const k of [map, top, second]) {
    if (!v || typeof v !== 'object' || Array.isArray(v) || !Object.prototype.hasOwnProperty.call(v, k)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

/**
 * What the template decides, decided (bottom up): `Fn::Select` with a literal index over a list,
 * `Fn::Join` of literal strings and numbers, `Fn::Sub` without variables, `Fn::FindInMap` with
 * literal keys (given the template's mappings). Anything else stays.
 */
export function foldIntrinsics(v: unknown, mapping?: MappingLookup): unknown {
  if (Array.isArray(v)) return v.map((x) => foldIntrinsics(x, mapping));
  if (!v || typeof v !== 'object' || refOf(v)) return v;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  const folded: Record<string, unknown> = {};
  for (const k of keys) {
    Object.defineProperty(folded, k, { value: foldIntrinsics(o[k], mapping), enumerable: true, writable: true, configurable: true });
  }
  if (keys.length !== 1) return folded;
  const arg = folded[keys[0]];
  switch (keys[0]) {
    case 'Fn::FindInMap': {
      if (!mapping || !Array.isArray(arg) || arg.length < 3 || !arg.slice(0, 3).every((k) => typeof k === 'string' && isLiteral(k))) return folded;
      const found = mapping(arg[0] as string, arg[1] as string, arg[2] as string);
      return found === undefined ? folded : found;
    }
    case 'Fn::Select': {
      if (!Array.isArray(arg) || arg.length !== 2 || !Array.isArray(arg[1])) return folded;
      const i = typeof arg[0] === 'number' ? arg[0] : typeof arg[0] === 'string' && /^\d+$/.test(arg[0]) ? Number(arg[0]) : undefined;
      return i !== undefined && i < arg[1].length ? arg[1][i] : folded;
    }
    case 'Fn::Join': {
      if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string' || !Array.isArray(arg[1])) return folded;
      const parts = arg[1].map((p) => (typeof p === 'number' ? String(p) : p));
      return parts.every((p) => typeof p === 'string' && isLiteral(p)) ? parts.join(arg[0]) : folded;
    }
    case 'Fn::Sub': {
      const [text, vars] = typeof arg === 'string' ? [arg, {}]
        : Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string' && arg[1] && typeof arg[1] === 'object' && !Array.isArray(arg[1])
          ? [arg[0], arg[1] as Record<string, unknown>] : [];
      if (text === undefined || vars === undefined) return folded;
      return substitute(text, (name) => (Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined)) ?? folded;
    }
    default:
      return folded;
  }
}

/**
 * An `Fn::Sub` string with every `${Name}` replaced by its value (`${!Literal}` is `${Literal}`),
 * or undefined when a variable's value is not a literal string or number.
 */
export function substitute(text: string, valueOf: (name: string) => unknown): string | undefined {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(/\$\{(!?)([^}]*)\}/g)) {
    out += text.slice(last, m.index);
    last = m.index! + m[0].length;
    if (m[1] === '!') {
      out += `\${${m[2]}}`;
      continue;
    }
    const value = valueOf(m[2]);
    if (typeof value === 'number') out += String(value);
    else if (typeof value === 'string' && isLiteral(value)) out += value;
    else return undefined;
  }
  return out + text.slice(last);
}

/** Deterministic JSON, for identity of unresolved expressions. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const keys = Object.keys(v as object).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}

/**
 * A short human rendering of a value, as the CloudFormation a person wrote: `S/Vpc/VpnGateway`
 * (an element of the app), `Ref PeerCidr`, `Fn::GetAtt S/VpcB.CidrBlock`, `Fn::ImportValue Net-Cidr`,
 * `{{resolve:ssm:/net/onprem}}`.
 */
export function describeValue(v: unknown): string {
  if (typeof v === 'string') return v.replace(EMBEDDED, (_m, path: string, attr: string) => describeRef(path, attr));
  if (v === null || v === undefined || typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `[${v.map(describeValue).join(', ')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1) {
    const [k] = keys;
    const arg = o[k];
    if (k === 'Ref') return `Ref ${describeValue(arg)}`;
    if (k === 'Fn::GetAtt' && Array.isArray(arg)) return `Fn::GetAtt ${arg.map(describeValue).join('.')}`;
    if (k === 'Fn::Join' && Array.isArray(arg) && arg.length === 2 && Array.isArray(arg[1])) {
      // As `Fn::Sub` writes it: `com.amazonaws.${AWS::Region}.s3`.
      const inner = (p: unknown) => {
        const r = p && typeof p === 'object' ? (p as Record<string, unknown>).Ref : undefined;
        return typeof r === 'string' && Object.keys(p as object).length === 1 ? r : describeValue(p);
      };
      return arg[1].map((p) => (typeof p === 'string' ? p : `\${${inner(p)}}`)).join(String(arg[0]));
    }
    if (k === 'Fn::Sub' && typeof arg === 'string') return `Fn::Sub ${describeValue(arg)}`;
    if (k.startsWith('Fn::')) {
      const args = Array.isArray(arg) ? `[${arg.map(describeValue).join(', ')}]` : describeValue(arg);
      return `${k} ${args}`;
    }
  }
  const json = canonical(v);
  return json.length > 120 ? `${json.slice(0, 117)}...` : json;
}

/** The words for a nested stack whose template is not part of what the guard reads (the same in every door). */
export function missingNestedTemplate(path: string): string {
  return `The template of nested stack ${path} is not part of what the guard reads, so nothing in it is checked. `
    + 'Fix: include it (CfnInclude\'s loadNestedStacks; beside a template, a local TemplateURL or CDK\'s aws:asset:path metadata), or acknowledge the nested stack.';
}

/** A path and its ancestors, nearest first (`S/Vpc/R`, `S/Vpc`, `S`). */
export function* ancestorPaths(path: string): Generator<string> {
  for (let p = path; p; p = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '') yield p;
}
