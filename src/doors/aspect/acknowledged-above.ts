/**
 * The cloud assembly keeps the metadata of constructs in stacks only: what the App or a Stage
 * acknowledged never reaches the command line (or a plugin that reads the assembly), which then
 * fails a step the Aspect passed. The Aspect records each such acknowledgement, of the guard's
 * rules only, on every stack below where it was given, as metadata of its own type (the
 * templates do not change). The template reader takes it back as given where it was given.
 *
 * The App's own are recorded on its own stacks and apply to every stack of the app. Stages nested
 * below the App are synthesized before the App's aspects run, and CDK refuses a validation plugin
 * that changes the assembly: what a nested Stage acknowledged (or the App, where it has no stack of
 * its own) cannot be recorded, and the Aspect's report says the command line cannot see it
 * (`unseenByTheCommandLine`).
 */
import { NestedStack, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ruleInfo } from '../../analysis/rule-table';
import { acknowledgementsOf } from '../../internal/cdk';
import { ACKNOWLEDGED_ABOVE_METADATA_KEY } from '../../records/metadata-keys';
import { meantForTheGuard } from '../shared/acknowledgements';

/**
 * What the constructs above a Stage's stacks outside any stack (the App, the Stage, a construct
 * that groups stacks) acknowledged of the guard's rules. Stacks and nested Stages are not entered:
 * this costs a look at a few constructs.
 */
function acknowledgedAbove(stage: IConstruct) {
  const above = new Set<IConstruct>();
  const walk = (c: IConstruct) => {
    above.add(c);
    for (const child of c.node.children) if (!Stack.isStack(child) && !Stage.isStage(child)) walk(child);
  };
  walk(stage);
  for (let s = stage.node.scope; s; s = s.node.scope) above.add(s);
  const entries: Array<{ construct: IConstruct; data: Record<string, unknown> }> = [];
  for (const c of above) {
    for (const all of acknowledgementsOf(c)) {
      // Ids meant for the guard, and a rule's id under any prefix (the guard honours those too).
      const data = Object.fromEntries(Object.entries(all).filter(([key]) => meantForTheGuard(key) || ruleInfo(key.split('::').pop() ?? '')));
      if (Object.keys(data).length > 0) entries.push({ construct: c, data });
    }
  }
  return entries;
}

/**
 * Record, on each stack of a Stage, what was acknowledged above it (called while the tree is
 * validated: the Stage's assembly is written after).
 */
export function recordAcknowledgedAbove(stage: IConstruct): void {
  const entries = acknowledgedAbove(stage);
  if (entries.length === 0) return;
  const stacks = stage.node.findAll().filter((c): c is Stack => Stack.isStack(c) && !NestedStack.isNestedStack(c) && stageOfStack(c) === stage);
  for (const stack of stacks) {
    for (const { construct, data } of entries) {
      if (!isAncestor(construct, stack)) continue;
      const entry = { at: construct.node.path, acknowledged: data };
      const text = JSON.stringify(entry);
      if (!stack.node.metadata.some((m) => m.type === ACKNOWLEDGED_ABOVE_METADATA_KEY && JSON.stringify(m.data) === text)) {
        stack.node.addMetadata(ACKNOWLEDGED_ABOVE_METADATA_KEY, entry);
      }
    }
  }
}

function isAncestor(a: IConstruct, c: IConstruct): boolean {
  for (let s: IConstruct | undefined = c.node.scope; s; s = s.node.scope) if (s === a) return true;
  return false;
}

function stageOfStack(stack: Stack): IConstruct {
  let c: IConstruct | undefined = stack.node.scope;
  while (c && !Stage.isStage(c)) c = c.node.scope;
  return c ?? stack.node.root;
}

/**
 * Whether an acknowledgement given at `ackPath` for a construct of `stack`, a stack of a nested
 * Stage, was given above the stack where the assembly cannot record it: on a Stage, or on an App
 * with no stack of its own (`appHasStacks`).
 */
export function unseenByTheCommandLine(ackPath: string, stack: Stack, appHasStacks: boolean): boolean {
  const at = ackPath === '(app)' ? '' : ackPath;
  if (at === '') return !appHasStacks;
  return stack.node.path !== at && stack.node.path.startsWith(`${at}/`);
}
