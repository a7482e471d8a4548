/**
 * Acknowledgements, one module for every door: CDK's (`Validations.of(scope).acknowledge`, in the
 * construct tree or the cloud assembly's metadata) and a plain template's (resource or template
 * `Metadata`). Each door asks for the nearest acknowledgement of a rule where a finding lands.
 */
import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ancestorPaths } from './paths';
import { RuleId } from '../../analysis/rule-table';
import { RecordLocation } from '../../readers/template/source';

/** The key of resource (or template) `Metadata` that acknowledges rules in a plain template. */
export const METADATA_KEY = 'cdk-nat-route-guard';

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
    for (const m of [...c.node.metadata].reverse()) {
      if (m.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !m.data || typeof m.data !== 'object') continue;
      const reason = acknowledgedReason(m.data as Record<string, unknown>, ruleId);
      if (reason !== undefined) return { path: c.node.path || '(app)', reason };
    }
  }
  return undefined;
}

/** The nearest acknowledgement in an app's tree for a construct path, when the construct is found there. */
export function acknowledgementAtPath(app: IConstruct, constructPath: string, ruleId: RuleId): Acknowledgement | undefined {
  let c: IConstruct | undefined = app;
  for (const id of constructPath.split('/')) c = c?.node.tryFindChild(id);
  return c ? acknowledgementAt(c, ruleId) : undefined;
}

/** The nearest acknowledgement recorded in a cloud assembly's metadata (entries by construct path) for the path or an ancestor. */
export function assemblyAcknowledgement(
  entries: ReadonlyMap<string, ReadonlyArray<Record<string, unknown>>>, constructPath: string, ruleId: RuleId,
): Acknowledgement | undefined {
  for (const p of ancestorPaths(constructPath)) {
    for (const data of [...(entries.get(p) ?? [])].reverse()) {
      const reason = acknowledgedReason(data, ruleId);
      if (reason !== undefined) return { path: p, reason };
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
