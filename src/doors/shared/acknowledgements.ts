/**
 * Acknowledgements, one module for every door: CDK's (`Validations.of(scope).acknowledge`, in the
 * construct tree or the cloud assembly's metadata) and a plain template's (resource or template
 * `Metadata`). Each door asks for the nearest acknowledgement of a rule where a finding lands.
 */
import { IConstruct } from 'constructs';
import { ancestorPaths } from './paths';
import { Finding } from '../../analysis/findings';
import { RULE_IDS, RULE_TABLE, RuleId } from '../../analysis/rule-table';
import { acknowledgementsOf } from '../../internal/cdk';
import { RecordLocation } from '../../readers/template/source';

/** The name under which findings appear in CDK's validation report (and `<name>::NRG-…` acknowledges them). */
export const PLUGIN_NAME = 'cdk-nat-route-guard';

/** The key of resource (or template) `Metadata` that acknowledges rules in a plain template. */
export const METADATA_KEY = 'cdk-nat-route-guard';

/** One acknowledgement entry CDK recorded (`aws:cdk:acknowledged-rules` metadata): the construct's path and the ids with their reasons. */
export interface AcknowledgementEntry {
  readonly path: string;
  readonly data: Record<string, unknown>;
}

/** An acknowledgement of a rule: where it was given, and why. */
export interface Acknowledgement {
  readonly path: string;
  readonly reason: string;
}

/** Whether an acknowledgement holds: an empty reason does not (the finding is reported, and says so). */
export function holds(ack: Acknowledgement | undefined): boolean {
  return ack !== undefined && ack.reason.trim() !== '';
}

/**
 * The reason an acknowledgement entry gives for a rule, if it names it. Keys are qualified by a
 * source prefix: `annotation::NRG-VGW` (2.257), `Annotation::NRG-VGW` (newer), or the plugin's
 * name, `cdk-nat-route-guard::NRG-VGW`.
 */
export function acknowledgedReason(data: Record<string, unknown>, ruleId: string): string | undefined {
  const hit = Object.entries(data).find(([k]) => k.split('::').pop() === ruleId);
  return hit ? String(hit[1] ?? '') : undefined;
}

/** The nearest acknowledgement of the rule on the construct or an ancestor, in the construct tree. */
export function acknowledgementAt(scope: IConstruct, ruleId: RuleId): Acknowledgement | undefined {
  for (let c: IConstruct | undefined = scope; c; c = c.node.scope) {
    for (const data of acknowledgementsOf(c).reverse()) {
      const reason = acknowledgedReason(data, ruleId);
      if (reason !== undefined) return { path: c.node.path || '(app)', reason };
    }
  }
  return undefined;
}

/** The nearest acknowledgement in an app's tree for a construct path, when the construct is found there. */
export function acknowledgementAtPath(app: IConstruct, constructPath: string, ruleId: RuleId): Acknowledgement | undefined {
  const c = constructAtPath(app, constructPath);
  return c ? acknowledgementAt(c, ruleId) : undefined;
}

/** The construct at a path below `app` (ids joined by `/`, as `node.path` writes them), if any. */
export function constructAtPath(app: IConstruct, constructPath: string): IConstruct | undefined {
  let c: IConstruct | undefined = app;
  for (const id of constructPath.split('/')) c = c?.node.tryFindChild(id);
  return c;
}

/** Every acknowledgement entry in a construct tree (the App's and the Stages' own included). */
export function acknowledgementEntriesIn(root: IConstruct): AcknowledgementEntry[] {
  const out: AcknowledgementEntry[] = [];
  for (const c of root.node.findAll()) for (const data of acknowledgementsOf(c)) out.push({ path: c.node.path, data });
  return out;
}

/**
 * The nearest acknowledgement recorded in a cloud assembly's metadata (entries by construct path,
 * '' for the App's) for the path, an ancestor, or the App.
 */
export function assemblyAcknowledgement(
  entries: ReadonlyMap<string, ReadonlyArray<Record<string, unknown>>>, constructPath: string, ruleId: RuleId,
): Acknowledgement | undefined {
  for (const p of [...ancestorPaths(constructPath), '']) {
    for (const data of [...(entries.get(p) ?? [])].reverse()) {
      const reason = acknowledgedReason(data, ruleId);
      if (reason !== undefined) return { path: p || '(app)', reason };
    }
  }
  return undefined;
}

