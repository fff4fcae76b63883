import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { FileSpec, PlatformSpec, Role, TenantSpec, Transport } from '../../src';
import { MAX_FILE_NAME_BYTES, mountPathProblem, STAGING_FOLDER } from '../../src/platform-spec/checks/files';
import { RESERVED_NAMESPACES } from '../../src/platform-spec/checks/namespaces';
import { refusedCharacter } from '../../src/platform-spec/text-checks';

/**
 * Generators of specs the loader must accept. They only produce what the spec documents as valid;
 * the properties then check that the package handles all of it, not just the example.
 */

/** Seed for every property: fixed so failures reproduce, overridable with FC_SEED=<n> to explore. */
export const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : 20240611;
/** numRuns for a property: modest by default so the suite stays fast; FC_RUNS_FACTOR=10 explores more. */
export const runs = (n: number): number => Math.max(1, Math.round(n * Number(process.env.FC_RUNS_FACTOR ?? 1)));

/** A DNS label that is not a namespace Kubernetes reserves. */
export const dnsLabel = (max = 20): fc.Arbitrary<string> =>
  fc.stringMatching(new RegExp(`^[a-z]([-a-z0-9]{0,${max - 2}}[a-z0-9])?$`)).filter(l => !RESERVED_NAMESPACES.includes(l));

/**
 * A file name the spec allows: any characters but '/' and those every spec string refuses (spaces and
 * unicode included), not '.', '..' or the staging folder, at most MAX_FILE_NAME_BYTES bytes of UTF-8.
 */
export const fileName: fc.Arbitrary<string> = fc
  .oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
    fc.constantFrom('krb5.conf', 'my settings.conf', 'über-datei.txt', '☃ snow', ' lead', 'trail ', '-dash', '*', 'it\'s "quoted" $(x)', 'é'.repeat(120)),
  )
  .map(name => name.replace(/[/\u0000]/g, '_'))
  .filter(name => name !== '.' && name !== '..' && name !== STAGING_FOLDER && Buffer.byteLength(name) <= MAX_FILE_NAME_BYTES)
  .filter(name => refusedCharacter(name) === undefined)
  // A name whose key would be `__proto__` or `constructor` is refused by the loader (tested in bad-specs).
  .filter(name => !['__proto__', 'constructor'].includes(defaultKeyOf(name)));

/** An absolute directory that does not touch a reserved path; segments may hold spaces and unicode. */
export const mountPath: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.stringMatching(/^[a-z][-a-z0-9_]{0,8}$/), fc.constantFrom('with space', 'ünïcödé', 'conf.d', '_x')), { minLength: 1, maxLength: 3 })
  .map(segments => `/${segments.join('/')}`)
  .filter(p => mountPathProblem(p) === undefined);

export const role: fc.Arbitrary<Role[]> = fc.subarray<Role>(['proxy', 'engine', 'executor'], { minLength: 1 });
export const transport: fc.Arbitrary<Transport> = fc.constantFrom<Transport>('env', 'objects');
/** A mode the owner can read (the loader refuses the others). */
export const mode: fc.Arbitrary<string> = fc.stringMatching(/^0?[4-7][0-7]{2}$/);

/** ConfigMap/Secret key the loader derives from a name (mirrors its documented default, to keep keys distinct). */
export function defaultKeyOf(name: string): string {
  const cleaned = name.replace(/[^-._a-zA-Z0-9]/g, '_');
  return cleaned === '.' || cleaned === '..' ? `_${cleaned}` : cleaned;
}

