import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadPlatformFile, SpecError } from '../../src';
import { formatProblem } from '../../src/platform-spec/errors';

/**
 * "Bad input never produces a bad cluster": every broken spec below is refused with a message a person
 * can act on (file:line:col, field path, what is wrong, what would be valid), and the real CLI exits 1
 * leaving the previous dist/ byte for byte as it was.
 *
 * Every case runs in-process through `loadPlatformFile` (the CLI's first step) and is compared line by
 * line with the expected message. The cases marked `cli` (about a third, at least one of each kind of
 * failure: YAML, encoding, size, shape, types, names, paths, sources, Spark) also run through the real
 * `node bin/synth.js`, which must print the same lines, exit 1 and leave dist/ alone. Spawning all of
 * them would cost about a second each for no new evidence: the CLI prints exactly the problems of the
 * SpecError the loader throws (src/cli.ts), which the in-process run already pins down.
 */

const REPO = path.join(__dirname, '..', '..');
const SYNTH = path.join(REPO, 'bin', 'synth.js');

/** The valid spec every case breaks. Line numbers in expected messages refer to these lines. */
const BASE = [
  'name: acme', //                                   1
  'image: registry.example.com/acme/spark:1.0.0', // 2
  'roleEnv: ACME_EXECUTOR', //                       3
  'proxy:', //                                       4
  '  namespace: acme-proxy', //                      5
  '  hostAliases:', //                               6
  '    - ip: 10.0.0.10', //                          7
  '      hostnames: [kdc.example.com]', //           8
  'spark:', //                                       9
  '  properties:', //                                10
  '    spark.executor.instances: "2"', //            11
  'files:', //                                       12
  '  - name: krb5.conf', //                          13
  '    source: config/krb5.conf', //                 14
  '    mountPath: /etc/acme', //                     15
  '    roles: [proxy, engine, executor]', //         16
  '  - name: app.keytab', //                         17
  '    source: config/app.keytab', //                18
  '    secret: true', //                             19
  '    mountPath: /etc/acme/keytab', //              20
  '    roles: [engine, executor]', //                21
  'tenants:', //                                     22
  '  - namespace: team-a', //                        23
  '  - namespace: team-b', //                        24
  '',
].join('\n');

/** A `kerberos` section for BASE (one line, inserted before `files:` as line 12). */
const KERBEROS = 'kerberos: { principal: acme/spark.example.com@EXAMPLE.COM, keytab: app.keytab, krb5Conf: krb5.conf }\n';

/** BASE with `from` (which must occur exactly once, so a case can never silently test the valid spec) replaced. */
function edit(...pairs: [string, string][]): string {
  let text = BASE;
  for (const [from, to] of pairs) {
    const count = text.split(from).length - 1;
    if (count !== 1) throw new Error(`edit: "${from}" occurs ${count} times in the base spec`);
    text = text.replace(from, to);
  }
  return text;
}

const SPEC_SIZE_50MB = 50 * 1024 * 1024;

interface BadSpec {
  readonly name: string;
  /** Content of spec/platform.yaml; a function may also create files in the spec folder. */
  readonly spec: string | Buffer | ((specDir: string) => string | Buffer);
  /** What SPARK_TENANCY_SPEC names, relative to the spec folder. @default "platform.yaml" */
  readonly specName?: string;
  /** Expected problems, one per line; `<SPEC>` is the spec as messages name it, `<DIR>` the spec folder, `<PARENT>` the folder above it. */
  readonly expected: readonly string[];
  /** Also run the real CLI. */
  readonly cli?: boolean;
}

