import type { IAffinity } from 'kubernetes-models/v1/Affinity' with { 'resolution-mode': 'import' };
import type { INodeSelectorRequirement } from 'kubernetes-models/v1/NodeSelectorRequirement' with { 'resolution-mode': 'import' };
import type { IResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements' with { 'resolution-mode': 'import' };
import type { ITopologySpreadConstraint } from 'kubernetes-models/v1/TopologySpreadConstraint' with { 'resolution-mode': 'import' };
import type { Placement, ServerSpec } from '../../stack-file/stack-spec';

/** Swarm's node attributes that Kubernetes nodes carry as well-known labels. */
const NODE_ATTRIBUTE_LABELS: Readonly<Record<string, string>> = {
  'node.hostname': 'kubernetes.io/hostname',
  'node.platform.os': 'kubernetes.io/os',
  'node.platform.arch': 'kubernetes.io/arch',
};

/**
 * A server's placement as node affinity and spread: `node.labels.K==V` and the node attributes
 * Kubernetes nodes also have become required node selector terms; spread preferences become
 * topology spread constraints. What has no counterpart (node.role, node.id, engine labels) is
 * returned as `unmapped`, for a warning: a constraint silently dropped would place servers where
 * the file says they must not go.
 */
export function scheduling(
  placement: Placement | undefined,
  selector: Readonly<Record<string, string>>,
): { affinity?: IAffinity; topologySpreadConstraints?: ITopologySpreadConstraint[]; unmapped: string[] } {
  if (placement === undefined) return { unmapped: [] };
  const requirements: INodeSelectorRequirement[] = [];
  const unmapped: string[] = [];
  for (const c of placement.constraints) {
    const m = /^\s*([^=!\s]+)\s*(==|!=)\s*(.+?)\s*$/.exec(c);
    const key = m?.[1] === undefined ? undefined : m[1].startsWith('node.labels.') ? m[1].slice('node.labels.'.length) : NODE_ATTRIBUTE_LABELS[m[1]];
    if (m === null || key === undefined || m[3] === undefined) {
      unmapped.push(c);
      continue;
    }
    requirements.push({ key, operator: m[2] === '==' ? 'In' : 'NotIn', values: [m[3]] });
  }
  const spread = placement.spread.map((label): ITopologySpreadConstraint => ({
    maxSkew: 1,
    topologyKey: label.replace(/^node\.labels\./, ''),
    whenUnsatisfiable: 'ScheduleAnyway',
    labelSelector: { matchLabels: { ...selector } },
  }));
  return {
    ...(requirements.length > 0 && { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: requirements }] } } } }),
    ...(spread.length > 0 && { topologySpreadConstraints: spread }),
    unmapped,
  };
}

/** Limits from resources (memory, cpus), requests from its reservations; Kubernetes quantities in their plain units. */
export function resourceRequirements(resources: ServerSpec['resources']): IResourceRequirements | undefined {
  const quantities = (r: { readonly memoryBytes?: number; readonly nanoCpus?: number } | undefined): Record<string, string> | undefined => {
    if (r === undefined) return undefined;
    const out: Record<string, string> = {};
    if (r.nanoCpus !== undefined) out['cpu'] = `${Math.max(1, Math.round(r.nanoCpus / 1e6))}m`;
    if (r.memoryBytes !== undefined) out['memory'] = memoryQuantity(r.memoryBytes);
    return Object.keys(out).length > 0 ? out : undefined;
  };
  const limits = quantities(resources);
  const requests = quantities(resources.reservations);
  if (limits === undefined && requests === undefined) return undefined;
  return { ...(limits !== undefined && { limits }), ...(requests !== undefined && { requests }) };
}

/** Bytes in the largest binary unit that holds them whole (256m in the file is 256Mi, not 268435456). */
function memoryQuantity(bytes: number): string {
  for (const [unit, size] of [['Gi', 1024 ** 3], ['Mi', 1024 ** 2], ['Ki', 1024]] as const) if (bytes % size === 0) return `${bytes / size}${unit}`;
  return String(bytes);
}
