import { Annotations, IAspect, Stage, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { analyze } from '../analysis/analyze';
import { Finding } from '../analysis/findings';
import { buildModel } from '../reader/build-model';
import { readConstructTree } from '../reader/construct-reader';
import { NatRouteRuleLevel, RULE_IDS, RULE_TABLE, RuleId } from '../rule-table';

/**
 * Options of the guard.
 */
export interface NatRouteGuardProps {
  /**
   * Level of each rule, by rule id (see `NatRouteRule`), for example
   * `{ 'NRG-TGW': NatRouteRuleLevel.ERROR, 'NRG-VPCE': NatRouteRuleLevel.OFF }`.
   * Rules not named keep their default level.
   *
   * @default - each rule's default level: NRG-VGW, NRG-PCX, NRG-PROPAGATION, NRG-PRIVATE-IGW and
   * NRG-INVALID are errors, NRG-VPCE and NRG-UNRESOLVED warnings, NRG-TGW off
   */
  readonly ruleLevels?: { [ruleId: string]: NatRouteRuleLevel };
}

/** One analysis per Stage, shared by every guard instance; and what has been reported there. */
interface StageRun {
  readonly findings: Finding[];
  readonly elementAt: (path: string) => IConstruct | undefined;
  readonly reported: Set<string>;
}
const RUNS = new WeakMap<IConstruct, StageRun>();

const ACK_KEY = Validations.ACKNOWLEDGED_RULES_METADATA_KEY;

/**
 * A CDK Aspect that follows NAT gateway traffic through every route table of the app and
 * reports each route that would send it to a VPN, Direct Connect or VPC peering target.
 *
 * ```ts
 * Aspects.of(app).add(new NatRouteGuard(), { priority: AspectPriority.READONLY });
 * ```
 *
 * The whole Stage is analysed once, however many times and at whatever scopes the guard is
 * added; each finding is reported once, as an annotation on the construct that carries it.
 * The guard creates no constructs.
 */
export class NatRouteGuard implements IAspect {
  /**
   * Acknowledge a rule on a construct and everything below it: its findings there become
   * info annotations that show the reason. Same as
   * `Validations.of(scope).acknowledge({ id: ruleId, reason })`.
   *
   * @param scope the construct (a route, a VPC, a stack...)
   * @param ruleId a rule id, e.g. `NRG-VGW`
   * @param reason why this is acceptable; must not be empty
   */
  public static acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
    if (!RULE_TABLE.some((r) => r.id === ruleId)) {
      throw new Error(`NatRouteGuard.acknowledge: '${ruleId}' is not a rule of cdk-nat-route-guard; use one of ${RULE_TABLE.map((r) => r.id).join(', ')}`);
    }
    if (typeof reason !== 'string' || reason.trim() === '') {
      throw new Error(`NatRouteGuard.acknowledge: the reason for acknowledging ${ruleId} on ${scope.node.path} is empty; say why the finding is acceptable`);
    }
    Validations.of(scope).acknowledge({ id: ruleId, reason });
  }

  private readonly levels: ReadonlyMap<string, NatRouteRuleLevel>;
  /** Stages this guard has reported on: every later visit there is a no-op. */
  private readonly done = new WeakSet<IConstruct>();

  constructor(props: NatRouteGuardProps = {}) {
    const levels = new Map<string, NatRouteRuleLevel>(RULE_TABLE.map((r) => [r.id, r.defaultLevel]));
    for (const [id, level] of Object.entries(props.ruleLevels ?? {})) {
      if (!levels.has(id)) {
        throw new Error(`NatRouteGuardProps.ruleLevels: '${id}' is not a rule of cdk-nat-route-guard; use one of ${RULE_TABLE.map((r) => r.id).join(', ')}`);
      }
      if (!Object.values(NatRouteRuleLevel).includes(level)) {
        throw new Error(`NatRouteGuardProps.ruleLevels['${id}']: '${String(level)}' is not a NatRouteRuleLevel (ERROR, WARNING or OFF)`);
      }
      levels.set(id, level);
    }
    this.levels = levels;
  }

  public visit(node: IConstruct): void {
    const stage = stageOf(node);
    if (this.done.has(stage)) return;
    this.done.add(stage);
    let run = RUNS.get(stage);
    if (!run) {
      run = analyseStage(stage);
      RUNS.set(stage, run);
    }
    for (const f of run.findings) {
      const level = this.levels.get(f.ruleId) ?? NatRouteRuleLevel.OFF;
      const key = `${f.ruleId}\u0000${f.path}\u0000${f.message}`;
      if (level === NatRouteRuleLevel.OFF || run.reported.has(key)) continue;
      run.reported.add(key);
      report(placeOf(f.path, run.elementAt, stage), f, level);
    }
  }
}

