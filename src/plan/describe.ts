import { Plan } from './plan';
import { RollReason } from './rolls';

/**
 * The sentences of a plan, shared by the text and Markdown formats so both say the same thing in
 * the same words; only the layout around them differs.
 */

/** One reason a workload rolls: `file krb5.conf (config/krb5.conf) changed`, `property spark.executor.instances: 2 → 8`. */
export function describeReason(reason: RollReason): string {
  switch (reason.kind) {
    case 'file':
      return `file ${reason.file}${reason.source ? ` (${reason.source})` : ` at ${reason.path}`} ${reason.change}`;
    case 'property':
      if (reason.before === undefined) return `property ${reason.key} set to ${shown(reason.after)}`;
      if (reason.after === undefined) return `property ${reason.key} removed (was ${shown(reason.before)})`;
      return `property ${reason.key}: ${shown(reason.before)} → ${shown(reason.after)}`;
    case 'template':
      return `${reason.file} (${reason.file.endsWith('.fragment') ? "a feature step's fragment" : 'pod template'}) because ${reason.because.length > 0 ? reason.because.map(describeReason).join(', ') : 'it changed'}`;
    case 'image':
      return `image of ${reason.container}: ${reason.before} → ${reason.after}`;
    case 'pod-spec':
      return `pod field ${reason.field}`;
  }
}

/** Property values can be long (JVM options): enough to recognize them. */
function shown(value: string | undefined): string {
  const text = value ?? '';
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Bytes for people: `48.7 KiB`, and a sign for growth. */
export function humanBytes(bytes: number, signed = false): string {
  const sign = signed ? (bytes > 0 ? '+' : bytes < 0 ? '-' : '±') : bytes < 0 ? '-' : '';
  const n = Math.abs(bytes);
  if (n < 1024) return `${sign}${n} B`;
  if (n < 1024 * 1024) return `${sign}${(n / 1024).toFixed(1)} KiB`;
  return `${sign}${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

/** `1 added, 0 removed, 4 changed, 0 unchanged` namespaces. */
export function namespaceCounts(plan: Plan): string {
  const count = (status: string) => plan.namespaces.filter(n => n.status === status).length;
  return `${count('added')} added, ${count('removed')} removed, ${count('changed')} changed, ${plan.unchanged} unchanged`;
}

/** Size against the limits: the largest file (Argo CD) and object (API server), as a share of each limit. */
export function describeSize(plan: Plan): string[] {
  const { size } = plan;
  const share = (bytes: number, limit: number) => `${((100 * bytes) / limit).toFixed(1)}%`;
  const lines = [`all files: ${humanBytes(size.bytesBefore)} → ${humanBytes(size.bytesAfter)} (${humanBytes(size.bytesAfter - size.bytesBefore, true)})`];
  if (size.largestFile) {
    lines.push(
      `largest file: ${size.largestFile.namespace}.k8s.yaml, ${humanBytes(size.largestFile.bytes)}, ${share(size.largestFile.bytes, size.largestFile.limit)} of Argo CD's ${size.largestFile.limit.toLocaleString('en-US')}-byte directory limit`,
    );
  }
  if (size.largestObject) {
    lines.push(
      `largest object: ${size.largestObject.object}, ${humanBytes(size.largestObject.bytes)} as JSON, ${share(size.largestObject.bytes, size.largestObject.limit)} of the API server's ${humanBytes(size.largestObject.limit)} object limit`,
    );
  }
  return lines;
}

/** Objects listed one by one in a group of alike changes before they are counted. */
const LISTED_OBJECTS = 3;

/**
 * Objects of a namespace change: `+ Deployment team-d/x`, `~ ConfigMap team-a/y (data[krb5.conf])`.
 * Many objects of one kind changing in the same fields (the proxy namespace's ConfigMap per tenant)
 * are one line: `~ 1000 ConfigMap (data[executor-template.yaml]): a, b, c and 997 more`.
 */
export function describeObjects(change: Plan['namespaces'][number]): string[] {
  const entries = [
    ...change.added.map(id => ({ sign: '+', id, fields: '' })),
    ...change.removed.map(id => ({ sign: '-', id, fields: '' })),
    ...change.changed.map(c => ({ sign: '~', id: c.object, fields: ` (${c.fields.join(', ')})` })),
  ];
  const groups = new Map<string, typeof entries>();
  for (const entry of entries) {
    const key = `${entry.sign} ${entry.id.split(' ')[0]}${entry.fields}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  return [...groups.entries()].flatMap(([key, members]) => {
    if (members.length <= LISTED_OBJECTS) return members.map(m => `${m.sign} ${m.id}${m.fields}`);
    const [sign, kind] = key.split(' ');
    const names = members.map(m => m.id.slice(kind.length + 1));
    return [`${sign} ${members.length} ${kind}${members[0].fields}: ${names.slice(0, LISTED_OBJECTS).join(', ')} and ${names.length - LISTED_OBJECTS} more`];
  });
}
