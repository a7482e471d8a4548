/** The route tables of a model being built, and the words for what the builder finds wrong. No CDK. */
import { ValueReader } from './values';
import { ReaderProblem, Route } from '../model/model';

/** A route table while the model is built. */
export interface TableDraft {
  readonly key: string;
  path: string;
  vpc?: string;
  /** A subnet, gateway or AWS itself associates it. */
  associated: boolean;
  /** Known only by an id or an expression: the app does not define it. */
  imported: boolean;
  readonly routes: Route[];
}

/** The tables by key, and the problems found so far. */
export class Tables {
  public readonly byKey = new Map<string, TableDraft>();
  public readonly problems: ReaderProblem[] = [];

  constructor(private readonly values: ValueReader) {}

  /** A table the app defines. */
  public define(key: string, vpc: string | undefined): void {
    this.byKey.set(key, { key, path: key, vpc, associated: false, imported: false, routes: [] });
  }

  /** The table with that key, created as imported (known only by id) if the app does not define it. */
  public table(key: string): TableDraft {
    let t = this.byKey.get(key);
    if (!t) {
      t = { key, path: this.values.tableLabels.get(key) ?? key, associated: false, imported: true, routes: [] };
      this.byKey.set(key, t);
    }
    return t;
  }

  /** The table's path, or its key where the app does not define it. */
  public pathOf(key: string): string {
    return this.byKey.get(key)?.path ?? key;
  }

  /** The tables of these keys that the app does not define, as a person names them (empty when none). */
  public external(keys: readonly string[]): string {
    return keys.filter((k) => !this.byKey.get(k) || this.byKey.get(k)!.imported).map((k) => this.values.tableLabels.get(k) ?? k).join(', ');
  }

  /** Something CloudFormation would reject. */
  public invalid(path: string, what: string, fix: string): void {
    this.problems.push({ kind: 'invalid', path, message: `${what}. CloudFormation would reject it. Fix: ${fix}.` });
  }

  /** Something the guard cannot decide. */
  public unresolved(path: string, message: string): void {
    this.problems.push({ kind: 'unresolved', path, message });
  }
}