const CASES: readonly BadSpec[] = [
  // ------------------------------------------------------------------ YAML syntax and structure
  {
    name: 'a tab used as indentation',
    cli: true,
    spec: edit(['  namespace: acme-proxy', '\tnamespace: acme-proxy']),
    expected: [
      '<SPEC>:5:1: YAML syntax error: a tab indents this line; YAML indents with spaces only',
      '<SPEC>:5:13: YAML syntax error: Nested mappings are not allowed in compact mappings',
      '<SPEC>:5:13: YAML syntax error: Implicit keys need to be on a single line',
    ],
  },
  {
    name: 'an unclosed flow sequence',
    spec: edit(['[kdc.example.com]', '[kdc.example.com']),
    expected: ['<SPEC>:9:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]'],
  },
  {
    name: 'a key given twice in one mapping',
    spec: edit(['    mountPath: /etc/acme\n', '    mountPath: /etc/acme\n    mountPath: /etc/other\n']),
    expected: ['<SPEC>:16:5: the key "mountPath" appears twice in the same mapping; keep one of them'],
  },
  {
    name: 'two YAML documents',
    spec: `${BASE}---\nname: other\n`,
    expected: ['<SPEC>:25:1: a second YAML document starts here ("---"); a spec is one document, so remove the separator or the second document'],
  },
  {
    name: 'an alias without an anchor',
    spec: edit(['name: acme', 'name: *acme']),
    expected: ['<SPEC>:1:7: alias *acme has no anchor &acme before it; put &acme on an earlier value, or write the value out'],
  },
  {
    name: 'an alias inside the value it names',
    spec: edit(['  - namespace: team-b', '  - &t {namespace: team-b, labels: *t}']),
    expected: ['<SPEC>:24:36: alias *t is inside the value anchored as &t, so that value would contain itself; write the value out'],
  },
  {
    name: 'anchors and aliases that multiply the spec (billion laughs)',
    cli: true,
    spec: [
      'lol0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
      ...Array.from({ length: 8 }, (_, i) => `lol${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`),
      '',
    ].join('\n'),
    // Aliased values so far: lol1 10 x 11, lol2 10 x 111, lol3 10 x 1111 (12330 in all); in lol4 each *a3
    // adds 11111, and the 8th passes 100000.
    expected: [
      '<SPEC>:5:47: with alias *a3 the anchors and aliases expand to more than 100000 values ("billion laughs"); ' +
        'a spec may use aliases for at most 100000 values in all: write the values out, or alias larger values fewer times',
    ],
  },
  {
    name: 'flow collections nested 5000 deep',
    cli: true,
    spec: `tenants: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
    // The 32nd bracket is the 33rd collection (the top-level mapping is the first).
    expected: [
      '<SPEC>:1:41: the YAML nests collections more than 32 levels deep here; a platform spec needs at most 6 ' +
        '(e.g. tenants[0].engine.resources.requests.cpu), so this is not a platform spec',
    ],
  },
  {
    name: 'block mappings nested 40 deep',
    spec: `${Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}a:`).join('\n')} 1\n`,
    expected: [
      '<SPEC>:33:65: the YAML nests collections more than 32 levels deep here; a platform spec needs at most 6 ' +
        '(e.g. tenants[0].engine.resources.requests.cpu), so this is not a platform spec',
    ],
  },
  {
    name: 'a YAML tag (!!binary) on a value',
    spec: edit(['name: acme', 'name: !!binary YWNtZQ==']),
    expected: ['<SPEC>:1:16: the YAML tag !!binary has no meaning in a platform spec; remove it (quote a value to keep it text, e.g. "0444")'],
  },
  {
    name: 'a list used as a key',
    spec: edit(['roleEnv: ACME_EXECUTOR', 'roleEnv: ACME_EXECUTOR\n? [a, b]\n: c']),
    expected: ['<SPEC>:4:3: a key here is a list; keys in a platform spec are plain names such as "namespace"'],
  },
  // ------------------------------------------------------------------ encoding and size
  {
    name: 'Latin-1 text (not UTF-8)',
    cli: true,
    spec: Buffer.from(edit(['namespace: team-b', 'namespace: team-\u00e9']), 'latin1'),
    expected: ['<SPEC>:24:21: byte 0xE9 is not valid UTF-8; save the spec as UTF-8 (a byte like this often means Latin-1 or Windows-1252 text)'],
  },
  {
    name: 'UTF-16 text',
    spec: Buffer.from(`\ufeff${BASE}`, 'utf16le'),
    expected: ['<SPEC>:1:1: the spec is UTF-16LE text (it starts with a UTF-16LE byte order mark); save it as UTF-8'],
  },
  {
    name: 'an empty file',
    cli: true,
    spec: '',
    expected: ['<SPEC>:1:1: the spec is empty; it must be a mapping with name, image, roleEnv, proxy, files and tenants'],
  },
  {
    name: 'a file of comments only',
    spec: '# nothing here yet\n',
    expected: ['<SPEC>:1:1: the spec is empty; it must be a mapping with name, image, roleEnv, proxy, files and tenants'],
  },
  {
    name: 'a 50 MB spec',
    cli: true,
    spec: () => {
      const tenants = Array.from({ length: 1_000_000 }, (_, i) => `  - namespace: team-${i}\n`).join('');
      const text = Buffer.from(`${BASE}${tenants}`);
      // Padded with a comment to exactly 50 MiB.
      return Buffer.concat([text, Buffer.from('#'), Buffer.alloc(SPEC_SIZE_50MB - text.length - 2, 'x'), Buffer.from('\n')]);
    },
    expected: [
      `<SPEC>: the spec is ${SPEC_SIZE_50MB} bytes (50.0 MiB); a spec may be at most 4194304 bytes (4 MiB), ` +
        'and a real one is a few KiB: check that this is the platform spec',
    ],
  },
  {
    name: 'a spec file that does not exist',
    cli: true,
    spec: BASE,
    specName: 'platfrom.yaml',
    expected: ['<SPEC>: cannot read the spec: <DIR>/platfrom.yaml does not exist; give the path of the platform spec YAML file'],
  },
  {
    name: 'a spec path that is a directory',
    spec: BASE,
    specName: 'config',
    expected: ['<SPEC>: the spec is a directory, not a regular file (looked at <DIR>/config); give the path of the platform spec YAML file'],
  },
  // ------------------------------------------------------------------ document shape and types
  {
    name: 'a list instead of a mapping',
    spec: '- name: acme\n- image: x\n',
    expected: ['<SPEC>:1:1: the spec must be a mapping of fields (name: ..., image: ..., roleEnv: ..., proxy: ..., files: ..., tenants: ...), not a list'],
  },
  {
    name: 'a plain string instead of a mapping',
    spec: 'hello\n',
    expected: [
      '<SPEC>:1:1: the spec must be a mapping of fields (name: ..., image: ..., roleEnv: ..., proxy: ..., files: ..., tenants: ...), not the text "hello"',
    ],
  },
  {
    name: 'a list where a string belongs',
    spec: edit(['name: acme', 'name: [acme]']),
    expected: [
      "<SPEC>:1:7: name: must be a string: a list is not a valid name prefix (lowercase letters, digits and '-', starting with a letter, at most 40 characters)",
    ],
  },
  {
    name: 'a word where an integer belongs',
    spec: edit(['  namespace: acme-proxy\n', '  namespace: acme-proxy\n  replicas: two\n']),
    expected: ['<SPEC>:6:13: proxy.replicas: must be an integer from 0 to 1000, got "two"'],
  },
  {
    name: 'a string where the tenant list belongs',
    spec: edit(['tenants:\n  - namespace: team-a\n  - namespace: team-b\n', 'tenants: team-a\n']),
    expected: ['<SPEC>:22:10: tenants: must be a list (e.g. tenants: [ { namespace: team-a } ]), got "team-a"'],
  },
  {
    name: 'an empty tenant entry',
    spec: edit(['  - namespace: team-b', '  -']),
    expected: [
      '<SPEC>:24:4: tenants[1]: must be a mapping with the fields namespace (required), transport, spark, engine, hostAliases, labels, quota, network (e.g. { namespace: team-a }), got null',
    ],
  },
  {
    name: 'spark properties written as a list',
    spec: edit(['  properties:\n    spark.executor.instances: "2"', '  properties: [spark.executor.instances=2]']),
    expected: ['<SPEC>:10:15: spark.properties: must be a mapping (e.g. properties: { spark.executor.instances: "2" }), got a list'],
  },
  {
    name: 'a probe set to true',
    spec: edit(['tenants:', 'engine: { readinessProbe: true }\ntenants:']),
    expected: [
      '<SPEC>:22:27: engine.readinessProbe: must be false (no probe) or a mapping with the fields port, path, initialDelaySeconds, periodSeconds, failureThreshold, got boolean true',
    ],
  },
  {
    name: 'mode: 0444 unquoted (a YAML integer)',
    cli: true,
    spec: edit(['    mountPath: /etc/acme\n', '    mountPath: /etc/acme\n    mode: 0444\n']),
    expected: ['<SPEC>:16:11: files[0].mode: must be a quoted string, got the number 444 (YAML reads an unquoted mode as a number); write mode: "0444"'],
  },
  {
    name: 'a mode with non-octal digits',
    spec: edit(['    mountPath: /etc/acme\n', '    mountPath: /etc/acme\n    mode: "0999"\n']),
    expected: ['<SPEC>:16:11: files[0].mode: "0999" is not an octal file mode (e.g. "0444" or "0400"; quote it so YAML keeps it a string)'],
  },
  // ------------------------------------------------------------------ unknown fields, typos, missing fields
  {
    name: 'a misspelt top-level field',
    cli: true,
    spec: edit(['roleEnv: ACME_EXECUTOR', 'roleEnv: ACME_EXECUTOR\ntennants: []']),
    expected: [
      '<SPEC>:4:1: tennants: unknown field "tennants" (did you mean "tenants"?); valid fields: name, image, roleEnv, transport, materializer, delivery, proxy, engine, spark, security, secrets, allowPlaintextSecrets, kerberos, sourceRoot, files, tenants, quota, network, tenantPolicy, gitops',
    ],
  },
  {
    name: 'a misspelt required field of a file',
    spec: edit(['    mountPath: /etc/acme\n', '    mountPth: /etc/acme\n']),
    expected: [
      '<SPEC>:13:5: files[0]: missing required field "mountPath" (e.g. mountPath: /etc/my-project)',
      '<SPEC>:15:5: files[0].mountPth: unknown field "mountPth" (did you mean "mountPath"?); valid fields: name, source, mountPath, roles, secret, mode, key, preserveImageContent, writable, format, remoteRef',
    ],
  },
  {
    name: 'a YAML merge key',
    spec: edit(['  - namespace: team-b', '  - <<: { namespace: team-b }']),
    expected: [
      '<SPEC>:24:5: tenants[1]: missing required field "namespace" (e.g. namespace: team-a)',
      '<SPEC>:24:5: tenants[1]["<<"]: YAML merge keys ("<<") are not supported; write the fields out (valid fields: namespace, transport, spark, engine, hostAliases, labels, quota, network)',
    ],
  },
  {
    name: 'a transport in the wrong case',
    spec: edit(['tenants:', 'transport: Env\ntenants:']),
    expected: ['<SPEC>:22:12: transport: "Env" is not one of "env", "objects" (did you mean "env"?)'],
  },
  {
    name: 'only a name: every missing field at once',
    cli: true,
    spec: 'name: acme\n',
    expected: [
      '<SPEC>:1:1: missing required field "image" (e.g. image: registry.example.com/my-project:1.0.0)',
      '<SPEC>:1:1: missing required field "roleEnv" (e.g. roleEnv: MY_PROJECT_EXECUTOR)',
      '<SPEC>:1:1: missing required field "proxy" (e.g. proxy: { namespace: my-project })',
      '<SPEC>:1:1: missing required field "files" (e.g. files: [])',
      '<SPEC>:1:1: missing required field "tenants" (e.g. tenants: [ { namespace: team-a } ])',
    ],
  },
  {
    name: 'a non-secret file without a source',
    spec: edit(['    source: config/krb5.conf\n', '']),
    expected: ['<SPEC>:13:5: files[0]: missing required field "source" (only a secret file held by the cluster may omit it)'],
  },
  // ------------------------------------------------------------------ tenants and names
  {
    name: 'an empty tenant list',
    cli: true,
    spec: edit(['tenants:\n  - namespace: team-a\n  - namespace: team-b\n', 'tenants: []\n']),
    expected: ['<SPEC>:22:10: tenants: must list at least one item (e.g. tenants: [ { namespace: team-a } ])'],
  },
  {
    name: 'a tenant declared twice',
    spec: edit(['  - namespace: team-b', '  - namespace: team-a']),
    expected: ['<SPEC>:24:16: tenants[1].namespace: "team-a" is already declared as tenants[0]; each tenant namespace appears once'],
  },
  {
    name: 'a namespace with uppercase and underscore',
    spec: edit(['  - namespace: team-b', '  - namespace: Team_B']),
    expected: [
      '<SPEC>:24:16: tenants[1].namespace: "Team_B" is not a valid namespace name (lowercase RFC 1123 label: a-z, 0-9 and \'-\', at most 63 characters, starting and ending with a letter or digit)',
    ],
  },
  {
    name: 'a namespace of 64 characters',
    spec: edit(['  - namespace: team-b', `  - namespace: ${'t'.repeat(64)}`]),
    expected: [
      `<SPEC>:24:16: tenants[1].namespace: "${'t'.repeat(64)}" is not a valid namespace name (lowercase RFC 1123 label: a-z, 0-9 and '-', at most 63 characters, starting and ending with a letter or digit)`,
    ],
  },
  {
    name: 'a tenant in the proxy namespace',
    cli: true,
    spec: edit(['  - namespace: team-b', '  - namespace: acme-proxy']),
    expected: ['<SPEC>:24:16: tenants[1].namespace: "acme-proxy" is the proxy namespace; a tenant needs a namespace of its own'],
  },
  {
    name: 'a Secret name that is not an RFC 1123 subdomain',
    spec: edit(['tenants:', 'secrets: { name: My_Secrets }\ntenants:']),
    expected: [
      "<SPEC>:22:18: secrets.name: \"My_Secrets\" is not a valid object name (lowercase RFC 1123 subdomain: a-z, 0-9, '-' and '.', at most 253 characters)",
    ],
  },
  {
    name: 'a label key with a space',
    spec: edit(['  - namespace: team-b', '  - namespace: team-b\n    labels: { "cost center": x }']),
    expected: [
      "<SPEC>:25:15: tenants[1].labels[\"cost center\"]: label key \"cost center\" is invalid (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)",
    ],
  },
  {
    name: 'a name prefix of 41 characters',
    spec: edit(['name: acme', `name: ${'a'.repeat(41)}`]),
    expected: [
      `<SPEC>:1:7: name: "${'a'.repeat(41)}" is not a valid name prefix (lowercase letters, digits and '-', starting with a letter, at most 40 characters)`,
    ],
  },
  {
    name: 'a root user id',
    spec: edit(['tenants:', 'security: { runAsUser: 0 }\ntenants:']),
    expected: ['<SPEC>:22:24: security.runAsUser: number 0 must be a non-zero user or group id (the restricted Pod Security profile forbids root)'],
  },
  // ------------------------------------------------------------------ host aliases
  {
    name: 'an IPv4 address out of range',
    cli: true,
    spec: edit(['10.0.0.10', '10.0.0.300']),
    expected: [
      '<SPEC>:7:11: proxy.hostAliases[0].ip: "10.0.0.300" is not a valid IPv4 or IPv6 address (e.g. 10.0.0.10 or fd00::10, without a port or prefix length)',
    ],
  },
  {
    name: 'an IPv6 address with two "::"',
    spec: edit(['10.0.0.10', '"fd00::1::2"']),
    expected: [
      '<SPEC>:7:11: proxy.hostAliases[0].ip: "fd00::1::2" is not a valid IPv4 or IPv6 address (e.g. 10.0.0.10 or fd00::10, without a port or prefix length)',
    ],
  },
  {
    name: 'a host name with an underscore',
    spec: edit(['[kdc.example.com]', '[kdc_example.com]']),
    expected: [
      "<SPEC>:8:19: proxy.hostAliases[0].hostnames[0]: \"kdc_example.com\" is not a valid host name (labels of letters, digits and '-', separated by '.')",
    ],
  },
  {
    name: 'a host alias without host names',
    spec: edit(['[kdc.example.com]', '[]']),
    expected: ['<SPEC>:8:18: proxy.hostAliases[0].hostnames: must list at least one item (e.g. hostnames: [ kdc.example.com ])'],
  },
  // ------------------------------------------------------------------ mount paths and targets
  {
    name: 'a relative mount path',
    spec: edit(['mountPath: /etc/acme\n', 'mountPath: etc/acme\n']),
    expected: ['<SPEC>:15:16: files[0].mountPath: "etc/acme" is not an absolute path; use a directory such as /etc/my-project'],
  },
  {
    name: 'mountPath /opt/spark/conf (Spark mounts it)',
    cli: true,
    spec: edit(['mountPath: /etc/acme\n', 'mountPath: /opt/spark/conf\n']),
    expected: [
      '<SPEC>:15:16: files[0].mountPath: "/opt/spark/conf" is /opt/spark/conf, which Spark or the init container mounts itself; choose a directory that is neither /opt/spark/conf, inside it nor above it (e.g. /etc/my-project)',
    ],
  },
  {
    name: 'mountPath /etc/krb5.conf',
    spec: edit(['mountPath: /etc/acme\n', 'mountPath: /etc/krb5.conf\n']),
    expected: [
      '<SPEC>:15:16: files[0].mountPath: "/etc/krb5.conf" is /etc/krb5.conf, which Spark or the init container mounts itself; choose a directory that is neither /etc/krb5.conf, inside it nor above it (e.g. /etc/my-project)',
    ],
  },
  {
    name: 'mountPath under /mnt/secrets',
    spec: edit(['mountPath: /etc/acme\n', 'mountPath: /mnt/secrets/x\n']),
    expected: [
      '<SPEC>:15:16: files[0].mountPath: "/mnt/secrets/x" is inside /mnt/secrets, which Spark or the init container mounts itself; choose a directory that is neither /mnt/secrets, inside it nor above it (e.g. /etc/my-project)',
    ],
  },
  {
    name: "mountPath /opt (above Spark's mounts)",
    spec: edit(['mountPath: /etc/acme\n', 'mountPath: /opt\n']),
    expected: [
      '<SPEC>:15:16: files[0].mountPath: "/opt" would hide /opt/spark/conf, which Spark or the init container mounts itself; choose a directory that is neither /opt/spark/conf, inside it nor above it (e.g. /etc/my-project)',
    ],
  },
  {
    name: 'a mount path with ".."',
    spec: edit(['mountPath: /etc/acme\n', 'mountPath: /etc/../acme\n']),
    expected: ["<SPEC>:15:16: files[0].mountPath: \"/etc/../acme\" must not contain '.' or '..' segments"],
  },
  {
    name: 'two files with the same target',
    cli: true,
    spec: edit(['  - name: app.keytab', '  - name: krb5.conf'], ['    mountPath: /etc/acme/keytab', '    mountPath: /etc/acme']),
    expected: [
      '<SPEC>:17:5: files[1]: /etc/acme/krb5.conf is already the target of files[0]; each mountPath/name must be unique, so change the name or mountPath of one of them',
    ],
  },
  {
    name: 'a remoteRef decodingStrategy in the wrong case, and an empty version',
    spec: edit([
      '    roles: [engine, executor]\n',
      '    roles: [engine, executor]\n    remoteRef: { key: acme/kerberos, version: "", decodingStrategy: base64 }\n',
    ]),
    expected: [
      '<SPEC>:22:47: files[1].remoteRef.version: must not be empty',
      '<SPEC>:22:69: files[1].remoteRef.decodingStrategy: "base64" is not one of "Auto", "Base64", "Base64URL", "None" (did you mean "Base64"?)',
    ],
  },
  {
    name: 'two files with the same ConfigMap key',
    spec: edit(['    secret: true\n', ''], ['    mountPath: /etc/acme/keytab', '    mountPath: /etc/acme/keytab\n    key: krb5.conf']),
    expected: ['<SPEC>:17:5: files[1]: key "krb5.conf" is already used by files[0] in the same ConfigMap; set a distinct "key:" on one of them'],
  },
  {
    name: 'a file name with a slash',
    spec: edit(['  - name: krb5.conf', '  - name: etc/krb5.conf']),
    expected: ["<SPEC>:13:11: files[0].name: \"etc/krb5.conf\" is not a valid file name (no '/', not '.' or '..', at most 255 characters)"],
  },
  {
    name: 'a file name over 255 bytes of UTF-8',
    spec: edit(['  - name: krb5.conf', `  - name: ${'\u00e9'.repeat(130)}`]),
    expected: [
      `<SPEC>:13:11: files[0].name: "${'\u00e9'.repeat(130)}" is 260 bytes in UTF-8; a file name may be at most 255 bytes ` +
        '(Linux allows 255 per name), so shorten it',
    ],
  },
  {
    name: 'a file named "constructor" (a key the renderer cannot carry)',
    spec: edit(['  - name: krb5.conf', '  - name: constructor']),
    expected: [
      '<SPEC>:13:11: files[0].name: the ConfigMap key "constructor" (taken from the name) cannot be rendered: the manifest renderer drops or rejects ' +
        '"__proto__" and "constructor" as map keys; set key: to another value (e.g. key: constructor.file); the file keeps its name in the pod',
    ],
  },
  {
    name: 'a label key "constructor"',
    spec: edit(['  - namespace: team-b', '  - namespace: team-b\n    labels: { constructor: x }']),
    expected: [
      '<SPEC>:25:15: tenants[1].labels.constructor: label key "constructor" cannot be rendered (the manifest renderer drops or rejects it as a map key); choose another label key, e.g. example.com/constructor',
    ],
  },
  // ------------------------------------------------------------------ sources
  {
    name: 'a source that does not exist',
    spec: edit(['config/krb5.conf', 'config/krb6.conf']),
    expected: [
      '<SPEC>:14:13: files[0].source: "config/krb6.conf" does not exist (looked for <DIR>/config/krb6.conf); name a readable regular file, relative to the spec\'s folder (<DIR>)',
    ],
  },
  {
    name: 'a source through a regular file (ENOTDIR)',
    cli: true,
    spec: edit(['config/krb5.conf', 'config/krb5.conf/inner']),
    expected: [
      '<SPEC>:14:13: files[0].source: "config/krb5.conf/inner" cannot be read: <DIR>/config/krb5.conf is a regular file, not a directory (ENOTDIR); name a readable regular file, relative to the spec\'s folder (<DIR>)',
    ],
  },
  {
    name: 'a source that is a FIFO',
    cli: true,
    spec: dir => {
      const made = spawnSync('mkfifo', [path.join(dir, 'config', 'pipe')]);
      if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`);
      return edit(['config/krb5.conf', 'config/pipe']);
    },
    expected: [
      '<SPEC>:14:13: files[0].source: "config/pipe" is a FIFO (named pipe), not a regular file; name a readable regular file, relative to the spec\'s folder (<DIR>)',
    ],
  },
  {
    name: 'a source that is a directory',
    spec: edit(['config/krb5.conf', 'config']),
    expected: ['<SPEC>:14:13: files[0].source: "config" is a directory; name one file per entry (e.g. source: config/krb5.conf)'],
  },
  {
    name: 'a source over 1 MiB',
    cli: true,
    spec: dir => {
      fs.writeFileSync(path.join(dir, 'config', 'big.bin'), Buffer.alloc(1024 * 1024 + 1, 1));
      return edit(['config/krb5.conf', 'config/big.bin']);
    },
    expected: ['<SPEC>:14:13: files[0].source: "config/big.bin" is 1048577 bytes; a file may be at most 1048576 bytes (1 MiB, the ConfigMap/Secret limit)'],
  },
  {
    name: 'an empty source path',
    spec: edit(['config/krb5.conf', '""']),
    expected: ['<SPEC>:14:13: files[0].source: must not be empty (e.g. source: config/krb5.conf)'],
  },
  {
    name: 'plaintext secrets with a secret file that has no source',
    spec: edit(['    source: config/app.keytab\n', ''], ['name: acme', 'name: acme\nallowPlaintextSecrets: true']),
    expected: ['<SPEC>:18:5: files[1]: allowPlaintextSecrets needs a "source" for every secret file'],
  },
  // ------------------------------------------------------------------ roles
  {
    name: 'a misspelt role',
    cli: true,
    spec: edit(['roles: [proxy, engine, executor]', 'roles: [proxy, engine, exector]']),
    expected: ['<SPEC>:16:28: files[0].roles[2]: "exector" is not one of "proxy", "engine", "executor" (did you mean "executor"?)'],
  },
  {
    name: 'no roles',
    spec: edit(['roles: [proxy, engine, executor]', 'roles: []']),
    expected: ['<SPEC>:16:12: files[0].roles: must list at least one item (e.g. roles: [ engine, executor ])'],
  },
  {
    name: 'a role listed twice',
    spec: edit(['roles: [proxy, engine, executor]', 'roles: [proxy, engine, proxy]']),
    expected: ['<SPEC>:16:12: files[0].roles: lists "proxy" twice (items 0 and 2); list each value once'],
  },
  // ------------------------------------------------------------------ Spark
  {
    name: 'a misspelt spark.kubernetes key',
    cli: true,
    spec: edit(['spark.executor.instances: "2"', 'spark.kubernetes.executor.podNamePrefx: acme']),
    expected: [
      '<SPEC>:11:5: spark.properties["spark.kubernetes.executor.podNamePrefx"]: unknown Spark on Kubernetes property "spark.kubernetes.executor.podNamePrefx" (did you mean "spark.kubernetes.executor.podNamePrefix"?)',
    ],
  },
  {
    name: 'an owned key without override',
    spec: edit(['spark.executor.instances: "2"', 'spark.kubernetes.namespace: elsewhere']),
    expected: [
      '<SPEC>:11:5: spark.properties["spark.kubernetes.namespace"]: "spark.kubernetes.namespace" is set by the package from the tenant namespace; set spark.override: true to replace it',
    ],
  },
  {
    name: 'a feature step class without a package',
    spec: edit(['spark:\n  properties:', 'spark:\n  featureSteps:\n    driver: [MyStep]\n  properties:']),
    expected: [
      '<SPEC>:11:14: spark.featureSteps.driver[0]: feature step class "MyStep" is not a fully qualified Java class name: it has no package; Spark loads feature steps by fully qualified name; write the package and class as dot-separated Java identifiers, e.g. com.example.MyFeatureStep',
    ],
  },
  {
    name: 'a podNamePrefix of 48 characters',
    spec: edit(['spark.executor.instances: "2"', `spark.kubernetes.executor.podNamePrefix: ${'p'.repeat(48)}`]),
    expected: [
      `<SPEC>:11:5: spark.properties["spark.kubernetes.executor.podNamePrefix"]: spark.kubernetes.executor.podNamePrefix "${'p'.repeat(48)}" has 48 characters; ` +
        "use a lowercase RFC 1123 DNS label of at most 47 characters ('a'-'z', '0'-'9' and '-', starting and ending with a letter or digit), " +
        'because Spark appends "-exec-<id>" (up to 16 characters) to make a pod name that fits a 63-character DNS label',
    ],
  },
  {
    name: 'a Spark value with a line break',
    spec: edit(['spark.executor.instances: "2"', 'spark.executor.memory: "4g\\n"']),
    expected: [
      '<SPEC>:11:28: spark.properties["spark.executor.memory"]: contains U+000A (LINE FEED) at character 3, ' +
        "which YAML 1.1 parsers (kubectl's, Argo CD's, Spark's SnakeYAML) or java.util.Properties read as a line break; write it on one line without it",
    ],
  },
  {
    name: 'a Spark property without a value',
    spec: edit(['spark.executor.instances: "2"', 'spark.executor.memory:']),
    expected: ['<SPEC>:11:27: spark.properties["spark.executor.memory"]: must be a string or number or boolean (e.g. spark.executor.memory: 4g), got null'],
  },
  // ------------------------------------------------------------------ Kerberos and driver sizing
  {
    name: 'kerberos.keytab naming no files entry',
    cli: true,
    spec: edit(['files:\n', `${KERBEROS.replace('keytab: app.keytab', 'keytab: app.keytb')}files:\n`], ['roles: [engine, executor]', 'roles: [engine]']),
    expected: ['<SPEC>:12:68: kerberos.keytab: no files[] entry is named "app.keytb" (did you mean "app.keytab"?); valid names: krb5.conf, app.keytab'],
  },
  {
    name: 'kerberos.keytab given to executors (SPARK-25815)',
    spec: edit(['files:\n', `${KERBEROS}files:\n`]),
    expected: [
      '<SPEC>:12:68: kerberos.keytab: files[1] ("app.keytab") goes to executor: executors run user code and authenticate with the ' +
        "driver's delegation tokens (SPARK-25815), so they must not hold the keytab; remove executor from files[1].roles",
    ],
  },
  {
    name: 'kerberos.keytab not given to the engine, and not secret',
    spec: edit(['files:\n', `${KERBEROS}files:\n`], ['roles: [engine, executor]', 'roles: [proxy]'], ['    secret: true\n', '']),
    expected: [
      '<SPEC>:12:68: kerberos.keytab: files[1] ("app.keytab") does not go to engine, which logs in from the keytab (the engine is the Spark driver); add engine to files[1].roles',
      '<SPEC>:12:68: kerberos.keytab: files[1] ("app.keytab") is not secret: a keytab is a password; set secret: true on it (it then comes from the Secret, never from Git)',
    ],
  },
  {
    name: 'kerberos.krb5Conf not given to the proxy',
    spec: edit(
      ['files:\n', `${KERBEROS}files:\n`],
      ['roles: [engine, executor]', 'roles: [engine]'],
      ['roles: [proxy, engine, executor]', 'roles: [engine, executor]'],
    ),
    expected: [
      '<SPEC>:12:90: kerberos.krb5Conf: files[0] ("krb5.conf") does not go to proxy, which must read krb5.conf (-Djava.security.krb5.conf); add proxy to files[0].roles',
    ],
  },
  {
    name: 'kerberos.krb5Conf naming two files entries',
    spec: edit(
      ['files:\n', `${KERBEROS}files:\n`],
      ['roles: [engine, executor]', 'roles: [engine]'],
      [
        'tenants:\n',
        '  - name: krb5.conf\n    key: other-krb5.conf\n    source: config/krb5.conf\n    mountPath: /etc/other\n    roles: [proxy, engine]\ntenants:\n',
      ],
    ),
    expected: ['<SPEC>:12:90: kerberos.krb5Conf: "krb5.conf" names files[0] and files[2]; give the krb5Conf file a name no other entry has'],
  },
  {
    name: 'kerberos.principal without a realm',
    spec: edit(['files:\n', `${KERBEROS.replace('acme/spark.example.com@EXAMPLE.COM', 'acme')}files:\n`], ['roles: [engine, executor]', 'roles: [engine]']),
    expected: [
      '<SPEC>:12:24: kerberos.principal: "acme" is not a Kerberos principal (name@REALM without spaces, e.g. my-project/spark.example.com@EXAMPLE.COM)',
    ],
  },
  {
    name: 'a Kerberos property the section sets, in spark.properties',
    spec: edit(
      ['files:\n', `${KERBEROS}files:\n`],
      ['roles: [engine, executor]', 'roles: [engine]'],
      ['spark.executor.instances: "2"', 'spark.kerberos.keytab: /etc/acme/keytab/app.keytab'],
    ),
    expected: [
      '<SPEC>:11:5: spark.properties["spark.kerberos.keytab"]: "spark.kerberos.keytab" is set by the package from kerberos.keytab; set spark.override: true to replace it',
    ],
  },
  {
    name: 'a driver property derived from engine.resources, in spark.properties',
    spec: edit(['spark.executor.instances: "2"', 'spark.driver.memory: 8g']),
    expected: [
      '<SPEC>:11:5: spark.properties["spark.driver.memory"]: "spark.driver.memory" is set by the package from engine.resources (memory limit minus overhead); set spark.override: true to replace it',
    ],
  },
  {
    name: "engine memory too small for Spark's driver overhead",
    spec: edit([
      'tenants:\n  - namespace: team-a',
      'tenants:\n  - namespace: team-a\n    engine: { resources: { requests: { memory: 256Mi }, limits: { memory: 384Mi } } }',
    ]),
    expected: [
      '<SPEC>:24:75: tenants[0].engine.resources.limits.memory: memory 384Mi cannot hold a Spark driver: Spark adds at least 384 MiB of overhead to the heap; give the engine more than 384Mi (e.g. 1Gi)',
    ],
  },
  // ------------------------------------------------------------------ quotas and limits
  {
    name: 'a tenant quota smaller than its own engine and executors',
    cli: true,
    spec: edit(['tenants:\n  - namespace: team-a', 'tenants:\n  - namespace: team-a\n    quota: { hard: { requests.memory: 2Gi, pods: "2" } }']),
    expected: [
      '<SPEC>:24:39: tenants[0].quota.hard["requests.memory"]: the quota\'s requests.memory 2Gi cannot hold team-a\'s own pods, which need 3840Mi: 1 engine × 1Gi + 2 executors (spark.executor.instances) × 1408Mi (spark.executor.memory 1024Mi + overhead 384Mi); raise requests.memory to at least 3840Mi, or lower spark.executor.instances or the sizes',
      "<SPEC>:24:50: tenants[0].quota.hard.pods: the quota's pods 2 cannot hold team-a's own pods, which need 3: 1 engine + 2 executors (spark.executor.instances); raise pods to at least 3, or lower spark.executor.instances or the sizes",
    ],
  },
  {
    name: 'a platform quota on limits.cpu smaller than the default cpu limits it implies',
    spec: edit(['files:\n', 'quota: { hard: { limits.cpu: "2" } }\nfiles:\n']),
    expected: [
      '<SPEC>:12:30: quota.hard["limits.cpu"]: the quota\'s limits.cpu 2 cannot hold team-a\'s own pods, which need 3: 1 engine × 1 + 2 executors (spark.executor.instances) × 1; raise limits.cpu to at least 3 (in tenants[0].quota.hard for this tenant alone), or lower spark.executor.instances or the sizes',
      '<SPEC>:12:30: quota.hard["limits.cpu"]: the quota\'s limits.cpu 2 cannot hold team-b\'s own pods, which need 3: 1 engine × 1 + 2 executors (spark.executor.instances) × 1; raise limits.cpu to at least 3 (in tenants[1].quota.hard for this tenant alone), or lower spark.executor.instances or the sizes',
    ],
  },
  {
    name: 'a LimitRange default above its max',
    spec: edit(['files:\n', 'quota: { limitRange: { default: { memory: 8Gi }, max: { memory: 4Gi } } }\nfiles:\n']),
    expected: [
      "<SPEC>:12:43: quota.limitRange.default.memory: the LimitRange's default memory 8Gi is above its max 4Gi; the API server refuses such a LimitRange, so lower default.memory or raise max.memory",
    ],
  },
  {
    name: 'a package default above a tenant LimitRange max',
    spec: edit(['tenants:\n  - namespace: team-a', 'tenants:\n  - namespace: team-a\n    quota: { limitRange: { max: { cpu: 250m } } }']),
    expected: [
      "<SPEC>:24:40: tenants[0].quota.limitRange.max.cpu: the LimitRange's defaultRequest cpu 500m (the package's default) is above its max 250m (for team-a); the API server refuses such a LimitRange, so lower defaultRequest.cpu or raise max.cpu",
      "<SPEC>:24:40: tenants[0].quota.limitRange.max.cpu: the engine container's request cpu 500m in team-a is above the LimitRange's max cpu 250m; the API server's LimitRanger refuses such a pod, so raise max.cpu or make the engine smaller",
    ],
  },
  {
    name: 'a LimitRange max below the executors Spark makes',
    spec: edit(['files:\n', 'quota: { limitRange: { max: { memory: 3Gi } } }\nfiles:\n'], ['spark.executor.instances: "2"', 'spark.executor.memory: 4g']),
    expected: [
      "<SPEC>:12:39: quota.limitRange.max.memory: each executor container's request memory 4505Mi in team-a is above the LimitRange's max memory 3Gi; the API server's LimitRanger refuses such a pod, so raise max.memory or make the executors smaller",
      "<SPEC>:12:39: quota.limitRange.max.memory: each executor container's request memory 4505Mi in team-b is above the LimitRange's max memory 3Gi; the API server's LimitRanger refuses such a pod, so raise max.memory or make the executors smaller",
    ],
  },
  {
    name: 'a quota key the package does not know',
    spec: edit(['files:\n', 'quota: { hard: { requests.gpu: "1" } }\nfiles:\n']),
    expected: [
      '<SPEC>:12:18: quota.hard["requests.gpu"]: unknown field "requests.gpu" (did you mean "requests.cpu"?); valid fields: requests.cpu, requests.memory, limits.cpu, limits.memory, pods, services.loadbalancers, services.nodeports, persistentvolumeclaims, requests.storage',
    ],
  },
  // ------------------------------------------------------------------ network
  {
    name: 'an egress port out of range',
    cli: true,
    spec: edit([
      'files:\n',
      'network: { apiServer: { cidr: 10.0.0.1/32, port: 6443 }, egress: [{ name: kdc, cidr: 10.0.0.10/32, ports: [88, 70000] }] }\nfiles:\n',
    ]),
    expected: ['<SPEC>:12:112: network.egress[0].ports[1]: must be at most 65535, got 70000'],
  },
  {
    name: "a tenant egress entry whose CIDR has no prefix, without the API server's address",
    spec: edit(['tenants:\n  - namespace: team-a', 'tenants:\n  - namespace: team-a\n    network: { egress: [{ name: kdc, cidr: 10.0.0.10, ports: [88] }] }']),
    expected: [
      '<SPEC>:24:44: tenants[0].network.egress[0].cidr: "10.0.0.10" is not a CIDR (an IPv4 or IPv6 address and a prefix length, e.g. 10.0.0.10/32 or fd00::/64); NetworkPolicy ipBlock needs one',
      '<SPEC>:24:24: tenants[0].network.egress: egress isolation needs network.apiServer ({cidr, port}): a NetworkPolicy cannot select the API server, and engines must reach it to create their executors (kubectl get endpoints kubernetes -n default shows its address)',
    ],
  },
  // ------------------------------------------------------------------ image
  {
    name: 'an image reference with uppercase letters',
    cli: true,
    spec: edit(['registry.example.com/acme/spark:1.0.0', 'Registry.example.com/ACME:latest']),
    expected: [
      '<SPEC>:2:8: image: "Registry.example.com/ACME:latest" is not a valid image reference (e.g. registry.example.com/team/app:1.0.0 or ...@sha256:<64 hex>)',
    ],
  },
  {
    name: 'an image digest that is too short',
    spec: edit(['registry.example.com/acme/spark:1.0.0', 'registry.example.com/acme/spark@sha256:abc']),
    expected: [
      '<SPEC>:2:8: image: "registry.example.com/acme/spark@sha256:abc" is not a valid image reference (e.g. registry.example.com/team/app:1.0.0 or ...@sha256:<64 hex>)',
    ],
  },
  // ------------------------------------------------------------------ hostile tenant input: characters consumers read differently
  {
    name: 'a NEL (U+0085) in a tenant Spark value (YAML 1.1 reads a new property line)',
    cli: true,
    spec: edit([
      '  - namespace: team-b',
      '  - namespace: team-b\n    spark: { properties: { spark.app.name: "x\\u0085spark.kubernetes.namespace: kube-system" } }',
    ]),
    expected: [
      '<SPEC>:25:44: tenants[1].spark.properties["spark.app.name"]: contains U+0085 (NEXT LINE (NEL)) at character 2, ' +
        "which YAML 1.1 parsers (kubectl's, Argo CD's, Spark's SnakeYAML) or java.util.Properties read as a line break; write it on one line without it",
    ],
  },
  {
    name: 'a LINE SEPARATOR (U+2028) in a Spark property key',
    spec: edit(['spark.executor.instances: "2"', '"spark.app.name\\u2028spark.master": x']),
    expected: [
      '<SPEC>:11:5: spark.properties["spark.app.name\u2028spark.master"]: the key contains U+2028 (LINE SEPARATOR) at character 15, ' +
        "which YAML 1.1 parsers (kubectl's, Argo CD's, Spark's SnakeYAML) or java.util.Properties read as a line break; write it on one line without it",
    ],
  },
  {
    name: 'a PARAGRAPH SEPARATOR (U+2029) in a file name',
    spec: edit(['  - name: krb5.conf', '  - name: "krb5\\u2029command: [sh]"']),
    expected: [
      '<SPEC>:13:11: files[0].name: contains U+2029 (PARAGRAPH SEPARATOR) at character 5, ' +
        "which YAML 1.1 parsers (kubectl's, Argo CD's, Spark's SnakeYAML) or java.util.Properties read as a line break; write it on one line without it",
    ],
  },
  {
    name: 'a byte order mark and a C1 control in other strings',
    spec: edit(['mountPath: /etc/acme\n', 'mountPath: "/etc/\\ufeffacme"\n'], ['roleEnv: ACME_EXECUTOR', 'roleEnv: "ACME\\x9bEXECUTOR"']),
    expected: [
      '<SPEC>:3:10: roleEnv: contains U+009B (a C1 control) at character 5, which YAML parsers refuse, drop or read differently; remove it',
      '<SPEC>:15:16: files[0].mountPath: contains U+FEFF (BYTE ORDER MARK) at character 6, which YAML parsers refuse, drop or read differently; remove it',
    ],
  },
  // ------------------------------------------------------------------ hostile tenant input: the trust boundary
  {
    name: 'a tenant spark.master and spark.kubernetes.driver.master (where the proxy sends its token)',
    cli: true,
    spec: edit([
      '  - namespace: team-b',
      '  - namespace: team-b\n    spark:\n      properties:\n        spark.master: k8s://https://evil.example.com\n        spark.kubernetes.driver.master: https://evil.example.com',
    ]),
    expected: [
      '<SPEC>:27:9: tenants[1].spark.properties["spark.master"]: "spark.master" is set by the package from the Kubernetes API server (in-cluster); a tenant entry cannot replace it',
      '<SPEC>:28:9: tenants[1].spark.properties["spark.kubernetes.driver.master"]: a tenant entry may not set "spark.kubernetes.driver.master": it chooses the API server that spark-submit sends the proxy\'s ServiceAccount token to; ' +
        'if the platform team trusts every tenant with it, list it in tenantPolicy.allowSparkProperties',
    ],
  },
  {
    name: 'a tenant that sets an owned key with its own spark.override',
    spec: edit([
      '  - namespace: team-b',
      '  - namespace: team-b\n    spark: { override: true, properties: { spark.kubernetes.authenticate.driver.serviceAccountName: default } }',
    ]),
    expected: [
      '<SPEC>:25:44: tenants[1].spark.properties["spark.kubernetes.authenticate.driver.serviceAccountName"]: "spark.kubernetes.authenticate.driver.serviceAccountName" is set by the package from the engine ServiceAccount; a tenant entry cannot replace it',
      "<SPEC>:25:14: tenants[1].spark.override: a tenant entry cannot set spark.override (keys the package sets stay the package's); the platform team lists what tenants may set in tenantPolicy.allowSparkProperties",
    ],
  },
  {
    name: 'tenant properties that load code or identity: remote jars, agents, Kerberos, plugins, LD_PRELOAD',
    spec: edit([
      '  - namespace: team-b',
      [
        '  - namespace: team-b',
        '    spark:',
        '      properties:',
        '        spark.jars: local:///opt/app/a.jar,https://evil.example.com/x.jar',
        '        spark.driver.extraJavaOptions: -Dx=1 -javaagent:/tmp/agent.jar',
        '        spark.kerberos.keytab: /tmp/other.keytab',
        '        spark.plugins: com.evil.Plugin',
        '        spark.executorEnv.LD_PRELOAD: /tmp/evil.so',
        '        spark.executor.memory: 4g',
      ].join('\n'),
    ]),
    expected: [
      '<SPEC>:27:9: tenants[1].spark.properties["spark.jars"]: a tenant entry may not set "spark.jars": it lists "https://evil.example.com/x.jar", which spark-submit would fetch (a remote URL) or upload from the proxy (a path); only local:// paths inside the image are allowed; ' +
        'if the platform team trusts every tenant with it, list it in tenantPolicy.allowSparkProperties',
      '<SPEC>:28:9: tenants[1].spark.properties["spark.driver.extraJavaOptions"]: a tenant entry may not set "spark.driver.extraJavaOptions": it passes -javaagent, which loads code or runs commands in the JVM or changes its Kerberos identity; ' +
        'if the platform team trusts every tenant with it, list it in tenantPolicy.allowSparkProperties',
      '<SPEC>:29:9: tenants[1].spark.properties["spark.kerberos.keytab"]: a tenant entry may not set "spark.kerberos.keytab": it chooses the Kerberos identity (principal, keytab) the platform authenticates as; ' +
        'if the platform team trusts every tenant with it, list it in tenantPolicy.allowSparkProperties',
      '<SPEC>:30:9: tenants[1].spark.properties["spark.plugins"]: a tenant entry may not set "spark.plugins": it loads code into the driver or the executors; ' +
        'if the platform team trusts every tenant with it, list it in tenantPolicy.allowSparkProperties',
      '<SPEC>:31:9: tenants[1].spark.properties["spark.executorEnv.LD_PRELOAD"]: a tenant entry may not set "spark.executorEnv.LD_PRELOAD": it sets the environment variable LD_PRELOAD, which loads code or chooses identity; ' +
        'if the platform team trusts every tenant with it, list it in tenantPolicy.allowSparkProperties',
    ],
  },
  {
    name: 'tenant feature steps without tenantPolicy.allowFeatureSteps',
    spec: edit(['  - namespace: team-b', '  - namespace: team-b\n    spark: { featureSteps: { driver: [com.evil.Step] } }']),
    expected: [
      "<SPEC>:25:14: tenants[1].spark.featureSteps: a tenant entry may not choose feature step classes (code that the proxy's spark-submit runs with its ServiceAccount); " +
        'set them in spark.featureSteps at platform level, or set tenantPolicy.allowFeatureSteps: true',
    ],
  },
  {
    name: "tenant host aliases that redirect the platform's KDC and the API server's Service",
    spec: edit([
      '  - namespace: team-b',
      '  - namespace: team-b\n    hostAliases: [{ ip: 10.9.9.9, hostnames: [KDC.example.com, kubernetes.default.svc, warehouse.team-b.example.com] }]',
    ]),
    expected: [
      '<SPEC>:25:47: tenants[1].hostAliases[0].hostnames[0]: "KDC.example.com" is one of the platform\'s host aliases (proxy.hostAliases); a tenant entry may add host names, not redirect these',
      '<SPEC>:25:64: tenants[1].hostAliases[0].hostnames[1]: "kubernetes.default.svc" is a name of the cluster\'s own Services; a tenant entry may add host names, not redirect these',
    ],
  },
  // ------------------------------------------------------------------ namespaces and labels a platform must not take
  {
    name: 'kube-system as a tenant and default as the proxy namespace',
    cli: true,
    spec: edit(['  - namespace: team-b', '  - namespace: kube-system'], ['namespace: acme-proxy', 'namespace: default']),
    expected: [
      '<SPEC>:5:14: proxy.namespace: "default" is reserved (default, kube-system, kube-public, kube-node-lease belong to Kubernetes and to objects that name no namespace); give the platform a namespace of its own',
      '<SPEC>:24:16: tenants[1].namespace: "kube-system" is reserved (default, kube-system, kube-public, kube-node-lease belong to Kubernetes and to objects that name no namespace); give the platform a namespace of its own',
    ],
  },
  {
    name: "tenant labels that replace the package's Pod Security level and tenant marker",
    spec: edit([
      '  - namespace: team-b',
      '  - namespace: team-b\n    labels: { pod-security.kubernetes.io/enforce: privileged, spark-tenancy.dev/tenant: "false", example.com/team: b }',
    ]),
    expected: [
      '<SPEC>:25:15: tenants[1].labels["pod-security.kubernetes.io/enforce"]: label key "pod-security.kubernetes.io/enforce" is in pod-security.kubernetes.io/, which the package sets on the Namespace (Pod Security level, tenant marker, names); ' +
        'a tenant entry cannot replace it unless tenantPolicy.allowLabelOverride is true; use a key of your own, e.g. example.com/team',
      '<SPEC>:25:63: tenants[1].labels["spark-tenancy.dev/tenant"]: label key "spark-tenancy.dev/tenant" is in spark-tenancy.dev/, which the package sets on the Namespace (Pod Security level, tenant marker, names); ' +
        'a tenant entry cannot replace it unless tenantPolicy.allowLabelOverride is true; use a key of your own, e.g. example.com/team',
    ],
  },
  // ------------------------------------------------------------------ mount paths that would shadow code or the system
  {
    name: "a mountPath on the JDK's bin (a file named java would replace it)",
    cli: true,
    spec: edit(['mountPath: /etc/acme\n', 'mountPath: /opt/java/openjdk/bin\n'], ['  - name: krb5.conf', '  - name: java']),
    expected: [
      '<SPEC>:15:16: files[0].mountPath: "/opt/java/openjdk/bin" is inside /opt/java, which holds the image\'s programs or libraries (a volume there would replace them); choose a directory that is neither /opt/java, inside it nor above it (e.g. /etc/my-project)',
    ],
  },
  {
    name: 'mountPaths on /usr/local/bin, /lib64, /my_project/lib and /var/run/secrets',
    spec: edit(['mountPath: /etc/acme\n', 'mountPath: /usr/local/bin\n'], ['mountPath: /etc/acme/keytab', 'mountPath: /lib64']),
    expected: [
      '<SPEC>:15:16: files[0].mountPath: "/usr/local/bin" is inside /usr, which holds the image\'s programs or libraries (a volume there would replace them); choose a directory that is neither /usr, inside it nor above it (e.g. /etc/my-project)',
      '<SPEC>:20:16: files[1].mountPath: "/lib64" is /lib64, which holds the image\'s programs or libraries (a volume there would replace them); choose a directory that is neither /lib64, inside it nor above it (e.g. /etc/my-project)',
    ],
  },
  {
    name: 'mountPaths /my_project/lib and /var/run/secrets/kubernetes.io',
    spec: edit(['mountPath: /etc/acme\n', 'mountPath: /my_project/lib\n'], ['mountPath: /etc/acme/keytab', 'mountPath: /var/run/secrets/kubernetes.io']),
    expected: [
      '<SPEC>:15:16: files[0].mountPath: "/my_project/lib" is /my_project/lib, which holds the image\'s programs or libraries (a volume there would replace them); choose a directory that is neither /my_project/lib, inside it nor above it (e.g. /etc/my-project)',
      '<SPEC>:20:16: files[1].mountPath: "/var/run/secrets/kubernetes.io" is inside /var/run/secrets, which the container runtime and Kubernetes provide; choose a directory that is neither /var/run/secrets, inside it nor above it (e.g. /etc/my-project)',
    ],
  },
  {
    name: 'mountPath exactly /tmp, and exactly /etc (which hides /etc/krb5.conf)',
    spec: edit(['mountPath: /etc/acme\n', 'mountPath: /tmp\n'], ['mountPath: /etc/acme/keytab', 'mountPath: /etc']),
    expected: [
      '<SPEC>:15:16: files[0].mountPath: "/tmp" is /tmp, a folder the system and the application write to; a volume there would hide all of it, so choose a folder inside it (e.g. /tmp/my-project)',
      '<SPEC>:20:16: files[1].mountPath: "/etc" would hide /etc/krb5.conf, which Spark or the init container mounts itself; choose a directory that is neither /etc/krb5.conf, inside it nor above it (e.g. /etc/my-project)',
    ],
  },
  // ------------------------------------------------------------------ resources the API server would refuse
  {
    name: 'an engine memory request above its limit',
    spec: edit(['tenants:', 'engine: { resources: { requests: { memory: 8Gi }, limits: { memory: 4Gi } } }\ntenants:']),
    expected: [
      '<SPEC>:22:44: engine.resources.requests.memory: the memory request 8Gi is above its limit 4Gi; the API server refuses a pod whose request exceeds its limit, so lower the request or raise the limit',
    ],
  },
  {
    name: 'a tenant request above the default limit it inherits',
    spec: edit(['  - namespace: team-b', '  - namespace: team-b\n    engine: { resources: { requests: { cpu: 1500m, memory: 3Gi } } }']),
    expected: [
      "<SPEC>:25:60: tenants[1].engine.resources.requests.memory: the memory request 3Gi is above its limit 2Gi (the package's default); " +
        'the API server refuses a pod whose request exceeds its limit, so lower the request or raise the limit',
    ],
  },
  {
    name: "a tenant limit below the platform's request it inherits",
    spec: edit(
      ['tenants:', 'engine: { resources: { requests: { memory: 2Gi }, limits: { memory: 4Gi } } }\ntenants:'],
      ['  - namespace: team-b', '  - namespace: team-b\n    engine: { resources: { limits: { memory: 1Gi } } }'],
    ),
    expected: [
      '<SPEC>:26:46: tenants[1].engine.resources.limits.memory: the memory request 2Gi (from engine.resources.requests.memory) is above its limit 1Gi; ' +
        'the API server refuses a pod whose request exceeds its limit, so lower the request or raise the limit',
    ],
  },
  // ------------------------------------------------------------------ sources confined to the spec's folder
  {
    name: "a source outside the spec's folder, through .. and through a symbolic link",
    cli: true,
    spec: dir => {
      fs.writeFileSync(path.join(dir, '..', 'outside.conf'), 'ci token\n');
      fs.symlinkSync('/etc/hostname', path.join(dir, 'config', 'link.conf'));
      return edit(['source: config/krb5.conf', 'source: ../outside.conf'], ['source: config/app.keytab', 'source: config/link.conf']);
    },
    expected: [
      '<SPEC>:14:13: files[0].source: "../outside.conf" resolves to <PARENT>/outside.conf, outside the spec\'s folder (<DIR>); a source must stay inside it after following symbolic links (set sourceRoot to share a folder beside the spec)',
      '<SPEC>:18:13: files[1].source: "config/link.conf" resolves to /etc/hostname, outside the spec\'s folder (<DIR>); a source must stay inside it after following symbolic links (set sourceRoot to share a folder beside the spec)',
    ],
  },
  {
    name: "sourceRoot: / and a source under /proc (synth's own environment)",
    spec: edit(['source: config/krb5.conf', 'source: /proc/self/environ'], ['tenants:', 'sourceRoot: /\ntenants:']),
    expected: [
      '<SPEC>:14:13: files[0].source: "/proc/self/environ" is a special file under /proc, not a regular file; name a readable regular file inside sourceRoot (/)',
    ],
  },
  {
    name: "a non-secret entry with a secret entry's content",
    spec: edit([
      '    roles: [engine, executor]\n',
      '    roles: [engine, executor]\n  - name: copy.bin\n    source: config/app.keytab\n    mountPath: /etc/acme/copy\n    roles: [engine]\n',
    ]),
    expected: [
      '<SPEC>:23:13: files[2].source: files[2] (copy.bin) has the same content as the secret file files[1] (app.keytab); a non-secret entry would write those bytes into dist/, so mark it secret: true or name another source',
    ],
  },
  // ------------------------------------------------------------------ what the init container could not use
  {
    name: 'a file named like the staging folder, and a mode its owner cannot read',
    spec: edit(['  - name: krb5.conf', '  - name: .config-sync'], ['roles: [proxy, engine, executor]', 'roles: [proxy, engine, executor]\n    mode: "0044"']),
    expected: [
      '<SPEC>:13:11: files[0].name: ".config-sync" is the folder where the init container stages every volume\'s files; choose another name',
      '<SPEC>:17:11: files[0].mode: "0044" leaves the file\'s owner (the pod\'s user) unable to read it, so the pod would start with an unusable file; give the owner read permission (e.g. "0444")',
    ],
  },
  // ------------------------------------------------------------------ several problems at once
  {
    name: 'three problems of different fields, all reported',
    spec: edit(['10.0.0.10', '10.0.0'], ['  - namespace: team-b', '  - namespace: team-a'], ['mountPath: /etc/acme\n', 'mountPath: /opt/spark/jars/x\n']),
    expected: [
      '<SPEC>:24:16: tenants[1].namespace: "team-a" is already declared as tenants[0]; each tenant namespace appears once',
      '<SPEC>:7:11: proxy.hostAliases[0].ip: "10.0.0" is not a valid IPv4 or IPv6 address (e.g. 10.0.0.10 or fd00::10, without a port or prefix length)',
      '<SPEC>:15:16: files[0].mountPath: "/opt/spark/jars/x" is inside /opt/spark/jars, which Spark or the init container mounts itself; choose a directory that is neither /opt/spark/jars, inside it nor above it (e.g. /etc/my-project)',
    ],
  },
];

// ---------------------------------------------------------------------------------------------------

/** What a folder holds: relative path → sha256 of a file, "dir", or "link → target". */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string, prefix: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        out.set(rel, 'dir');
        walk(full, rel);
      } else if (entry.isSymbolicLink()) {
        out.set(rel, `link → ${fs.readlinkSync(full)}`);
      } else {
        out.set(rel, createHash('sha256').update(fs.readFileSync(full)).digest('hex'));
      }
    }
  };
  walk(root, '');
  return out;
}

/** A working folder as a user has it: the previous synth's dist/ plus a file of their own. */
function previousOutput(outDir: string): void {
  fs.mkdirSync(path.join(outDir, 'dist', 'notes'), { recursive: true });
  fs.writeFileSync(
    path.join(outDir, 'dist', 'team-a.k8s.yaml'),
    '# previous manifest of team-a\napiVersion: v1\nkind: Namespace\nmetadata: { name: team-a }\n',
  );
  fs.writeFileSync(path.join(outDir, 'dist', 'retired.k8s.yaml'), '# a namespace that a good synth would remove\n');
  fs.writeFileSync(path.join(outDir, 'dist', 'README.md'), 'kept by synth\n');
  fs.writeFileSync(path.join(outDir, 'dist', 'notes', 'n.txt'), Buffer.from([0, 1, 2, 255]));
  fs.writeFileSync(path.join(outDir, 'Makefile'), 'all:\n');
}

function expand(lines: readonly string[], display: string, specDir: string): string[] {
  return lines.map(l => l.split('<SPEC>').join(display).split('<DIR>').join(specDir).split('<PARENT>').join(path.dirname(specDir)));
}

function runCli(specFile: string, cwd: string) {
  return spawnSync(process.execPath, [SYNTH], {
    cwd,
    env: { ...process.env, SPARK_TENANCY_SPEC: specFile, SPARK_TENANCY_DEBUG: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('bad specs', () => {
  let root: string;
  /** Per case: the spec folder, holding spec/platform.yaml and config/. */
  const specDirs = new Map<string, string>();

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-specs-'));
    CASES.forEach((c, i) => {
      const specDir = path.join(root, `case-${i}`, 'spec');
      fs.mkdirSync(path.join(specDir, 'config'), { recursive: true });
      fs.writeFileSync(path.join(specDir, 'config', 'krb5.conf'), '[libdefaults]\n  default_realm = EXAMPLE.COM\n');
      fs.writeFileSync(path.join(specDir, 'config', 'app.keytab'), Buffer.from([5, 2, 0, 0, 0, 0x3d, 0x41, 0x42]));
      const content = typeof c.spec === 'function' ? c.spec(specDir) : c.spec;
      fs.writeFileSync(path.join(specDir, 'platform.yaml'), content);
      specDirs.set(c.name, specDir);
    });
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('the table is large and its names are unique', () => {
    // THEN there are at least 40 cases, at least 10 of them through the real CLI, none named twice
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(CASES.filter(c => c.cli).length).toBeGreaterThanOrEqual(10);
    expect(new Set(CASES.map(c => c.name)).size).toBe(CASES.length);
  });

  test('the base spec every case breaks is valid', () => {
    // GIVEN the unbroken base spec in a folder with its sources
    const dir = fs.mkdtempSync(path.join(root, 'base-'));
    fs.mkdirSync(path.join(dir, 'config'));
    fs.writeFileSync(path.join(dir, 'config', 'krb5.conf'), '[libdefaults]\n');
    fs.writeFileSync(path.join(dir, 'config', 'app.keytab'), 'k');
    fs.writeFileSync(path.join(dir, 'platform.yaml'), BASE);
    // WHEN it is loaded THEN it is accepted, so each case's failure comes from its own change
    expect(loadPlatformFile(path.join(dir, 'platform.yaml')).spec.tenants.map(t => t.namespace)).toEqual(['team-a', 'team-b']);
  });

  test.each(CASES.map(c => [c.name, c] as const))('in-process: %s', (_, c) => {
    // GIVEN the broken spec in its folder
    const specDir = specDirs.get(c.name)!;
    const display = `../spec/${c.specName ?? 'platform.yaml'}`;
    // WHEN the loader reads it, naming it as the CLI would
    let thrown: unknown;
    try {
      loadPlatformFile(path.join(specDir, c.specName ?? 'platform.yaml'), display);
    } catch (e) {
      thrown = e;
    }
    // THEN it throws a SpecError whose problems read exactly as expected, each with a place to look
    expect(thrown).toBeInstanceOf(SpecError);
    const problems = (thrown as SpecError).problems;
    expect(problems.map(formatProblem)).toEqual(expand(c.expected, display, specDir));
    for (const p of problems) expect(p.message.length).toBeGreaterThan(0);
  });

  test.each(CASES.filter(c => c.cli).map(c => [c.name, c] as const))('real CLI: %s', (_, c) => {
    // GIVEN a working folder with a previous dist/ and the broken spec in a folder beside it
    const specDir = specDirs.get(c.name)!;
    const outDir = path.join(path.dirname(specDir), 'out');
    previousOutput(outDir);
    const before = snapshot(outDir);
    const distInode = fs.statSync(path.join(outDir, 'dist')).ino;
    // WHEN `node bin/synth.js` runs there with SPARK_TENANCY_SPEC naming the spec
    const run = runCli(path.join(specDir, c.specName ?? 'platform.yaml'), outDir);
    // THEN it exits 1, prints exactly the expected problems and the summary, and nothing else
    const display = `../spec/${c.specName ?? 'platform.yaml'}`;
    const lines = expand(c.expected, display, specDir);
    expect({ status: run.status, stderr: run.stderr, stdout: run.stdout }).toEqual({
      status: 1,
      stderr: `${lines.map(l => `error: ${l}\n`).join('')}spark-tenancy: ${lines.length} problem(s) in the spec; nothing was written\n`,
      stdout: '',
    });
    // AND the working folder, dist/ included, is byte for byte what it was: no file changed, none added (no staging folder left)
    expect(snapshot(outDir)).toEqual(before);
    expect(fs.statSync(path.join(outDir, 'dist')).ino).toBe(distInode);
  });

  test('control: the same harness sees a successful synth replace dist/', () => {
    // GIVEN the valid base spec and a working folder with a previous dist/
    const specDir = path.join(root, 'control', 'spec');
    fs.mkdirSync(path.join(specDir, 'config'), { recursive: true });
    fs.writeFileSync(path.join(specDir, 'config', 'krb5.conf'), '[libdefaults]\n');
    fs.writeFileSync(path.join(specDir, 'config', 'app.keytab'), 'k');
    fs.writeFileSync(path.join(specDir, 'platform.yaml'), BASE);
    const outDir = path.join(root, 'control', 'out');
    previousOutput(outDir);
    const before = snapshot(outDir);
    // WHEN the real CLI runs
    const run = runCli(path.join(specDir, 'platform.yaml'), outDir);
    // THEN it succeeds, and the snapshot comparison used above sees the change: new manifests, the stale one gone, the user's files kept
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    const after = snapshot(outDir);
    expect(after).not.toEqual(before);
    expect([...after.keys()].filter(k => k.endsWith('.k8s.yaml')).sort()).toEqual(['dist/acme-proxy.k8s.yaml', 'dist/team-a.k8s.yaml', 'dist/team-b.k8s.yaml']);
    expect(after.get('dist/team-a.k8s.yaml')).not.toBe(before.get('dist/team-a.k8s.yaml'));
    expect(after.get('dist/README.md')).toBe(before.get('dist/README.md'));
    expect(after.get('dist/notes/n.txt')).toBe(before.get('dist/notes/n.txt'));
  });
});
