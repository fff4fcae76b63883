import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart, Lazy } from 'cdk8s';
import { ManifestValidationError, PlatformApp } from '../../src';
import { StagedDist } from '../../src/synth/dist-writer';
import { ThreadQueue } from '../../src/synth/thread-queue';
import { validateDocument } from '../../src/validate';
import { tempDirs } from '../harness/temp-dirs';

const FUNCTIONS = path.join(__dirname, 'fixtures', 'thread-functions.ts');
const tmp = tempDirs();

describe('ThreadQueue', () => {
  test('runs every call on the second thread, in order, and returns their results', () => {
    // GIVEN a queue over a TypeScript module (loaded on the thread through the package's loader)
    const queue = new ThreadQueue<unknown[]>(FUNCTIONS, 'echo');
    // WHEN it is called many times, with structured values
    for (let i = 0; i < 200; i++) queue.call([i, { nested: [`v${i}`] }]);
    // THEN finish returns each call's result, in call order
    const results = queue.finish();
    expect(results).toHaveLength(200);
    expect(results[0]).toEqual([0, { nested: ['v0'] }]);
    expect(results.map(r => r[0])).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  test('the first failure is thrown by finish, and later calls do not run', () => {
    const queue = new ThreadQueue<never>(FUNCTIONS, 'failOn');
    for (const value of ['ok', 'bad', 'ok', 'bad']) queue.call([value]);
    expect(() => queue.finish()).toThrow(/^refused bad$/);
  });

  test('a module the thread cannot load fails in finish instead of waiting forever', () => {
    const queue = new ThreadQueue<never>(path.join(__dirname, 'fixtures', 'missing.ts'), 'echo');
    queue.call([1]);
    expect(() => queue.finish()).toThrow(/Cannot find module/);
  });

  test('a function the module does not export fails in finish', () => {
    const queue = new ThreadQueue<never>(FUNCTIONS, 'nope');
    expect(() => queue.finish()).toThrow(/has no function nope/);
  });

  test('calls after finish are refused', () => {
    const queue = new ThreadQueue<never>('fs', 'existsSync');
    queue.finish();
    expect(() => queue.call(['/'])).toThrow(/after finish/);
    expect(() => queue.finish()).toThrow(/already finished/);
  });
});

describe('StagedDist with a large output', () => {
  const MiB = 1024 * 1024;

  test('files past the first 4 MiB are written on the second thread, byte for byte', () => {
    // GIVEN an output folder and six manifests of 1.5 MiB, with multi-byte characters
    const out = path.join(tmp('staged-'), 'dist');
    const contents = Array.from({ length: 6 }, (_, i) => `kind: ConfigMap # ${i} é☃\n`.padEnd(1.5 * MiB, String(i)));
    const staging = new StagedDist(out);
    // WHEN they are written and committed
    contents.forEach((content, i) => staging.write(`ns-${i}.k8s.yaml`, content));
    staging.commit();
    staging.discard();
    // THEN every file holds exactly its content, and nothing else is there
    expect(fs.readdirSync(out).sort()).toEqual(contents.map((_, i) => `ns-${i}.k8s.yaml`));
    contents.forEach((content, i) => expect(fs.readFileSync(path.join(out, `ns-${i}.k8s.yaml`), 'utf8')).toBe(content));
  });

  test('a write that fails on the second thread fails the commit and leaves the output as it was', () => {
    // GIVEN an existing output, and a staging folder where the sixth manifest's name is taken by a folder
    const out = path.join(tmp('staged-'), 'dist');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'old.k8s.yaml'), 'kind: Old\n');
    const staging = new StagedDist(out);
    fs.mkdirSync(path.join(staging.dir, 'ns-5.k8s.yaml'));
    // WHEN 6 MiB are written (the sixth on the second thread) and committed
    for (let i = 0; i < 6; i++) staging.write(`ns-${i}.k8s.yaml`, 'x'.repeat(MiB));
    // THEN the commit throws that write's error; discarding leaves only the old output
    expect(() => staging.commit()).toThrow(/EISDIR.*ns-5\.k8s\.yaml/);
    staging.discard();
    expect(fs.readdirSync(out)).toEqual(['old.k8s.yaml']);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['dist']);
  });
});

describe('PlatformApp validation of a large plan', () => {
  test('on the second thread, finds exactly what validating in line finds', () => {
    // GIVEN 1200 ConfigMaps (past the threshold), two of them invalid
    const app = new PlatformApp({ outdir: tmp('big-') });
    const chart = new Chart(app, 'many');
    for (let i = 0; i < 1200; i++) {
      const labels: Record<string, string> = i === 7 ? { 'bad label': 'x' } : i === 1100 ? { app: '-bad-' } : { app: 'ok' };
      new ApiObject(chart, `cm-${i}`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'many', labels }, data: { k: 'v' } });
    }
    const expected = chart.node.children
      .map((object, position) => validateDocument(`${app.outdir}/many.k8s.yaml`, (object as ApiObject).toJson(), position))
      .flat();
    expect(expected).toHaveLength(2);
    // WHEN the app is synthesized
    let thrown: unknown;
    try {
      app.synthManifests();
    } catch (e) {
      thrown = e;
    }
    // THEN the same violations, in the same order
    expect(thrown).toBeInstanceOf(ManifestValidationError);
    expect((thrown as ManifestValidationError).violations).toEqual(expected);
  });

  test('an object that fails to render stops the validation thread and reports that failure', () => {
    // GIVEN a large plan whose 600th object cannot be rendered
    const app = new PlatformApp({ outdir: tmp('big-') });
    const chart = new Chart(app, 'many');
    for (let i = 0; i < 1200; i++) {
      const data =
        i === 600
          ? {
              k: Lazy.any({
                produce: () => {
                  throw new Error('cannot render this value');
                },
              }),
            }
          : { k: 'v' };
      new ApiObject(chart, `cm-${i}`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'many' }, data });
    }
    // THEN synth fails with that error (and does not wait for the abandoned thread)
    expect(() => app.synthManifests()).toThrow(/cm-600.*cannot render this value/);
  });
});
