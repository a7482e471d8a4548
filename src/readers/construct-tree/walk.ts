/** The constructs of one Stage, in tree order, with their paths. */
import { CfnElement, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { forEachChild } from '../../internal/cdk';

/**
 * Walk `root` and everything below it in tree order, without entering nested Stages (they have
 * their own reading), with each construct's path, computed along the way (`node.path` walks to
 * the root on every call).
 * @returns whether Stages are nested below `root`
 */
export function walk(root: IConstruct, visit: (c: IConstruct, path: string, element: boolean) => void): { nestedStages: boolean } {
  let nestedStages = false;
  const enter = (c: IConstruct, path: string) => {
    // Most constructs of a large app are elements, and an element is never a Stage: one test each.
    visit(c, path, c instanceof CfnElement || CfnElement.isCfnElement(c));
    forEachChild(c, child, path);
  };
  const child = (c: IConstruct, parentPath: string) => {
    if (!(c instanceof CfnElement) && Stage.isStage(c)) nestedStages = true;
    else enter(c, parentPath ? `${parentPath}/${c.node.id}` : c.node.id);
  };
  enter(root, root.node.path);
  return { nestedStages };
}

/** `node.path` without the lists it makes on the way (the same text: the ids from the root down, the root's empty id left out). */
export function pathOf(c: IConstruct): string {
  let path = '';
  for (let x: IConstruct | undefined = c; x; x = x.node.scope) {
    const id = x.node.id;
    if (id) path = path ? `${id}/${path}` : id;
  }
  return path;
}

/**
 * Elements by path, the map built on first need (only findings look elements up). A function of
 * its own so that the lookup, which outlives the reading, holds nothing else of it.
 */
export function lookupByPath(elements: readonly CfnElement[], paths: readonly string[]): (path: string) => IConstruct | undefined {
  let byPath: Map<string, IConstruct> | undefined;
  return (path) => {
    byPath ??= new Map(elements.map((el, i) => [paths[i], el]));
    return byPath.get(path);
  };
}
