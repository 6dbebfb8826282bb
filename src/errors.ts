// User-caused errors are data: every issue names the file, the field path inside it, what was
// expected and what was found. Library code throws `EinsimError`; only the CLI turns issues into
// words on stderr and an exit code (see src/cli/). Never call process.exit from library code.

/** What kind of problem an issue is; lets tests and tools match issues without parsing text. */
export type IssueCode =
  | 'parse' // the text is not valid YAML / CSV / INI
  | 'invalid_type' // a field has the wrong type
  | 'invalid_value' // a field has the right type but an unacceptable value
  | 'missing' // a required field is absent
  | 'unknown_key' // a field that is not part of the format
  | 'unknown_name' // a reference to a tensor, rank, engine, preset... that does not exist
  | 'duplicate' // something defined twice
  | 'shape' // a rank count or extent mismatch
  | 'range' // an index can go out of range
  | 'cycle' // a dependency cycle
  | 'unsupported' // valid input that this engine / version cannot handle
  | 'io'; // a file could not be read or written

export type Severity = 'error' | 'warning';

export interface Issue {
  /** The file the problem is in; '<string>' for in-memory input, '<cli>' for command-line flags. */
  file: string;
  /** 1-based line in the file, when the source position is known. */
  line?: number;
  /** Field path inside the file, e.g. `einsums[3]` or `tech.energyPj["sram.read"]`. */
  path: string;
  code: IssueCode;
  /** What was expected, phrased to follow "expected": `a positive integer`, `one of os, ws, is`. */
  expected: string;
  /** What was found, when it is useful to show. */
  received?: string;
  severity?: Severity;
}

/** One line for one issue: `file:line: path: expected X, received Y`. */
export function formatIssue(issue: Issue): string {
  const where = issue.line !== undefined ? `${issue.file}:${issue.line}` : issue.file;
  const path = issue.path ? `${issue.path}: ` : '';
  const received = issue.received !== undefined ? `, received ${issue.received}` : '';
  const prefix = issue.severity === 'warning' ? 'warning: ' : '';
  return `${prefix}${where}: ${path}expected ${issue.expected}${received}`;
}

export class EinsimError extends Error {
  readonly issues: Issue[];

  constructor(issues: Issue[] | Issue) {
    const list = Array.isArray(issues) ? issues : [issues];
    super(list.map(formatIssue).join('\n'));
    this.name = 'EinsimError';
    this.issues = list;
  }
}

export function isEinsimError(e: unknown): e is EinsimError {
  return e instanceof EinsimError;
}

/** Shorthand for the common single-issue throw. */
export function fail(issue: Issue): never {
  throw new EinsimError(issue);
}
