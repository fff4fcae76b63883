import { validateDocuments } from '../../src/validate';
import {
  configMap,
  CONTAINER,
  deployment,
  deploymentWithPod,
  FILE,
  Json,
  NAMESPACE,
  POD,
  problemsOf,
  restricted,
  restrictedContainer,
  restrictedPodSpec,
} from './fixtures';

const SECURITY = `${CONTAINER}.securityContext`;
const POD_SECURITY = `${POD}.securityContext`;

describe('Pod Security "restricted"', () => {
  test('runAsNonRoot must be true on the pod or on every container', () => {
    // GIVEN a pod without pod-level runAsNonRoot, and an init container that sets it false
    const object = deploymentWithPod(pod => {
      delete pod.securityContext.runAsNonRoot;
      pod.initContainers = [{ ...restrictedContainer('init'), securityContext: { ...restrictedContainer().securityContext, runAsNonRoot: false } }];
    });
    // WHEN validated THEN both containers are reported, with the pod-level alternative named
    expect(problemsOf(object)).toEqual([
      `${POD}.initContainers[0].securityContext.runAsNonRoot: ${restricted('running as non-root', `must be true, here or in ${POD_SECURITY}.runAsNonRoot`, 'false')}`,
      `${SECURITY}.runAsNonRoot: ${restricted('running as non-root', `must be true, here or in ${POD_SECURITY}.runAsNonRoot`, 'unset')}`,
    ]);
  });

  test('runAsNonRoot set on every container instead of the pod passes', () => {
    // GIVEN runAsNonRoot only on the container
    const object = deploymentWithPod(pod => {
      delete pod.securityContext.runAsNonRoot;
      pod.containers[0].securityContext.runAsNonRoot = true;
    });
    // WHEN validated THEN nothing is reported
    expect(problemsOf(object)).toEqual([]);
  });

  test('runAsUser must not be 0', () => {
    // GIVEN root as the pod's user and a container's user
    const object = deploymentWithPod(pod => {
      pod.securityContext.runAsUser = 0;
      pod.containers[0].securityContext.runAsUser = 0;
    });
    // WHEN validated THEN both are reported
    expect(problemsOf(object)).toEqual([
      `${POD_SECURITY}.runAsUser: ${restricted('running as non-root user', 'must not be 0', '0')}`,
      `${SECURITY}.runAsUser: ${restricted('running as non-root user', 'must not be 0', '0')}`,
    ]);
  });

  test('allowPrivilegeEscalation must be false on every container, init and ephemeral ones included', () => {
    // GIVEN a container that leaves it unset and an ephemeral container that sets it true
    const object = deploymentWithPod(pod => {
      delete pod.containers[0].securityContext.allowPrivilegeEscalation;
      pod.ephemeralContainers = [
        {
          ...restrictedContainer('debug'),
          ports: undefined,
          readinessProbe: undefined,
          securityContext: { ...restrictedContainer().securityContext, allowPrivilegeEscalation: true },
        },
      ];
    });
    // WHEN validated THEN both are reported
    expect(problemsOf(object)).toEqual([
      `${SECURITY}.allowPrivilegeEscalation: ${restricted('privilege escalation', 'must be false', 'unset')}`,
      `${POD}.ephemeralContainers[0].securityContext.allowPrivilegeEscalation: ${restricted('privilege escalation', 'must be false', 'true')}`,
    ]);
  });

  test('capabilities must drop ALL and may add only NET_BIND_SERVICE', () => {
    // GIVEN a container that drops only NET_RAW and adds SYS_ADMIN besides NET_BIND_SERVICE
    const object = deploymentWithPod(pod => {
      pod.containers[0].securityContext.capabilities = { drop: ['NET_RAW'], add: ['NET_BIND_SERVICE', 'SYS_ADMIN'] };
    });
    // WHEN validated THEN the drop list and the extra capability are reported
    expect(problemsOf(object)).toEqual([
      `${SECURITY}.capabilities.drop: ${restricted('capabilities', 'must include "ALL"', '["NET_RAW"]')}`,
      `${SECURITY}.capabilities.add[1]: ${restricted('capabilities', 'may only add "NET_BIND_SERVICE"', '"SYS_ADMIN"')}`,
    ]);
  });

  test('seccomp must be RuntimeDefault or Localhost on the pod or on every container', () => {
    // GIVEN no pod-level profile, one container without one and an init container with Unconfined
    const object = deploymentWithPod(pod => {
      delete pod.securityContext.seccompProfile;
      pod.initContainers = [
        { ...restrictedContainer('init'), securityContext: { ...restrictedContainer().securityContext, seccompProfile: { type: 'Unconfined' } } },
      ];
    });
    // WHEN validated THEN both are reported
    const requirement = `type must be RuntimeDefault or Localhost, here or in ${POD_SECURITY}.seccompProfile`;
    expect(problemsOf(object)).toEqual([
      `${POD}.initContainers[0].securityContext.seccompProfile: ${restricted('seccomp', requirement, '"Unconfined"')}`,
      `${SECURITY}.seccompProfile: ${restricted('seccomp', requirement, 'unset')}`,
    ]);
  });

  test('an Unconfined pod-level seccomp profile is reported once, at the pod', () => {
    // GIVEN Unconfined on the pod
    const object = deploymentWithPod(pod => {
      pod.securityContext.seccompProfile = { type: 'Unconfined' };
    });
    // WHEN validated THEN only the pod field is reported (containers inherit it)
    expect(problemsOf(object)).toEqual([
      `${POD_SECURITY}.seccompProfile: ${restricted('seccomp', 'type must be RuntimeDefault or Localhost', '"Unconfined"')}`,
    ]);
  });

  test('privileged containers are forbidden', () => {
    // GIVEN a privileged container
    const object = deploymentWithPod(pod => {
      pod.containers[0].securityContext.privileged = true;
    });
    // WHEN validated THEN it is reported
    expect(problemsOf(object)).toEqual([`${SECURITY}.privileged: ${restricted('privileged containers', 'must be false or unset', 'true')}`]);
  });

  test('host namespaces are forbidden', () => {
    // GIVEN hostNetwork, hostPID and hostIPC
    const object = deploymentWithPod(pod => Object.assign(pod, { hostNetwork: true, hostPID: true, hostIPC: true }));
    // WHEN validated THEN each is reported
    expect(problemsOf(object)).toEqual(
      ['hostNetwork', 'hostPID', 'hostIPC'].map(key => `${POD}.${key}: ${restricted('host namespaces', 'must be false or unset', 'true')}`),
    );
  });

  test('hostPath and other non-restricted volume types are forbidden', () => {
    // GIVEN a hostPath volume and an nfs volume
    const object = deploymentWithPod(pod => {
      pod.volumes.push({ name: 'host', hostPath: { path: '/var/run' } }, { name: 'shared', nfs: { server: 'nfs.example.com', path: '/data' } });
    });
    // WHEN validated THEN both are reported with the allowed types
    const allowed = 'configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret';
    expect(problemsOf(object)).toEqual([
      `${POD}.volumes[1].hostPath: ${restricted('hostPath volumes', `are forbidden; use one of ${allowed}`, '{"path":"/var/run"}')}`,
      `${POD}.volumes[2].nfs: ${restricted('volume types', `nfs volumes are not allowed; use one of ${allowed}`, '{"server":"nfs.example.com","path":"/data"}')}`,
    ]);
  });

  test('host ports are forbidden', () => {
    // GIVEN a container port bound on the host
    const object = deploymentWithPod(pod => {
      pod.containers[0].ports[0].hostPort = 8011;
    });
    // WHEN validated THEN it is reported
    expect(problemsOf(object)).toEqual([`${CONTAINER}.ports[0].hostPort: ${restricted('host ports', 'must be 0 or unset', '8011')}`]);
  });

  test('only safe sysctls are allowed', () => {
    // GIVEN one safe and one unsafe sysctl
    const object = deploymentWithPod(pod => {
      pod.securityContext.sysctls = [
        { name: 'net.ipv4.ip_local_port_range', value: '1024 65535' },
        { name: 'kernel.msgmax', value: '65536' },
      ];
    });
    // WHEN validated THEN the unsafe one is reported
    expect(problemsOf(object)).toEqual([
      `${POD_SECURITY}.sysctls[1].name: ${restricted('sysctls', 'only kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.ip_unprivileged_port_start, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, net.ipv4.ip_local_reserved_ports are allowed', '"kernel.msgmax"')}`,
    ]);
  });

  test('SELinux: only the container types, and no custom user or role', () => {
    // GIVEN a privileged SELinux type on the pod and a custom user on a container
    const object = deploymentWithPod(pod => {
      pod.securityContext.seLinuxOptions = { type: 'spc_t' };
      pod.containers[0].securityContext.seLinuxOptions = { type: 'container_t', user: 'system_u' };
    });
    // WHEN validated THEN both are reported
    expect(problemsOf(object)).toEqual([
      `${POD_SECURITY}.seLinuxOptions.type: ${restricted('SELinux', 'type must be unset or one of container_t, container_init_t, container_kvm_t', '"spc_t"')}`,
      `${SECURITY}.seLinuxOptions.user: ${restricted('SELinux', 'custom user must not be set', '"system_u"')}`,
    ]);
  });

  test('procMount must be Default', () => {
    // GIVEN an unmasked /proc
    const object = deploymentWithPod(pod => {
      pod.containers[0].securityContext.procMount = 'Unmasked';
    });
    // WHEN validated THEN it is reported
    expect(problemsOf(object)).toEqual([`${SECURITY}.procMount: ${restricted('/proc mount type', 'must be "Default" or unset', '"Unmasked"')}`]);
  });

  test('AppArmor annotations may only name runtime/default or localhost profiles', () => {
    // GIVEN an unconfined profile for one container and a localhost profile for another
    const object = deployment();
    object.spec.template.metadata.annotations = {
      'container.apparmor.security.beta.kubernetes.io/engine': 'unconfined',
      'container.apparmor.security.beta.kubernetes.io/sidecar': 'localhost/spark',
    };
    // WHEN validated THEN only the unconfined one is reported
    expect(problemsOf(object)).toEqual([
      `spec.template.metadata.annotations['container.apparmor.security.beta.kubernetes.io/engine']: ${restricted('AppArmor', 'must be "runtime/default" or "localhost/<profile>"', '"unconfined"')}`,
    ]);
  });

  test('Windows HostProcess containers are forbidden', () => {
    // GIVEN a host process container
    const object = deploymentWithPod(pod => {
      pod.containers[0].securityContext.windowsOptions = { hostProcess: true };
    });
    // WHEN validated THEN it is reported
    expect(problemsOf(object)).toEqual([`${SECURITY}.windowsOptions.hostProcess: ${restricted('HostProcess', 'must be false or unset', 'true')}`]);
  });

  test('Windows pods are exempt from the Linux-only controls, as in Kubernetes 1.25+', () => {
    // GIVEN a Windows pod without seccomp, capabilities or allowPrivilegeEscalation
    const object = deploymentWithPod(pod => {
      pod.os = { name: 'windows' };
      delete pod.securityContext.seccompProfile;
      pod.containers[0].securityContext = {};
    });
    // WHEN validated THEN nothing is reported (runAsNonRoot still comes from the pod)
    expect(problemsOf(object)).toEqual([]);
  });

  test('every workload kind has its pod template checked', () => {
    // GIVEN a bare Pod and a CronJob whose pods leave allowPrivilegeEscalation unset
    const podSpec = restrictedPodSpec();
    delete podSpec.containers[0].securityContext.allowPrivilegeEscalation;
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: NAMESPACE }, spec: podSpec };
    const cronJob = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'cleanup', namespace: NAMESPACE },
      spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: { ...podSpec, restartPolicy: 'Never' } } } } },
    };
    // WHEN validated THEN each is reported at its own path
    const message = restricted('privilege escalation', 'must be false', 'unset');
    expect(problemsOf(pod)).toEqual([`spec.containers[0].securityContext.allowPrivilegeEscalation: ${message}`]);
    expect(problemsOf(cronJob)).toEqual([`spec.jobTemplate.spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation: ${message}`]);
  });
});