/** Spark properties that are valid for every tenant (no owned key, one line each). */
export const sparkProperties: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    'spark.executor.instances': fc.integer({ min: 1, max: 64 }).map(String),
    'spark.executor.memory': fc.constantFrom('1g', '4g', '512m'),
    'spark.sql.shuffle.partitions': fc.integer({ min: 1, max: 2000 }).map(String),
    'spark.kubernetes.executor.deleteOnTermination': fc.constantFrom('true', 'false'),
    'spark.kubernetes.executor.podNamePrefix': dnsLabel(47),
    'spark.app.description': fc.string({ unit: 'grapheme', maxLength: 30 }).filter(s => refusedCharacter(s, true) === undefined),
    'spark.eventLog.dir': fc.constantFrom('s3a://logs/spark', 'hdfs:///spark-logs', 'C:\\logs'),
  },
  { requiredKeys: [] },
);

export interface GeneratedFile {
  readonly spec: FileSpec;
  readonly content: Buffer;
}

/** Content kinds a config file can have; expanded from a seed so large files stay cheap to generate and shrink. */
export const contentKind = fc.constantFrom('random', 'zeros', 'text', 'all-bytes', 'utf8', 'crlf', 'no-final-newline');

export function expandContent(kind: string, length: number, seed: number): Buffer {
  switch (kind) {
    case 'zeros':
      return Buffer.alloc(length);
    case 'all-bytes':
      return Buffer.from(Array.from({ length }, (_, i) => (i + seed) & 0xff));
    case 'text':
      return Buffer.from(Array.from({ length }, (_, i) => (i % 61 === 60 ? '\n' : String.fromCharCode(32 + ((i * 7 + seed) % 95)))).join(''));
    case 'utf8':
      return Buffer.from('é☃ ünï \t'.repeat(Math.ceil(length / 8))).subarray(0, length);
    case 'crlf':
      return Buffer.from('key = value\r\n'.repeat(Math.ceil(length / 13))).subarray(0, length);
    case 'no-final-newline':
      return Buffer.from(`${'line\n'.repeat(Math.ceil(length / 5))}`.slice(0, Math.max(0, length - 1)) + (length > 0 ? 'x' : ''));
    default: {
      // Deterministic pseudo-random bytes: sha256 in counter mode.
      const blocks: Buffer[] = [];
      for (let i = 0; i * 32 < length; i++) blocks.push(createHash('sha256').update(`${seed}:${i}`).digest());
      return Buffer.concat(blocks).subarray(0, length);
    }
  }
}

/** Files with distinct targets and keys (the loader rightly refuses duplicates; that is tested elsewhere). */
export function filesArb(options: { maxFiles: number; maxBytes: number; secretAllowed: boolean }): fc.Arbitrary<GeneratedFile[]> {
  const one = fc.record({
    name: fileName,
    mountPath,
    roles: role,
    mode: fc.option(mode, { nil: undefined }),
    secret: options.secretAllowed ? fc.boolean() : fc.constant(false),
    preserveImageContent: fc.boolean(),
    kind: contentKind,
    length: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 0, max: options.maxBytes })),
    seed: fc.nat(),
  });
  return (
    fc
      .uniqueArray(one, {
        maxLength: options.maxFiles,
        selector: f => `${f.mountPath}/${f.name}`,
      })
      .filter(files => new Set(files.map(f => `${f.secret}/${defaultKeyOf(f.name)}`)).size === files.length)
      // A secret key must not be empty (the init container refuses it), nor a keytab by name (its bytes are random here).
      .map(files => files.map(f => (f.secret ? { ...f, length: Math.max(1, f.length), name: f.name.endsWith('.keytab') ? `${f.name}_` : f.name } : f)))
      // A non-secret copy of a secret's bytes is refused at load (tested in bad-specs).
      .filter(files => {
        const content = (f: (typeof files)[number]) => expandContent(f.kind, f.length, f.seed).toString('base64');
        const secrets = new Set(files.filter(f => f.secret).map(content));
        return files.every(f => f.secret || !secrets.has(content(f)));
      })
      .map(files =>
        files.map(f => ({
          spec: {
            name: f.name,
            source: '', // set when written
            mountPath: f.mountPath,
            roles: f.roles,
            ...(f.mode === undefined ? {} : { mode: f.mode }),
            ...(f.secret ? { secret: true } : {}),
            ...(f.preserveImageContent ? { preserveImageContent: true } : {}),
          },
          content: expandContent(f.kind, f.length, f.seed),
        })),
      )
  );
}

