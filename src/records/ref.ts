/**
 * References made explicit. No CDK.
 *
 * A reader turns every reference to an element it knows into a marker string naming the
 * element's path and attribute (`Ref` for a `Ref`), so that identity survives across stacks,
 * nested stacks and included templates. Anything else (parameters, imports, pseudo parameters,
 * functions) stays as CloudFormation JSON.
 *
 * A marker is a string so that an L1's own property validation (run when CDK renders it) still
 * sees a string where it expects an id.
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

/** The marker of a reference to the element at `path`. */
export function makeRef(path: string, attr: string): string {
  return `${MARK_OPEN}${path}#${attr}${MARK_CLOSE}`;
}

/** The reference a value is, when it is exactly one marker (two joined into one string are not one reference). */
export function refOf(v: unknown): RefValue | undefined {
  if (typeof v !== 'string' || v.indexOf(MARK_OPEN, 1) >= 0) return undefined;
  const m = WHOLE.exec(v);
  return m ? { path: m[1], attr: m[2] } : undefined;
}

/** Whether a string holds a reference (whole or embedded by a join). */
export function hasRef(v: string): boolean {
  return v.includes(MARK_OPEN);
}

/** A string with each marker in it replaced by `render(path, attr)`. */
export function replaceRefs(text: string, render: (path: string, attr: string) => string): string {
  return text.replace(EMBEDDED, (_m, path: string, attr: string) => render(path, attr));
}

/**
 * The paths of the elements a value references anywhere inside it: whole markers, markers joined
 * into strings, in lists and mappings at any depth (intrinsics left as JSON included), in order.
 */
export function referencedPaths(v: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof v === 'string') {
    if (hasRef(v)) for (const m of v.matchAll(EMBEDDED)) into.add(m[1]);
  } else if (Array.isArray(v)) {
    for (const x of v) referencedPaths(x, into);
  } else if (v && typeof v === 'object') {
    for (const x of Object.values(v)) referencedPaths(x, into);
  }
  return into;
}

/**
 * Whether CloudFormation can never make the value the empty string: it holds a reference to an
 * element's id (`Ref`, or an attribute named `…Id` or `…Arn`), which is never empty.
 */
export function neverEmpty(v: unknown): boolean {
  if (typeof v !== 'string' || !hasRef(v)) return false;
  for (const m of v.matchAll(EMBEDDED)) if (m[2] === 'Ref' || /(Id|Arn)$/.test(m[2])) return true;
  return false;
}
