import { stringify } from 'yaml';
import type { SecretToCreate } from './manifests';
import { K8S_GATEWAY_NAME, K8S_GATEWAY_PORT, K8S_GATEWAY_STACK_CONFIG, K8S_GATEWAY_TOKEN_SECRET, type KubernetesObject } from './objects';

/** The kubectl command that creates a Secret the manifests name; values stay in the user's shell and files. */
export function createSecretCommand(namespace: string, secret: SecretToCreate): string {
  return `kubectl -n ${namespace} create secret generic ${secret.name} ${Object.values(secret.keys).join(' ')}`;
}

/**
 * The manifests as one multi-document YAML file, with a header that says what made it and which
 * Secrets to create first. No timestamps: the same stack renders byte-identical files, so a
 * committed rendering shows in review exactly what changed.
 */
export function kubernetesYaml(
  rendered: { readonly namespace: string; readonly objects: readonly KubernetesObject[]; readonly secrets: readonly SecretToCreate[] },
  made: { readonly project: string; readonly file: string; readonly version: string },
): string {
  const create = rendered.secrets.map((x) => createSecretCommand(rendered.namespace, x));
  const gateway = rendered.objects.some((o) => o.kind === 'Service' && o.metadata?.name === K8S_GATEWAY_NAME);
  const header = [
    `# Kubernetes manifests for project ${made.project}, rendered by mcp-orchestrator ${made.version} from ${made.file}.`,
    '# Apply: kubectl apply -f <this file>',
    ...(gateway
      ? [
          `# The gateway: http://${K8S_GATEWAY_NAME}.${rendered.namespace}.svc:${K8S_GATEWAY_PORT}/mcp, ${rendered.objects.some((o) => o.metadata?.name === K8S_GATEWAY_STACK_CONFIG) && !rendered.secrets.some((x) => x.name === K8S_GATEWAY_TOKEN_SECRET) ? "callers' tokens from the issuer its stack file names (gateway.auth)" : `bearer token in Secret ${K8S_GATEWAY_TOKEN_SECRET}`}.`,
        ]
      : []),
    ...(create.length > 0 ? ['# Secrets these manifests refer to, which you create first (no secret value is written here):', ...create.map((c) => `#   ${c}`)] : []),
  ];
  // Shared objects are written out in full: anchors and aliases would only puzzle a reviewer.
  return `${header.join('\n')}\n${rendered.objects.map((o) => `---\n${stringify(o, { lineWidth: 0, aliasDuplicateObjects: false })}`).join('')}`;
}
