import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { resolvePlatform } from '../../src';
import { loadPlatformText } from '../../src/platform-spec/loader';
import { parseManifest, synthNamespaces } from '../../src/testing';
import { platformArb, runs, SEED, writeSources } from './arbitraries';

describe(`random valid specs (seed ${SEED})`, () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prop-valid-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('load, synthesize one manifest per namespace, and synthesize the same bytes twice', () => {
    fc.assert(
      fc.property(platformArb, generated => {
        // GIVEN a random valid spec and its source files
        const spec = writeSources(dir, generated);
        // WHEN it is loaded and synthesized twice
        const platform = resolvePlatform(spec, { baseDir: dir });
        const first = synthNamespaces(platform);
        const second = synthNamespaces(resolvePlatform(spec, { baseDir: dir }));
        // THEN there is one manifest per namespace, each valid YAML naming only its own namespace
        const namespaces = [spec.proxy.namespace, ...spec.tenants.map(t => t.namespace)];
        expect([...first.keys()].sort()).toEqual([...namespaces].sort());
        for (const [namespace, yaml] of first) {
          for (const object of parseManifest(yaml)) {
            if (object.metadata.namespace !== undefined) expect(object.metadata.namespace).toBe(namespace);
          }
        }
        // AND the two runs are byte-identical
        expect(second).toEqual(first);
      }),
      { seed: SEED, numRuns: runs(30) },
    );
  });

  test('the same spec written as YAML loads to the same manifests as the object', () => {
    fc.assert(
      fc.property(platformArb, generated => {
        // GIVEN a random valid spec as an object and as YAML text
        const spec = writeSources(dir, generated);
        const text = stringify(spec);
        // WHEN both are loaded and synthesized
        const fromObject = synthNamespaces(resolvePlatform(spec, { baseDir: dir }));
        const fromText = synthNamespaces(loadPlatformText(Buffer.from(text), { baseDir: dir }));
        // THEN the manifests are the same
        expect(fromText).toEqual(fromObject);
      }),
      { seed: SEED + 1, numRuns: runs(15) },
    );
  });

  test.each(['no', 'on', 'y', 'e0'])('a platform and role marker YAML 1.1 would read as a boolean or number still synthesize: %s', word => {
    // GIVEN a valid spec whose name and roleEnv are words YAML 1.1 (Spark's SnakeYAML) reads as non-strings
    const spec = {
      name: word,
      image: `registry.example.com/${word}:1`,
      roleEnv: word.toUpperCase(),
      proxy: { namespace: `${word}-proxy` },
      files: [],
      tenants: [{ namespace: 'team-a' }],
    };
    // WHEN it is synthesized (validation included) THEN it succeeds and the templates quote them
    const manifests = synthNamespaces(resolvePlatform(spec, { baseDir: dir }));
    expect(manifests.size).toBe(2);
    expect(manifests.get(`${word}-proxy`)).toContain(`app.kubernetes.io/name: "${word}"`);
  });
});
