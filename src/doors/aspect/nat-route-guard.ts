import { Annotations, App, CfnElement, IAspect, Stage, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { recordAcknowledgedAbove } from './acknowledged-above';
import { judgeTree, placeForStage, stageOf } from './judge-tree';
import { GuardSettings, OWN_GUARD, guardVisits, registerGuard, settingsAt } from './settings';
import { addStageReport } from './stage-report';
import { Finding, levelOfFinding } from '../../analysis/findings';
import { NatRouteRuleLevel, RULE_IDS, RULE_TABLE, ruleLevelsOf } from '../../analysis/rule-table';
import { cannotRead, metadataListOf } from '../../internal/cdk';
import { acknowledgementAt, holds } from '../shared/acknowledgements';
import { layOut, layoutText } from '../shared/layout';
import { TransitGatewayDeclarations, declarationsOf } from '../shared/transit-options';
import { PLUGIN_NAME } from '../shared/violations';

/**
 * Options of the guard.
 */
export interface NatRouteGuardProps extends TransitGatewayDeclarations {
  /**
   * Level of each rule, by rule id (see `NatRouteRule`), for example
   * `{ 'NRG-TGW': NatRouteRuleLevel.ERROR, 'NRG-VPCE': NatRouteRuleLevel.OFF }`.
   * Rules not named keep their default level.
   *
   * @default - each rule's default level: NRG-VGW, NRG-PCX, NRG-PROPAGATION, NRG-PRIVATE-IGW,
   * NRG-TGW-HYBRID, NRG-TGW-PEERING and NRG-INVALID are errors; NRG-VPCE, NRG-TGW-PROPAGATION,
   * NRG-TGW-UNKNOWN, NRG-UNRESOLVED and NRG-UNKNOWN-ACK warnings; NRG-TGW and NRG-TGW-VPC off
   */
  readonly ruleLevels?: { [ruleId: string]: NatRouteRuleLevel };

  /**
   * Report each finding in its long form: every sentence of the explanation (where the traffic
   * comes from, why it matters) between the path and the fix.
   *
   * @default false - the short form: a first line that names the rule, the NAT gateway, the
   * range, the exit and the route, then the path, the fix and how to acknowledge, each on its own line
   */
  readonly verbose?: boolean;
}

/**
 * A CDK Aspect that follows NAT gateway traffic through every route table of the app and
 * reports each route that would send it to a VPN, Direct Connect or VPC peering target.
 *
 * ```ts fixture=guard
 * Aspects.of(app).add(new NatRouteGuard());
 * ```
 *
 * The guard judges the tree as it is synthesized: after every aspect has run and before the
 * templates are written, at every synthesis. Each finding is reported once, as an annotation on
 * the construct that carries it, with the settings of the guard added at the deepest scope that
 * holds that construct. Stacks in Stages nested below the guard's scope (CDK Pipelines) are
 * judged too; their findings are reported in CDK's validation report, which fails `cdk synth`
 * on an error. The guard creates no constructs and changes no template.
 */
export class NatRouteGuard implements IAspect {
  /**
   * Acknowledge a rule on a construct and everything below it: its findings there become
   * info annotations that show the reason. Same as
   * `Validations.of(scope).acknowledge({ id: 'cdk-nat-route-guard::' + ruleId, reason })`, the id
   * CDK's validation report names under each finding; the short `id: ruleId` is honoured too.
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
    Validations.of(scope).acknowledge({ id: `${PLUGIN_NAME}::${ruleId}`, reason });
  }

  /** Stages this guard has visited: every later visit there is a no-op. */
  private readonly seen = new WeakSet<IConstruct>();
  /**
   * Constructs other than elements visited in a Stage already seen (elements seldom hold
   * constructs). CDK visits a construct before those it holds, so a visit costs one look at its
   * scope: visits are as many as constructs.
   */
  private readonly covered = new WeakSet<IConstruct>();
  /** The scope of the last visit that found its scope covered (siblings follow each other). */
  private lastCovered?: IConstruct;

  private readonly settings: GuardSettings;

  /** @param props rule levels, acknowledgements and transit gateway declarations; with none, every rule at its default level */
  constructor(props: NatRouteGuardProps = {}) {
    const levels = ruleLevelsOf(props.ruleLevels, 'NatRouteGuardProps');
    this.settings = {
      levelOf: (id) => levels.get(id)!, own: OWN_GUARD.building, declarations: declarationsOf(props, 'NatRouteGuardProps'), verbose: props.verbose === true,
    };
    registerGuard(this, this.settings);
  }

  public visit(node: IConstruct): void {
    const scope = node.node.scope;
    // `instanceof` first: cheap, and an element is never a Stage (`Stage.isStage` covers other copies of the library).
    const element = node instanceof CfnElement;
    if (scope !== undefined && (scope === this.lastCovered || this.covered.has(scope)) && (element || !Stage.isStage(node))) {
      this.lastCovered = scope;
      if (!element) this.covered.add(node);
      return;
    }
    if (!element) this.covered.add(node);
    const stage = stageOf(node);
    if (this.seen.has(stage)) return;
    this.seen.add(stage);
    guardVisits(stage, this.settings);
    if (!JUDGED.has(stage)) {
      JUDGED.add(stage);
      // Validations run after every aspect and before any template is written.
      stage.node.addValidation({ validate: () => { judgeStage(stage); return []; } });
    }
  }
}

/** Stages whose constructs the guards judge at validation (one judge per Stage, whatever the guards). */
const JUDGED = new WeakSet<IConstruct>();

/**
 * Annotations written by the previous judgement of each Stage, withdrawn before the next one;
 * `kept`: some could not be (the release keeps metadata where the guard cannot reach it).
 */
const WRITTEN = new WeakMap<IConstruct, { entries: Array<{ scope: IConstruct; entry: unknown }>; kept: boolean }>();

/** Judge a Stage and annotate each finding with the settings that apply where it lands. */
function judgeStage(stage: IConstruct): void {
  const before = WRITTEN.get(stage);
  withdraw(before?.entries ?? []);
  const written: Array<{ scope: IConstruct; entry: unknown }> = [];
  let kept = false;
  const judgement = judgeTree(stage);
  recordAcknowledgedAbove(stage);
  if (before?.kept) {
    Annotations.of(placeForStage(stage)).addWarningV2(RULE_IDS.UNRESOLVED,
      `[${RULE_IDS.UNRESOLVED}] ${cannotRead('the annotations an earlier synthesis of this app wrote', 'findings fixed since then may still be shown')}`);
  }
  for (const f of judgement.findings) {
    const scope = judgement.placeOf(f);
    try {
      const level = levelOfFinding(f, settingsAt(scope)?.levelOf(f.ruleId) ?? NatRouteRuleLevel.OFF);
      if (level === NatRouteRuleLevel.OFF) continue;
      const count = scope.node.metadata.length;
      report(scope, f, level, settingsAt(scope)?.verbose ?? false);
      const entries = metadataListOf(scope);
      if (entries === undefined) kept = true;
      for (const entry of entries?.slice(count) ?? []) written.push({ scope, entry });
    } catch (e) {
      // A failure of the guard never fails synthesis (validations that throw would): it says so.
      Annotations.of(scope).addWarningV2(f.ruleId, `[${f.ruleId}] cdk-nat-route-guard could not report a finding here (${(e as Error).message}): ${f.message}`);
    }
  }
  WRITTEN.set(stage, { entries: written, kept });
  // Stacks in Stages below the App are reported in CDK's validation report (stage-report.ts):
  // a nested Stage judged here, or one the App's reading met.
  const root = stage.node.root;
  if (App.isApp(root) && (stage !== root || judgement.nestedStages)) addStageReport(root as App);
}


/**
 * Withdraw what an earlier synthesis of the same app reported: the tree may have changed since
 * (the assertions library synthesizes again after a change), and a finding fixed since must not
 * stay. Only the guard's own entries are removed.
 */
function withdraw(written: ReadonlyArray<{ scope: IConstruct; entry: unknown }>) {
  for (const { scope, entry } of written) {
    const list = metadataListOf(scope);
    const i = list ? list.indexOf(entry) : -1;
    if (i >= 0) list!.splice(i, 1);
  }
}

/**
 * One finding as an annotation, laid out (layout.ts), under the id CDK's report then names for
 * acknowledging it: `cdk-nat-route-guard::<rule>`, as the plugin's findings are named.
 */
function report(scope: IConstruct, f: Finding, level: NatRouteRuleLevel, verbose: boolean) {
  const ack = acknowledgementAt(scope, f.ruleId);
  const laid = layOut(f, { verbose });
  if (ack && holds(ack)) {
    Annotations.of(scope).addInfo(layoutText({ ...laid, details: [...laid.details.filter((d) => !d.startsWith('Acknowledge')), `Acknowledged on ${ack.path}: ${ack.reason}`] }));
    return;
  }
  const note = ack ? [`(An acknowledgement of ${f.ruleId} on ${ack.path} was ignored because its reason is empty.)`] : [];
  const text = layoutText({ ...laid, details: [...laid.details, ...note] });
  const id = `${PLUGIN_NAME}::${f.ruleId}`;
  if (level === NatRouteRuleLevel.ERROR) Validations.of(scope).addError(id, text);
  else Validations.of(scope).addWarning(id, text);
}
