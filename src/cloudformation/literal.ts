/** What a template writes as a plain value, and the identity of what it does not. No CDK. */
import { hasRef } from '../records/ref';

/**
 * A string whose value the template decides: no reference, no dynamic reference
 * (`{{resolve:ssm:…}}`, `{{resolve:secretsmanager:…}}`), which CloudFormation fills in at deploy time.
 */
export function isLiteral(v: string): boolean {
  return !v.includes('{{') || (!hasRef(v) && !v.includes('{{resolve:'));
}

/** A plain string written in the template (not a reference, not a function). */
export function literalString(v: unknown): string | undefined {
  return typeof v === 'string' && isLiteral(v) ? v : undefined;
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
 * Set `key` as an own property of `o`, whatever its name: a template may use `__proto__` as a
 * key, which plain assignment would take as the object's prototype.
 */
export function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}
