// The engine floor: the Engine API calls a stack needs, issued straight over the socket with
// node's http (no client library, no planning), sequentially or with a bounded pool.
'use strict';
const http = require('node:http');

const SOCKET = (process.env.DOCKER_HOST || 'unix:///var/run/docker.sock').replace(/^unix:\/\//, '');
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function call(method, path, body) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      { socketPath: SOCKET, agent, method, path, headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {} },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          if (res.statusCode >= 400) reject(new Error(`${method} ${path}: ${res.statusCode} ${text.trim()}`));
          else resolve(text ? JSON.parse(text) : undefined);
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Runs fn over items with at most n at once. */
async function pool(items, n, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}

const q = encodeURIComponent;

/** The create body of one benchmark server: what the orchestrator and the compose file ask for too. */
function createBody(project, network, server) {
  return {
    Image: server.image,
    Cmd: server.command,
    Env: Object.entries(server.env).map(([k, v]) => `${k}=${v}`),
    Labels: { [PROJECT_LABEL]: project, 'io.mcp-orchestrator.bench': 'floor' },
    OpenStdin: true,
    HostConfig: { Init: true, NetworkMode: network },
    NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: [server.name] } } },
  };
}

const containerName = (project, server) => `${project}-${server.name}`;

async function createAndStart(project, network, server) {
  const { Id } = await call('POST', `/containers/create?name=${q(containerName(project, server))}`, createBody(project, network, server));
  await call('POST', `/containers/${Id}/start`);
}

/** Cold: network, then every container created and started, `parallel` at a time. */
async function up(project, servers, parallel) {
  const network = `${project}-default`;
  await call('POST', '/networks/create', { Name: network, CheckDuplicate: true, Labels: { [PROJECT_LABEL]: project } });
  await pool(servers, parallel, (s) => createAndStart(project, network, s));
}

const PROJECT_LABEL = 'io.mcp-orchestrator.project';
const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';
const labelled = (key, project) => q(JSON.stringify({ label: [`${key}=${project}`] }));

/** A project's containers, as one filtered list (by the orchestrator's label, or Compose's). */
function listContainers(project, key = PROJECT_LABEL) {
  return call('GET', `/containers/json?all=1&filters=${labelled(key, project)}`);
}

/** What a tool must at least ask to know nothing changed: one filtered list. */
const listProject = (project) => listContainers(project);

/** The engine's own recreate of one container: stop, remove, create, start. */
async function recreate(project, server) {
  const name = containerName(project, server);
  await call('POST', `/containers/${q(name)}/stop`);
  await call('DELETE', `/containers/${q(name)}`);
  await createAndStart(project, `${project}-default`, server);
}

/** Down: every container stopped and removed, `parallel` at a time, then the network. */
async function down(project, parallel) {
  const containers = await listProject(project);
  await pool(containers, parallel, async (c) => {
    await call('POST', `/containers/${c.Id}/stop`);
    await call('DELETE', `/containers/${c.Id}`);
  });
  await call('DELETE', `/networks/${q(`${project}-default`)}`);
}

/** Untimed clean-up between runs: everything labelled with the project (by either tool), force-removed. */
async function purge(project) {
  for (const key of [PROJECT_LABEL, COMPOSE_PROJECT_LABEL]) {
    await pool(await listContainers(project, key), 16, (c) => call('DELETE', `/containers/${c.Id}?force=1`).catch(() => {}));
    for (const n of await call('GET', `/networks?filters=${labelled(key, project)}`)) await call('DELETE', `/networks/${n.Id}`).catch(() => {});
  }
}

module.exports = { SOCKET, PROJECT_LABEL, COMPOSE_PROJECT_LABEL, call, pool, up, listContainers, listProject, recreate, down, purge, containerName };