export const hostAliases = fc.array(
  fc.record({
    ip: fc.oneof(fc.ipV4(), fc.ipV6()),
    // Not a cluster Service name (a tenant may not redirect those; tested in bad-specs).
    hostnames: fc.uniqueArray(
      fc.domain().filter(d => d.length <= 253 && /^[A-Za-z0-9]/.test(d) && !/\.svc($|\.)|\.cluster\.local$|^kubernetes/i.test(d)),
      { minLength: 1, maxLength: 2 },
    ),
  }),
  { maxLength: 2 },
);

export interface GeneratedPlatform {
  readonly spec: PlatformSpec;
  readonly files: readonly GeneratedFile[];
}

export const platformArb: fc.Arbitrary<GeneratedPlatform> = fc
  .record({
    name: dnsLabel(20),
    proxyNamespace: dnsLabel(30),
    roleEnv: fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,15}$/),
    transport: fc.option(transport, { nil: undefined }),
    allowPlaintextSecrets: fc.boolean(),
    proxyAliases: hostAliases,
    spark: fc.option(sparkProperties, { nil: undefined }),
    files: filesArb({ maxFiles: 5, maxBytes: 2048, secretAllowed: true }),
    tenants: fc.uniqueArray(
      fc.record({
        namespace: dnsLabel(30),
        transport: fc.option(transport, { nil: undefined }),
        spark: fc.option(sparkProperties, { nil: undefined }),
        hostAliases: fc.option(hostAliases, { nil: undefined }),
        replicas: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 4, selector: t => t.namespace },
    ),
  })
  .filter(p => p.tenants.every(t => t.namespace !== p.proxyNamespace))
  // A tenant may not redirect the platform's own host names (tested in bad-specs).
  .filter(p => {
    const platformNames = new Set(p.proxyAliases.flatMap(a => a.hostnames.map(h => h.toLowerCase())));
    return p.tenants.every(t => (t.hostAliases ?? []).every(a => a.hostnames.every(h => !platformNames.has(h.toLowerCase()))));
  })
  .map(p => {
    const tenants: TenantSpec[] = p.tenants.map(t => ({
      namespace: t.namespace,
      ...(t.transport ? { transport: t.transport } : {}),
      ...(t.spark ? { spark: { properties: t.spark } } : {}),
      ...(t.hostAliases ? { hostAliases: t.hostAliases } : {}),
      ...(t.replicas !== undefined ? { engine: { replicas: t.replicas } } : {}),
    }));
    const spec: PlatformSpec = {
      name: p.name,
      image: 'registry.example.com/team/spark:3.5.1',
      roleEnv: p.roleEnv,
      ...(p.transport ? { transport: p.transport } : {}),
      proxy: { namespace: p.proxyNamespace, ...(p.proxyAliases.length > 0 ? { hostAliases: p.proxyAliases } : {}) },
      ...(p.spark ? { spark: { properties: p.spark } } : {}),
      ...(p.allowPlaintextSecrets ? { allowPlaintextSecrets: true } : {}),
      files: p.files.map(f => f.spec),
      tenants,
    };
    return { spec, files: p.files };
  });

/** Writes each file's content to `dir/sources/<index>` and returns the spec with those sources. */
export function writeSources(dir: string, generated: GeneratedPlatform): PlatformSpec {
  const sources = path.join(dir, 'sources');
  fs.rmSync(sources, { recursive: true, force: true });
  fs.mkdirSync(sources, { recursive: true });
  const files = generated.files.map((f, i) => {
    fs.writeFileSync(path.join(sources, String(i)), f.content);
    return { ...f.spec, source: `sources/${i}` };
  });
  return { ...generated.spec, files };
}
