import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { SparkTenancyValidation } from '../../src/validate/cdk8s-plugin';
import { formatViolation, validateManifestDir } from '../../src/validate';
import { deployment, Json, namespace, role, validObjects } from './fixtures';

const REPO = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO, 'bin', 'validate.js');

/** Multi-document YAML as cdk8s writes it (YAML 1.1). */
function manifest(objects: Json[]): string {
  return objects.map(object => stringify(object, { version: '1.1', lineWidth: 0 })).join('---\n');
}

function tempDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-test-'));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}

function runCli(dir: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, dir], { cwd: REPO, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const dirs: string[] = [];
afterAll(() => dirs.forEach(dir => fs.rmSync(dir, { recursive: true, force: true })));

function dirWith(files: Record<string, string>): string {
  const dir = tempDir(files);
  dirs.push(dir);
  return dir;
}

function badDeployment(): Json {
  const object = deployment();
  object.spec.template.spec.containers[0].securityContext.privileged = true;
  return object;
}

describe('validateManifestDir', () => {
  test('validates every *.k8s.yaml, sorted by file name, and only those', () => {
    // GIVEN b.k8s.yaml and a.k8s.yaml with one violation each, and a file that is not a manifest
    const dir = dirWith({
      'b.k8s.yaml': manifest([badDeployment()]),
      'a.k8s.yaml': manifest([{ ...namespace(), metadata: { name: 'Team' } }]),
      'notes.txt': 'kind: Nonsense',
    });
    // WHEN the directory is validated
    const lines = validateManifestDir(dir).map(formatViolation);
    // THEN a's violation comes first, then b's, with the paths as given
    expect(lines).toEqual([
      `${path.join(dir, 'a.k8s.yaml')}: Namespace Team: metadata.name: "Team" is not a DNS-1123 label (lowercase letters, digits and "-", starting and ending with a letter or digit), e.g. "my-name"`,
      `${path.join(dir, 'b.k8s.yaml')}: Deployment team-a/my-project-engine: spec.template.spec.containers[0].securityContext.privileged: Pod Security "restricted", privileged containers: must be false or unset (got true)`,
    ]);
  });

  test('reads YAML as Kubernetes does (1.1): an unquoted `on` is a boolean', () => {
    // GIVEN a label value written as a bare on, which YAML 1.1 reads as true
    const dir = dirWith({ 'team-a.k8s.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n  labels:\n    monitoring: on\n' });
    // WHEN validated THEN the label is not a string
    expect(validateManifestDir(dir).map(violation => `${violation.field}: ${violation.message}`)).toEqual([
      'metadata.labels.monitoring: must be a string (got true)',
    ]);
  });

  test('reports invalid YAML and objects defined in two files', () => {
    // GIVEN a file with a YAML error, and a Role in two files
    const dir = dirWith({ 'a.k8s.yaml': manifest([role()]), 'b.k8s.yaml': manifest([role()]), 'c.k8s.yaml': 'kind: [\n' });
    // WHEN validated
    const violations = validateManifestDir(dir);
    // THEN the duplicate names the other file, and the broken document is reported
    expect(violations.map(violation => `${path.basename(violation.file)}: ${violation.object}: ${violation.field}`)).toEqual([
      'b.k8s.yaml: Role team-a/spark-driver: metadata.name',
      'c.k8s.yaml: document 1: .',
    ]);
    expect(violations[0].message).toBe(`also defined in ${path.join(dir, 'a.k8s.yaml')}; two manifests that own one object make GitOps tools fight over it`);
    expect(violations[1].message).toMatch(/^invalid YAML: /);
  });
});

describe('bin/validate.js', () => {
  test('exits 0 with a one-line summary when the manifests are valid', () => {
    // GIVEN a directory with the valid restricted set
    const dir = dirWith({ 'team-a.k8s.yaml': manifest(validObjects()) });
    // WHEN the CLI runs
    const result = runCli(dir);
    // THEN it succeeds with a summary
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([
      `validate: 7 objects in 1 files under ${dir}: no violations (Kubernetes 1.37 schemas, strict fields, names, Pod Security restricted, size limits)`,
    ]);
  });

  test('exits 1 and prints each violation on its own line', () => {
    // GIVEN a directory with a privileged container
    const dir = dirWith({ 'team-a.k8s.yaml': manifest([namespace(), badDeployment()]) });
    // WHEN the CLI runs
    const result = runCli(dir);
    // THEN it fails and names the violation
    expect(result.status).toBe(1);
    expect(result.stdout.trim().split('\n')).toEqual([
      `${path.join(dir, 'team-a.k8s.yaml')}: Deployment team-a/my-project-engine: spec.template.spec.containers[0].securityContext.privileged: Pod Security "restricted", privileged containers: must be false or unset (got true)`,
    ]);
    expect(result.stderr).toContain('validate: 1 violation(s)');
  });

  test('exits 1 when there is nothing to validate and 2 when the directory is missing', () => {
    // GIVEN an empty directory and a missing one
    const empty = dirWith({});
    // WHEN the CLI runs on each THEN an empty dist is a failure and a missing one an error
    expect(runCli(empty).status).toBe(1);
    expect(runCli(path.join(empty, 'missing')).status).toBe(2);
  });
});

describe('cdk8s validation plugin', () => {
  test('reports violations grouped by message, per resource, and fails the report', async () => {
    // GIVEN a synthesized manifest with two containers missing allowPrivilegeEscalation
    const object = deployment();
    object.spec.template.spec.initContainers = [{ ...object.spec.template.spec.containers[0], name: 'init', ports: undefined, readinessProbe: undefined }];
    delete object.spec.template.spec.initContainers[0].securityContext.allowPrivilegeEscalation;
    delete object.spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation;
    const file = path.join(dirWith({ 'team-a.k8s.yaml': manifest([namespace(), object]) }), 'team-a.k8s.yaml');
    const added: Json[] = [];
    const submitted: Json[] = [];
    const context = {
      manifests: [file],
      report: { addViolation: (violation: Json) => added.push(violation), submit: (status: string, metadata: Json) => submitted.push({ status, metadata }) },
    };
    // WHEN the plugin validates
    await new SparkTenancyValidation().validate(context as never);
    // THEN one rule lists both fields of the one resource, and the report fails
    expect(added).toEqual([
      {
        ruleName: 'Pod Security "restricted", privilege escalation: must be false (got unset)',
        recommendation: 'Pod Security "restricted", privilege escalation: must be false (got unset)',
        fix: 'Change the listed fields as the rule says; `npm run validate` prints the same findings one per line.',
        violatingResources: [
          {
            manifestPath: file,
            resourceName: 'my-project-engine',
            locations: [
              'spec.template.spec.initContainers[0].securityContext.allowPrivilegeEscalation',
              'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation',
            ],
          },
        ],
      },
    ]);
    expect(submitted).toEqual([{ status: 'failure', metadata: { violations: '2' } }]);
  });
});
