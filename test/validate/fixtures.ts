/** Valid, Pod Security "restricted" objects for the validator tests, and helpers to break them. */
import { validateDocuments } from '../../src/validate';

/** Test objects are built loosely and broken on purpose. */
export type Json = Record<string, any>;

export const NAMESPACE = 'team-a';
export const FILE = 'dist/team-a.k8s.yaml';

export function namespace(): Json {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE, labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } };
}

export function serviceAccount(): Json {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'engine', namespace: NAMESPACE } };
}

/** A container that satisfies the restricted level on its own. */
export function restrictedContainer(name = 'engine'): Json {
  return {
    name,
    image: 'example/spark:3.5.1',
    ports: [{ name: 'http', containerPort: 8011 }],
    env: [{ name: 'SPARK_ROLE', value: 'engine' }],
    volumeMounts: [{ name: 'conf', mountPath: '/opt/spark/conf' }],
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true },
    readinessProbe: { tcpSocket: { port: 'http' } },
  };
}

/** A pod spec that satisfies the restricted level: pod-level runAsNonRoot and seccomp, containers drop ALL. */
export function restrictedPodSpec(): Json {
  return {
    serviceAccountName: 'engine',
    securityContext: { runAsNonRoot: true, runAsUser: 185, runAsGroup: 185, fsGroup: 185, seccompProfile: { type: 'RuntimeDefault' } },
    volumes: [{ name: 'conf', configMap: { name: 'spark-conf' } }],
    containers: [restrictedContainer()],
  };
}

export function deployment(): Json {
  const labels = (): Json => ({ 'app.kubernetes.io/name': 'engine' });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'my-project-engine', namespace: NAMESPACE, labels: labels() },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels() },
      template: { metadata: { labels: labels() }, spec: restrictedPodSpec() },
    },
  };
}

export function service(): Json {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'engine', namespace: NAMESPACE },
    spec: { selector: { 'app.kubernetes.io/name': 'engine' }, ports: [{ name: 'http', port: 8011, targetPort: 'http' }] },
  };
}

/** A Spark pod template file as Spark reads it from a ConfigMap. */
export function podTemplateYaml(): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'spec:',
    '  securityContext:',
    '    runAsNonRoot: true',
    '    seccompProfile:',
    '      type: RuntimeDefault',
    '  containers:',
    '    - name: spark-kubernetes-driver',
    '      securityContext:',
    '        allowPrivilegeEscalation: false',
    '        capabilities:',
    '          drop: [ALL]',
    '',
  ].join('\n');
}

export function configMap(): Json {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'spark-conf', namespace: NAMESPACE },
    data: { 'spark-defaults.conf': 'spark.master k8s://https://kubernetes.default.svc\n', 'driver-template.yaml': podTemplateYaml() },
  };
}

export function role(): Json {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'spark-driver', namespace: NAMESPACE },
    rules: [{ apiGroups: [''], resources: ['pods', 'services', 'configmaps'], verbs: ['get', 'list', 'watch', 'create', 'delete'] }],
  };
}

export function roleBinding(): Json {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'spark-driver', namespace: NAMESPACE },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'spark-driver' },
    subjects: [{ kind: 'ServiceAccount', name: 'engine', namespace: NAMESPACE }],
  };
}

/** The valid restricted set: Namespace, ServiceAccount, ConfigMap, Deployment, Service, Role, RoleBinding. */
export function validObjects(): Json[] {
  return [namespace(), serviceAccount(), configMap(), deployment(), service(), role(), roleBinding()];
}

/** `field: message` of every violation of one object, for exact assertions. */
export function problemsOf(object: Json): string[] {
  return validateDocuments(FILE, [object]).map(violation => `${violation.field}: ${violation.message}`);
}

/** A Deployment whose pod spec `change` has modified. */
export function deploymentWithPod(change: (pod: Json) => void): Json {
  const object = deployment();
  change(object.spec.template.spec);
  return object;
}

/** Prefix of every violation message of the Pod Security pass. */
export function restricted(control: string, requirement: string, got: string): string {
  return `Pod Security "restricted", ${control}: ${requirement} (got ${got})`;
}

/** Field of the Deployment's pod spec. */
export const POD = 'spec.template.spec';
/** Field of the Deployment's first container. */
export const CONTAINER = `${POD}.containers[0]`;
