import * as fs from 'fs';
import * as path from 'path';
import { NamespaceConfig, requiredSecretAnnotation } from '../../src/constructs/namespace-config';
import { Platform, PlatformSpec, Role, Transport } from '../../src';
import { Json, only, SMALL_FIXTURE, smallPlatform, synthInChart } from './fixture';

/** The config of namespace alpha in `objects` transport, the one whose pods read the files ConfigMap. */
function configObjects(platform: Platform, roles: Role[] = ['engine'], transport: Transport = 'objects'): Json[] {
  return synthInChart(chart => new NamespaceConfig(chart, 'Config', { platform, namespace: 'alpha', roles, transport }));
}

const STORE: Partial<PlatformSpec> = { secrets: { store: { name: 'vault' } } };

describe('NamespaceConfig', () => {
  test('text files go under data, binary files under binaryData, each byte for byte', () => {
    // GIVEN the small platform's engine files: a text file and a binary one WHEN the config is built
    const configMap = only(configObjects(smallPlatform()), 'ConfigMap', 'small-files');
    // THEN the text is kept as text and the binary as base64 of its exact bytes
    expect(configMap.data).toEqual({ 'app.properties': fs.readFileSync(path.join(SMALL_FIXTURE, 'config', 'app.properties'), 'utf8') });
    expect(Buffer.from(configMap.binaryData['blob.bin'], 'base64')).toEqual(fs.readFileSync(path.join(SMALL_FIXTURE, 'config', 'blob.bin')));
  });

  test('in env transport no files ConfigMap is written: the content rides in the pod specs, where nothing reads it', () => {
    // GIVEN the same engine files WHEN the config is built for env transport
    const objects = configObjects(smallPlatform(STORE), ['engine'], 'env');
    // THEN the ExternalSecret is still there, and no ConfigMap at all
    expect(objects.map(o => o.kind)).toEqual(['ExternalSecret']);
  });

  test("only the files of the namespace's roles are copied", () => {
    // GIVEN executors only (app.properties is theirs; blob.bin and the token are not) WHEN the config is built
    const objects = configObjects(smallPlatform(STORE), ['executor']);
    // THEN the ConfigMap holds app.properties alone and there is no secret at all
    expect(Object.keys(only(objects, 'ConfigMap', 'small-files').data)).toEqual(['app.properties']);
    expect(objects.filter(o => o.kind !== 'ConfigMap')).toEqual([]);
  });

  test('with a store, a secret file is an ExternalSecret of external-secrets.io/v1 that makes the Secret, never its bytes', () => {
    // GIVEN a namespaced SecretStore and a remoteRef that decodes base64
    const files = smallPlatform().spec.files.map(f => (f.secret ? { ...f, remoteRef: { key: 'small/token', decodingStrategy: 'Base64' as const } } : f));
    const objects = configObjects(smallPlatform({ files, secrets: { store: { name: 'vault', kind: 'SecretStore' }, refreshInterval: '15m' } }));
    // WHEN the config is built THEN the ExternalSecret asks the store for the key and owns the Secret it makes
    const externalSecret = only(objects, 'ExternalSecret', 'small-secrets');
    expect(externalSecret.apiVersion).toBe('external-secrets.io/v1');
    expect(externalSecret.spec).toEqual({
      refreshInterval: '15m',
      secretStoreRef: { name: 'vault', kind: 'SecretStore' },
      target: { name: 'small-secrets', creationPolicy: 'Owner' },
      data: [{ secretKey: 'token', remoteRef: { key: 'small/token', decodingStrategy: 'Base64' } }],
    });
    // AND the token's bytes are nowhere in the output
    const token = fs.readFileSync(path.join(SMALL_FIXTURE, 'config', 'token'));
    expect(JSON.stringify(objects)).not.toContain(token.toString('utf8').trim());
    expect(JSON.stringify(objects)).not.toContain(token.toString('base64'));
  });

  test('the store kind defaults to ClusterSecretStore and the refresh to one hour', () => {
    // GIVEN a store named without kind or interval WHEN the config is built
    const spec = only(configObjects(smallPlatform(STORE)), 'ExternalSecret', 'small-secrets').spec;
    // THEN the defaults are written out
    expect(spec.secretStoreRef).toEqual({ name: 'vault', kind: 'ClusterSecretStore' });
    expect(spec.refreshInterval).toBe('1h');
  });

  test('a plaintext Secret only with allowPlaintextSecrets; otherwise, without a store, the Namespace names what is missing', () => {
    // GIVEN plaintext secrets allowed WHEN the config is built THEN the Secret holds the file's bytes
    const plaintext = smallPlatform({ allowPlaintextSecrets: true });
    const secret = only(configObjects(plaintext), 'Secret', 'small-secrets');
    expect(secret).toMatchObject({ type: 'Opaque', data: { token: fs.readFileSync(path.join(SMALL_FIXTURE, 'config', 'token')).toString('base64') } });
    expect(requiredSecretAnnotation(plaintext, ['engine'])).toBeUndefined();
    // GIVEN neither a store nor plaintext WHEN built THEN no secret object, and the annotation names Secret and key
    const neither = smallPlatform();
    expect(configObjects(neither).filter(o => o.kind !== 'ConfigMap')).toEqual([]);
    expect(requiredSecretAnnotation(neither, ['engine'])).toEqual({ 'spark-tenancy.dev/required-secret': 'small-secrets: token' });
    // AND roles without secret files need nothing
    expect(requiredSecretAnnotation(neither, ['executor'])).toBeUndefined();
  });
});
