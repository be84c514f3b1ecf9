import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment' with { 'resolution-mode': 'import' };
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy' with { 'resolution-mode': 'import' };
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap' with { 'resolution-mode': 'import' };
import type { INamespace } from 'kubernetes-models/v1/Namespace' with { 'resolution-mode': 'import' };
import type { IPersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim' with { 'resolution-mode': 'import' };
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext' with { 'resolution-mode': 'import' };
import type { IService } from 'kubernetes-models/v1/Service' with { 'resolution-mode': 'import' };
import { GATEWAY_SERVICE_NAME } from '../../stack-file/stack-spec';
import { UNPRIVILEGED_UID } from '../../recipes/gateway-command';

/** What the rendered manifests are made of: the names, constants and small pieces every part shares. */
export type KubernetesObject = INamespace | IConfigMap | IPersistentVolumeClaim | IDeployment | IService | INetworkPolicy;

/** The namespace and labels every object of the project carries. */
export interface ObjectBase {
  readonly namespace: string;
  readonly labels: Record<string, string>;
}

/** Where the gateway listens in its pod, and the name of its Deployment and Service (as Swarm's gateway service is named). */
export const K8S_GATEWAY_PORT = 8808;
export const K8S_GATEWAY_NAME = GATEWAY_SERVICE_NAME;
/** Secrets the manifests refer to and the user creates (never rendered: their values stay out of the output). */
export const K8S_BRIDGE_TOKEN_SECRET = 'mcp-orchestrator-bridge-token';
export const K8S_GATEWAY_TOKEN_SECRET = 'mcp-orchestrator-gateway-token';
/** The gateway's own stack file (who is calling), and where its pod mounts it. */
export const K8S_GATEWAY_STACK_CONFIG = 'mcp-orchestrator-gateway-stack';
export const K8S_GATEWAY_STACK_DIR = '/etc/mcp-orchestrator/gateway';
/** The gateway's client secret at the issuer's introspection endpoint. */
export const K8S_GATEWAY_INTROSPECTION_SECRET = 'mcp-orchestrator-gateway-introspection';
/** The headers the gateway sends its trace collector (its credentials), a key per header. */
export const K8S_GATEWAY_TRACES_SECRET = 'mcp-orchestrator-gateway-traces';

/** The names a Service is reached by in the cluster's DNS. */
export function serviceNames(service: string, namespace: string): string[] {
  return [service, `${service}.${namespace}`, `${service}.${namespace}.svc`, `${service}.${namespace}.svc.cluster.local`];
}

/** The orchestrator's own containers: unprivileged, nothing written outside their volumes. */
export function restricted(): ISecurityContext {
  return { runAsNonRoot: true, runAsUser: UNPRIVILEGED_UID, runAsGroup: UNPRIVILEGED_UID, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } };
}

export function protocolOf(protocol: 'tcp' | 'udp'): 'TCP' | 'UDP' {
  return protocol === 'tcp' ? 'TCP' : 'UDP';
}

export function dirOf(file: string): string {
  return file.slice(0, file.lastIndexOf('/'));
}
