import * as fs from 'fs';
import * as path from 'path';
import { explainSpec } from '../../src/explain/cli';
import { mermaidBlocks, mermaidParse } from '../plan/mermaid';

const ROOT = path.join(__dirname, '..', '..');

// Like dist/, the committed picture follows the root platform.yaml: `npm run synth` writes both.
describe('docs/platform.md', () => {
  test('is what npm run synth draws for the root platform.yaml, and the real Mermaid parser accepts it', () => {
    // GIVEN the committed page
    const committed = fs.readFileSync(path.join(ROOT, 'docs', 'platform.md'), 'utf8');
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      // WHEN the root spec is drawn THEN it is the committed page
      expect(explainSpec('platform.yaml')).toBe(committed);
    } finally {
      process.chdir(cwd);
    }
    // AND its one diagram parses
    expect(mermaidParse(mermaidBlocks(committed))).toEqual([{ ok: true, diagramType: 'flowchart-v2' }]);
  }, 90_000);
});
