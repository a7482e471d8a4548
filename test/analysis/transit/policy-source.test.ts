/**
 * A policy-table entry's source against the NAT gateway's traffic (docs/transit.md, "Policy
 * tables"): the NAT gateway's private address lies in its subnet (a regional one's: in its VPC),
 * so an entry takes its traffic for certain when the source holds every such block, may take it
 * when the source overlaps one, and never when it overlaps none. Boundaries included.
 */
import { describeEntry, policyOutcomes } from '../../../src/analysis/transit/policy';
import { ALL_ADDRESSES } from '../../../src/analysis/transit/view';
import { Destination, NatGateway } from '../../../src/model/model';
import { TgwPolicyEntry } from '../../../src/model/transit';
import { cidrOf } from '../../../src/net/cidr';

const block = (text: string): Destination => ({ kind: 'cidr', cidr: cidrOf(text) });
const nat = (sources?: string[]): NatGateway => ({
  key: 'N', path: 'S/Nat', connectivity: 'public', regional: false, tableKey: 'S/PublicRt', ...(sources ? { sources: sources.map(cidrOf) } : {}),
});
const entry = (source?: Destination, opts: Partial<TgwPolicyEntry> = {}): TgwPolicyEntry => ({
  path: 'H/Entry', rule: 10, conditioned: false, table: 'H/Rt', ...(source ? { source } : {}), ...opts,
});

/** What the one entry does with the NAT gateway's traffic: `certain`, `may` or `never` (no outcome). */
function verdict(source: Destination | undefined, sources?: string[], opts: Partial<TgwPolicyEntry> = {}): string {
  const out = policyOutcomes({ key: 'P', path: 'H/Policy', entries: [entry(source, opts)] }, nat(sources), ALL_ADDRESSES);
  return out.length === 0 ? 'never' : out[0].certain ? 'certain' : 'may';
}

const SUBNET = ['10.10.0.0/28'];

test.each([
  ['no source: any address', undefined, SUBNET, 'certain'],
  ['a source holding the subnet', block('10.10.0.0/16'), SUBNET, 'certain'],
  ['a source equal to the subnet', block('10.10.0.0/28'), SUBNET, 'certain'],
  ['a source holding part of the subnet', block('10.10.0.8/29'), SUBNET, 'may'],
  ['a source that is the subnet\'s last address', block('10.10.0.15/32'), SUBNET, 'may'],
  ['a source that is the subnet\'s first address', block('10.10.0.0/32'), SUBNET, 'may'],
  ['a source just past the subnet', block('10.10.0.16/28'), SUBNET, 'never'],
  ['a source just before the subnet', block('10.9.255.240/28'), SUBNET, 'never'],
  ['a source elsewhere', block('10.20.0.0/16'), SUBNET, 'never'],
  ['an IPv6 source', block('fd00::/8'), SUBNET, 'may'],
  ['an unresolved source', { kind: 'unknown', key: 'Ref Src', label: 'Ref Src' } as Destination, SUBNET, 'may'],
  ['the NAT gateway\'s subnet unknown', block('10.10.0.0/16'), undefined, 'may'],
  ['the NAT gateway\'s subnet list empty', block('10.10.0.0/16'), [], 'may'],
  ['a regional NAT gateway in two blocks, the source holding one', block('10.10.0.0/16'), ['10.10.0.0/16', '10.30.0.0/16'], 'may'],
  ['a regional NAT gateway in two blocks, the source holding both', block('10.0.0.0/8'), ['10.10.0.0/16', '10.30.0.0/16'], 'certain'],
  ['a regional NAT gateway with an IPv6 block beside its IPv4 one (conservative: only IPv4 blocks are proven inside)', block('10.0.0.0/8'), ['10.10.0.0/16', 'fd00:1::/56'], 'may'],
] as Array<[string, Destination | undefined, string[] | undefined, string]>)('%s: %s', (_name, source, sources, expected) => {
  expect(verdict(source, sources)).toBe(expected);
});

test('a certain source is not certain when the rule number is unresolved or the entry has a port condition', () => {
  expect(verdict(block('10.10.0.0/16'), SUBNET, { rule: undefined })).toBe('may');
  expect(verdict(block('10.10.0.0/16'), SUBNET, { conditioned: true })).toBe('may');
});

test('how an entry reads in a path: rule number, then what it matches, if anything', () => {
  expect(describeEntry(entry(undefined))).toBe('entry H/Entry (rule 10)');
  expect(describeEntry(entry(block('10.10.0.0/16'), { rule: undefined, destination: block('10.200.0.0/16'), conditioned: true })))
    .toBe('entry H/Entry (rule unresolved: from 10.10.0.0/16 to 10.200.0.0/16 with a protocol or port condition)');
});
