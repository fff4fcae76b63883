import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { tempDirs } from '../harness/temp-dirs';
import { offlineLockfile, relativeFile } from './offline-lockfile';

// The "Done when", as a new user would do it, from the packed tarball and offline: a new
// project outside this checkout installs spark-tenancy with cdk8s, constructs and cdk8s-cli, builds a
// platform in TypeScript with two tenants added by addTenant, synthesizes it with `cdk8s synth`,
// runs the package's CLI on the output, and snapshots each namespace with `spark-tenancy/testing`.
// It takes one to two minutes (most of it npm pack's build and npm ci), so it has a long timeout.

const REPO = path.join(__dirname, '..', '..');
const tmp = tempDirs();
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** What the user writes: the platform in code, two tenants added after construction. */
const PLATFORM_TS = `import { PlatformApp, resolvePlatform, SparkPlatform } from 'spark-tenancy';

export const platform = resolvePlatform({
  name: 'acme',
  image: 'registry.example.com/acme/spark:3.5.1',
  roleEnv: 'ACME_EXECUTOR',
  proxy: { namespace: 'acme-proxy' },
  secrets: { store: { name: 'vault' } },
  files: [
    { name: 'app.conf', source: 'app.conf', mountPath: '/etc/acme', roles: ['proxy', 'engine', 'executor'] },
    { name: 'token', source: 'token', secret: true, mountPath: '/etc/acme-secret', roles: ['engine'], remoteRef: { key: 'acme/token' } },
  ],
  tenants: [],
}, { baseDir: __dirname });

export function build(app: PlatformApp): SparkPlatform {
  const sparkPlatform = new SparkPlatform(app, 'acme', { platform });
  sparkPlatform.addTenant({ namespace: 'analytics' });
  sparkPlatform.addTenant({ namespace: 'reporting', spark: { properties: { 'spark.executor.instances': '4' } } });
  return sparkPlatform;
}
`;

const MAIN_TS = `import { PlatformApp } from 'spark-tenancy';
import { build } from './platform';

const app = new PlatformApp({ outdir: process.env.CDK8S_OUTDIR || 'dist' });
build(app);
app.synth();
`;

const SNAPSHOT_TEST = `const { snapshotEachNamespace } = require('spark-tenancy/testing');
const { build } = require('./platform');

snapshotEachNamespace(build);
`;

