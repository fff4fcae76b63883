// Parses Mermaid diagrams with the real `mermaid` package, as GitHub's renderer does before drawing:
// reads a JSON list of diagram texts on stdin, prints a JSON list of { ok, error } in the same order.
// A separate ES module process because mermaid ships only as ESM, and its parser needs a DOM
// (DOMPurify), which jsdom provides; jest's CommonJS runtime loads neither cleanly.
import { JSDOM } from 'jsdom';

const { window } = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = window;
globalThis.document = window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

let input = '';
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const text of JSON.parse(input)) {
  try {
    const parsed = await mermaid.parse(text);
    results.push({ ok: true, diagramType: parsed.diagramType });
  } catch (error) {
    results.push({
      ok: false,
      error: String(error.message ?? error)
        .split('\n')
        .slice(0, 3)
        .join(' '),
    });
  }
}
process.stdout.write(JSON.stringify(results));
