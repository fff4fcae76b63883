import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ManifestValidationError, synthPlatform } from '../../src';

const REPO = path.join(__dirname, '..', '..');

function readDir(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map(f => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

describe('synthPlatform', () => {
  test('a worker thread writes the same bytes as the main thread alone', async () => {
    // GIVEN the example, synthesized on the main thread only and with one worker
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'parallel-'));
    await synthPlatform({ specFile: path.join(REPO, 'platform.yaml'), outdir: path.join(out, 'alone'), workers: 0 });
    await synthPlatform({ specFile: path.join(REPO, 'platform.yaml'), outdir: path.join(out, 'shared'), workers: 1 });
    // THEN the folders are identical, and equal to the committed dist/
    expect(readDir(path.join(out, 'shared'))).toEqual(readDir(path.join(out, 'alone')));
    expect(readDir(path.join(out, 'shared'))).toEqual(readDir(path.join(REPO, 'dist')));
    // AND no staging folder is left behind
    expect(fs.readdirSync(out).sort()).toEqual(['alone', 'shared']);
  });

  test('a violation found in a worker fails the synth, names file, object and field, and writes nothing', async () => {
    // GIVEN a platform whose ConfigMap would exceed the API server's 1 MiB data limit
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'too-big-'));
    fs.writeFileSync(path.join(dir, 'a.txt'), 'a'.repeat(700 * 1024));
    fs.writeFileSync(path.join(dir, 'b.txt'), 'b'.repeat(700 * 1024));
    fs.writeFileSync(path.join(dir, 'platform.yaml'), [
      'name: big', 'image: registry.example.com/big:1', 'roleEnv: BIG_EXECUTOR', 'transport: objects',
      'proxy: { namespace: big-proxy }',
      'files:',
      '  - { name: a.txt, source: a.txt, mountPath: /etc/big, roles: [engine] }',
      '  - { name: b.txt, source: b.txt, mountPath: /etc/big, roles: [engine] }',
      'tenants: [{ namespace: big-a }, { namespace: big-b }]',
    ].join('\n'));
    const outdir = path.join(dir, 'dist');
    fs.mkdirSync(outdir);
    fs.writeFileSync(path.join(outdir, 'previous.k8s.yaml'), 'kind: Previous\n');
    // WHEN it is synthesized with a worker
    const synth = synthPlatform({ specFile: path.join(dir, 'platform.yaml'), outdir, workers: 1 });
    // THEN it fails with the violation of each tenant's ConfigMap, whichever thread found it
    const error = await synth.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestValidationError);
    const files = (error as ManifestValidationError).violations.map(v => `${path.basename(v.file)}: ${v.object}: ${v.field}`);
    expect(files).toEqual(expect.arrayContaining([
      'big-a.k8s.yaml: ConfigMap big-a/big-files: data',
      'big-b.k8s.yaml: ConfigMap big-b/big-files: data',
    ]));
    // AND the previous output is untouched, with no staging folder left
    expect(readDir(outdir)).toEqual({ 'previous.k8s.yaml': 'kind: Previous\n' });
    expect(fs.readdirSync(dir).sort()).toEqual(['a.txt', 'b.txt', 'dist', 'platform.yaml']);
  });
});
