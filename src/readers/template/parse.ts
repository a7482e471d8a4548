/**
 * CloudFormation template text (JSON, or YAML with the short-form tags `!Ref`, `!GetAtt`, `!If`,
 * `!Sub`, …) to the template object, and the line each resource starts on. No CDK.
 */
import { Document, LineCounter, isMap, isScalar, parseDocument, visit } from 'yaml';
import type { ScalarTag, CollectionTag } from 'yaml';

/** A template text that is neither valid JSON nor valid YAML: says where. */
export class TemplateSyntaxError extends Error {
  constructor(public readonly file: string, public readonly line: number | undefined, detail: string) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${detail}`);
    this.name = 'TemplateSyntaxError';
  }
}

/** The short-form intrinsic tags, each turned into its long form (`!Ref X` is `{ Ref: X }`). */
const FUNCTIONS = [
  'And', 'Base64', 'Cidr', 'Equals', 'FindInMap', 'GetAZs', 'If', 'ImportValue', 'Join', 'Not', 'Or', 'Select', 'Split', 'Sub',
  'Transform', 'Length', 'ToJsonString', 'ForEach',
];

function cfnTags(): Array<ScalarTag | CollectionTag> {
  const tags: Array<ScalarTag | CollectionTag> = [];
  const forms = (tag: string, make: (v: unknown) => unknown) => {
    tags.push({ tag, resolve: (v: string) => make(v) } as ScalarTag);
    tags.push({ tag, collection: 'seq', resolve: (v: { toJSON(): unknown }) => make(v.toJSON()) } as unknown as CollectionTag);
    tags.push({ tag, collection: 'map', resolve: (v: { toJSON(): unknown }) => make(v.toJSON()) } as unknown as CollectionTag);
  };
  forms('!Ref', (v) => ({ Ref: v }));
  forms('!Condition', (v) => ({ Condition: v }));
  // `!GetAtt Res.Attr` is `[Res, Attr]`; the attribute may itself hold dots (`Outputs.X`).
  forms('!GetAtt', (v) => ({ 'Fn::GetAtt': typeof v === 'string' && v.includes('.') ? [v.slice(0, v.indexOf('.')), v.slice(v.indexOf('.') + 1)] : v }));
  for (const f of FUNCTIONS) forms(`!${f}`, (v) => ({ [`Fn::${f}`]: v }));
  return tags;
}
const TAGS = cfnTags();

/** A parsed template, and the document it came from (for line numbers, when asked). */
export interface ParsedTemplate {
  readonly template: unknown;
  /** The line (1-based) where a resource's entry starts, if it can be told. */
  readonly lineOf: (logicalId: string) => number | undefined;
  /** Keys a YAML mapping repeats, each with the line of the repeat (CloudFormation keeps the last; so does the template read). */
  readonly repeatedKeys?: ReadonlyArray<{ readonly key: string; readonly line: number }>;
}

/**
 * Parse a template's text. JSON is read as JSON (exactly as CloudFormation reads it); anything
 * else as YAML with CloudFormation's tags. Throws `TemplateSyntaxError` naming the line.
 * @param reread the text again, for line numbers (asked for rarely): given, a JSON template's
 * text is not kept after parsing, so a large app's template texts do not live through the analysis
 */
export function parseTemplate(file: string, text: string, reread?: () => string): ParsedTemplate {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    let template: unknown;
    try {
      template = JSON.parse(text);
    } catch (e) {
      const at = /position (\d+)/.exec((e as Error).message);
      const line = at ? lineAt(text, Number(at[1])) : undefined;
      throw new TemplateSyntaxError(file, line, `not valid JSON: ${(e as Error).message}`);
    }
    return { template, lineOf: lazyLines(reread ?? (() => text)) };
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { customTags: TAGS, lineCounter: counter, uniqueKeys: false, prettyErrors: false, merge: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const line = err.linePos?.[0]?.line ?? counter.linePos(err.pos[0]).line;
    throw new TemplateSyntaxError(file, line, `not valid YAML: ${err.message.split('\n')[0]}`);
  }
  const repeatedKeys = repeatsIn(doc, counter);
  return { template: doc.toJS({ maxAliasCount: 10_000 }), lineOf: resourceLines(doc, counter), ...(repeatedKeys.length > 0 ? { repeatedKeys } : {}) };
}

/** The keys each mapping of a YAML document repeats, with the line of each repeat. */
function repeatsIn(doc: Document, counter: LineCounter): Array<{ key: string; line: number }> {
  const out: Array<{ key: string; line: number }> = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        if (seen.has(pair.key.value)) out.push({ key: String(pair.key.value), line: counter.linePos(pair.key.range?.[0] ?? 0).line });
        seen.add(pair.key.value);
      }
    },
  });
  return out;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Lines of a JSON template, found with the YAML parser (a superset of JSON) on first need only. */
function lazyLines(textOf: () => string): (id: string) => number | undefined {
  let find: ((id: string) => number | undefined) | undefined;
  return (id) => {
    if (!find) {
      let text: string | undefined;
      try {
        text = textOf();
      } catch {
        // The file is gone since it was parsed: findings are reported without a line.
      }
      const counter = new LineCounter();
      find = text === undefined ? () => undefined : resourceLines(parseDocument(text, { lineCounter: counter, uniqueKeys: false }), counter);
    }
    return find(id);
  };
}

function resourceLines(doc: Document, counter: LineCounter): (id: string) => number | undefined {
  return (id) => {
    const resources = isMap(doc.contents) ? doc.contents.get('Resources', true) : undefined;
    if (!isMap(resources)) return undefined;
    const pair = resources.items.find((p) => isScalar(p.key) && p.key.value === id);
    const offset = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    return offset === undefined ? undefined : counter.linePos(offset).line;
  };
}
