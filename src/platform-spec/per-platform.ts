import { Platform } from './platform';

/**
 * A memo of values derived from the loaded platform and a key: computed once per platform and key, so
 * that the thousand tenants of a fleet that share what the value depends on (a transport, host aliases)
 * share one computation. Entries go with the platform object.
 */
export function perPlatform<T>(): (platform: Platform, key: string, produce: () => T) => T {
  const memo = new WeakMap<Platform, Map<string, T>>();
  return (platform, key, produce) => {
    let byKey = memo.get(platform);
    if (!byKey) memo.set(platform, (byKey = new Map()));
    if (!byKey.has(key)) byKey.set(key, produce());
    return byKey.get(key) as T;
  };
}
