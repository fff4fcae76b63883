import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { PlatformSpec, resolvePlatform, SpecError } from '../../src';
import { platformDelivery } from '../../src/platform-spec/platform';
import { refusedCharacter } from '../../src/platform-spec/text-checks';
import { synthNamespaces } from '../../src/testing';
import { runs, SEED } from '../property/arbitraries';
import { parseWithGo, parseWithJavaProperties, parseWithPyYaml, parseWithSnakeYaml, parseWithYamlLibrary } from './parsers';
import { CLUSTER_SPARK_DEFAULTS_KEY, SPARK_DEFAULTS_FILE } from '../../src/spark/pod-templates';

/**
 * Every consumer reads the output alike: each file of dist/, each pod template embedded in it, and
 * each spark-defaults.conf, parsed by Go's sigs.k8s.io/yaml (kubectl, Argo CD), SnakeYAML (Spark),
 * PyYAML (a strict YAML 1.1 reader: it refuses a tab in a plain scalar) and the `yaml` library, gives
 * the same tree; java.util.Properties reads exactly the properties the spec
 * gave, and no others than the package's own. For the example, and for specs whose strings draw from
 * all of Unicode (those the loader accepts; the loader must refuse every refused character).
 */

const REPO = path.join(__dirname, '..', '..');

/** What one synthesized platform puts in front of consumers, as files. */
interface Corpus {
  /** Manifests and the pod templates embedded in their ConfigMaps. */
  readonly yamlFiles: string[];
  /** spark-defaults.conf files, each with the spec's properties for its tenant, and an id to find its baseline. */
  readonly sparkDefaults: { file: string; id: string; expected: Record<string, string> }[];
}

/** Writes the manifests (namespace → YAML) and what they embed into `dir`. */
function corpusOf(manifests: ReadonlyMap<string, string>, spec: PlatformSpec, dir: string): Corpus {
  fs.mkdirSync(dir, { recursive: true });
  const corpus: Corpus = { yamlFiles: [], sparkDefaults: [] };
  let n = 0;
  for (const [namespace, text] of manifests) {
    const file = path.join(dir, `${namespace}.k8s.yaml`);
    fs.writeFileSync(file, text);
    corpus.yamlFiles.push(file);
    for (const object of text
      .split(/^---$/m)
      .map(d => parse(d) as { kind?: string; metadata?: { name: string; labels?: Record<string, string> }; data?: Record<string, string> } | null)) {
      if (object?.kind !== 'ConfigMap') continue;
      for (const [key, value] of Object.entries(object.data ?? {})) {
        const embedded = path.join(dir, `embedded-${n++}-${key.replace(/[^A-Za-z0-9.-]/g, '_')}`);
        if (key.endsWith('-template.yaml')) {
          fs.writeFileSync(embedded, value);
          corpus.yamlFiles.push(embedded);
        } else if (key === SPARK_DEFAULTS_FILE || key === CLUSTER_SPARK_DEFAULTS_KEY) {
          fs.writeFileSync(embedded, value);
          const tenantName = object.metadata?.labels?.['spark-tenancy.dev/tenant'] ?? namespace;
          const tenant = spec.tenants.find(t => t.namespace === tenantName);
          const expected = { ...spec.spark?.properties, ...tenant?.spark?.properties };
          corpus.sparkDefaults.push({ file: embedded, id: `${namespace}/${object.metadata?.name}/${key}`, expected });
        }
      }
    }
  }
  return corpus;
}

