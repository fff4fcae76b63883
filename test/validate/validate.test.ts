import { readFileSync } from 'fs';
import { join } from 'path';
import { formatViolation, validateDocuments } from '../../src/validate';
import { CUSTOM_RESOURCE_REFINEMENTS, refineDefinitions } from '../../src/validate/custom-resources';
import { CONTAINER, deployment, FILE, Json, NAMESPACE, namespace, POD, problemsOf, role, service, validObjects } from './fixtures';

/** The ESO version the vendored CRD schema is from (e2e/versions.env, what scripts/import-crds.js reads). */
const ESO_VERSION = /^EXTERNAL_SECRETS_VERSION=(.+)$/m.exec(readFileSync(join(__dirname, '..', '..', 'e2e', 'versions.env'), 'utf8'))![1];

function externalSecret(): Json {
  return {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: { name: 'my-project-secrets', namespace: NAMESPACE },
    spec: {
      refreshInterval: '1h',
      secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' },
      target: { name: 'my-project-secrets', creationPolicy: 'Owner' },
      data: [{ secretKey: 'token', remoteRef: { key: 'team-a/token', property: 'value' } }],
    },
  };
}

function application(): Json {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'team-a', namespace: 'argocd' },
    spec: {
      project: 'default',
      source: { repoURL: 'https://git.example.com/platform.git', targetRevision: 'HEAD', path: 'dist', directory: { include: 'team-a.k8s.yaml' } },
      destination: { server: 'https://kubernetes.default.svc', namespace: NAMESPACE },
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['ServerSideApply=true'] },
    },
  };
}

function applicationSet(): Json {
  const { spec } = application();
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: 'tenants', namespace: 'argocd' },
    spec: {
      goTemplate: true,
      generators: [{ list: { elements: [{ namespace: 'team-a' }] } }],
      template: { metadata: { name: '{{.namespace}}' }, spec },
    },
  };
}

describe('validateDocuments', () => {
  test('a valid restricted set of objects has no violations', () => {
    // GIVEN a Namespace, ServiceAccount, ConfigMap (with a pod template), Deployment, Service, Role and RoleBinding
    const objects = validObjects();
    // WHEN they are validated
    const violations = validateDocuments(FILE, objects);
    // THEN nothing is reported
    expect(violations).toEqual([]);
  });

  test('custom resources with a rule pass when they follow it', () => {
    // GIVEN an ExternalSecret, an Argo CD Application and ApplicationSet as the project writes them
    // WHEN they are validated
    const violations = validateDocuments(FILE, [externalSecret(), application(), applicationSet()]);
    // THEN nothing is reported
    expect(violations).toEqual([]);
  });

  test('empty YAML documents are skipped', () => {
    // GIVEN a file whose last document is empty (a trailing ---)
    // WHEN validated
    // THEN only real objects count
    expect(validateDocuments(FILE, [namespace(), null])).toEqual([]);
  });

  test('violations name the file, the object, the field and what would be valid', () => {
    // GIVEN a Deployment with replicas as a string
    const object = deployment();
    object.spec.replicas = '3';
    // WHEN validated and formatted
    const lines = validateDocuments(FILE, [object]).map(formatViolation);
    // THEN the one line says where and what
    expect(lines).toEqual(['dist/team-a.k8s.yaml: Deployment team-a/my-project-engine: spec.replicas: must be an integer (got "3")']);
  });
});

