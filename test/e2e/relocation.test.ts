import { ContainerView, materialize } from '../../e2e/lib/pod-view';
import { relocateProperties } from '../../e2e/stages/spark';
import { parse as parseProperties } from 'dot-properties';
import { tempDirs } from '../harness/temp-dirs';

/**
 * The one change the real-cluster suite makes to generated files: paths a process run on this machine
 * reads move to where the suite laid the pod's files out; paths other pods read stay as generated.
 */
describe("relocating a pod's paths for the real-cluster suite", () => {
  const tmp = tempDirs();
  const view = (mountPaths: string[]): ContainerView => ({ files: new Map(), mountPaths, sync: undefined as never });

  test('GIVEN nested mount paths WHEN a text names them THEN whole paths and path starts move, look-alikes and local:// URIs do not', () => {
    const root = tmp('relocation-');
    const relocate = materialize(view(['/opt/x', '/opt/x/y', '/tmp/k']), root);
    expect(relocate('/opt/x')).toBe(`${root}/opt/x`);
    expect(relocate('/opt/x/y/z:/opt/x')).toBe(`${root}/opt/x/y/z:${root}/opt/x`);
    expect(relocate('-Dk=/tmp/k/krb5.conf -Da=/opt/xy')).toBe(`-Dk=${root}/tmp/k/krb5.conf -Da=/opt/xy`);
    expect(relocate('local:///opt/x/a')).toBe('local:///opt/x/a');
  });

  test("GIVEN a client-mode spark-defaults.conf WHEN relocated THEN the driver's paths move and the executors' stay", () => {
    const relocate = (text: string) => text.replace(/\/pod\//g, '/ROOT/pod/');
    const conf =
      'spark.driver.extraJavaOptions -Djava.security.krb5.conf=/pod/krb5.conf\nspark.executor.extraJavaOptions -Djava.security.krb5.conf=/pod/krb5.conf\nspark.kubernetes.executor.podTemplateFile /pod/t/executor.yaml';
    expect(relocateProperties(conf, relocate).split('\n')).toEqual([
      'spark.driver.extraJavaOptions -Djava.security.krb5.conf=/ROOT/pod/krb5.conf',
      'spark.executor.extraJavaOptions -Djava.security.krb5.conf=/pod/krb5.conf',
      'spark.kubernetes.executor.podTemplateFile /ROOT/pod/t/executor.yaml',
    ]);
  });

  test("GIVEN the executor fragment WHEN relocated THEN only its inline sources move (ExecutorSetup reads them here), its pods' paths stay", () => {
    const relocate = (text: string) => text.replace(/^\/pod\//, '/ROOT/pod/');
    const fragment = {
      role: 'executor',
      initContainer: { command: ['/opt/bootstrap.sh', 'sync', 'version', '2', 'file\t/a\tb'] },
      volumeMounts: [{ name: 'k', mountPath: '/pod/krb5' }],
      inlineFiles: [{ variable: 'CFG_KRB5_CONF', source: '/pod/krb5/krb5.conf', mode: '0444', target: '/staging/krb5.conf' }],
    };
    const conf = `spark.tenancy.executor.fragment ${JSON.stringify(fragment).replace(/\\/g, '\\\\')}`;
    const [line] = relocateProperties(conf, relocate).split('\n');
    const moved = JSON.parse((parseProperties(line) as Record<string, string>)['spark.tenancy.executor.fragment']);
    expect(moved.inlineFiles[0].source).toBe('/ROOT/pod/krb5/krb5.conf');
    expect(moved.volumeMounts).toEqual(fragment.volumeMounts);
    expect(moved.initContainer.command[4]).toBe('file\t/a\tb');
  });
});
