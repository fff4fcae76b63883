// `cdk8s import k8s` needs the network; cdk8s-plus-27 ships the same generated
// Kubernetes 1.27 L1 constructs, so this file re-exports them under the usual path.
export * from 'cdk8s-plus-27/lib/imports/k8s';
