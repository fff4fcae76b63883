import { Document, isSeq, YAMLMap, YAMLSeq } from 'yaml';
import { ImportEntry } from './spec-entries';

/** The comment on a mountPath nobody told us. */
export const MOUNT_PATH_TODO = ' TODO: where the pod reads it';

/** The entries as a `files:` YAML block with comments, ready to merge into the spec. */
export function renderFilesYaml(entries: readonly ImportEntry[], header: string): string {
  const doc = new Document({ files: entries.map(e => e.spec) });
  doc.commentBefore = header
    .split('\n')
    .map(line => ` ${line}`)
    .join('\n');
  const items = (doc.get('files', true) as YAMLSeq<YAMLMap<string, unknown>>).items;
  items.forEach((item, index) => {
    item.commentBefore = ` ${entries[index].note}`;
    const roles = item.get('roles');
    if (isSeq(roles)) roles.flow = true;
    const mountPath = item.get('mountPath', true);
    if (mountPath && entries[index].mountPathUnknown) mountPath.comment = MOUNT_PATH_TODO;
  });
  return doc.toString({ flowCollectionPadding: false, lineWidth: 0 });
}
