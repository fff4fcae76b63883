import * as fs from 'fs';
import * as path from 'path';
import { ManifestValidationError, synthPlatform } from '../../src';
import { tempDirs } from '../harness/temp-dirs';

const REPO = path.join(__dirname, '..', '..');
const tmp = tempDirs();

function readDir(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map(f => [f, fs.readFileSync(path.join(dir, f), 'utf8')]),
  );
}

describe('synthPlatform', () => {
  test('writes what is committed in dist/', () => {
    const out = path.join(tmp('synth-platform-'), 'dist');
    synthPlatform({ specFile: path.join(REPO, 'platform.yaml'), outdir: out });
    expect(readDir(out)).toEqual(readDir(path.join(REPO, 'dist')));
  });

  test('a manifest violation fails the synth, names file, object and field, and writes nothing', () => {
    // GIVEN a platform whose ConfigMap would exceed the API server's 1 MiB data limit
    const dir = tmp('too-big-');
    fs.writeFileSync(path.join(dir, 'a.txt'), 'a'.repeat(700 * 1024));
    fs.writeFileSync(path.join(dir, 'b.txt'), 'b'.repeat(700 * 1024));
    fs.writeFileSync(
      path.join(dir, 'platform.yaml'),
      [
        'name: big',
        'image: registry.example.com/big:1',
        'roleEnv: BIG_EXECUTOR',
        'transport: objects',
        'proxy: { namespace: big-proxy }',
        'files:',
        '  - { name: a.txt, source: a.txt, mountPath: /etc/big, roles: [engine] }',
        '  - { name: b.txt, source: b.txt, mountPath: /etc/big, roles: [engine] }',
        'tenants: [{ namespace: big-a }, { namespace: big-b }]',
      ].join('\n'),
    );
    const outdir = path.join(dir, 'dist');
    fs.mkdirSync(outdir);
    fs.writeFileSync(path.join(outdir, 'previous.k8s.yaml'), 'kind: Previous\n');
    // WHEN it is synthesized
    let error: unknown;
    try {
      synthPlatform({ specFile: path.join(dir, 'platform.yaml'), outdir });
    } catch (e) {
      error = e;
    }
    // THEN it fails with the violation of each tenant's ConfigMap
    expect(error).toBeInstanceOf(ManifestValidationError);
    expect((error as ManifestValidationError).violations.map(v => `${path.basename(v.file)}: ${v.object}: ${v.field}`)).toEqual([
      'big-a.k8s.yaml: ConfigMap big-a/big-files: data',
      'big-b.k8s.yaml: ConfigMap big-b/big-files: data',
    ]);
    // AND each names the size it would have and the limit (issue 16's "Bad input": namespace, object, size, limit)
    for (const violation of (error as ManifestValidationError).violations) {
      expect(violation.message).toMatch(/holds 1,?433,?600 bytes .*of data; the API server accepts at most 1,?048,?576 bytes .*\(1 MiB\)/);
    }
    // AND the previous output is untouched, with no staging folder left
    expect(readDir(outdir)).toEqual({ 'previous.k8s.yaml': 'kind: Previous\n' });
    expect(fs.readdirSync(dir).sort()).toEqual(['a.txt', 'b.txt', 'dist', 'platform.yaml']);
  });
});
