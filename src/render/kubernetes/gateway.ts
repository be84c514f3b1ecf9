import type { ServerSpec, StackSpec } from '../../stack-file/stack-spec';
import { BRIDGE_TOKEN_FILE } from '../../recipes/bridged-image';
import { gatewayCommandArgs, ORCHESTRATOR_COMMAND, servedServers } from '../../recipes/gateway-command';
import { GATEWAY_CA_FILE, GATEWAY_INTROSPECTION_SECRET_ENV, GATEWAY_STACK_FILE, gatewayStackFile, gatewayTracesHeaderEnv } from '../../recipes/gateway-stack';
import {
  dirOf,
  K8S_BRIDGE_TOKEN_SECRET,
  K8S_GATEWAY_NAME,
  K8S_GATEWAY_PORT,
  K8S_GATEWAY_INTROSPECTION_SECRET,
  K8S_GATEWAY_STACK_CONFIG,
  K8S_GATEWAY_STACK_DIR,
  K8S_GATEWAY_TOKEN_SECRET,
  K8S_GATEWAY_TRACES_SECRET,
  restricted,
  serviceNames,
  type KubernetesObject,
  type ObjectBase,
} from './objects';
import { Label } from '../../core/labels';

/** The gateway: the orchestrator's `gateway` command over the servers' Services, with the file's filters and separator. */
export function gatewayObjects(
  stack: StackSpec,
  orchestratorImage: string,
  base: ObjectBase,
  k8sName: (server: string) => string,
  warn: (s: ServerSpec | undefined, message: string) => void,
): KubernetesObject[] {
  if (servedServers(stack).length === 0) return [];
  if (stack.gateway.control !== 'off') warn(undefined, 'gateway.control is not rendered: the gateway in Kubernetes has no engine to apply changes to');
  const { args, bridged: bridgedUpstreams } = gatewayCommandArgs(stack, K8S_GATEWAY_PORT, (s, endpoint) => `http://${k8sName(s.name)}:${endpoint.port}${endpoint.path}`);
  for (const h of [...serviceNames(K8S_GATEWAY_NAME, base.namespace), ...stack.gateway.allowedHosts]) args.push('--allowed-host', h);
  // Who is calling (gateway.auth, rules, audit, metrics): the gateway's own stack file, from a ConfigMap.
  const callers = gatewayStackFile(
    stack,
    servedServers(stack).map((s) => s.server.name),
  );
  if (callers !== undefined) args.push('--stack', `${K8S_GATEWAY_STACK_DIR}/${GATEWAY_STACK_FILE}`);
  const oauth = stack.gateway.auth !== undefined;
  const introspection = stack.gateway.auth?.introspection !== undefined;
  const volumes = [
    ...(bridgedUpstreams ? [{ name: 'mcp-orchestrator-bridge-token', secret: { secretName: K8S_BRIDGE_TOKEN_SECRET, items: [{ key: 'token', path: 'bridge-token' }] } }] : []),
    ...(callers !== undefined ? [{ name: 'mcp-orchestrator-gateway-stack', configMap: { name: K8S_GATEWAY_STACK_CONFIG } }] : []),
  ];
  const mounts = [
    ...(bridgedUpstreams ? [{ name: 'mcp-orchestrator-bridge-token', mountPath: dirOf(BRIDGE_TOKEN_FILE), readOnly: true }] : []),
    ...(callers !== undefined ? [{ name: 'mcp-orchestrator-gateway-stack', mountPath: K8S_GATEWAY_STACK_DIR, readOnly: true }] : []),
  ];
  const labels = { ...base.labels, 'app.kubernetes.io/component': 'gateway' };
  const selector = { [Label.project]: stack.project, 'app.kubernetes.io/component': 'gateway' };
  return [
    ...(callers !== undefined ? [stackConfigMap(callers, base.namespace, labels)] : []),
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: K8S_GATEWAY_NAME, namespace: base.namespace, labels },
      spec: {
        // One process holds the clients' sessions with the servers: a second replica would not know them.
        replicas: 1,
        selector: { matchLabels: selector },
        strategy: { type: 'Recreate' },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: 'gateway',
                image: orchestratorImage,
                command: [...ORCHESTRATOR_COMMAND],
                args,
                // With gateway.auth callers bring the issuer's tokens: no static token (and no Secret for one).
                env: [
                  ...(oauth ? [] : [{ name: 'MCP_ORCHESTRATOR_GATEWAY_TOKEN', valueFrom: { secretKeyRef: { name: K8S_GATEWAY_TOKEN_SECRET, key: 'token' } } }]),
                  ...(introspection ? [{ name: GATEWAY_INTROSPECTION_SECRET_ENV, valueFrom: { secretKeyRef: { name: K8S_GATEWAY_INTROSPECTION_SECRET, key: 'client-secret' } } }] : []),
                  ...Object.keys(stack.gateway.traces?.headers ?? {}).map((h) => ({ name: gatewayTracesHeaderEnv(h), valueFrom: { secretKeyRef: { name: K8S_GATEWAY_TRACES_SECRET, key: h.toLowerCase() } } })),
                ],
                ports: [{ name: 'mcp', containerPort: K8S_GATEWAY_PORT, protocol: 'TCP' }],
                readinessProbe: { tcpSocket: { port: K8S_GATEWAY_PORT }, periodSeconds: 5 },
                ...(mounts.length > 0 && { volumeMounts: mounts }),
                securityContext: restricted(),
              },
            ],
            ...(volumes.length > 0 && { volumes }),
            automountServiceAccountToken: false,
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: K8S_GATEWAY_NAME, namespace: base.namespace, labels },
      spec: { type: 'ClusterIP', selector, ports: [{ name: 'mcp', port: K8S_GATEWAY_PORT, targetPort: K8S_GATEWAY_PORT, protocol: 'TCP' }] },
    },
  ];
}

/** The gateway's own stack file (and the CA its issuer needs) as a ConfigMap: nothing in it is secret. */
function stackConfigMap(callers: { text: string; caPem?: string }, namespace: string, labels: Record<string, string>): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: K8S_GATEWAY_STACK_CONFIG, namespace, labels },
    data: { [GATEWAY_STACK_FILE]: callers.text, ...(callers.caPem !== undefined && { [GATEWAY_CA_FILE]: callers.caPem }) },
  };
}
