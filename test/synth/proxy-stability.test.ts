import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeFleetSpec } from '../../bench/fleet-spec';
import { loadPlatformFile } from '../../src';
import { synthNamespaces } from '../../src/testing';

/** The proxy namespace's manifest, and the largest tenant's, of the bench's fleet of `count` tenants. */
function fleet(count: number): { proxy: string; tenants: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fleet-${count}-`));
  try {
    const platform = loadPlatformFile(writeFleetSpec(count, dir));
    const manifests = synthNamespaces(platform);
    return { proxy: manifests.get(platform.spec.proxy.namespace)!, tenants: manifests.size - 1 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('issue 16: adding a tenant never changes the proxy namespace', () => {
  test('the proxy namespace (and its Deployment) is byte for byte the same at 999 and at 1000 tenants', () => {
    // GIVEN the bench's fleet at 999 tenants and at 1000
    const before = fleet(999);
    const after = fleet(1000);
    // THEN one more tenant namespace, and not one byte of the proxy's file changed: no rollout, no restart
    expect(after.tenants - before.tenants).toBe(1);
    expect(after.proxy).toContain('kind: Deployment');
    expect(after.proxy).toBe(before.proxy);
  }, 120_000);
});
