import { DeliveredFile } from '../plan/pod-files';
import { PlatformModel, TenantGroup } from './model';

/** Tenant names listed in a group's title before the rest are counted. */
const LISTED_TENANTS = 6;

/** Mermaid label text: quotes end a label, so they become Mermaid's entity. */
const label = (text: string) => `"${text.replace(/"/g, '#quot;')}"`;

/** How a file reaches a pod, for edge labels and the table: the init container's source. */
export function transportOf(file: DeliveredFile): string {
  return file.from === 'env' ? 'env var' : file.from;
}

/** `team-a, team-b and 998 more`. */
export function groupTitle(group: TenantGroup): string {
  const shown = group.namespaces.slice(0, LISTED_TENANTS).join(', ');
  const more = group.namespaces.length - LISTED_TENANTS;
  return more > 0 ? `${shown} and ${more} more` : shown;
}

/**
 * A Mermaid flowchart of the platform: the proxy namespace, one box per tenant group, which files
 * reach which pod by which transport (solid arrows), which pods launch which (thick arrows), and the
 * ingress the NetworkPolicies allow (dotted arrows). Node ids derive from names only, so the same
 * platform always draws the same text.
 */
export function platformDiagram(model: PlatformModel): string {
  const lines = ['flowchart LR'];
  const fileIds = new Map<string, string>();
  const fileNode = (file: DeliveredFile) => {
    let id = fileIds.get(file.path);
    if (!id) {
      id = `file_${fileIds.size + 1}`;
      fileIds.set(file.path, id);
    }
    return id;
  };
  const allFiles = [...model.proxyFiles, ...model.groups.flatMap(g => [...g.files.engine, ...g.files.executor])];
  for (const file of [...allFiles].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) fileNode(file);

  lines.push(`  subgraph files[${label('files')}]`);
  for (const [filePath, id] of fileIds) {
    const file = allFiles.find(f => f.path === filePath)!;
    const { name, source } = model.fileOf(file);
    lines.push(`    ${id}[${label(`${name}<br/>${source}`)}]`);
  }
  lines.push('  end');
  lines.push(`  subgraph proxy_ns[${label(`namespace ${model.proxyNamespace} (proxy)`)}]`, `    proxy[${label('proxy')}]`, '  end');
  const otherNamespaces = new Set<string>();
  for (const group of model.groups) {
    lines.push(`  subgraph ${group.id}[${label(`tenant namespaces, transport ${group.transport}: ${groupTitle(group)}`)}]`);
    lines.push(`    ${group.id}_engine[${label('engine and cluster-mode drivers')}]`, `    ${group.id}_executor[${label('executors')}]`, '  end');
    for (const flow of group.flows) if (flow.from.startsWith('namespace:') && flow.from !== `namespace:${model.proxyNamespace}`) otherNamespaces.add(flow.from.slice('namespace:'.length));
  }
  for (const ns of [...otherNamespaces].sort()) lines.push(`  ns_${slug(ns)}[${label(`namespace ${ns}`)}]`);

  const edges = new Set<string>();
  const edge = (line: string) => {
    if (!edges.has(line)) lines.push(line);
    edges.add(line);
  };
  for (const file of model.proxyFiles) edge(`  ${fileNode(file)} -->|${label(transportOf(file))}| proxy`);
  for (const group of model.groups) {
    for (const role of ['engine', 'executor'] as const) {
      for (const file of group.files[role]) edge(`  ${fileNode(file)} -->|${label(transportOf(file))}| ${group.id}_${role}`);
    }
    edge(`  proxy ==>|${label('spark-submit')}| ${group.id}_engine`);
    edge(`  ${group.id}_engine ==>|${label('launches')}| ${group.id}_executor`);
    const nodes = (who: string): string[] => {
      if (who === `namespace:${model.proxyNamespace}`) return ['proxy'];
      if (who.startsWith('namespace:')) return [`ns_${slug(who.slice('namespace:'.length))}`];
      const picked = who === '*' ? ['engine', 'executor'] : who.split(',');
      return [...new Set(picked.map(c => (c === 'executor' ? `${group.id}_executor` : `${group.id}_engine`)))];
    };
    for (const flow of group.flows) {
      for (const from of nodes(flow.from)) for (const to of nodes(flow.to)) edge(`  ${from} -.->|${label(flow.ports)}| ${to}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function slug(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '_');
}
