import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy' with { 'resolution-mode': 'import' };
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer' with { 'resolution-mode': 'import' };
import type { ServerSpec, StackSpec } from '../../stack-file/stack-spec';
import { protocolOf, type ObjectBase } from './objects';
import { Label } from '../../core/labels';

/**
 * Docker's isolation, kept: a server takes connections only from servers that share one of its
 * networks, from the gateway, and on its published ports; a server whose networks are all
 * `internal` reaches only servers on them (and the cluster's DNS). `network_mode: none` reaches
 * nothing and is reached by nothing.
 */
export function networkPolicy(
  s: ServerSpec,
  name: string,
  base: ObjectBase,
  selector: Record<string, string>,
  stack: StackSpec,
  networkLabel: (n: string) => string,
): INetworkPolicy {
  const peers: INetworkPolicyPeer[] = s.networks.map((n) => ({ podSelector: { matchLabels: { [Label.project]: stack.project, [networkLabel(n)]: 'true' } } }));
  const gateway: INetworkPolicyPeer = { podSelector: { matchLabels: { [Label.project]: stack.project, 'app.kubernetes.io/component': 'gateway' } } };
  const internal = s.networkMode === 'none' || (s.networks.length > 0 && s.networks.every((n) => stack.networks.find((x) => x.name === n)?.internal === true));
  const ingress = s.networkMode === 'none' ? [] : [{ from: [...peers, gateway] }, ...(s.ports.length > 0 ? [{ ports: s.ports.map((p) => ({ port: p.containerPort, protocol: protocolOf(p.protocol) })) }] : [])];
  const dns = { to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: 53, protocol: 'UDP' as const }, { port: 53, protocol: 'TCP' as const }] };
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, ...base, labels: { ...base.labels, ...selector } },
    spec: {
      podSelector: { matchLabels: selector },
      policyTypes: internal ? ['Ingress', 'Egress'] : ['Ingress'],
      ingress,
      ...(internal && { egress: s.networkMode === 'none' ? [] : [{ to: peers }, dns] }),
    },
  };
}
