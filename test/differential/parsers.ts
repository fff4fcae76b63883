import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

/**
 * The parsers real consumers read the output with, each as a function from files to JSON trees:
 * - Go's sigs.k8s.io/yaml (goyaml.v2, YAML 1.1), as kubectl and Argo CD parse manifests: the tiny
 *   program in yaml-go/, built once into ~/.cache/spark-tenancy/differential (module from the Go proxy);
 * - SnakeYAML 2.0, the version Spark 3.5 ships, as Spark reads pod templates, and java.util.Properties,
 *   as Spark reads spark-defaults.conf: java/ParseAsSpark.java run by `java` from source, with the jar
 *   that `mvn dependency:copy` resolves from Maven Central (through ~/.m2);
 * - PyYAML's SafeLoader, a strict YAML 1.1 reader (Python tooling such as Ansible's k8s modules):
 *   python/parse_as_pyyaml.py run by `python3` with Debian's python3-yaml;
 * - the `yaml` library, as this package and its validation read them.
 * A missing tool fails the test naming it: the differential test never skips.
 */

export const SNAKEYAML = 'org.yaml:snakeyaml:2.0';
const HERE = __dirname;
const CACHE = path.join(os.homedir(), '.cache', 'spark-tenancy', 'differential');

function need(tool: string, why: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  if (found.status !== 0) throw new Error(`the differential parser test needs ${tool} on PATH (${why}); install it (CI has it)`);
}

function run(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const result = spawnSync(command, args, { ...options, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

let goBinary: string | undefined;
/** The Go parser's binary, built on first use (named by the hash of its sources, so edits rebuild it). */
function goParser(): string {
  if (goBinary !== undefined) return goBinary;
  need('go', 'to parse as kubectl and Argo CD do, with sigs.k8s.io/yaml');
  const dir = path.join(HERE, 'yaml-go');
  const hash = createHash('sha256');
  for (const f of ['go.mod', 'go.sum', 'main.go']) hash.update(fs.readFileSync(path.join(dir, f)));
  const binary = path.join(CACHE, `yaml-go-${hash.digest('hex').slice(0, 16)}`);
  if (!fs.existsSync(binary)) {
    fs.mkdirSync(CACHE, { recursive: true });
    run('go', ['build', '-mod=mod', '-o', binary, '.'], { cwd: dir, env: { ...process.env, GOFLAGS: '-mod=mod' } });
  }
  goBinary = binary;
  return binary;
}

let snakeYamlJar: string | undefined;
/** SnakeYAML's jar, resolved by Maven on first use. */
function snakeYaml(): string {
  if (snakeYamlJar !== undefined) return snakeYamlJar;
  need('java', 'to parse as Spark does, with SnakeYAML and java.util.Properties');
  const jar = path.join(CACHE, `snakeyaml-${SNAKEYAML.split(':')[2]}.jar`);
  if (!fs.existsSync(jar)) {
    need('mvn', `to resolve ${SNAKEYAML} from Maven Central`);
    fs.mkdirSync(CACHE, { recursive: true });
    run('mvn', ['-q', '-B', 'dependency:copy', `-Dartifact=${SNAKEYAML}`, `-DoutputDirectory=${CACHE}`], { cwd: CACHE });
  }
  snakeYamlJar = jar;
  return jar;
}

/** One JSON value per file, from a tool that prints one JSON line per file argument. */
function perFile(output: string, files: readonly string[], tool: string): unknown[] {
  const lines = output.split('\n').filter(l => l !== '');
  if (lines.length !== files.length) throw new Error(`${tool} printed ${lines.length} results for ${files.length} files`);
  return lines.map(l => JSON.parse(l) as unknown);
}

/** Every document of each file, as Go's sigs.k8s.io/yaml reads it. */
export function parseWithGo(files: readonly string[]): unknown[] {
  return files.length === 0 ? [] : perFile(run(goParser(), files), files, 'the Go parser');
}

/** Every document of each file, as SnakeYAML reads it. */
export function parseWithSnakeYaml(files: readonly string[]): unknown[] {
  if (files.length === 0) return [];
  return perFile(run('java', ['-cp', snakeYaml(), path.join(HERE, 'java', 'ParseAsSpark.java'), 'yaml', ...files]), files, 'SnakeYAML');
}

/** Each file's properties, as java.util.Properties reads it (UTF-8, as Spark does). */
export function parseWithJavaProperties(files: readonly string[]): unknown[] {
  if (files.length === 0) return [];
  return perFile(run('java', ['-cp', snakeYaml(), path.join(HERE, 'java', 'ParseAsSpark.java'), 'properties', ...files]), files, 'java.util.Properties');
}

/** Every non-empty document of each file, as PyYAML's SafeLoader reads it (errors as {error}). */
export function parseWithPyYaml(files: readonly string[]): unknown[] {
  if (files.length === 0) return [];
  need('python3', 'to parse as YAML 1.1 tooling does, with PyYAML');
  const script = path.join(HERE, 'python', 'parse_as_pyyaml.py');
  const probe = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' });
  if (probe.status !== 0) throw new Error('the differential parser test needs PyYAML (Debian: apt-get install python3-yaml; CI has it)');
  return perFile(run('python3', [script, ...files]), files, 'PyYAML');
}

/** Every non-empty document of each file, as the `yaml` library reads it (errors as {error}). */
export function parseWithYamlLibrary(files: readonly string[]): unknown[] {
  return files.map(file => {
    const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
    const list = Array.isArray(docs) ? docs : [docs];
    const failed = list.find(d => d.errors.length > 0);
    if (failed) return { error: failed.errors[0].message };
    return list.map(d => d.toJS()).filter(d => d !== null && d !== undefined);
  });
}
