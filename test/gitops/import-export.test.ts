import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { planImport } from '../../src/gitops/import/import-plan';
import { parseNamespaceExport } from '../../src/gitops/import/namespace-export';
import { ImportIO, runImport } from '../../src/gitops/import/run-import';
import { resolvePlatform } from '../../src/platform-spec/loader';
import { FileSpec } from '../../src/platform-spec/types';

const REPO_ROOT = path.join(__dirname, '..', '..');
const FIXTURES = path.join(__dirname, '..', 'fixtures');
const EXPORT_FILE = path.join(FIXTURES, 'kubectl-export-team-legacy.yaml');
const DEPLOYMENT_FILE = path.join(FIXTURES, 'deployment-team-legacy.yaml');

interface ExportItem {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
}
/** The fixture read with the `yaml` library, independently of the importer's parser. */
const EXPORT_ITEMS: ExportItem[] = parse(fs.readFileSync(EXPORT_FILE, 'utf8')).items;

/** Every Secret value of the fixture, as base64 and decoded: none may appear in any output. (A token
 * Secret's `namespace` key holds the namespace's name, which is public and printed on purpose.) */
const SECRET_VALUES = EXPORT_ITEMS.filter(i => i.kind === 'Secret')
  .flatMap(i =>
    Object.entries(i.data ?? {})
      .filter(([key]) => key !== 'namespace')
      .map(([, value]) => value),
  )
  .flatMap(encoded => [encoded, Buffer.from(encoded, 'base64').toString('utf8').trim()]);

/** The bytes of a ConfigMap key in the fixture: `data` as UTF-8, `binaryData` decoded. */
function fixtureContent(configMap: string, key: string): Buffer {
  const item = EXPORT_ITEMS.find(i => i.kind === 'ConfigMap' && i.metadata.name === configMap)!;
  return item.data?.[key] !== undefined ? Buffer.from(item.data[key], 'utf8') : Buffer.from(item.binaryData![key], 'base64');
}

/** The files the fixture's hand-made ConfigMaps hold, `<configmap>/<key>` → bytes. */
const EXPECTED_FILES = new Map(
  [
    'app-config/application.properties',
    'app-config/logging.properties',
    'engine-debug/logging.properties',
    'kerberos-config/krb5.conf',
    'truststore/truststore.jks',
  ].map(file => [file, fixtureContent(file.split('/')[0], file.split('/')[1])]),
);

let cwd: string;
beforeEach(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-tenancy-import-test-'));
});
afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

/** Runs the import in `cwd`, returning what it printed. */
function importInto(args: string[]): { stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: ImportIO = {
    cwd,
    out: text => {
      stdout += text;
    },
    err: text => {
      stderr += text;
    },
  };
  runImport(args, io);
  return { stdout, stderr };
}

/** Every file under `dir`, relative POSIX path → bytes. */
function readTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  if (!fs.existsSync(dir)) return files;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (entry.isFile()) files.set(path.relative(dir, full).split(path.sep).join('/'), fs.readFileSync(full));
  }
  return files;
}

/** Fails when any fixture secret value occurs in `text`. */
function expectNoSecretValues(text: string | Buffer): void {
  const haystack = Buffer.isBuffer(text) ? text.toString('latin1') : text;
  for (const value of SECRET_VALUES) expect(haystack.includes(value) ? value : 'absent').toBe('absent');
}

/** The printed `files:` entries merged into a minimal spec and loaded by the package's own loader. */
function loadWithEntries(files: FileSpec[]) {
  return resolvePlatform(
    {
      name: 'legacy',
      image: 'registry.example.com/legacy:1.0.0',
      roleEnv: 'LEGACY_EXECUTOR',
      proxy: { namespace: 'legacy-proxy' },
      files,
      tenants: [{ namespace: 'team-legacy' }],
    },
    { baseDir: cwd },
  );
}

