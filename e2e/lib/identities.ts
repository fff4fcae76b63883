import * as path from 'path';
import { E2eContext } from './context';
import { Kubectl } from './kubectl';
import { writeKubeconfig } from './pki';

/** A ServiceAccount's own identity: a TokenRequest token in a kubeconfig, never system:masters. */
export interface ServiceAccountIdentity {
  readonly namespace: string;
  readonly name: string;
  readonly kubeconfig: string;
  readonly kubectl: Kubectl;
}

export function serviceAccountIdentity(ctx: E2eContext, namespace: string, name: string): ServiceAccountIdentity {
  const token = ctx.cluster.admin.createToken(namespace, name);
  const kubeconfig = writeKubeconfig(path.join(ctx.work, `${namespace}-${name}.kubeconfig`), ctx.cluster.server, ctx.cluster.pki.caCert, { token });
  return { namespace, name, kubeconfig, kubectl: new Kubectl(ctx.tools.bin.kubectl, kubeconfig) };
}
