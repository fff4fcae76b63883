// A reader of image/Dockerfile's instructions for the tests that check it (test/image/*.test.ts):
// `docker build` cannot run here, so the Dockerfile is judged by what its instructions say.

export interface Instruction {
  readonly line: number;
  readonly keyword: string;
  readonly args: string;
}

export interface Stage {
  readonly from: string;
  readonly name?: string;
  readonly instructions: Instruction[];
}

export function parseDockerfile(text: string): { globalArgs: Instruction[]; stages: Stage[] } {
  const instructions: Instruction[] = [];
  let pending: { line: number; text: string } | undefined;
  text.split('\n').forEach((raw, i) => {
    const trimmed = raw.trim();
    // Comment lines (also inside a continued instruction) and blank lines are not part of instructions.
    if (trimmed.startsWith('#') || (trimmed === '' && pending === undefined)) return;
    const continued = trimmed.endsWith('\\');
    const piece = continued ? trimmed.slice(0, -1) : trimmed;
    pending = pending ? { line: pending.line, text: `${pending.text} ${piece}` } : { line: i + 1, text: piece };
    if (!continued) {
      const match = /^(\S+)\s*(.*)$/s.exec(pending.text.trim())!;
      instructions.push({ line: pending.line, keyword: match[1].toUpperCase(), args: match[2].trim() });
      pending = undefined;
    }
  });
  if (pending !== undefined) throw new Error(`Dockerfile line ${pending.line}: the instruction continues past the end of the file`);
  const globalArgs: Instruction[] = [];
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [from, as, name] = instruction.args.split(/\s+/);
      stages.push({ from, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else if (stages.length === 0) {
      globalArgs.push(instruction);
    } else {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return { globalArgs, stages };
}

/** `NAME=default` or `NAME` of ARG instructions. */
export function args(instructions: readonly Instruction[]): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const i of instructions.filter(x => x.keyword === 'ARG')) {
    const eq = i.args.indexOf('=');
    out.set(eq < 0 ? i.args : i.args.slice(0, eq), eq < 0 ? undefined : i.args.slice(eq + 1));
  }
  return out;
}

/** KEY=VALUE pairs of ENV/LABEL instructions; values may be double-quoted. */
export function pairs(instructions: readonly Instruction[], keyword: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const i of instructions.filter(x => x.keyword === keyword)) {
    const re = /([^\s=]+)=("(?:[^"\\]|\\.)*"|\S*)/g;
    for (let m = re.exec(i.args); m; m = re.exec(i.args)) {
      out.set(m[1], m[2].startsWith('"') ? (JSON.parse(m[2]) as string) : m[2]);
    }
  }
  return out;
}

export interface Copy {
  readonly flags: Record<string, string>;
  readonly sources: string[];
  readonly dest: string;
}

export function copies(stage: Stage): Copy[] {
  return stage.instructions
    .filter(i => i.keyword === 'COPY')
    .map(i => {
      const words = i.args.split(/\s+/);
      const flags: Record<string, string> = {};
      while (words[0].startsWith('--')) {
        const [flag, value] = words.shift()!.slice(2).split('=');
        flags[flag] = value;
      }
      return { flags, sources: words.slice(0, -1), dest: words[words.length - 1] };
    });
}
