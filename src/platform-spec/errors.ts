/** Where a problem is and what it is: enough for a person to fix the spec without reading code. */
export interface SpecProblem {
  /** The spec file, as the user named it. */
  readonly file?: string;
  /** 1-based line, when the problem has a place in the file. */
  readonly line?: number;
  /** 1-based column. */
  readonly col?: number;
  /** Field path, e.g. `tenants[1].namespace`; empty for the whole document. */
  readonly path: string;
  /** What is wrong and, where it helps, what would be valid. */
  readonly message: string;
}

/** `platform.yaml:12:5: tenants[1].namespace: "Team_A" is not a valid namespace name (...)` */
export function formatProblem(problem: SpecProblem): string {
  const place = problem.file === undefined ? '' : problem.line === undefined ? `${problem.file}: ` : `${problem.file}:${problem.line}:${problem.col ?? 1}: `;
  const field = problem.path === '' ? '' : `${problem.path}: `;
  return `${place}${field}${problem.message}`;
}

/** Thrown when the spec (or a file it names) is invalid; carries every problem found, not just the first. */
export class SpecError extends Error {
  public readonly problems: readonly SpecProblem[];

  constructor(problems: readonly SpecProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'SpecError';
    this.problems = problems;
  }
}

/** Renders a JSON path (`['tenants', 1, 'namespace']`) the way messages show it: `tenants[1].namespace`. */
export function formatPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)) {
      out += out === '' ? segment : `.${segment}`;
    } else {
      out += `[${JSON.stringify(segment)}]`;
    }
  }
  return out;
}