describe('schema', () => {
  test('a wrong enum value lists the allowed ones', () => {
    // GIVEN a Service of an unknown type
    const object = service();
    object.spec.type = 'Internal';
    // WHEN validated THEN the field and the allowed values are reported
    expect(problemsOf(object)).toEqual(['spec.type: must be one of "ClusterIP", "ExternalName", "LoadBalancer", "NodePort" (got "Internal")']);
  });

  test('a missing required field is reported at that field', () => {
    // GIVEN a container without a name
    const object = deployment();
    delete object.spec.template.spec.containers[0].name;
    // WHEN validated THEN the missing field is named
    expect(problemsOf(object)).toEqual([`${CONTAINER}.name: is required but missing`]);
  });

  test('int-or-string and quantity fields say which types they take', () => {
    // GIVEN a probe port that is a boolean and a CPU limit that is no quantity
    const object = deployment();
    object.spec.template.spec.containers[0].readinessProbe.tcpSocket.port = true;
    object.spec.template.spec.containers[0].resources = { limits: { cpu: 'two' } };
    // WHEN validated THEN one message per field names both alternatives
    expect(problemsOf(object)).toEqual([
      `${CONTAINER}.readinessProbe.tcpSocket.port: must be a string or an integer (got true)`,
      `${CONTAINER}.resources.limits.cpu: must be a number or a quantity such as "500m", "2Gi" or 1.5 (got "two")`,
    ]);
  });

  test('missing apiVersion and kind are reported', () => {
    // GIVEN an object without apiVersion and kind
    const problems = problemsOf({ metadata: { name: 'x', namespace: NAMESPACE } });
    // THEN both are required
    expect(problems).toEqual([
      'apiVersion: is required and must be a string such as "v1" or "apps/v1" (got undefined)',
      'kind: is required and must be a string such as "Deployment" (got undefined)',
    ]);
  });

  test('a document that is not a mapping is reported', () => {
    // GIVEN a YAML document that is a plain string
    // WHEN validated THEN it is named by position
    expect(validateDocuments(FILE, ['hello']).map(formatViolation)).toEqual([
      'dist/team-a.k8s.yaml: document 1: .: is "hello", not a Kubernetes object (a mapping with apiVersion, kind and metadata)',
    ]);
  });
});

describe('strict fields', () => {
  test('an unknown field deep in a pod template is reported with the likely intended field', () => {
    // GIVEN a typo inside a container's securityContext
    const object = deployment();
    object.spec.template.spec.containers[0].securityContext.runAsNonroot = true;
    // WHEN validated THEN the strict pass names it and suggests the real field
    expect(problemsOf(object)).toEqual([
      `${CONTAINER}.securityContext.runAsNonroot: unknown field "runAsNonroot": SecurityContext has no such field in Kubernetes 1.37 (did you mean "runAsNonRoot"?)`,
    ]);
  });

  test('an unknown field with no close match lists the valid ones', () => {
    // GIVEN an invented probe field
    const object = deployment();
    object.spec.template.spec.containers[0].readinessProbe.retries = 3;
    // WHEN validated THEN the valid fields of Probe are listed
    expect(problemsOf(object)).toEqual([
      `${CONTAINER}.readinessProbe.retries: unknown field "retries": Probe has no such field in Kubernetes 1.37; valid fields: exec, failureThreshold, grpc, httpGet, initialDelaySeconds, periodSeconds, successThreshold, tcpSocket, terminationGracePeriodSeconds, timeoutSeconds`,
    ]);
  });

  test('the schemas are those of the Kubernetes release the real-cluster suite runs, not an older one', () => {
    // GIVEN securityContext.appArmorProfile (added in Kubernetes 1.30) and a field no release has
    const object = deployment();
    object.spec.template.spec.securityContext.appArmorProfile = { type: 'RuntimeDefault' };
    object.spec.template.spec.securityContext.appArmorProfil = { type: 'RuntimeDefault' };
    // WHEN validated THEN the newer field is known, the misspelt one is not, and the message names the release
    expect(problemsOf(object)).toEqual([
      expect.stringMatching(
        /^.*\.securityContext\.appArmorProfil: unknown field "appArmorProfil": PodSecurityContext has no such field in Kubernetes 1\.37 \(did you mean "appArmorProfile"\?\)$/,
      ),
    ]);
  });

  test('maps (labels, data) and free-form fields are not mistaken for unknown fields', () => {
    // GIVEN arbitrary label keys and ConfigMap keys, which are map entries, not fields
    const object = deployment();
    object.metadata.labels['example.com/team'] = 'a';
    object.metadata.annotations = { 'example.com/owner': 'platform' };
    // WHEN validated THEN nothing is reported
    expect(problemsOf(object)).toEqual([]);
  });
});

