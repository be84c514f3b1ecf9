import * as fs from 'node:fs';
import * as path from 'node:path';
import { mapServerJson, stackName, type ServerJson } from '../../src/registry/server-json';

const recorded = (name: string): ServerJson => JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'registry', `${name}.json`), 'utf8')) as ServerJson;

/** Registry entries (recorded server.json documents) as stack file servers. */
describe('server.json to a stack file server', () => {
  it('npm: npx at the exact version, stdio', () => {
    expect(mapServerJson(recorded('server-memory'))).toEqual({
      name: 'memory',
      definition: { npx: '@modelcontextprotocol/server-memory@2026.8.31' },
      source: 'npm @modelcontextprotocol/server-memory@2026.8.31',
      variables: [],
      secrets: [],
      notes: [],
    });
  });

  it('pypi: uvx at the exact version', () => {
    expect(mapServerJson(recorded('server-fetch')).definition).toEqual({ uvx: 'mcp-server-fetch==0.6.3' });
  });

  it('a required positional argument is a required variable, said to repeat', () => {
    const m = mapServerJson(recorded('server-filesystem'));
    expect(m.definition).toEqual({ npx: '@modelcontextprotocol/server-filesystem@0.6.3', args: ['${ALLOWED_DIRECTORY:?ALLOWED_DIRECTORY is required: An absolute path the server is allowed to access. Pass one or more.}'] });
    expect(m.variables).toEqual(['ALLOWED_DIRECTORY']);
    expect(m.notes).toEqual(['argument allowed_directory may be given more than once: repeat it in args as you need']);
  });

  it("oci: the image as published; docker run's -e is env with the secret as a required variable; -i, --rm and the image are the orchestrator's", () => {
    const m = mapServerJson(recorded('github-mcp-server'));
    expect(m).toMatchObject({
      name: 'github',
      definition: { image: 'ghcr.io/github/github-mcp-server:0.24.0', env: { GITHUB_PERSONAL_ACCESS_TOKEN: '${TOKEN:?TOKEN is required}' } },
      secrets: ['TOKEN'],
      notes: [],
    });
  });

  it('a remote: the Streamable HTTP one first, header templates and defaults as variables; sse when asked for that one alone', () => {
    const m = mapServerJson(recorded('hybrid-remote'), 'remote');
    expect(m.definition).toEqual({ url: 'https://mcp.anonymous.modelcontextprotocol.io/http', headers: { Authorization: 'Bearer ${API_KEY:?API_KEY is required: API key for authentication}' } });
    expect(m.secrets).toEqual(['API_KEY']);
    const sseOnly = mapServerJson({ ...recorded('hybrid-remote'), remotes: recorded('hybrid-remote').remotes?.filter((r) => r.type === 'sse') }, 'remote');
    expect(sseOnly.definition).toEqual({
      url: 'https://mcp.anonymous.modelcontextprotocol.io/sse',
      transport: 'sse',
      headers: { 'X-API-Key': '${X_API_KEY:?X_API_KEY is required: API key for authentication}', 'X-Region': '${X_REGION:-us-east-1}' },
    });
    // Its package by default: a named argument with a default.
    expect(mapServerJson(recorded('hybrid-remote')).definition).toEqual({ npx: '@example/hybrid-mcp-server@1.5.0', args: ['--mode', '${MODE:-local}'] });
  });

  it('names: the last segment without the usual server/mcp affixes; what cannot be added says why', () => {
    expect(['io.github.github/github-mcp-server', 'io.github.x/mcp-server-sqlite', 'com.example/Weird Name!', 'io.x/mcp'].map(stackName)).toEqual(['github', 'sqlite', 'weird-name', 'mcp']);
    expect(() => mapServerJson({ name: 'io.x/y', packages: [{ registryType: 'nuget', identifier: 'Y' }] })).toThrow('io.x/y offers nuget; neither an npm, pypi or oci package nor a Streamable HTTP or SSE remote to add');
    expect(() => mapServerJson(recorded('server-memory'), 'remote')).toThrow('offers npm; no Streamable HTTP or SSE remote to add');
    expect(() => mapServerJson({ name: 'io.x/y', remotes: [{ type: 'streamable-http', url: 'https://{tenant}.example.com/mcp' }] })).toThrow(/placeholders/);
    // A literal $ in a published value stays literal in the file.
    expect(mapServerJson({ name: 'io.x/y', packages: [{ registryType: 'npm', identifier: 'y', version: '1.0.0', packageArguments: [{ type: 'positional', value: 'cost$5' }] }] }).definition['args']).toEqual(['cost$$5']);
  });
});
