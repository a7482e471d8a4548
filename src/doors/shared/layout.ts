/**
 * How a finding reads in every door (docs/judging.md, "Messages"): a first line that names the rule, the
 * NAT gateway, the range, the exit and the route and fits a terminal; then, each on its own line,
 * the way the traffic goes, what else must be known, the fix and how to acknowledge. The long
 * form (`verbose`) adds the explanations the rule's page also gives. The analysis writes one
 * message; this only arranges it, and never drops a name without showing it in full below.
 */
import { Finding, POLICY_NOTE, messageParts } from '../../analysis/findings';

/** The longest first line (a terminal's width, with room for the level and the file CDK or the CLI puts before it). */
export const HEADLINE_LIMIT = 200;

/** Each rule's page in the project's docs (linked from every finding, SARIF's helpUri and the README). */
export const RULE_DOCS = 'https://github.com/cdk-nat-route-guard/cdk-nat-route-guard/blob/main/docs/rules';

/** The one way of acknowledging this library recommends, in a CDK app. */
export function acknowledgeAdvice(ruleId: string, template: boolean): string {
  return template
    ? `Acknowledge (if this is intended): resource Metadata { "cdk-nat-route-guard": { "acknowledge": { "${ruleId}": "<reason>" } } }`
    : `Acknowledge (if this is intended): NatRouteGuard.acknowledge(construct, '${ruleId}', '<reason>') on this construct or a scope above it`;
}

export interface LayoutOptions {
  /** The long form: every sentence of the message. */
  readonly verbose?: boolean;
  /** A plain template's finding: acknowledged in resource Metadata (default: told by the message's advice). */
  readonly template?: boolean;
}

export interface LaidOut {
  /** The first line. */
  readonly headline: string;
  /** The lines after it, without indentation. */
  readonly details: readonly string[];
  /** The fix alone (no acknowledgement advice), where the message has one. */
  readonly fix?: string;
}

/** A finding's message laid out: the first line, then the details. */
export function layOut(f: Pick<Finding, 'ruleId' | 'message' | 'trail'>, options: LayoutOptions = {}): LaidOut {
  // Findings merged on one construct (`oneFindingPerConstruct`) follow one another with `Also:`.
  // A plain template's finding (judge-templates.ts) already advises its Metadata.
  const template = options.template ?? f.message.includes('or acknowledge: resource Metadata');
  const [main, ...more] = f.message.split(' Also: ');
  const first = partsOf(main, f.trail, { ...options, template });
  const details = [...first.details];
  for (const m of more) {
    const other = partsOf(m, undefined, { ...options, template });
    details.push(`Also: ${other.headline}`, ...other.details.filter((d) => !d.startsWith('Acknowledge')));
  }
  if (!details.some((d) => d.startsWith('Acknowledge'))) details.push(acknowledgeAdvice(f.ruleId, template));
  details.push(`Rule: ${RULE_DOCS}/${f.ruleId}.md`);
  return { headline: first.headline, details, fix: first.fix };
}

/** The laid-out finding as text: the first line, then each detail on its own line, indented. */
export function layoutText(l: LaidOut, indent = '  '): string {
  return [l.headline, ...l.details.map((d) => `${indent}${d}`)].join('\n');
}

/** The plain `That traffic comes from <table> (<range> -> NAT gateway, route <route>).`, which a trail shows (NAT64 feeds say more, and stay). */
const PLAIN_FEED = /^That traffic comes from .+ -> NAT gateway, route [^)]+\)\.$/;
/** The acknowledgement advice at the end of a fix. */
const ACK_HINT = /,? or acknowledge: (Validations\.of\(scope\)\.acknowledge\(\{ id: '[^']+', reason: '\.\.\.' \}\)|resource Metadata \{.*\})\.?$/;

function partsOf(message: string, trail: readonly string[] | undefined, options: LayoutOptions): LaidOut {
  const { first } = messageParts(message);
  const fixAt = message.indexOf(' Fix: ');
  const middle = message.slice(first.length, fixAt >= 0 ? fixAt : undefined).trim();
  const withHint = fixAt >= 0 ? message.slice(fixAt + ' Fix: '.length).trim() : undefined;
  const hint = withHint === undefined ? null : ACK_HINT.exec(withHint);
  const fix = withHint === undefined ? undefined : hint ? `${withHint.slice(0, hint.index)}.` : withHint;
  const path = trail && trail.length > 1 ? trail.join(' -> ') : undefined;
  const sentences = middle === '' ? [] : middle.split(/(?<=\.)\s+(?=[A-Z(])/);
  const kept = options.verbose ? sentences : sentences.filter((s) => s !== POLICY_NOTE && !(path && PLAIN_FEED.test(s)));
  const { headline, shortened, cut } = headlineOf(first, path !== undefined);
  const details: string[] = [];
  if (path) details.push(`Path: ${path}`);
  // The path line names in full what the first line shortened; what a cut left out is said here.
  if (cut || (shortened && !path)) details.push(`In full: ${first}`);
  details.push(...kept.filter((s) => !(path && s.startsWith('Path: '))));
  if (fix !== undefined) details.push(`Fix: ${fix}`);
  if (hint) details.push(acknowledgeAdvice(ruleIdOf(message), !!options.template));
  return { headline, details, fix };
}

function ruleIdOf(message: string): string {
  return /^\[([^\]]+)\]/.exec(message)?.[1] ?? 'NRG-?';
}

/** A construct path (three ids or more; a CIDR has one slash, a dynamic reference braces) in a sentence. */
const PATH = /(?<=^|[\s(])[^\s()/,;{}]+(?:\/[^\s()/,;{}]+){2,}(?=$|[\s),;.])/g;

/**
 * The first sentence, shortened until it fits: the table a route is in left out (where a path
 * line names it), then the leading ids of construct paths cut, one more at a time (the stack
 * first: `…/Vpc/PublicSubnet1/NATGateway`), down to the last id, then the sentence itself cut (`cut`).
 */
export function headlineOf(first: string, withPath: boolean): { readonly headline: string; readonly shortened: boolean; readonly cut: boolean } {
  if (first.length <= HEADLINE_LIMIT) return { headline: first, shortened: false, cut: false };
  const base = withPath ? first.replace(/ in [^\s]+( \([^)]*\))?\.$/, '.') : first;
  let h = base;
  if (h.length <= HEADLINE_LIMIT) return { headline: h, shortened: true, cut: false };
  const longest = Math.max(0, ...(first.match(PATH) ?? []).map((p) => p.split('/').length));
  for (let k = 1; k < longest; k++) {
    h = base.replace(PATH, (p) => { const ids = p.split('/'); return `…/${ids.slice(Math.min(k, ids.length - 1)).join('/')}`; });
    if (h.length <= HEADLINE_LIMIT) return { headline: h, shortened: true, cut: false };
  }
  return { headline: `${h.slice(0, HEADLINE_LIMIT - 1)}…`, shortened: true, cut: true };
}