describe('names, labels and scope', () => {
  test('object names follow the rule of their kind', () => {
    // GIVEN a Deployment name with capitals, a Service name starting with a digit, a dotted Namespace name
    const badDeployment = deployment();
    badDeployment.metadata.name = 'My_Engine';
    const badService = service();
    badService.metadata.name = '1engine';
    const badNamespace = namespace();
    badNamespace.metadata.name = 'team.a';
    // WHEN validated THEN each names the rule it breaks
    expect(problemsOf(badDeployment)).toEqual([
      'metadata.name: "My_Engine" is not a DNS-1123 subdomain (lowercase letters, digits, "-" and ".", each dot-separated part starting and ending with a letter or digit), e.g. "my-name.example"',
    ]);
    expect(problemsOf(badService)).toEqual([
      'metadata.name: "1engine" is not a DNS-1035 label (lowercase letters, digits and "-", starting with a letter and ending with a letter or digit), e.g. "my-service"',
    ]);
    expect(problemsOf(badNamespace)).toEqual([
      'metadata.name: "team.a" is not a DNS-1123 label (lowercase letters, digits and "-", starting and ending with a letter or digit), e.g. "my-name"',
    ]);
  });

  test('names are limited in length, CronJobs to 52 characters', () => {
    // GIVEN a CronJob named with 53 characters
    const object = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'a'.repeat(53), namespace: NAMESPACE },
      spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [] } } } } },
    };
    // WHEN validated THEN the length limit is reported
    expect(problemsOf(object)).toContain(
      `metadata.name: "${'a'.repeat(53)}" is 53 characters; must be at most 52 and a DNS-1123 subdomain (lowercase letters, digits, "-" and ".", each dot-separated part starting and ending with a letter or digit)`,
    );
  });

  test('RBAC names may use colons, as the API server allows', () => {
    // GIVEN a Role named like the built-in ones
    const object = role();
    object.metadata.name = 'spark:driver';
    // WHEN validated THEN it passes
    expect(problemsOf(object)).toEqual([]);
  });

  test('label keys and values, and annotation keys, are checked', () => {
    // GIVEN a bad label key, a label value ending in "-" and an annotation key with two slashes
    const object = namespace();
    object.metadata.labels = { 'team a': 'x', tier: 'front-' };
    object.metadata.annotations = { 'a/b/c': 'x' };
    // WHEN validated THEN each is reported at its key
    expect(problemsOf(object)).toEqual([
      `metadata.labels['team a']: label key "team a" is not a qualified name (alphanumerics, "-", "_" and ".", starting and ending with an alphanumeric), optionally prefixed by a DNS subdomain and "/", e.g. "app.kubernetes.io/name"`,
      'metadata.labels.tier: label value "front-" is not a label value (empty, or alphanumerics, "-", "_" and ".", starting and ending with an alphanumeric), e.g. "v1.2.0"',
      `metadata.annotations['a/b/c']: annotation key "a/b/c" has more than one "/"; must be a qualified name (alphanumerics, "-", "_" and ".", starting and ending with an alphanumeric), optionally prefixed by a DNS subdomain and "/"`,
    ]);
  });

  test('a label value over 63 characters is reported', () => {
    // GIVEN a 64-character label value on the pod template
    const object = deployment();
    object.spec.template.metadata.labels.version = 'v'.repeat(64);
    // WHEN validated THEN the template label is reported
    expect(problemsOf(object)).toEqual([
      `spec.template.metadata.labels.version: label value "${'v'.repeat(56)}..." is 64 characters; must be at most 63 and a label value (empty, or alphanumerics, "-", "_" and ".", starting and ending with an alphanumeric)`,
    ]);
  });

  test('a cluster-scoped object must not have a namespace, a namespaced one must', () => {
    // GIVEN a Namespace with metadata.namespace and a Role without
    const scopedNamespace = namespace();
    scopedNamespace.metadata.namespace = 'default';
    const unscopedRole = role();
    delete unscopedRole.metadata.namespace;
    // WHEN validated THEN both are reported
    expect(problemsOf(scopedNamespace)).toEqual(['metadata.namespace: must be absent: Namespace is cluster-scoped (got "default")']);
    expect(problemsOf(unscopedRole)).toEqual(['metadata.namespace: is required: Role is namespaced and every manifest names its namespace explicitly']);
  });

  test('container, volume, port and data key names are checked', () => {
    // GIVEN a capitalised container name, a volume name with "_", a 16-character port name, a bad ConfigMap key
    const object = deployment();
    const pod = object.spec.template.spec;
    pod.containers[0].name = 'Engine';
    pod.volumes[0].name = 'spark_conf';
    pod.containers[0].volumeMounts[0].name = 'spark_conf';
    pod.containers[0].ports[0].name = 'http-engine-port';
    pod.containers[0].readinessProbe.tcpSocket.port = 'http-engine-port';
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: NAMESPACE }, data: { 'spark defaults': 'x' } };
    // WHEN validated THEN each name is reported with its rule
    const iana =
      'must be at most 15 and an IANA service name (lowercase letters, digits and single "-" between them, at least one letter, no leading or trailing "-")';
    expect(problemsOf(object)).toEqual([
      `${POD}.containers[0].name: "Engine" is not a DNS-1123 label (lowercase letters, digits and "-", starting and ending with a letter or digit), e.g. "my-name"`,
      `${POD}.volumes[0].name: "spark_conf" is not a DNS-1123 label (lowercase letters, digits and "-", starting and ending with a letter or digit), e.g. "my-name"`,
      `${CONTAINER}.ports[0].name: "http-engine-port" is 16 characters; ${iana}`,
      `${CONTAINER}.readinessProbe.tcpSocket.port: "http-engine-port" is 16 characters; ${iana}`,
    ]);
    expect(problemsOf(configMap)).toEqual([
      `data['spark defaults']: "spark defaults" is not a valid ConfigMap/Secret key (letters, digits, "-", "_" and "."), e.g. "spark-defaults.conf"`,
    ]);
  });

  test('a volumeMount must name a volume of the pod, and the selector must match the template', () => {
    // GIVEN a mount of an undefined volume and a selector the template labels do not satisfy
    const object = deployment();
    object.spec.template.spec.containers[0].volumeMounts[0].name = 'config';
    object.spec.selector.matchLabels = { 'app.kubernetes.io/name': 'proxy' };
    // WHEN validated THEN both are reported
    expect(problemsOf(object)).toEqual([
      'spec.selector: does not select the pod template\'s labels (spec.template.metadata.labels: {"app.kubernetes.io/name":"engine"}); the selector must match them',
      `${CONTAINER}.volumeMounts[0].name: refers to volume "config", which the pod does not define (volumes: "conf")`,
    ]);
  });

  test('the same object twice in one file is reported', () => {
    // GIVEN a file with one ServiceAccount written twice
    const objects = [namespace(), role(), role()];
    // WHEN validated THEN the second copy is reported
    expect(validateDocuments(FILE, objects).map(formatViolation)).toEqual([
      'dist/team-a.k8s.yaml: Role team-a/spark-driver: metadata.name: same kind, namespace and name as document 2; each object must appear once, or the second silently replaces the first',
    ]);
  });
});