/**
 * The Stage a construct belongs to (itself if it is one), or the root. Called for every
 * construct of the app: walks up without allocating (`Stage.of` copies the scope list).
 */
function stageOf(node: IConstruct): IConstruct {
  let c: IConstruct | undefined = node;
  while (c && !Stage.isStage(c)) c = c.node.scope;
  return c ?? node.node.root;
}

/** Read and analyse a Stage. A failure of the guard itself never fails synthesis: it is reported. */
function analyseStage(stage: IConstruct): StageRun {
  try {
    const reading = readConstructTree(stage);
    const model = buildModel(reading.records);
    const findings = analyze({ ...model, problems: [...reading.problems, ...model.problems] });
    return { findings, elementAt: reading.elementAt, reported: new Set() };
  } catch (e) {
    const message = `[${RULE_IDS.UNRESOLVED}] cdk-nat-route-guard could not analyse ${stage.node.path || 'the app'} `
      + `(${(e as Error).message}), so nothing in it is proven compliant. Please report this with the construct tree that caused it.`;
    return { findings: [{ ruleId: RULE_IDS.UNRESOLVED, path: stage.node.path, message }], elementAt: () => undefined, reported: new Set() };
  }
}

/** The construct a finding goes on: its path, or the nearest construct that exists. */
function placeOf(path: string, elementAt: (path: string) => IConstruct | undefined, stage: IConstruct): IConstruct {
  let p = path.replace(/ \(.*$/, '').replace(/\.RouteTableId$/, '');
  while (p) {
    const c = elementAt(p);
    if (c) return c;
    p = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '';
  }
  return stage;
}

function report(scope: IConstruct, f: Finding, level: NatRouteRuleLevel) {
  const ack = acknowledgement(scope, f.ruleId);
  if (ack && ack.reason.trim() !== '') {
    Annotations.of(scope).addInfo(`${f.message} Acknowledged on ${ack.path}: ${ack.reason}`);
    return;
  }
  const note = ack ? ` (An acknowledgement of ${f.ruleId} on ${ack.path} was ignored because its reason is empty.)` : '';
  if (level === NatRouteRuleLevel.ERROR) Annotations.of(scope).addError(f.message + note);
  else Validations.of(scope).addWarning(f.ruleId, f.message + note);
}

/** The nearest acknowledgement of the rule on the construct or an ancestor. */
function acknowledgement(scope: IConstruct, ruleId: RuleId): { path: string; reason: string } | undefined {
  for (const c of [...scope.node.scopes].reverse()) {
    for (const m of [...c.node.metadata].reverse()) {
      if (m.type !== ACK_KEY || !m.data || typeof m.data !== 'object') continue;
      // Keys are qualified by a source prefix (`annotation::NRG-VGW`, `Annotation::` in newer releases).
      const hit = Object.entries(m.data as Record<string, unknown>).find(([k]) => k.split('::').pop() === ruleId);
      if (hit) return { path: c.node.path || '(app)', reason: String(hit[1] ?? '') };
    }
  }
  return undefined;
}