describe('pod templates embedded in ConfigMaps', () => {
  function configMapWithTemplate(template: string): Json {
    const object = configMap();
    object.data['executor-template.yaml'] = template;
    return object;
  }

  test('a pod template file failing Pod Security is reported under its ConfigMap key', () => {
    // GIVEN an executor template that runs as root and escalates privileges
    const template =
      'apiVersion: v1\nkind: Pod\nspec:\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 0\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: executor\n      securityContext:\n        capabilities: {drop: [ALL]}\n';
    // WHEN validated
    const violations = validateDocuments(FILE, [configMapWithTemplate(template)]);
    // THEN the embedded Pod is named after the ConfigMap and key, with fields inside the Pod
    expect(violations).toEqual([
      {
        file: FILE,
        object: 'ConfigMap team-a/spark-conf → executor-template.yaml Pod',
        field: 'spec.containers[0].securityContext.allowPrivilegeEscalation',
        message: restricted('privilege escalation', 'must be false', 'unset'),
      },
      {
        file: FILE,
        object: 'ConfigMap team-a/spark-conf → executor-template.yaml Pod',
        field: 'spec.securityContext.runAsUser',
        message: restricted('running as non-root user', 'must not be 0', '0'),
      },
    ]);
  });

  test('a pod template file gets the strict field check, but not required fields Spark fills in', () => {
    // GIVEN a template container without image (Spark sets it) and with a misspelt field
    const template = `${configMap().data['driver-template.yaml']}      volumeMount: []\n`;
    // WHEN validated THEN only the unknown field is reported
    expect(
      validateDocuments(FILE, [configMapWithTemplate(template)]).map(violation => `${violation.object}: ${violation.field}: ${violation.message}`),
    ).toEqual([
      'ConfigMap team-a/spark-conf → executor-template.yaml Pod: spec.containers[0].volumeMount: unknown field "volumeMount": Container has no such field in Kubernetes 1.37 (did you mean "volumeMounts"?)',
    ]);
  });

  test('a value that mentions kind: Pod but is not YAML is reported', () => {
    // GIVEN a broken template
    const template = 'kind: Pod\nspec: [unclosed\n';
    // WHEN validated THEN the ConfigMap key is reported
    const problems = problemsOf(configMapWithTemplate(template));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^data\['executor-template\.yaml'\]: mentions kind: Pod but is not valid YAML, so Spark cannot load it as a pod template: /);
  });
});