describe('npm run import', () => {
  test('writes each hand-made ConfigMap file with its exact bytes, and nothing else', () => {
    // GIVEN the kubectl export of a hand-made namespace
    // WHEN it is imported
    importInto([EXPORT_FILE]);
    // THEN config/<configmap>/<key> holds each file byte for byte (text from data, binary from binaryData)
    // AND the service account token, the cluster CA bundle, Spark's own ConfigMap and the Secrets are not on disk
    expect(readTree(path.join(cwd, 'config'))).toEqual(EXPECTED_FILES);
    expect(fs.readdirSync(cwd)).toEqual(['config']);
  });

  test('Secret values appear nowhere: not on disk, not on stdout, not on stderr', () => {
    // GIVEN the export, whose Secrets hold (fake) keytab, password and token values, also in an annotation
    // WHEN it is imported, with mount paths from the Deployment
    const { stdout, stderr } = importInto([EXPORT_FILE, '--mount-path-from', DEPLOYMENT_FILE]);
    // THEN no value, encoded or decoded, is in any file written or any text printed
    for (const content of readTree(cwd).values()) expectNoSecretValues(content);
    expectNoSecretValues(stdout);
    expectNoSecretValues(stderr);
    // AND the Secret keys are listed as references, the skipped objects with their reason
    expect(stderr).toContain('secret engine-credentials/app.keytab: referenced only, not written');
    expect(stderr).toContain('skipped Secret/default-token-x7k2p: a service account token Kubernetes makes');
    expect(stderr).toContain('skipped ConfigMap/kube-root-ca.crt');
    expect(stderr).toContain('skipped ConfigMap/spark-drv-5e1f7a8d0c9b4e2a-conf-map: made by Pod/engine-5e1f7a8d0c9b4e2a-driver');
  });

  test('the printed files: entries parse as YAML and pass the spec loader', () => {
    // GIVEN the export imported without knowing where pods read the files
    const { stdout } = importInto([EXPORT_FILE]);
    // WHEN the printed YAML is parsed and its entries merged into a minimal spec
    const { files } = parse(stdout) as { files: FileSpec[] };
    const platform = loadWithEntries(files);

    // THEN the loader accepts it, reading the imported files from their sources
    expect(platform.files.map(f => [f.name, f.key, f.secret])).toEqual([
      ['application.properties', 'application.properties', false],
      ['logging.properties', 'app-config-logging.properties', false],
      ['logging.properties', 'engine-debug-logging.properties', false],
      ['krb5.conf', 'krb5.conf', false],
      ['truststore.jks', 'truststore.jks', false],
      ['app.keytab', 'app.keytab', true],
      ['db-password', 'db-password', true],
    ]);
    expect(platform.files[4].content).toEqual(EXPECTED_FILES.get('truststore/truststore.jks'));
    // AND secret entries have a key and no source; every mountPath is a placeholder marked TODO
    expect(files.filter(f => f.secret)).toEqual([
      { name: 'app.keytab', secret: true, key: 'app.keytab', mountPath: '/etc/engine-credentials', roles: ['engine', 'executor'] },
      { name: 'db-password', secret: true, key: 'db-password', mountPath: '/etc/engine-credentials', roles: ['engine', 'executor'] },
    ]);
    expect(stdout.match(/# TODO: where the pod reads it/g)).toHaveLength(files.length);
  });

  test("--mount-path-from takes mount paths and file names from the Deployment's volumes", () => {
    // GIVEN the Deployment that mounts app-config as a folder, krb5.conf by subPath and the keytab via items
    // WHEN the export is imported with it
    const { stdout } = importInto([EXPORT_FILE, '--mount-path-from', DEPLOYMENT_FILE]);
    const { files } = parse(stdout) as { files: FileSpec[] };
    const where = (source: string | undefined, key?: string) => files.find(f => (source ? f.source === source : f.key === key))!;

    // THEN each mounted file gets the directory and name the pod reads it at
    expect(where('config/app-config/application.properties')).toMatchObject({ name: 'application.properties', mountPath: '/opt/engine/conf' });
    expect(where('config/kerberos-config/krb5.conf')).toMatchObject({ name: 'krb5.conf', mountPath: '/opt/engine/kerberos' });
    expect(where(undefined, 'app.keytab')).toMatchObject({ name: 'engine.keytab', mountPath: '/opt/engine/secrets/kerberos', secret: true });
    // AND files no workload mounts keep the placeholder and the TODO
    expect(where('config/truststore/truststore.jks').mountPath).toBe('/etc/truststore');
    expect(stdout).toContain('mountPath: /etc/truststore # TODO: where the pod reads it');
    expect(stdout).not.toContain('mountPath: /opt/engine/conf #');
    // AND the result loads
    expect(loadWithEntries(files).files).toHaveLength(7);
  });

  test('a multi-document export reads the same as a List', () => {
    // GIVEN the fixture's items as separate YAML documents
    const multiDoc = EXPORT_ITEMS.map(item => stringify(item)).join('---\n');
    // WHEN both are parsed
    // THEN they hold the same files, secret keys and skipped objects
    expect(parseNamespaceExport(multiDoc, 'multi.yaml')).toEqual(parseNamespaceExport(fs.readFileSync(EXPORT_FILE, 'utf8'), 'list.yaml'));
  });

  test('an existing file with other content is not overwritten without --force; the same content is fine', () => {
    // GIVEN config/app-config/application.properties edited since a first import
    importInto([EXPORT_FILE]);
    const edited = path.join(cwd, 'config', 'app-config', 'application.properties');
    fs.writeFileSync(edited, 'engine.port=9999\n');
    fs.rmSync(path.join(cwd, 'config', 'truststore'), { recursive: true });

    // WHEN the import runs again
    // THEN it refuses, naming the file, and writes nothing (not even the missing truststore)
    expect(() => importInto([EXPORT_FILE])).toThrow(/other content \(use --force to overwrite\): config\/app-config\/application\.properties$/);
    expect(fs.readFileSync(edited, 'utf8')).toBe('engine.port=9999\n');
    expect(fs.existsSync(path.join(cwd, 'config', 'truststore'))).toBe(false);

    // AND with --force it writes the export's content, reporting unchanged files as such
    const { stderr } = importInto([EXPORT_FILE, '--force']);
    expect(readTree(path.join(cwd, 'config'))).toEqual(EXPECTED_FILES);
    expect(stderr).toContain('overwrote config/app-config/application.properties');
    expect(stderr).toContain('unchanged config/kerberos-config/krb5.conf');
  });

  test.each([
    ['a key that climbs out', 'cm', '..', /key "\.\.".*outside/],
    ['a key with a slash', 'cm', '../../etc/passwd', /not a valid ConfigMap key/],
    ['a ConfigMap name with a slash', '../x', 'k', /not a valid ConfigMap name/],
    ['an absolute key', 'cm', '/etc/passwd', /not a valid ConfigMap key/],
  ])('refuses %s', (_, configMap, key, message) => {
    // GIVEN a crafted export entry WHEN it is planned THEN it is refused before anything is written
    expect(() => planImport([{ configMap, key, content: Buffer.from('x') }], path.join(cwd, 'config'))).toThrow(message);
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  test('a YAML error is reported by position, never by quoting the export', () => {
    // GIVEN an export that breaks right after a secret value
    const broken = 'kind: Secret\nmetadata: { name: s }\ndata:\n  token: ZmFrZS1zZWNyZXQtdmFsdWU=\n  bad: [unclosed\n';
    // WHEN it is parsed
    // THEN the message has the line but not the value
    let message = '';
    try {
      parseNamespaceExport(broken, 'broken.yaml');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^broken\.yaml: not valid YAML at line \d+/);
    expect(message).not.toContain('ZmFrZS1zZWNyZXQtdmFsdWU=');
  });

  test('the CLI prints the entries on stdout and exits 0; usage errors exit 2', () => {
    // GIVEN the export WHEN bin/import.js runs with --out
    const ok = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'import.js'), EXPORT_FILE, '--out', 'cfg'], { cwd, encoding: 'utf8' });
    // THEN stdout is exactly one YAML document with the entries, sources under cfg/, and no secret value anywhere
    expect(ok.status).toBe(0);
    const docs = parseAllDocuments(ok.stdout);
    expect(docs).toHaveLength(1);
    expect((docs[0].toJS() as { files: FileSpec[] }).files.filter(f => f.source).every(f => f.source!.startsWith('cfg/'))).toBe(true);
    expectNoSecretValues(ok.stdout + ok.stderr);

    // AND without an export file it exits 2 (could not run) with the usage
    const usage = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'import.js')], { cwd, encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('usage: spark-tenancy import <kubectl-get-export.yaml>');
  });
});
