import fc from 'fast-check';
import { jsonBytes, jsonBytesAtMost } from '../../src/validate/json';
import { runs, SEED } from '../property/arbitraries';
import { configMap, CONTAINER, deploymentWithPod, Json, NAMESPACE, namespace, podTemplateYaml, problemsOf, role } from './fixtures';

const MiB = 1_048_576;

function bytes(count: number): string {
  return `${count.toLocaleString('en-US')} bytes`;
}

function secret(data: Json, stringData: Json = {}): Json {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'my-project-secrets', namespace: NAMESPACE }, type: 'Opaque', data, stringData };
}

function configMapWith(data: Json, binaryData?: Json): Json {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'blob', namespace: NAMESPACE }, data, binaryData };
}

describe('size limits', () => {
  test('ConfigMap data may hold exactly 1 MiB, counted in UTF-8 bytes', () => {
    // GIVEN 1 MiB of two-byte characters, then one byte more
    const atLimit = configMapWith({ big: 'é'.repeat(MiB / 2) });
    const overLimit = configMapWith({ big: 'é'.repeat(MiB / 2), more: 'x' });
    // WHEN validated THEN only the larger one is reported
    expect(problemsOf(atLimit)).toEqual([]);
    expect(problemsOf(overLimit)).toEqual([
      `data: ConfigMap holds ${bytes(MiB + 1)} of data; the API server accepts at most ${bytes(MiB)} (1 MiB): split it across objects`,
    ]);
  });

  test('ConfigMap binaryData counts decoded bytes together with data', () => {
    // GIVEN 600,000 bytes of data and 500,000 bytes of binary data (base64-encoded)
    const object = configMapWith({ text: 'x'.repeat(600_000) }, { blob: Buffer.alloc(500_000).toString('base64') });
    // WHEN validated THEN the decoded total is reported
    expect(problemsOf(object)).toEqual([
      `data: ConfigMap holds ${bytes(1_100_000)} of data; the API server accepts at most ${bytes(MiB)} (1 MiB): split it across objects`,
    ]);
  });

  test('Secret data counts decoded bytes, and stringData replaces data of the same key', () => {
    // GIVEN 700,000 decoded bytes in data plus 400,000 in stringData under another key, and the same under one key
    const encoded = Buffer.alloc(700_000).toString('base64');
    const twoKeys = secret({ a: encoded }, { b: 'x'.repeat(400_000) });
    const sameKey = secret({ a: encoded }, { a: 'x'.repeat(400_000) });
    // WHEN validated THEN only the two-key Secret is over the limit
    expect(problemsOf(twoKeys)).toEqual([
      `data: Secret holds ${bytes(1_100_000)} of data; the API server accepts at most ${bytes(MiB)} (1 MiB): split it across objects`,
    ]);
    expect(problemsOf(sameKey)).toEqual([]);
  });

  test('annotations of one object may total 256 KiB of keys and values', () => {
    // GIVEN annotations of exactly 256 KiB, then one byte more
    const key = 'example.com/blob';
    const atLimit = namespace();
    atLimit.metadata.annotations = { [key]: 'x'.repeat(262_144 - key.length) };
    const overLimit = namespace();
    overLimit.metadata.annotations = { [key]: 'x'.repeat(262_144 - key.length + 1) };
    // WHEN validated THEN only the larger one is reported
    expect(problemsOf(atLimit)).toEqual([]);
    expect(problemsOf(overLimit)).toEqual([
      `metadata.annotations: annotations total ${bytes(262_145)} (keys + values); the API server accepts at most ${bytes(262_144)} (256 KiB)`,
    ]);
  });

  test('one env var may be 128 KiB including NAME=, the value and the NUL', () => {
    // GIVEN env var BIG whose NAME=value\0 is exactly 128 KiB, and one whose is one byte more
    const atLimit = deploymentWithPod(pod => {
      pod.containers[0].env = [{ name: 'BIG', value: 'x'.repeat(131_072 - 5) }];
    });
    const overLimit = deploymentWithPod(pod => {
      pod.containers[0].env = [{ name: 'BIG', value: 'x'.repeat(131_072 - 4) }];
    });
    // WHEN validated THEN only the larger one is reported
    expect(problemsOf(atLimit)).toEqual([]);
    expect(problemsOf(overLimit)).toEqual([
      `${CONTAINER}.env[0].value: env var "BIG" (NAME=value) is ${bytes(131_073)} with its terminating NUL; Linux limits one exec string to ${bytes(131_072)} (MAX_ARG_STRLEN, 128 KiB), so the container would fail to start: split it`,
    ]);
  });

  test('one argument may be 128 KiB including the NUL', () => {
    // GIVEN an inline script of 128 KiB as an argument
    const object = deploymentWithPod(pod => {
      pod.containers[0].args = ['-c', 'x'.repeat(131_072)];
    });
    // WHEN validated THEN the argument is reported
    expect(problemsOf(object)).toEqual([
      `${CONTAINER}.args[1]: this argument is ${bytes(131_073)} with its terminating NUL; Linux limits one exec string to ${bytes(131_072)} (MAX_ARG_STRLEN, 128 KiB), so the container would fail to start: split it`,
    ]);
  });

  test('command, args and env of one container stay under 2,000,000 bytes', () => {
    // GIVEN 16 env vars of 125,005 bytes each (each under the per-string limit, 2,000,080 in all)
    const object = deploymentWithPod(pod => {
      pod.containers[0].env = Array.from({ length: 16 }, (_, index) => ({ name: `V${String(index).padStart(2, '0')}`, value: 'x'.repeat(125_000) }));
    });
    // WHEN validated THEN the container as a whole is reported (and, inevitably, the object's size too)
    expect(problemsOf(object)).toEqual([
      `${CONTAINER}: command, args and env add up to ${bytes(2_000_080)}; keep them under ${bytes(2_000_000)} (execve's 2 MiB minus headroom for variables the runtime adds), or the container fails to start with "argument list too long": move content into a ConfigMap`,
      `.: serializes to ${bytes(Buffer.byteLength(JSON.stringify(object)))} of JSON; etcd accepts at most ${bytes(1_572_864)} (1.5 MiB) per object: split it`,
    ]);
  });

  test('a pod template file in a ConfigMap may be at most 1.5 MiB', () => {
    // GIVEN a template padded to just over 1.5 MiB with a comment
    const object = configMap();
    const template = `${podTemplateYaml()}#${'x'.repeat(1_572_864)}\n`;
    object.data['driver-template.yaml'] = template;
    // WHEN validated THEN the template file is reported (besides the ConfigMap and object limits it also breaks)
    expect(problemsOf(object)).toContain(
      `data['driver-template.yaml']: pod template file is ${bytes(Buffer.byteLength(template))}; Spark accepts at most ${bytes(1_572_864)} (spark.kubernetes.configMap.maxSize, 1.5 MiB)`,
    );
  });

  test('one object may serialize to at most 1.5 MiB of JSON', () => {
    // GIVEN a Role listing 20,000 long resource names
    const object = role();
    object.rules[0].resourceNames = Array.from({ length: 20_000 }, (_, index) => `${'r'.repeat(75)}-${String(index).padStart(5, '0')}`);
    const size = Buffer.byteLength(JSON.stringify(object));
    // WHEN validated THEN the whole object is reported
    expect(problemsOf(object)).toEqual([`.: serializes to ${bytes(size)} of JSON; etcd accepts at most ${bytes(1_572_864)} (1.5 MiB) per object: split it`]);
  });
});