/**
 * An acknowledgement written in a plain template: `Metadata: { cdk-nat-route-guard: { acknowledge:
 * { NRG-VGW: <reason> } } }` on the resource, or at the top of the template for all of it.
 */
export function templateAcknowledgement(template: unknown, at: RecordLocation, ruleId: RuleId): Acknowledgement | undefined {
  const t = template as { Metadata?: unknown; Resources?: Record<string, { Metadata?: unknown }> } | undefined;
  const fromMetadata = (metadata: unknown) => {
    const acks = (metadata as Record<string, { acknowledge?: unknown } | undefined> | undefined)?.[METADATA_KEY]?.acknowledge;
    return acks && typeof acks === 'object' && !Array.isArray(acks) ? acknowledgedReason(acks as Record<string, unknown>, ruleId) : undefined;
  };
  const onResource = at.logicalId === undefined ? undefined : fromMetadata(t?.Resources?.[at.logicalId]?.Metadata);
  if (onResource !== undefined) return { path: `${at.label}#${at.logicalId}`, reason: onResource };
  const onTemplate = fromMetadata(t?.Metadata);
  return onTemplate !== undefined ? { path: at.label, reason: onTemplate } : undefined;
}


/**
 * The ids of an acknowledgement entry meant for this library that no rule has: an `NRG-` id in
 * any case (under CDK's `annotation::` prefix, the library's, or none), or any id under the
 * library's prefix. Other tools' ids (`AwsSolutions-VPC7`, `CloudFormation-Validate::W3010`) are theirs.
 */
export function unknownRuleIds(data: Record<string, unknown>): string[] {
  return Object.keys(data).filter((key) => meantForTheGuard(key) && !RULE_TABLE.some((r) => r.id === key.split('::').pop()));
}

/** Whether an acknowledged id is meant for this library: an `NRG-` id in any case, alone or under CDK's prefix, or anything under the library's. */
export function meantForTheGuard(key: string): boolean {
  const parts = key.split('::');
  const id = parts[parts.length - 1];
  const prefix = parts.length > 1 ? parts[0] : undefined;
  return prefix === PLUGIN_NAME || (/^nrg-/i.test(id) && (prefix === undefined || /^annotation$/i.test(prefix)));
}

/** How CDK's acknowledgements are given, as an `NRG-UNKNOWN-ACK` finding says. */
export const CDK_FORM = 'with Validations.of(...).acknowledge';

/** `NRG-UNKNOWN-ACK` findings for CDK's acknowledgement entries (`how` they were given), once per construct path and id. */
export function unknownAcknowledgementsIn<E extends AcknowledgementEntry>(entries: Iterable<E>, how: string): Array<{ entry: E; finding: Finding }> {
  const seen = new Set<string>();
  const out: Array<{ entry: E; finding: Finding }> = [];
  for (const entry of entries) {
    for (const key of unknownRuleIds(entry.data)) {
      const path = entry.path || '(app)';
      if (seen.has(`${path}\u0000${key}`)) continue;
      seen.add(`${path}\u0000${key}`);
      out.push({ entry, finding: unknownAcknowledgement(path, key, how) });
    }
  }
  return out;
}

/** The `NRG-UNKNOWN-ACK` finding for an acknowledgement of `key` on `path` (`how`: the form it was given in). */
export function unknownAcknowledgement(path: string, key: string, how: string): Finding {
  const id = key.split('::').pop() ?? key;
  const near = nearestRule(id);
  return {
    ruleId: RULE_IDS.UNKNOWN_ACK,
    path,
    message: `[${RULE_IDS.UNKNOWN_ACK}] The acknowledgement of '${key}' on ${path} names no rule of cdk-nat-route-guard, so it acknowledges nothing`
      + `${near ? ` (did you mean ${near}? Rule ids are case-sensitive)` : ''}. It was given ${how}. `
      + `Fix: name one of ${RULE_TABLE.map((r) => r.id).join(', ')} (NatRouteGuard.acknowledge refuses any other id).`,
  };
}

/** The rule whose id is nearest to a mistyped one (same letters in another case, or one or two edits away). */
function nearestRule(id: string): string | undefined {
  const upper = id.toUpperCase();
  let best: { id: string; d: number } | undefined;
  for (const r of RULE_TABLE) {
    const d = r.id === upper ? 0 : editDistance(upper, r.id);
    if (d <= 2 && (!best || d < best.d)) best = { id: r.id, d };
  }
  return best?.id;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_v, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}
