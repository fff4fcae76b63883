import { Testing } from 'cdk8s';
import { ProxyNamespace } from '../../src/constructs/proxy-namespace';
import { REQUIRED_SECRET_ANNOTATION } from '../../src/constructs/namespace-config';
import { Platform } from '../../src';
import { Json, only, smallPlatform } from './fixture';

function proxyNamespaceObjects(platform: Platform): Json[] {
  return Testing.synth(new ProxyNamespace(Testing.app(), 'ProxyNamespace', { platform }));
}

describe('ProxyNamespace', () => {
  test("its own Namespace, labelled as the proxy's, with the proxy and the proxy's files in it", () => {
    // GIVEN the small platform in objects transport (whose pods read the files ConfigMap) with a secret store
    // WHEN the proxy namespace is built
    const objects = proxyNamespaceObjects(smallPlatform({ transport: 'objects', secrets: { store: { name: 'vault' } } }));
    // THEN the Namespace says whose it is
    expect(only(objects, 'Namespace', 'small-proxy').metadata.labels).toMatchObject({
      'spark-tenancy.dev/role': 'proxy',
      'spark-tenancy.dev/platform': 'small',
    });
    // AND the proxy runs there
    expect(only(objects, 'Deployment', 'small-proxy').metadata.namespace).toBe('small-proxy');
    // AND its files are the proxy's only: app.properties (proxy role), not the engine's blob.bin
    expect(Object.keys(only(objects, 'ConfigMap', 'small-files').data ?? {})).toEqual(['app.properties']);
    expect(only(objects, 'ConfigMap', 'small-files').binaryData).toBeUndefined();
    // AND its secret file comes from the store
    expect(only(objects, 'ExternalSecret', 'small-secrets').spec.data).toEqual([{ secretKey: 'token', remoteRef: { key: 'token' } }]);
  });

  test('without a store the Namespace says which Secret and keys the cluster must already hold', () => {
    // GIVEN no secret store and no plaintext secrets WHEN the proxy namespace is built
    const objects = proxyNamespaceObjects(smallPlatform());
    // THEN no Secret is written, and the annotation names the missing one
    expect(objects.filter(o => o.kind === 'Secret' || o.kind === 'ExternalSecret')).toEqual([]);
    expect(only(objects, 'Namespace', 'small-proxy').metadata.annotations[REQUIRED_SECRET_ANNOTATION]).toBe('small-secrets: token');
  });
});