describe('jsonBytes', () => {
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.string({ unit: 'binary', minLength: 1024, maxLength: 1100 }),
    fc.string({ unit: fc.constantFrom('a', 'Z', '0', '+', '/', '=', ' '), minLength: 1024, maxLength: 1100 }),
    fc.string({ unit: fc.constantFrom('a', '0', ' '), maxLength: 20 }),
    fc.constantFrom('', '"', '\\', '\u007f', '\ud800', 'é'),
  );
  const json = fc.letrec<{ value: unknown }>(tie => ({
    value: fc.oneof(
      { depthSize: 'small' },
      text,
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(text, tie('value'), { maxKeys: 4 }),
    ),
  })).value;

  test('equals the UTF-8 bytes of JSON.stringify for any value, and jsonBytesAtMost is never below it', () => {
    fc.assert(
      fc.property(
        json.filter(v => v !== undefined),
        value => {
          const exact = Buffer.byteLength(JSON.stringify(value));
          expect(jsonBytes(value)).toBe(exact);
          expect(jsonBytesAtMost(value)).toBeGreaterThanOrEqual(exact);
        },
      ),
      { seed: SEED, numRuns: runs(1000) },
    );
  });

  test('jsonBytesAtMost is reached by strings of escapes and stays within 6 bytes per character', () => {
    const controls = '\u0001'.repeat(100);
    expect(jsonBytesAtMost(controls)).toBe(Buffer.byteLength(JSON.stringify(controls)));
    expect(jsonBytesAtMost({ k: 'x'.repeat(100) })).toBe(2 + (6 + 2) + 1 + (600 + 2));
  });
});
