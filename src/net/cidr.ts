/* eslint-disable no-bitwise -- address arithmetic is bit arithmetic */
/**
 * CIDR parsing and formatting for IPv4 and IPv6. No AWS, no CDK.
 *
 * Addresses are bigints so that both families share one interval arithmetic.
 */

/** Address family. */
export type Family = 4 | 6;

/** Bits in an address of each family. */
export const FAMILY_BITS: Record<Family, number> = { 4: 32, 6: 128 };

/** A parsed, canonical CIDR block. */
export interface Cidr {
  readonly family: Family;
  /** First address of the block. */
  readonly first: bigint;
  /** Last address of the block. */
  readonly last: bigint;
  /** Prefix length. */
  readonly length: number;
  /** Canonical text (`10.0.0.0/8`, `2001:db8::/32`). */
  readonly text: string;
}

/** Result of parsing: a block, or a sentence saying what is wrong with the input. */
export type CidrParse = { readonly ok: true; readonly cidr: Cidr } | { readonly ok: false; readonly error: string };

/** The last address of a family. */
export function maxAddress(family: Family): bigint {
  return (1n << BigInt(FAMILY_BITS[family])) - 1n;
}

/** Parse a CIDR block, refusing host bits, out-of-range octets and the wrong family. */
export function parseCidr(input: string, expected?: Family): CidrParse {
  const fail = (why: string): CidrParse => ({ ok: false, error: `'${input}' is not a valid CIDR block: ${why}` });
  if (typeof input !== 'string' || input.trim() === '') {
    return { ok: false, error: 'an empty string is not a valid CIDR block' };
  }
  const slash = input.indexOf('/');
  if (slash < 0) return fail('no prefix length (expected address/length)');
  const addrText = input.slice(0, slash);
  const lenText = input.slice(slash + 1);
  const family: Family = addrText.includes(':') ? 6 : 4;
  if (expected !== undefined && family !== expected) {
    return fail(`an IPv${family} block where an IPv${expected} block is required`);
  }
  if (!/^\d{1,3}$/.test(lenText)) return fail('the prefix length is not a number');
  const length = Number(lenText);
  const bits = FAMILY_BITS[family];
  if (length > bits) return fail(`the prefix length ${length} exceeds ${bits}`);
  const addr = family === 4 ? parseIpv4(addrText) : parseIpv6(addrText);
  if (typeof addr === 'string') return fail(addr);
  const hostMask = (1n << BigInt(bits - length)) - 1n;
  if ((addr & hostMask) !== 0n) {
    return fail(`host bits are set (the block starts at ${formatAddress(family, addr & ~hostMask)}/${length})`);
  }
  return { ok: true, cidr: makeCidr(family, addr, length) };
}

/** Parse a CIDR block that is known to be valid (a constant); throws with the reason otherwise. */
export function cidrOf(text: string): Cidr {
  const p = parseCidr(text);
  if (!p.ok) throw new Error(p.error);
  return p.cidr;
}

/** Whether two blocks share an address (blocks of different families never do). */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

/** Whether `outer` holds every address of `inner` (blocks of different families: never). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return outer.family === inner.family && outer.first <= inner.first && inner.last <= outer.last;
}

/** Build a block from its first address and length (the address must be aligned). */
export function makeCidr(family: Family, first: bigint, length: number): Cidr {
  const bits = FAMILY_BITS[family];
  const size = 1n << BigInt(bits - length);
  return { family, first, last: first + size - 1n, length, text: `${formatAddress(family, first)}/${length}` };
}

function parseIpv4(text: string): bigint | string {
  const parts = text.split('.');
  if (parts.length !== 4) return 'an IPv4 address has four dotted octets';
  let value = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return `octet '${p}' is not a number`;
    if (p.length > 1 && p.startsWith('0')) return `octet '${p}' has a leading zero`;
    const n = Number(p);
    if (n > 255) return `octet ${n} exceeds 255`;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseIpv6(text: string): bigint | string {
  let body = text;
  // An embedded IPv4 address in the last 32 bits (::ffff:1.2.3.4, 64:ff9b::1.2.3.4)
  // is rewritten as its two hex groups.
  const lastColon = body.lastIndexOf(':');
  if (body.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(body.slice(lastColon + 1));
    if (typeof v4 === 'string') return v4;
    body = `${body.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return "'::' appears more than once";
  const groupsOf = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const head = groupsOf(halves[0]);
  const rest = halves.length === 2 ? groupsOf(halves[1]) : [];
  const groups: bigint[] = [];
  for (const g of [...head, ...rest]) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return `group '${g}' is not 1-4 hex digits`;
  }
  const explicit = head.length + rest.length;
  if (halves.length === 1 && explicit !== 8) return `an IPv6 address has eight groups, not ${explicit}`;
  if (halves.length === 2 && explicit > 7) return "'::' must stand for at least one group";
  for (const g of head) groups.push(BigInt(parseInt(g, 16)));
  if (halves.length === 2) for (let i = 0; i < 8 - explicit; i++) groups.push(0n);
  for (const g of rest) groups.push(BigInt(parseInt(g, 16)));
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** Format an address in its family's canonical text (RFC 5952 for IPv6). */
export function formatAddress(family: Family, value: bigint): string {
  if (family === 4) {
    return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.');
  }
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  // Longest run of two or more zero groups becomes '::'.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  const left = hex.slice(0, bestStart).join(':');
  const right = hex.slice(bestStart + bestLen).join(':');
  return `${left}::${right}`;
}

/**
 * The largest CIDR block that starts at `first` and ends at or before `last`:
 * a readable example range out of an arbitrary interval.
 */
export function largestBlockAt(family: Family, first: bigint, last: bigint): Cidr {
  const bits = FAMILY_BITS[family];
  let length = bits;
  while (length > 0) {
    const size = 1n << BigInt(bits - length + 1);
    if (first % size !== 0n || first + size - 1n > last) break;
    length--;
  }
  return makeCidr(family, first, length);
}
