/**
 * What the template decides, decided: the intrinsic functions whose result CloudFormation knows
 * from the template alone. No CDK.
 */
import { isLiteral, setOwn } from './literal';
import { refOf } from '../records/ref';

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
 * Bottom up: `Fn::Select` with a literal index over a list, `Fn::Join` of literal strings and
 * numbers, `Fn::Sub` without variables, `Fn::FindInMap` with literal keys (given the template's
 * mappings). Anything else stays.
 */
export function foldIntrinsics(v: unknown, mapping?: MappingLookup): unknown {
  if (Array.isArray(v)) return v.map((x) => foldIntrinsics(x, mapping));
  if (!v || typeof v !== 'object' || refOf(v)) return v;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  const folded: Record<string, unknown> = {};
  for (const k of keys) setOwn(folded, k, foldIntrinsics(o[k], mapping));
  if (keys.length !== 1) return folded;
  const arg = folded[keys[0]];
  switch (keys[0]) {
    case 'Fn::FindInMap': return findInMap(arg, mapping) ?? folded;
    case 'Fn::Select': return select(arg) ?? folded;
    case 'Fn::Join': return join(arg) ?? folded;
    case 'Fn::Sub': return sub(arg) ?? folded;
    default: return folded;
  }
}

function findInMap(arg: unknown, mapping: MappingLookup | undefined): unknown {
  if (!mapping || !Array.isArray(arg) || arg.length < 3 || !arg.slice(0, 3).every((k) => typeof k === 'string' && isLiteral(k))) return undefined;
  return mapping(arg[0] as string, arg[1] as string, arg[2] as string);
}

function select(arg: unknown): unknown {
  if (!Array.isArray(arg) || arg.length !== 2 || !Array.isArray(arg[1])) return undefined;
  const i = typeof arg[0] === 'number' ? arg[0] : typeof arg[0] === 'string' && /^\d+$/.test(arg[0]) ? Number(arg[0]) : undefined;
  return i !== undefined && i < arg[1].length ? arg[1][i] : undefined;
}

function join(arg: unknown): string | undefined {
  if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string' || !Array.isArray(arg[1])) return undefined;
  const parts = arg[1].map((p) => (typeof p === 'number' ? String(p) : p));
  return parts.every((p) => typeof p === 'string' && isLiteral(p)) ? parts.join(arg[0]) : undefined;
}

function sub(arg: unknown): string | undefined {
  const [text, vars] = typeof arg === 'string' ? [arg, {}]
    : Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string' && arg[1] && typeof arg[1] === 'object' && !Array.isArray(arg[1])
      ? [arg[0], arg[1] as Record<string, unknown>] : [];
  if (text === undefined || vars === undefined) return undefined;
  return substitute(text, (name) => (Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined));
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
