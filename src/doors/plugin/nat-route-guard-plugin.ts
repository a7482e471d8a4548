import * as path from 'path';
import { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { NatRouteRuleLevel, RULE_IDS, RULE_TABLE, RuleId, ruleLevelsOf } from '../../analysis/rule-table';
import { EngineDeclarations } from '../../engine/judge-reading';
import { acknowledgementAtPath, acknowledgementEntriesIn } from '../shared/acknowledgements';
import { judgeTemplates } from '../shared/judge-templates';
import { reportWhereTheCliWouldNot } from '../shared/printed-report';
import { TransitGatewayDeclarations, declarationsOf } from '../shared/transit-options';
import { PLUGIN_NAME, passes, violationOf, warnWhereTheHostWouldNotFail } from '../shared/violations';

/**
 * Options of the validation plugin.
 */
export interface NatRouteGuardPluginProps extends TransitGatewayDeclarations {
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
   * comes from, why it matters) after the path.
   *
   * @default false - the short form: a first line that names the rule, the NAT gateway, the
   * range, the exit and the route, then the path; the fix is the violation's suggested fix
   */
  readonly verbose?: boolean;
}

/**
 * The guard as a CDK validation plugin, beside cdk-nag 3 and CDK's own template validation.
 *
 * ```ts fixture=guard
 * Validations.of(app).addPlugins(new NatRouteGuardPlugin());
 * ```
 *
 * It reads the templates CDK has synthesized (every stack of the app, stacks in Stages and
 * nested stacks included) and reports each finding in CDK's validation report, with the rule id
 * as rule name, the violating resource's logical id and template, and the fix. An error fails
 * `cdk synth`.
 *
 * Acknowledge with `NatRouteGuard.acknowledge(construct, 'NRG-VGW', reason)`, which writes the id
 * CDK's report names under each finding (`cdk-nat-route-guard::NRG-VGW`): the finding moves to the
 * report's suppressed violations. The short `Validations.of(x).acknowledge({ id: 'NRG-VGW' })` is
 * honoured too: the finding stays in the report as `info`, with the reason, and fails nothing.
 */
export class NatRouteGuardPlugin implements IPolicyValidationPlugin {
  /** The plugin's name in CDK's validation report. */
  public readonly name: string = PLUGIN_NAME;
  /** The rules the plugin evaluates. */
  public readonly ruleIds?: string[] = RULE_TABLE.map((r) => r.id);

  private readonly levels: ReadonlyMap<RuleId, NatRouteRuleLevel>;
  private readonly declarations: EngineDeclarations;
  private readonly verbose: boolean;

  /** @param props rule levels and transit gateway declarations; with none, every rule at its default level */
  constructor(props: NatRouteGuardPluginProps = {}) {
    this.levels = ruleLevelsOf(props.ruleLevels, 'NatRouteGuardPluginProps');
    this.declarations = declarationsOf(props, 'NatRouteGuardPluginProps');
    this.verbose = props.verbose === true;
  }

  /** Judge the synthesized templates. A failure of the plugin itself is reported, never thrown. */
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    try {
      return this.judge(context);
    } catch (e) {
      return {
        success: false,
        violations: [],
        metadata: { error: `cdk-nat-route-guard could not read the templates (${(e as Error).message}), so nothing in them is proven compliant. Please report this with the templates that caused it.` },
      };
    }
  }

  private judge(context: IPolicyValidationContext): PolicyValidationPluginReport {
    // Newer aws-cdk-lib releases hand plugins the app (acknowledgements on the App or a Stage live only there).
    const app = (context as { appConstruct?: IConstruct }).appConstruct;
    const judged = judgeTemplates(context.templatePaths, this.levels, {
      declarations: this.declarations,
      acknowledgementAt: app ? (constructPath, ruleId) => acknowledgementAtPath(app, constructPath, ruleId) : undefined,
      acknowledgementEntries: app ? () => acknowledgementEntriesIn(app) : undefined,
    });
    const violations: PolicyViolation[] = judged.findings.map(({ finding, level, location, acknowledgement }) => violationOf(
      finding, level, acknowledgement, {
        resourceLogicalId: location?.logicalId,
        templatePath: location ? path.resolve(location.template) : undefined,
        // An acknowledgement that names no rule may be on any construct (an L2, the App).
        constructPath: location?.constructPath ?? (finding.ruleId === RULE_IDS.UNKNOWN_ACK ? finding.path : undefined),
        locations: [],
      }, this.verbose));
    reportWhereTheCliWouldNot(context, violations);
    warnWhereTheHostWouldNotFail(context, violations);
    return { success: passes(violations), violations };
  }
}