function run(cwd: string, command: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    // Never the network: every package comes from the cache this repository's `npm ci` filled.
    env: {
      ...process.env,
      CI: 'true',
      CDK8S_CHECK_UPGRADE: 'false',
      npm_config_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function ok(cwd: string, command: string, ...args: string[]): string {
  const result = run(cwd, command, args);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status} in ${cwd}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

describe('a new project that installs the packed tarball', () => {
  test('builds a platform in TypeScript, synthesizes one file per namespace, and the CLI and jest helpers work', () => {
    // GIVEN the packed package (npm pack runs `prepare`, which builds lib/)
    const packDir = tmp('spark-tenancy-pack-');
    const packed = JSON.parse(ok(REPO, NPM, 'pack', '--json', '--pack-destination', packDir)) as { filename: string; files: { path: string }[] }[];
    const tarball = path.join(packDir, packed[0].filename);
    const shipped = packed[0].files.map(f => f.path);
    // AND it ships the library, its CLI and runtime files, and none of the repository's tests, tools or example
    expect(shipped).toEqual(
      expect.arrayContaining([
        'lib/src/index.js',
        'lib/src/index.d.ts',
        'lib/src/testing.js',
        'lib/src/platform-spec/platform.schema.json',
        'bin/spark-tenancy.js',
        'image/materialize.sh',
        'LICENSE',
        'README.md',
        'CHANGELOG.md',
        'package.json',
      ]),
    );
    expect(
      shipped.filter(f => /^(test|bench|e2e|config|dist|src|scripts|lib\/test|lib\/bench|lib\/e2e)\//.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts'))),
    ).toEqual([]);

    // AND a new, empty project outside this checkout
    const project = tmp('spark-tenancy-consumer-');
    expect(path.relative(REPO, project).startsWith('..')).toBe(true);
    ok(project, NPM, 'init', '-y');
    // WHEN it installs the tarball with cdk8s, constructs, cdk8s-cli (and typescript, jest) offline
    const tarballDigest = createHash('sha512').update(fs.readFileSync(tarball)).digest('base64');
    const ownManifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
      version: string;
      dependencies: Record<string, string>;
      peerDependencies: Record<string, string>;
      bin: Record<string, string>;
      engines: Record<string, string>;
    };
    const { lock, dependencies } = offlineLockfile(
      path.join(REPO, 'package-lock.json'),
      ['cdk8s', 'constructs', 'cdk8s-cli', 'typescript', '@types/node', 'jest'],
      {
        'node_modules/spark-tenancy': {
          version: ownManifest.version,
          resolved: relativeFile(project, tarball),
          integrity: `sha512-${tarballDigest}`,
          dependencies: ownManifest.dependencies,
          peerDependencies: ownManifest.peerDependencies,
          peerDependenciesMeta: { 'cdk8s-cli': { optional: true } },
          bin: ownManifest.bin,
          engines: ownManifest.engines,
        },
      },
    );
    const manifest = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8')) as Record<string, unknown>;
    manifest.dependencies = { ...dependencies, 'spark-tenancy': relativeFile(project, tarball) };
    fs.writeFileSync(path.join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.writeFileSync(path.join(project, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
    ok(project, NPM, 'ci', '--offline', '--no-audit', '--no-fund');

    // AND writes its platform in TypeScript, a cdk8s.yaml, and compiles with tsc
    fs.writeFileSync(path.join(project, 'app.conf'), 'greeting=hello\n');
    fs.writeFileSync(path.join(project, 'token'), 'not-a-real-token-0123456789abcdef\n');
    fs.writeFileSync(path.join(project, 'platform.ts'), PLATFORM_TS);
    fs.writeFileSync(path.join(project, 'main.ts'), MAIN_TS);
    fs.writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, esModuleInterop: true, skipLibCheck: false, types: ['node'] },
        files: ['main.ts', 'platform.ts'],
      }),
    );
    fs.writeFileSync(path.join(project, 'cdk8s.yaml'), 'language: typescript\napp: node main.js\noutput: dist\n');
    ok(project, 'npx', 'tsc', '-p', '.');
    // AND runs `npx cdk8s synth`
    ok(project, 'npx', 'cdk8s', 'synth');

    // THEN dist/ holds exactly one file per namespace
    expect(fs.readdirSync(path.join(project, 'dist')).sort()).toEqual(['acme-proxy.k8s.yaml', 'analytics.k8s.yaml', 'reporting.k8s.yaml']);
    // AND the package's own CLI validates them and finds no secret bytes in them
    expect(ok(project, 'npx', 'spark-tenancy', 'validate', 'dist')).toMatch(/^validate: \d+ objects in 3 files under dist: no violations/);
    expect(ok(project, 'npx', 'spark-tenancy', 'leak-check')).toContain('no secret bytes in dist: 1 secret file(s)');
    // AND a planted leak is caught (the check is not vacuous)
    fs.appendFileSync(path.join(project, 'dist', 'analytics.k8s.yaml'), `# ${Buffer.from('not-a-real-token-0123456789abcdef\n').toString('base64')}\n`);
    expect(run(project, 'npx', ['spark-tenancy', 'leak-check']).status).toBe(1);
    // AND `spark-tenancy --help` lists the subcommands
    expect(ok(project, 'npx', 'spark-tenancy', '--help')).toMatch(/synth[\s\S]*validate[\s\S]*leak-check[\s\S]*import[\s\S]*helm/);

    // WHEN a jest test there snapshots each namespace with spark-tenancy/testing, recorded once
    fs.writeFileSync(path.join(project, 'namespaces.test.js'), SNAPSHOT_TEST);
    const recorded = run(project, 'npx', ['jest', '--ci=false', '--rootDir', '.']);
    expect(recorded.status).toBe(0);
    // THEN one snapshot per namespace is written, each the file cdk8s synth wrote
    const snapshots = fs.readFileSync(path.join(project, '__snapshots__', 'namespaces.test.js.snap'), 'utf8');
    for (const file of ['acme-proxy.k8s.yaml', 'analytics.k8s.yaml', 'reporting.k8s.yaml']) expect(snapshots).toContain(`exports[\`${file} 1\`]`);
    // AND a second run, as CI runs it (no new snapshots allowed), passes against them
    const checked = run(project, 'npx', ['jest', '--ci', '--rootDir', '.']);
    expect({ status: checked.status, summary: checked.stderr.match(/Snapshots:.*$/m)?.[0] }).toEqual({ status: 0, summary: 'Snapshots:   3 passed, 3 total' });

    // WHEN the README's own example ("Using it in your own cdk8s app") is compiled and run there, as written
    const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Using it in your own cdk8s app'));
    const example = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example).toContain("from 'spark-tenancy'");
    const readmeDir = path.join(project, 'readme');
    fs.mkdirSync(readmeDir);
    fs.writeFileSync(path.join(readmeDir, 'app.conf'), 'greeting=hello\n');
    fs.writeFileSync(path.join(readmeDir, 'main.ts'), example!);
    ok(project, 'npx', 'tsc', '--target', 'ES2022', '--module', 'commonjs', '--strict', '--types', 'node', path.join('readme', 'main.ts'));
    ok(readmeDir, process.execPath, 'main.js');
    // THEN it writes one file per namespace: the proxy's, the spec's tenant and the one addTenant added
    expect(fs.readdirSync(path.join(readmeDir, 'dist')).sort()).toEqual(['acme-proxy.k8s.yaml', 'analytics.k8s.yaml', 'reporting.k8s.yaml']);
  }, 1_200_000);
});