describe('kinds', () => {
  test('a kind with no schema and no rule is an unknown kind, and still gets the basic checks', () => {
    // GIVEN a ServiceMonitor (no rule) with an invalid name
    const object = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'Engine', namespace: NAMESPACE }, spec: {} };
    // WHEN validated THEN the kind is unknown and the name is still checked
    expect(problemsOf(object)).toEqual([
      'kind: unknown kind "ServiceMonitor" in "monitoring.coreos.com/v1": neither served by Kubernetes 1.37 nor defined by a vendored CRD; add its CRD to scripts/import-crds.js if this custom resource is intended',
      'metadata.name: "Engine" is not a DNS-1123 subdomain (lowercase letters, digits, "-" and ".", each dot-separated part starting and ending with a letter or digit), e.g. "my-name.example"',
    ]);
  });

  test('a removed API version suggests the served one', () => {
    // GIVEN a Deployment in apps/v1beta1 (removed in 1.16)
    const object = deployment();
    object.apiVersion = 'apps/v1beta1';
    // WHEN validated THEN the served apiVersion is suggested
    expect(problemsOf(object)).toEqual([
      'kind: unknown kind "Deployment" in "apps/v1beta1": neither served by Kubernetes 1.37 nor defined by a vendored CRD; Deployment is known as "apps/v1"',
    ]);
  });

  test('an ExternalSecret breaking its rule is reported field by field', () => {
    // GIVEN an ExternalSecret with a bad duration, an unknown store kind, a typo and a remoteRef without key
    const object = externalSecret();
    object.spec.refreshInterval = '1 hour';
    object.spec.secretStoreRef.kind = 'Vault';
    object.spec.targett = {};
    delete object.spec.data[0].remoteRef.key;
    // WHEN validated THEN each breach is named
    expect(problemsOf(object)).toEqual([
      'spec.refreshInterval: must be a Go duration such as "1h", "90s" or "1h30m" (got "1 hour")',
      'spec.secretStoreRef.kind: must be one of "SecretStore", "ClusterSecretStore" (got "Vault")',
      'spec.data[0].remoteRef.key: is required by ExternalSecret but missing',
      `spec.targett: unknown field "targett": ExternalSecret has no such field in the external-secrets.io/v1 CRD of External Secrets Operator ${ESO_VERSION} (did you mean "target"?)`,
    ]);
  });

  test('an ExternalSecret in external-secrets.io/v1beta1 (not served since External Secrets Operator v0.17.0) is refused', () => {
    // GIVEN an ExternalSecret in the old version
    const object = externalSecret();
    object.apiVersion = 'external-secrets.io/v1beta1';
    // WHEN validated THEN it is an unknown kind, pointing at v1
    expect(problemsOf(object)).toEqual([
      'kind: unknown kind "ExternalSecret" in "external-secrets.io/v1beta1": neither served by Kubernetes 1.37 nor defined by a vendored CRD; ExternalSecret is known as "external-secrets.io/v1"',
    ]);
  });

  test("an ExternalSecret remoteRef takes the CRD's decodingStrategy values and a version", () => {
    // GIVEN a remoteRef with a version and each decodingStrategy of the CRD, then a value the CRD does not have
    const object = externalSecret();
    object.spec.data[0].remoteRef.version = '3';
    for (const strategy of ['Auto', 'Base64', 'Base64URL', 'None']) {
      object.spec.data[0].remoteRef.decodingStrategy = strategy;
      expect(problemsOf(object)).toEqual([]);
    }
    object.spec.data[0].remoteRef.decodingStrategy = 'base64';
    // WHEN validated THEN only the unknown value is reported
    expect(problemsOf(object)).toEqual(['spec.data[0].remoteRef.decodingStrategy: must be one of "Auto", "Base64", "Base64URL", "None" (got "base64")']);
  });

  test('an Application without project or with a wrongly typed field is reported', () => {
    // GIVEN an Application without project and with prune as a string
    const object = application();
    delete object.spec.project;
    object.spec.syncPolicy.automated.prune = 'yes';
    // WHEN validated THEN both are reported
    expect(problemsOf(object)).toEqual([
      'spec.project: is required by Application but missing',
      'spec.syncPolicy.automated.prune: must be true or false (got "yes")',
    ]);
  });

  test('the CRD schema, not a partial rule, is the judge: fields the package never writes are known, typos deep inside them are not', () => {
    // GIVEN an ApplicationSet with a git generator and an ExternalSecret with a target template (neither written by the package)
    const set = applicationSet();
    set.spec.generators = [{ git: { repoURL: 'https://git.example.com/platform.git', revision: 'HEAD', files: [{ path: 'tenants/*.json' }] } }];
    const secret = externalSecret();
    secret.spec.target.template = { engineVersion: 'v2', data: { token: '{{ .token }}' } };
    // WHEN validated THEN both pass
    expect(problemsOf(set)).toEqual([]);
    expect(problemsOf(secret)).toEqual([]);
    // AND a misspelt field inside the generator, and a template engine the CRD does not list, are named
    set.spec.generators[0].git.files[0].pth = 'x';
    secret.spec.target.template.engineVersion = 'v3';
    expect(problemsOf(set)).toEqual([expect.stringMatching(/^spec\.generators\[0\]\.git\.files\[0\]\.pth: unknown field "pth": .*\(did you mean "path"\?\)$/)]);
    expect(problemsOf(secret)).toEqual(['spec.target.template.engineVersion: must be one of "v2" (got "v3")']);
  });

  test("the CRD's length bounds are checked", () => {
    // GIVEN an ExternalSecret whose data key is empty, then longer than the CRD's 253 characters
    const object = externalSecret();
    object.spec.data[0].secretKey = '';
    // WHEN validated THEN the bound is named (the pattern too, for the empty key)
    expect(problemsOf(object)).toEqual([
      'spec.data[0].secretKey: must be at least 1 character long (got "")',
      'spec.data[0].secretKey: must be a Secret key (letters, digits, "-", "_" and ".") (got "")',
    ]);
    object.spec.data[0].secretKey = 'k'.repeat(254);
    expect(problemsOf(object)).toEqual(['spec.data[0].secretKey: must be at most 253 characters long (got 254)']);
  });

  test('an Application source without repoURL is refused, as the CRD requires it', () => {
    // GIVEN an Application whose source lost its repoURL
    const object = application();
    delete object.spec.source.repoURL;
    // WHEN validated THEN the missing field is named
    expect(problemsOf(object)).toEqual(['spec.source.repoURL: is required by Application but missing']);
  });
});

