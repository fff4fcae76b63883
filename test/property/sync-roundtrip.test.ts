import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { PlatformSpec, resolvePlatform, Transport } from '../../src';
import { parseManifest, synthNamespaces } from '../../src/testing';
import { hasShell, runConfigSync, Shell } from '../harness/pod-sandbox';
import { namespaceObjects, podsIn } from '../harness/pods';
import { contentKind, expandContent, fileName, mountPath, runs, SEED } from './arbitraries';

/**
 * Whatever bytes a config file holds and whatever name the spec allows, the engine's config-sync init
 * container, run for real under dash (and busybox sh when installed), puts exactly those bytes at
 * mountPath/name with the declared mode, through either transport.
 */

const SHELLS: Shell[] = (['dash', 'busybox'] as Shell[]).filter(hasShell);

/** A file as a recipe (content kind, length, seed), so a failing case prints in a line and shrinks fast. */
interface SyncedFile {
  readonly name: string;
  readonly mountPath: string;
  readonly mode: string;
  readonly secret: boolean;
  readonly kind: string;
  readonly length: number;
  readonly seed: number;
}

const contentOf = (f: SyncedFile): Buffer => expandContent(f.kind, f.length, f.seed);

/** Up to 3 files, the first possibly large (100-300 KiB, still within the env transport's 512 KiB budget). */
const filesArb: fc.Arbitrary<SyncedFile[]> = fc
  .tuple(
    fc.uniqueArray(
      fc.record({
        name: fileName,
        mountPath,
        mode: fc.constantFrom('0444', '0400', '0640', '0600', '0755', '444'),
        secret: fc.boolean(),
        kind: contentKind,
        length: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 8192 })),
        seed: fc.nat(),
      }),
      { minLength: 1, maxLength: 3, selector: f => `${f.mountPath}/${f.name}` },
    ),
    fc.option(fc.integer({ min: 100 * 1024, max: 300 * 1024 }), { nil: undefined, freq: 2 }),
  )
  .map(([files, large]) => files.map((f, i) => (i === 0 && large !== undefined ? { ...f, length: large } : f)))
  // The init container refuses an empty secret (tested in config-sync.test.ts), and the loader a
  // non-secret copy of a secret's bytes (bad-specs); keep to what must succeed.
  .map(files => files.map(f => (f.secret && f.length === 0 ? { ...f, length: 1 } : f)))
  .filter(files => {
    const secrets = new Set(files.filter(f => f.secret).map(f => contentOf(f).toString('base64')));
    return files.every(f => f.secret || !secrets.has(contentOf(f).toString('base64')));
  });

describe(`config-sync round trip of random files (seed ${SEED}; shells: ${SHELLS.join(', ')})`, () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prop-sync-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each(['env', 'objects'] as Transport[])('%s transport: exact bytes and mode at mountPath/name', transport => {
    fc.assert(
      fc.property(filesArb, files => {
        // GIVEN a platform whose engine receives the random files (secret ones as plaintext Secrets)
        const sources = path.join(dir, transport);
        fs.rmSync(sources, { recursive: true, force: true });
        fs.mkdirSync(sources);
        const contents = files.map(contentOf);
        contents.forEach((content, i) => fs.writeFileSync(path.join(sources, String(i)), content));
        const spec: PlatformSpec = {
          name: 'prop',
          image: 'registry.example.com/prop:1',
          roleEnv: 'PROP_EXECUTOR',
          transport,
          proxy: { namespace: 'prop-proxy' },
          allowPlaintextSecrets: true,
          // Explicit keys keep files distinct whatever their names would map to.
          files: files.map((f, i) => ({
            name: f.name,
            source: String(i),
            mountPath: f.mountPath,
            roles: ['engine'],
            mode: f.mode,
            key: `file-${i}`,
            ...(f.secret ? { secret: true } : {}),
          })),
          tenants: [{ namespace: 'prop-a' }],
        };
        const objects = parseManifest(synthNamespaces(resolvePlatform(spec, { baseDir: sources })).get('prop-a')!);
        const engine = podsIn(objects).find(p => p.description.startsWith('Deployment'))!;
        for (const shell of SHELLS) {
          // WHEN the engine's init container runs under the shell
          const result = runConfigSync(engine.spec, namespaceObjects(objects), { shell });
          // THEN it succeeds and every file holds exactly its bytes, with its mode
          expect({ shell, status: result.status, stderr: result.stderr }).toEqual({ shell, status: 0, stderr: '' });
          files.forEach((f, i) => {
            const target = `${f.mountPath}/${f.name}`;
            const got = result.read(target);
            expect({ shell, target, length: got?.length, equal: got?.equals(contents[i]) }).toEqual({ shell, target, length: contents[i].length, equal: true });
            expect({ shell, target, mode: result.mode(target) }).toEqual({ shell, target, mode: parseInt(f.mode, 8) });
          });
        }
      }),
      { seed: SEED + (transport === 'env' ? 10 : 20), numRuns: runs(15) },
    );
  });

  test('the generator reaches the cases that matter: empty, large, binary and non-ASCII names', () => {
    // GIVEN the file generator's first samples under the fixed seed
    const samples = fc
      .sample(filesArb, { seed: SEED + 10, numRuns: runs(15) })
      .flat()
      .map(f => ({ ...f, content: contentOf(f) }));
    // THEN the round trip above saw empty files, files over 100 KiB, non-UTF-8 bytes and non-ASCII names
    expect(samples.some(f => f.content.length === 0)).toBe(true);
    expect(samples.some(f => f.content.length > 100 * 1024)).toBe(true);
    expect(samples.some(f => !Buffer.from(f.content.toString('utf8')).equals(f.content))).toBe(true);
    expect(samples.some(f => /[^\x20-\x7e]/.test(f.name))).toBe(true);
    expect(samples.some(f => f.name.includes(' ') || f.mountPath.includes(' '))).toBe(true);
  });
});
