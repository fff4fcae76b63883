import { execFileSync } from 'child_process';
import * as path from 'path';

/** Parses each diagram with the real Mermaid parser (test/plan/mermaid-parse.mjs). */
export function mermaidParse(diagrams: readonly string[]): { ok: boolean; diagramType?: string; error?: string }[] {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'mermaid-parse.mjs')], {
    input: JSON.stringify(diagrams),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(out);
}

/** The diagrams of a Markdown page: the bodies of its ```mermaid blocks. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map(m => m[1]);
}