describe('custom-resource refinements', () => {
  const definitions = { 'io.example.v1.Widget': { type: 'object', properties: { spec: { type: 'object', properties: { every: { type: 'string' } } } } } };

  test('a refinement is merged over the CRD node it names, and leaves the vendored schema as it was', () => {
    // GIVEN a refinement of spec.every
    const refinement = { definition: 'io.example.v1.Widget', path: ['spec', 'every'], schema: { pattern: '^[0-9]+s$' } };
    // WHEN applied
    const refined = refineDefinitions(definitions, [refinement]);
    // THEN the node has both its own and the refinement's keywords, and the input is untouched
    expect(refined['io.example.v1.Widget'].properties!.spec.properties!.every).toEqual({ type: 'string', pattern: '^[0-9]+s$' });
    expect(definitions['io.example.v1.Widget'].properties.spec.properties.every).toEqual({ type: 'string' });
  });

  test('a refinement of a field the CRD does not have fails, so a CRD upgrade cannot drop it silently', () => {
    // GIVEN a refinement of a field that is not in the schema
    const refinement = { definition: 'io.example.v1.Widget', path: ['spec', 'interval'], schema: { pattern: '^x$' } };
    // WHEN applied THEN it throws, naming the field
    expect(() => refineDefinitions(definitions, [refinement])).toThrow('the CRD has no field spec.interval');
    expect(() => refineDefinitions(definitions, [{ ...refinement, definition: 'io.example.v1.Gadget' }])).toThrow('no such CRD definition');
  });

  test('every refinement of the package lands on a field of its vendored CRD', () => {
    // GIVEN the package's refinements WHEN applied to the vendored CRD schemas THEN none throws and each changed its node
    const vendored = JSON.parse(readFileSync(join(__dirname, '..', '..', 'src', 'validate', 'crd-schemas.json'), 'utf8')).definitions;
    const refined = refineDefinitions(vendored, CUSTOM_RESOURCE_REFINEMENTS);
    for (const refinement of CUSTOM_RESOURCE_REFINEMENTS) expect(refined[refinement.definition]).not.toEqual(vendored[refinement.definition]);
  });
});
