/** Words for what a reader could not read, the same in every door. No CDK. */

/** A nested stack whose template is not part of what the guard reads. */
export function missingNestedTemplate(path: string): string {
  return `The template of nested stack ${path} is not part of what the guard reads, so nothing in it is checked. `
    + 'Fix: include it (CfnInclude\'s loadNestedStacks; beside a template, a local TemplateURL or CDK\'s aws:asset:path metadata), or acknowledge the nested stack.';
}
