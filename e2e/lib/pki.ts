import * as fs from 'fs';
import * as path from 'path';
import { HarnessError, run } from './processes';

/** A throw-away certificate authority and the certificates one test cluster needs, made with openssl. */
export interface ClusterPki {
  readonly dir: string;
  readonly caCert: string;
  readonly serverCert: string;
  readonly serverKey: string;
  /** system:masters: only for setting the cluster up (CRDs, applying dist/); never for RBAC checks. */
  readonly adminCert: string;
  readonly adminKey: string;
  readonly controllerManagerCert: string;
  readonly controllerManagerKey: string;
  readonly serviceAccountKey: string;
  readonly serviceAccountPub: string;
}

/**
 * `serverIp` is where the API server serves (where pods reach it through the `kubernetes` Service);
 * the certificate also names the Service's IP and DNS names, so pods verify it as they would anywhere.
 */
export function makePki(dir: string, serverIp: string): ClusterPki {
  fs.mkdirSync(dir, { recursive: true });
  const file = (name: string) => path.join(dir, name);
  opensslIn(dir, 'genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file('ca.key'));
  opensslIn(dir, 'req', '-x509', '-new', '-key', file('ca.key'), '-subj', '/CN=spark-tenancy-e2e-ca', '-days', '2', '-out', file('ca.crt'));
  const sign = (name: string, subject: string, extensions: string) => signCertificate(dir, name, subject, extensions);
  sign('apiserver', '/CN=kube-apiserver',
    `subjectAltName=IP:127.0.0.1,IP:${serverIp},IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local\n`
    + 'extendedKeyUsage=serverAuth\n');
  sign('admin', '/O=system:masters/CN=spark-tenancy-e2e-admin', 'extendedKeyUsage=clientAuth\n');
  sign('controller-manager', '/CN=system:kube-controller-manager', 'extendedKeyUsage=clientAuth\n');
  opensslIn(dir, 'genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', file('sa.key'));
  opensslIn(dir, 'pkey', '-in', file('sa.key'), '-pubout', '-out', file('sa.pub'));
  return {
    dir,
    caCert: file('ca.crt'),
    serverCert: file('apiserver.crt'),
    serverKey: file('apiserver.key'),
    adminCert: file('admin.crt'),
    adminKey: file('admin.key'),
    controllerManagerCert: file('controller-manager.crt'),
    controllerManagerKey: file('controller-manager.key'),
    serviceAccountKey: file('sa.key'),
    serviceAccountPub: file('sa.pub'),
  };
}

/** A client certificate from the suite's CA for `subject` (e.g. "/O=system:nodes/CN=system:node:NAME"). */
export function issueClientCertificate(pki: ClusterPki, name: string, subject: string): { cert: string; key: string } {
  signCertificate(pki.dir, name, subject, 'extendedKeyUsage=clientAuth\n');
  return { cert: path.join(pki.dir, `${name}.crt`), key: path.join(pki.dir, `${name}.key`) };
}

function signCertificate(dir: string, name: string, subject: string, extensions: string): void {
  const file = (f: string) => path.join(dir, f);
  opensslIn(dir, 'genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file(`${name}.key`));
  opensslIn(dir, 'req', '-new', '-key', file(`${name}.key`), '-subj', subject, '-out', file(`${name}.csr`));
  fs.writeFileSync(file(`${name}.ext`), extensions);
  opensslIn(dir, 'x509', '-req', '-in', file(`${name}.csr`), '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-CAcreateserial',
    '-days', '2', '-extfile', file(`${name}.ext`), '-out', file(`${name}.crt`));
}

function opensslIn(dir: string, ...args: string[]): void {
  const result = run('openssl', args, { cwd: dir });
  if (result.status !== 0) throw new HarnessError(`openssl ${args[0]} failed: ${result.stderr.trim()}`);
}

/** A kubeconfig for one identity: a client certificate, or a bearer token (a ServiceAccount's). */
export function writeKubeconfig(file: string, server: string, caCert: string, user: { cert: string; key: string } | { token: string }): string {
  const credentials = 'token' in user
    ? `    token: ${JSON.stringify(user.token)}`
    : `    client-certificate: ${JSON.stringify(user.cert)}\n    client-key: ${JSON.stringify(user.key)}`;
  fs.writeFileSync(file, [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: e2e',
    '  cluster:',
    `    server: ${JSON.stringify(server)}`,
    `    certificate-authority: ${JSON.stringify(caCert)}`,
    'users:',
    '- name: e2e',
    '  user:',
    credentials,
    'contexts:',
    '- name: e2e',
    '  context: {cluster: e2e, user: e2e}',
    'current-context: e2e',
    '',
  ].join('\n'), { mode: 0o600 });
  return file;
}
