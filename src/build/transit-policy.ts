/**
 * Transit gateway policy tables and their entries (policy-based routing, docs/transit.md "Policy
 * tables"): what each entry matches and which route table it sends that traffic to. No CDK.
 */
import { ValueReader, present } from './values';
import { literalString } from '../cloudformation/literal';
import { Destination } from '../model/model';
import { TgwPolicyEntry, TgwPolicyTable } from '../model/transit';
import { ResourceRecord } from '../records/record';
import { refOf } from '../records/ref';

export const POLICY_TYPES = ['AWS::EC2::TransitGatewayPolicyTable', 'AWS::EC2::TransitGatewayPolicyTableEntry'] as const;

export interface PolicyInput {
  readonly of: (type: string) => readonly ResourceRecord[];
  readonly byPath: ReadonlyMap<string, ResourceRecord>;
  readonly values: ValueReader;
  /** The key of the transit gateway route table an id names (an open table for one the app does not define). */
  readonly tableKey: (v: unknown) => string;
}

/** The key of the policy table an id names, if the app defines it. */
export function policyTableKey(byPath: ReadonlyMap<string, ResourceRecord>, v: unknown): string | undefined {
  const ref = refOf(v);
  return ref && byPath.get(ref.path)?.type === POLICY_TYPES[0] ? ref.path : undefined;
}

/** The policy tables the app defines, with their entries in ascending rule number (unresolved numbers last). */
export function policyTablesOf(input: PolicyInput): Map<string, TgwPolicyTable> {
  const entries = new Map<string, TgwPolicyEntry[]>();
  for (const r of input.of(POLICY_TYPES[0])) entries.set(r.path, []);
  for (const r of input.of(POLICY_TYPES[1])) {
    const table = policyTableKey(input.byPath, r.properties.TransitGatewayPolicyTableId);
    if (table !== undefined) entries.get(table)!.push(entryOf(r, input));
  }
  const out = new Map<string, TgwPolicyTable>();
  for (const [key, list] of entries) {
    list.sort((a, b) => (a.rule ?? Infinity) - (b.rule ?? Infinity));
    out.set(key, { key, path: key, entries: list });
  }
  return out;
}

function entryOf(r: ResourceRecord, input: PolicyInput): TgwPolicyEntry {
  const p = r.properties;
  const number = literalString(p.PolicyRuleNumber) ?? (typeof p.PolicyRuleNumber === 'number' ? String(p.PolicyRuleNumber) : undefined);
  const rule = number !== undefined && /^\d+$/.test(number) ? Number(number) : undefined;
  const table = present(p.TargetRouteTableId) ? input.tableKey(p.TargetRouteTableId) : undefined;
  const policyRule = p.PolicyRule;
  if (!policyRule || typeof policyRule !== 'object' || Array.isArray(policyRule)) {
    // A rule the template leaves to deploy time: it may match anything.
    const any: Destination = { kind: 'unknown', key: `${r.path}.PolicyRule`, label: `the PolicyRule of ${r.path}` };
    return { path: r.path, rule, source: any, destination: any, conditioned: true, table };
  }
  const q = policyRule as Record<string, unknown>;
  const block = (name: 'SourceCidrBlock' | 'DestinationCidrBlock'): Destination | undefined => {
    if (!present(q[name])) return undefined;
    const d = input.values.destination('DestinationCidrBlock', q[name]);
    // A value that is not a CIDR block (CloudFormation would reject it): taken as unknown, never as a match.
    return typeof d === 'string' ? { kind: 'unknown', key: `${r.path}.${name}`, label: `the ${name} of ${r.path}` } : d;
  };
  const protocol = literalString(q.Protocol);
  const conditioned = (present(q.Protocol) && protocol !== '-1') || present(q.SourcePortRange) || present(q.DestinationPortRange);
  return { path: r.path, rule, source: block('SourceCidrBlock'), destination: block('DestinationCidrBlock'), conditioned, table };
}
