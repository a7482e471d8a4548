/**
 * Stacks in Stages nested below a guard's scope (every CDK Pipelines app) are synthesized before
 * the App's aspects run, and the CLI does not report their annotations: the guard reports their
 * findings in CDK's validation report instead, which fails `cdk synth` on an error.
 */
import * as path from 'path';
import {
  App, CfnElement, IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation, Stack, Stage, Validations,
} from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { unseenByTheCommandLine } from './acknowledged-above';
import { judgeTree, stageOf } from './judge-tree';
import { settingsAt } from './settings';
import { levelOfFinding } from '../../analysis/findings';
import { NatRouteRuleLevel } from '../../analysis/rule-table';
import { validationPluginsOf } from '../../internal/cdk';
import { acknowledgementAt, holds } from '../shared/acknowledgements';
import { reportWhereTheCliWouldNot } from '../shared/printed-report';
import { PLUGIN_NAME, passes, violationOf } from '../shared/violations';

const CONSIDERED = new WeakSet<App>();

/** What a finding acknowledged above a nested Stage's stack says: the command line on the assembly will not see it. */
const UNSEEN = '(Given above this stack, which CDK synthesizes in a nested Stage before any aspect runs: the command line on the cloud '
  + 'assembly cannot see it and reports the finding. Acknowledge on the stack or below for every door.)';

/**
 * Add, once per App, the report of the findings in nested Stages, if the App has any (a
 * validation plugin is not free: older aws-cdk-lib releases print a banner for any). Called
 * while the tree is validated: CDK collects validation plugins after that.
 */
export function addStageReport(app: App): void {
  if (CONSIDERED.has(app)) return;
  if (nestedStages(app).length === 0) return;
  CONSIDERED.add(app);
  Validations.of(app).addPlugins(new NestedStageReport(app));
}

/** Whether the App also has the validation-plugin door, which reports every stack itself. */
function hasPluginDoor(app: App): boolean {
  // Where the plugins cannot be listed, the findings are reported here too (twice, never not at all).
  const plugins = validationPluginsOf(app) ?? [];
  return plugins.some((p) => p.name === PLUGIN_NAME && !(p instanceof NestedStageReport));
}

class NestedStageReport implements IPolicyValidationPlugin {
  public readonly name = PLUGIN_NAME;

  constructor(private readonly app: App) {}

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const violations: PolicyViolation[] = [];
    if (hasPluginDoor(this.app)) return { success: true, violations };
    // The App's acknowledgements are recorded on its own stacks (acknowledged-above.ts), if it has any.
    const appHasStacks = this.app.node.findAll().some((c) => Stack.isStack(c) && stageOf(c) === this.app);
    for (const stage of nestedStages(this.app)) {
      const judgement = judgeTree(stage);
      for (const f of judgement.findings) {
        const place = judgement.placeOf(f);
        const level = levelOfFinding(f, settingsAt(place)?.levelOf(f.ruleId) ?? NatRouteRuleLevel.OFF);
        if (level === NatRouteRuleLevel.OFF) continue;
        const ack = acknowledgementAt(place, f.ruleId);
        const stack = Stack.isStack(place) ? place : Stack.of(place);
        const unseen = ack && holds(ack) && unseenByTheCommandLine(ack.path, stack, appHasStacks);
        const v = violationOf(f, level, ack, resourceOf(place, context), settingsAt(place)?.verbose);
        violations.push(unseen ? { ...v, description: `${v.description}\n   ${UNSEEN}` } : v);
      }
    }
    reportWhereTheCliWouldNot(context, violations, this.app);
    return { success: passes(violations), violations };
  }
}

/** Every Stage below the App, Stages in Stages included. */
function nestedStages(app: App): Stage[] {
  return app.node.findAll().filter((c): c is Stage => c !== app && Stage.isStage(c));
}

/** Where a finding's construct is in the synthesized templates. */
function resourceOf(place: IConstruct, context: IPolicyValidationContext) {
  const stack = Stack.isStack(place) ? place : Stack.of(place);
  // A nested Stage's templates live in its own assembly directory (`cdk.out/assembly-Prod/…`).
  const templatePath = context.templatePaths.find((p) => path.basename(p) === stack.templateFile) ?? path.join(Stage.of(stack)?.outdir ?? '', stack.templateFile);
  const logicalId = CfnElement.isCfnElement(place) ? stack.resolve(place.logicalId) as string : undefined;
  return { constructPath: place.node.path, resourceLogicalId: logicalId, templatePath, locations: [] };
}