/** Characters YAML 1.1 parsers read as line breaks or refuse: none may be left raw in any output. */
const YAML11_UNSAFE = /[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/u;

function expectSameTrees(files: readonly string[]): void {
  const viaLibrary = parseWithYamlLibrary(files);
  const viaGo = parseWithGo(files);
  const viaSnakeYaml = parseWithSnakeYaml(files);
  const viaPyYaml = parseWithPyYaml(files);
  files.forEach((file, i) => {
    const text = fs.readFileSync(file, 'utf8');
    expect({ file, raw: YAML11_UNSAFE.exec(text)?.[0] }).toEqual({ file, raw: undefined });
    expect({ file, tree: viaGo[i] }).toEqual({ file, tree: viaLibrary[i] });
    expect({ file, tree: viaSnakeYaml[i] }).toEqual({ file, tree: viaLibrary[i] });
    expect({ file, tree: viaPyYaml[i] }).toEqual({ file, tree: viaLibrary[i] });
  });
}

/** A corpus with the keys the package itself writes into each of its spark-defaults.conf files. */
interface Checked {
  readonly corpus: Corpus;
  /** The same spec synthesized without any Spark property: what is left is the package's. */
  readonly bare: Corpus;
}

/**
 * Each spark-defaults.conf holds exactly the spec's properties (values byte for byte) plus the keys
 * the package writes there itself; all files are read in one Java run.
 */
function expectSameProperties(checked: readonly Checked[]): void {
  const files = checked.flatMap(c => [...c.corpus.sparkDefaults, ...c.bare.sparkDefaults].map(d => d.file));
  const parsed = new Map(parseWithJavaProperties(files).map((p, i) => [files[i], p as Record<string, string>]));
  for (const { corpus, bare } of checked) {
    const packageKeys = new Map(bare.sparkDefaults.map(d => [d.id, new Set(Object.keys(parsed.get(d.file)!))]));
    for (const { file, id, expected } of corpus.sparkDefaults) {
      const properties = parsed.get(file)!;
      for (const [key, value] of Object.entries(expected)) {
        expect({ id, key, value: properties[key] }).toEqual({ id, key, value });
      }
      const own = packageKeys.get(id) ?? new Set();
      expect({ id, file, extra: Object.keys(properties).filter(k => !(k in expected) && !own.has(k)) }).toEqual({ id, file, extra: [] });
    }
  }
}

/** The same spec without Spark properties, synthesized into `dir`. */
function bareCorpusOf(spec: PlatformSpec, baseDir: string, dir: string): Corpus {
  const bare: PlatformSpec = {
    ...spec,
    spark: spec.spark ? { ...spec.spark, properties: {} } : undefined,
    tenants: spec.tenants.map(t => ({ ...t, spark: t.spark ? { ...t.spark, properties: {} } : undefined })),
  };
  return corpusOf(synthNamespaces(resolvePlatform(bare, { baseDir })), bare, dir);
}

describe('every consumer parses the output alike (sigs.k8s.io/yaml, SnakeYAML, java.util.Properties, yaml)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'differential-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("the example: every file of dist/, every embedded pod template and spark-defaults.conf (with the feature steps' JSON fragments)", () => {
    // GIVEN the committed dist/ (CI checks it equals a fresh synth)
    const platform = resolvePlatform(parse(fs.readFileSync(path.join(REPO, 'platform.yaml'), 'utf8')), { baseDir: REPO });
    const manifests = new Map(
      fs
        .readdirSync(path.join(REPO, 'dist'))
        .filter(f => f.endsWith('.k8s.yaml'))
        .map(f => [f.slice(0, -'.k8s.yaml'.length), fs.readFileSync(path.join(REPO, 'dist', f), 'utf8')]),
    );
    const corpus = corpusOf(manifests, platform.spec, path.join(dir, 'example'));
    // THEN there is something to compare: the manifests, the templates (with pod templates) and the properties files
    const templatesPerTenant = platformDelivery(platform) === 'podTemplates' ? 2 : 0;
    expect(corpus.yamlFiles.length).toBe(manifests.size + platform.spec.tenants.length * templatesPerTenant);
    expect(corpus.sparkDefaults.length).toBe(platform.spec.tenants.length * 2);
    // WHEN each parser reads them THEN the trees are identical, and Properties reads what the spec says
    expectSameTrees(corpus.yamlFiles);
    expectSameProperties([{ corpus, bare: bareCorpusOf(platform.spec, REPO, path.join(dir, 'example-bare')) }]);
  });

  test('specs whose strings draw from all of Unicode: refused, or read alike by every consumer', () => {
    const text = (max: number) => fc.string({ unit: 'binary', minLength: 1, maxLength: max });
    const arb = fc.record({
      platformProperties: fc.dictionary(
        text(10).map(s => `spark.p.${s}`),
        fc.string({ unit: 'binary', maxLength: 16 }),
        { maxKeys: 3 },
      ),
      tenantProperties: fc.dictionary(
        text(10).map(s => `spark.t.${s}`),
        fc.string({ unit: 'binary', maxLength: 16 }),
        { maxKeys: 3 },
      ),
      fileName: text(12),
      mountSegment: text(8),
      // File contents are not refused: text with line separators and C1 controls reaches ConfigMap data.
      content: fc.oneof(
        fc.string({ unit: 'binary', maxLength: 64 }),
        fc
          .array(
            fc.oneof(
              fc.constantFrom('\u0085', '\u2028', '\u2029', '\ufeff', '\u009b', '\u007f', '\ufffe', '\t', 'a\tb', '\nkind: Secret\n', 'spark.master k8s://x'),
              fc.string({ unit: 'grapheme', maxLength: 6 }),
            ),
            { maxLength: 8 },
          )
          .map(parts => parts.join('')),
      ),
      remoteKey: text(10),
      repoURL: text(16),
      transport: fc.constantFrom<'env' | 'objects'>('env', 'objects'),
    });
    // GIVEN random specs, each string drawn from all of Unicode (controls, line separators, surrogates included)
    const samples = fc.sample(arb, { seed: SEED + 77, numRuns: runs(40) });
    const accepted: { spec: PlatformSpec; baseDir: string; corpus: Corpus; index: number }[] = [];
    samples.forEach((s, index) => {
      const baseDir = path.join(dir, `random-${index}`);
      fs.mkdirSync(baseDir, { recursive: true });
      fs.writeFileSync(path.join(baseDir, 'f'), s.content);
      const spec: PlatformSpec = {
        name: 'uni',
        image: 'registry.example.com/uni:1',
        roleEnv: 'UNI_EXECUTOR',
        transport: s.transport,
        proxy: { namespace: 'uni-proxy' },
        spark: { properties: s.platformProperties },
        secrets: { store: { name: 'vault' } },
        gitops: { argocd: { repoURL: s.repoURL } },
        files: [
          { name: s.fileName, source: 'f', mountPath: `/etc/uni/${s.mountSegment}`, roles: ['proxy', 'engine', 'executor'] },
          { name: 'k.keytab', secret: true, mountPath: '/etc/uni/keytab', roles: ['engine'], remoteRef: { key: s.remoteKey } },
        ],
        tenants: [{ namespace: 'uni-a', spark: { properties: s.tenantProperties } }],
      };
      const strings = [s.fileName, s.mountSegment, s.remoteKey, s.repoURL, ...Object.keys(s.platformProperties), ...Object.keys(s.tenantProperties)];
      const values = [...Object.values(s.platformProperties), ...Object.values(s.tenantProperties)];
      const refused = strings.some(x => refusedCharacter(x) !== undefined) || values.some(v => refusedCharacter(v, true) !== undefined);
      let manifests: Map<string, string> | undefined;
      try {
        manifests = synthNamespaces(resolvePlatform(spec, { baseDir }));
      } catch (e) {
        if (!(e instanceof SpecError)) throw e;
      }
      // THEN a spec with a refused character is never accepted
      expect({ index, refused, accepted: manifests !== undefined && refused }).toEqual({ index, refused, accepted: false });
      if (manifests) accepted.push({ spec, baseDir, corpus: corpusOf(manifests, spec, path.join(baseDir, 'out')), index });
    });
    // AND enough are accepted to mean something, some with characters beyond ASCII in what reaches dist/
    expect(accepted.length).toBeGreaterThanOrEqual(Math.ceil(samples.length / 5));
    expect(accepted.some(a => /[^\x00-\x7f]/.test(JSON.stringify(a.spec)))).toBe(true);
    expect(accepted.some(a => a.corpus.yamlFiles.some(f => /\\x85|\\u2028/.test(fs.readFileSync(f, 'utf8'))))).toBe(true);
    // WHEN every parser reads every accepted spec's output THEN the trees are identical
    expectSameTrees(accepted.flatMap(a => a.corpus.yamlFiles));
    expectSameProperties(accepted.map(a => ({ corpus: a.corpus, bare: bareCorpusOf(a.spec, a.baseDir, path.join(a.baseDir, 'bare')) })));
  });
});
