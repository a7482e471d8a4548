/** The Mappings and Conditions of each stack: its CfnMapping and CfnCondition elements (CfnInclude's among them). */
import { CfnElement, CfnResource, Stack } from 'aws-cdk-lib';
import { setOwn } from '../../cloudformation/literal';
import { renderElement } from '../../internal/cdk';
import { Cache } from '../../util/cache';

export interface Sections {
  readonly Mappings: Record<string, unknown>;
  readonly Conditions: Record<string, unknown>;
}

/**
 * The sections of each stack, rendered on first need (most apps have none, or use none for routing).
 * @param failed called with an element CDK's internals do not let the guard render
 */
export function sectionsByStack(elements: readonly CfnElement[], failed: (path: string) => void): Cache<Stack, Sections> {
  return new Cache((stack) => {
    const out: Sections = { Mappings: {}, Conditions: {} };
    for (const el of elements) {
      if (CfnResource.isCfnResource(el) || el.stack !== stack) continue;
      try {
        const section = renderElement(el);
        if (section === undefined) {
          failed(el.node.path);
          continue;
        }
        const rendered = stack.resolve(section) as Partial<Sections>;
        for (const name of ['Mappings', 'Conditions'] as const) {
          for (const [key, value] of Object.entries(rendered?.[name] ?? {})) setOwn(out[name], key, value);
        }
      } catch {
        // An element that cannot be rendered is not used: Fn::FindInMap over it stays unknown, a condition stays open.
      }
    }
    return out;
  });
}
