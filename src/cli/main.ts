import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_STACK_FILE } from '../stack-file/load-stack';
import { ExitCode, type ExitCodeValue } from './exit-codes';
import { processOutput, type Output } from './output';
import { OrchestratorError, SpecError } from '../errors';
import { VERSION } from '../version';
import type { Backend } from '../stack-file/stack-spec';

/** Where `logs` writes the container's own output; injected for tests. */
export interface Sinks {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** What `attach` reads; the process's stdin by default. */
  readonly stdin?: NodeJS.ReadableStream;
}

/**
 * The composition root: parses the command line, builds what a command needs, runs it and turns
 * its result or its error into an exit code. Command modules are loaded on demand so that a
 * command pays only for the modules it uses.
 */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: Output,
  sinks: Sinks = { stdout: process.stdout, stderr: process.stderr },
  /** Called by a long-running command (watch): resolves when it should stop. Other commands keep the default signal behaviour. */
  stopSignal: () => Promise<void> = () => new Promise(() => undefined),
): Promise<ExitCodeValue> {
  let code: ExitCodeValue = ExitCode.OK;
  const program = new Command('mcp-orchestrator')
    .description('Declarative orchestrator for MCP servers in Docker containers')
    .version(version(), '-V, --version')
    .option('-H, --host <url>', 'Docker engine: unix:///path, tcp://host:port or ssh://user@host (default: DOCKER_HOST, then /var/run/docker.sock)')
    .addOption(new Option('--backend <backend>', "where servers run, overriding the file's backend: (needed with -p)").choices(['containers', 'swarm']))
    .option('--host-project-dir <dir>', "where the stack file's directory is on the engine's host (when running in a container); detected from this container's mounts by default")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showSuggestionAfterError(true);

  const fileOption = (): Option => new Option('-f, --file <file>', 'stack file').default(DEFAULT_STACK_FILE);
  const projectOption = (): Option => new Option('-p, --project <name>', 'act on this project without reading a stack file');
  const parallelOption = (): Option => new Option('--parallel <n>', 'engine operations at once').argParser(positiveInt).default(4);
  const lockTimeoutOption = (): Option =>
    new Option('--lock-timeout <seconds>', 'wait this long for another apply or watch to finish with the project').argParser(positiveInt).default(300);
  const host = (): { host?: string; hostProjectDir?: string; backend?: Backend } => {
    const o = program.opts<{ host?: string; hostProjectDir?: string; backend?: Backend }>();
    return {
      ...(o.host !== undefined && { host: o.host }),
      ...(o.hostProjectDir !== undefined && { hostProjectDir: o.hostProjectDir }),
      ...(o.backend !== undefined && { backend: o.backend }),
    };
  };

  // Each command requires its module when it runs, so a command loads only what it uses (the MCP
  // SDK, winston and chokidar stay out of apply's start-up). Literal require()s, not import(): the
  // build bundles them into dist/cli/main.bundle.js, and import() would load them as ESM.
  /* eslint-disable @typescript-eslint/no-require-imports */
  program
    .command('validate')
    .description('check a stack file; print FILE:LINE:COL: message for each problem')
    .addOption(fileOption())
    .option('--json', 'machine-readable result')
    .action((opts: { file: string; json?: boolean }) => {
      code = (require('./commands/validate') as typeof import('./commands/validate')).runValidate(opts, env, io);
    });

  program
    .command('plan')
    .description('show what apply would change, like terraform plan')
    .addOption(fileOption())
    .option('--json', 'machine-readable plan')
    .option('--detailed-exitcode', 'exit 0 when nothing would change, 2 when something would')
    .option('--no-prune', 'keep containers of servers no longer in the file')
    .action(async (opts: { file: string; json?: boolean; detailedExitcode?: boolean; prune: boolean }) => {
      code = await (require('./commands/plan') as typeof import('./commands/plan')).runPlan({ ...opts, ...host() }, env, io);
    });

  program
    .command('apply')
    .description('make the engine match the stack file')
    .addOption(fileOption())
    .option('--json', 'machine-readable results')
    .option('--dry-run', 'print the plan and change nothing')
    .addOption(parallelOption())
    .option('--no-prune', 'keep containers of servers no longer in the file')
    .option('--build', 'rebuild build: images before planning')
    .addOption(lockTimeoutOption())
    .option('--wait', 'wait until every server is up: running and settled, not restarting; MCP servers answering initialize')
    .addOption(new Option('--wait-timeout <seconds>', 'how long --wait waits').argParser(positiveInt).default(60))
    .option('--locked', 'roll out no server whose image, package version or tools differ from the lockfile, and leave the lockfile as it is (CI)')
    .action(async (opts: { file: string; json?: boolean; dryRun?: boolean; parallel: number; prune: boolean; build?: boolean; lockTimeout: number; wait?: boolean; waitTimeout: number; locked?: boolean }) => {
      code = await (require('./commands/apply') as typeof import('./commands/apply')).runApply({ ...opts, ...host(), version: version() }, env, io);
    });

  program
    .command('test')
    .description('speak MCP to each server (initialize, tools/list, prompts/list, resources/list) and report what it offers')
    .argument('[servers...]', 'servers to test (default: all)')
    .addOption(fileOption())
    .option('--json', 'machine-readable results')
    .addOption(new Option('--timeout <seconds>', 'time each server gets to answer').argParser(positiveInt).default(30))
    .option('--url <url>', "test the remote server at this URL instead of the file's servers (the gateway's own client: outbound rules, OAuth)")
    .addOption(new Option('--transport <transport>', 'with --url: Streamable HTTP, or the legacy HTTP+SSE').choices(['http', 'sse']).default('http'))
    .addOption(new Option('--allow <what>', 'with --url: allow private_urls (loopback and private addresses)').choices(['private_urls']))
    .option('--call <tool>', 'with --url: call this tool after listing (again for more calls)', collect, [])
    .option('--arguments <json>', 'the arguments of the --call in the same place, a JSON object (again for each call)', collect, [])
    .option('--login', 'with --url: log in where the server asks for it (prints a URL to open; the browser comes back to a loopback port, or paste where it ended)')
    .option('--headless', 'with --login: follow the authorization redirects without a browser (authorization servers that approve without a user)')
    .addOption(new Option('--grant <grant>', 'with --url: OAuth grant').choices(['authorization_code', 'client_credentials']).default('authorization_code'))
    .option('--client-id <id>', 'with --url: a pre-registered OAuth client')
    .option('--client-secret-env <variable>', 'with --client-id: the variable holding its secret')
    .option('--private-key-file <file>', 'with --client-id: authenticate with a signed JWT (private_key_jwt) made with this PEM key')
    .option('--signing-alg <alg>', 'with --private-key-file: its algorithm', 'RS256')
    .option('--client-metadata-url <url>', 'with --url: the https URL of this client\'s metadata document (its client ID where the server takes them)')
    .option('--scope <scope>', 'with --url: OAuth scopes to ask for')
    .option('--ca-file <file>', 'with --url: also trust this CA (PEM)')
    .action(async (servers: string[], opts: import('./commands/test-url').TestUrlOptions & { file: string; json?: boolean; timeout: number }) => {
      if (opts.url !== undefined) {
        if (servers.length > 0) throw new OrchestratorError('USAGE', 'test --url tests one server, not the file\'s: leave out the server names');
        code = await (require('./commands/test-url') as typeof import('./commands/test-url')).runTestUrl(opts, env, io, version(), sinks.stdin);
        return;
      }
      code = await (require('./commands/test') as typeof import('./commands/test')).runTest(servers, { ...opts, ...host() }, env, io, version());
    });

  program
    .command('add')
    .description("add a server from the official MCP registry (or a server.json) to the stack file, as a reviewed edit shown as a diff")
    .argument('[name]', 'registry name, NAME or NAME@VERSION (io.github.owner/server, or a short name the registry knows once)')
    .addOption(fileOption())
    .option('--registry <url>', 'a registry serving the v0 API (default: the official registry)')
    .option('--from <server.json>', 'a server.json file instead of the registry')
    .option('--as <name>', "the server's name in the stack file (default: from the registry name)")
    .option('--remote', "use the entry's remote endpoint (a url: server) rather than its package")
    .option('--package', "use the entry's package (npm, pypi, oci) rather than its remote")
    .option('--dry-run', 'show the diff, write nothing')
    .action(async (name: string | undefined, opts: import('./commands/add').AddOptions) => {
      code = await (require('./commands/add') as typeof import('./commands/add')).runAdd(name, opts, env, io);
    });

  const authz = program.command('authz').description("gateway.rules, offline: what a caller may use");
  authz
    .command('check')
    .description("the decision gateway.rules make for a caller (a token's claims) on a tool, prompt or resource, and the rule that made it; exit 0 allowed, 1 denied")
    .argument('<target>', '<server>__<tool> (or __<prompt> with --kind prompt), or a resource URI with --kind resource --server S')
    .addOption(fileOption())
    .requiredOption('--as <claims>', "the caller's claims, a JSON object: sub, groups, roles, client_id, scope")
    .addOption(new Option('--kind <kind>', 'what the target is').choices(['tool', 'prompt', 'resource']).default('tool'))
    .option('--server <server>', "a resource's server")
    .option('--json', 'machine-readable')
    .action((target: string, opts: import('./commands/authz').AuthzOptions) => {
      code = (require('./commands/authz') as typeof import('./commands/authz')).runAuthzCheck(target, opts, env, io);
    });

  const auth = program.command('auth').description("OAuth to remote servers (url:): log in once, see what is stored, log out; tokens live in the user's store, never in a file of the project");
  auth
    .command('login')
    .description('authorize the orchestrator to a remote server: prints a URL to open (the browser comes back to a loopback port, or paste the address it ended on)')
    .argument('<server>', 'a remote server of the stack file')
    .addOption(fileOption())
    .option('--headless', 'follow the authorization redirects without a browser (authorization servers that approve without a user)')
    .addOption(new Option('--timeout <seconds>', 'time the server gets to answer').argParser(positiveInt).default(30))
    .action(async (server: string, opts: { file: string; headless?: boolean; timeout: number }) => {
      code = await (require('./commands/auth') as typeof import('./commands/auth')).runAuthLogin(server, opts, env, io, version(), sinks.stdin ?? process.stdin);
    });
  auth
    .command('status')
    .description("what the token store holds for the file's remote servers (and any other): issuer, state, scopes; never a token")
    .addOption(fileOption())
    .option('--json', 'machine-readable')
    .action((opts: { file: string; json?: boolean }) => {
      code = (require('./commands/auth') as typeof import('./commands/auth')).runAuthStatus({ ...opts, timeout: 0 }, env, io);
    });
  auth
    .command('logout')
    .description("forget a remote server's tokens and registered client")
    .argument('<server>', 'a remote server of the stack file, or its URL')
    .addOption(fileOption())
    .action((server: string, opts: { file: string }) => {
      code = (require('./commands/auth') as typeof import('./commands/auth')).runAuthLogout(server, { ...opts, timeout: 0 }, env, io);
    });

  auth
    .command('set')
    .description("give a shared gateway your own value of a per-user server's ${user:NAME} (a personal credential), read from stdin, kept by the gateway for you alone")
    .argument('<server>', 'a server with sessions: per_user whose env reads ${user:NAME}')
    .argument('<name>', 'the NAME of ${user:NAME}')
    .option('--gateway <url>', "the gateway's address", 'http://127.0.0.1:8808')
    .option('--token-env <name>', 'the variable holding your access token for the gateway', 'MCP_ORCHESTRATOR_GATEWAY_TOKEN')
    .action(async (server: string, name: string, opts: { gateway: string; tokenEnv: string }) => {
      code = await (require('./commands/auth-set') as typeof import('./commands/auth-set')).runAuthSet(server, name, opts, env, io, sinks.stdin ?? process.stdin);
    });
  auth
    .command('unset')
    .description('the gateway forgets your value of ${user:NAME} for a server')
    .argument('<server>')
    .argument('<name>')
    .option('--gateway <url>', "the gateway's address", 'http://127.0.0.1:8808')
    .option('--token-env <name>', 'the variable holding your access token for the gateway', 'MCP_ORCHESTRATOR_GATEWAY_TOKEN')
    .action(async (server: string, name: string, opts: { gateway: string; tokenEnv: string }) => {
      code = await (require('./commands/auth-set') as typeof import('./commands/auth-set')).runAuthUnset(server, name, opts, env, io);
    });

  program
    .command('lock')
    .description('ask every server for its tools and write the lockfile (mcp-stack.lock) with what each resolves to')
    .addOption(fileOption())
    .option('--json', 'machine-readable results')
    .option('--check', 'write nothing: say how the lockfile differs, exit 1 when it does')
    .addOption(new Option('--timeout <seconds>', 'time each server gets to answer').argParser(positiveInt).default(30))
    .action(async (opts: { file: string; json?: boolean; check?: boolean; timeout: number }) => {
      code = await (require('./commands/lock') as typeof import('./commands/lock')).runLock({ ...opts, ...host() }, env, io, version());
    });

  program
    .command('import')
    .description('write a stack file from a Claude Desktop, Cursor or VS Code MCP config')
    .argument('<config>', 'claude_desktop_config.json, .cursor/mcp.json or .vscode/mcp.json')
    .option('-o, --output <file>', 'stack file to write', DEFAULT_STACK_FILE)
    .option('--force', 'replace the output file if it exists')
    .option('--project <name>', 'project name (default: the output directory name)')
    .action((config: string, opts: { output: string; force?: boolean; project?: string }) => {
      code = (require('./commands/import') as typeof import('./commands/import')).runImport(config, opts, env, io);
    });

  program
    .command('attach')
    .description("connect this process's stdin/stdout to a running stdio server, or to every server through a running serve (for an MCP client's config)")
    .argument('[server]', 'server name; without it, the gateway of the running serve (/mcp)')
    .addOption(fileOption())
    .addOption(projectOption())
    .action(async (server: string | undefined, opts: { file: string; project?: string }) => {
      code = await (require('./commands/attach') as typeof import('./commands/attach')).runAttach(server, { ...opts, ...host() }, env, io, {
        stdin: sinks.stdin ?? process.stdin,
        stdout: sinks.stdout,
      });
    });

  for (const [name, what] of [
    ['connect', "write the client's entry for this stack's gateway into its config file (merged, backed up; --check, --dry-run)"],
    ['disconnect', 'remove the entries connect wrote for this stack from the client\'s config file'],
  ] as const) {
    program
      .command(name)
      .description(what)
      .argument('<client>', 'claude-code, claude-desktop, cursor, vscode, windsurf, codex or gemini')
      .addOption(fileOption())
      .addOption(new Option('--scope <scope>', "project (files in the stack's directory) or user (in your home); default: the client's project scope when it has one").choices(['project', 'user']))
      .option('--per-server', 'one entry per server (/servers/<server>/mcp) instead of one for every server (/mcp)')
      .option('--name <name>', 'name of the entry (default: the project name)')
      .option('--dry-run', 'print the change as a diff; write nothing')
      .option('--check', name === 'connect' ? 'exit 1 when the entry is missing or stale (another port, token variable or project), saying which' : 'unused')
      .option('--force', name === 'connect' ? 'replace an entry of that name that connect did not write (its text stays in the backup)' : 'unused')
      .action(async (client: string, opts: { file: string; scope?: 'project' | 'user'; perServer?: boolean; name?: string; dryRun?: boolean; check?: boolean; force?: boolean }) => {
        const commands = require('./commands/connect') as typeof import('./commands/connect');
        const run = name === 'connect' ? commands.runConnect : commands.runDisconnect;
        code = await run(client, opts, env, io, { cli: cliPath() });
      });
  }

  program
    .command('watch')
    .description('keep the engine converged to the stack file: hot reload, drift repair; Ctrl-C leaves the servers running')
    .addOption(fileOption())
    .addOption(new Option('--debounce <ms>', 'quiet time that coalesces a burst of changes').argParser(positiveInt).default(150))
    .addOption(new Option('--resync <seconds>', 'periodic full resync, the safety net for missed engine events').argParser(positiveInt).default(30))
    .addOption(parallelOption())
    .option('--no-prune', 'keep containers of servers no longer in the file')
    .option('--down-on-exit', 'remove the servers when watch stops')
    .addOption(new Option('--log-format <format>', 'text lines, or JSON lines for machines').choices(['text', 'json']).default('text'))
    .addOption(new Option('--log-level <level>', 'least important level logged').choices(['error', 'warn', 'info', 'debug']).default('info'))
    .action(async (opts: { file: string; debounce: number; resync: number; parallel: number; prune: boolean; downOnExit?: boolean; logFormat: 'text' | 'json'; logLevel: string }) => {
      code = await (require('./commands/watch') as typeof import('./commands/watch')).runWatch({ ...opts, ...host() }, env, sinks.stderr, stopSignal());
    });

  program
    .command('serve')
    .description('watch, and serve every server of the stack to MCP clients on one HTTP endpoint (/mcp, /servers/<s>/mcp, /healthz)')
    .addOption(fileOption())
    .option('--listen <host:port>', "where the gateway listens (default: the file's gateway.listen, else 127.0.0.1:8808)")
    .addOption(new Option('--debounce <ms>', 'quiet time that coalesces a burst of changes').argParser(positiveInt).default(150))
    .addOption(new Option('--resync <seconds>', 'periodic full resync, the safety net for missed engine events').argParser(positiveInt).default(30))
    .addOption(parallelOption())
    .option('--no-prune', 'keep containers of servers no longer in the file')
    .option('--no-apply', 'serve only: follow the servers the engine runs and change nothing (another process or CI applies)')
    .addOption(new Option('--log-format <format>', 'text lines, or JSON lines for machines').choices(['text', 'json']).default('text'))
    .addOption(new Option('--log-level <level>', 'least important level logged').choices(['error', 'warn', 'info', 'debug']).default('info'))
    .action(async (opts: { file: string; listen?: string; debounce: number; resync: number; parallel: number; prune: boolean; apply: boolean; logFormat: 'text' | 'json'; logLevel: string }) => {
      code = await (require('./commands/serve') as typeof import('./commands/serve')).runServe({ ...opts, ...host(), version: version() }, env, io, sinks.stderr, stopSignal());
    });

  program
    .command('bridge')
    .description('serve one stdio MCP server process over Streamable HTTP (both protocol eras, any number of clients): bridge -- COMMAND [ARGS...]')
    .argument('<command...>', 'the stdio server to run (after --)')
    .option('--listen <host:port>', 'where to listen', '127.0.0.1:8811')
    .option('--name <name>', 'what the server is called in health and logs', 'server')
    .option('--token-env <var>', 'the variable holding the bearer token clients must send (required off loopback)', 'MCP_ORCHESTRATOR_GATEWAY_TOKEN')
    .option('--token-file <path>', 'a file holding that token instead (wins over --token-env)')
    .option('--allowed-host <host>', 'a host name clients may reach the bridge by, besides its addresses (repeat for each)', collect, [])
    .addOption(new Option('--log-format <format>', 'text lines, or JSON lines for machines').choices(['text', 'json']).default('text'))
    .addOption(new Option('--log-level <level>', 'least important level logged').choices(['error', 'warn', 'info', 'debug']).default('info'))
    .action(async (command: string[], opts: { listen: string; name: string; tokenEnv: string; tokenFile?: string; allowedHost: string[]; logFormat: 'text' | 'json'; logLevel: string }) => {
      code = await (require('./commands/bridge') as typeof import('./commands/bridge')).runBridge(command, { ...opts, version: version() }, env, sinks.stderr, stopSignal());
    });

  program
    .command('gateway')
    .description('serve MCP servers at fixed URLs behind one endpoint, with no engine to follow (what render kubernetes runs)')
    .option('--listen <host:port>', 'where to listen', '127.0.0.1:8808')
    .option('--upstream <name=url>', 'a server and where it answers (repeat for each)', collect, [])
    .option('--upstream-token-file <name=file>', "a file holding the bearer token that server wants (a bridge's)", collect, [])
    .option('--allow-tools <name=tools>', "only these of that server's tools (comma-separated)", collect, [])
    .option('--deny-tools <name=tools>', "not these of that server's tools (comma-separated)", collect, [])
    .option('--allowed-host <host>', 'a host name clients may reach the gateway by (repeat for each)', collect, [])
    .option('--separator <text>', 'between server and tool in /mcp names', '__')
    .option('--token-env <var>', 'the variable holding the bearer token clients must send (required off loopback)', 'MCP_ORCHESTRATOR_GATEWAY_TOKEN')
    .option('--token-file <path>', 'a file holding that token instead (wins over --token-env)')
    .option('--resolve-upstreams', "resolve each upstream's host name when a session opens and keep the session on that address (a name with many replicas' addresses, as Swarm's tasks.<service>)")
    .option('--stack <file>', "run with this stack file's gateway.auth, rules, audit and metrics (who is calling), instead of the static token")
    .addOption(new Option('--log-format <format>', 'text lines, or JSON lines for machines').choices(['text', 'json']).default('text'))
    .addOption(new Option('--log-level <level>', 'least important level logged').choices(['error', 'warn', 'info', 'debug']).default('info'))
    .action(async (opts: Omit<import('./commands/gateway').GatewayCommandOptions, 'version'>) => {
      code = await (require('./commands/gateway') as typeof import('./commands/gateway')).runGateway({ ...opts, version: version() }, env, sinks.stderr, stopSignal());
    });

  program
    .command('bridge-runtime')
    .description("copy the bridge and the runtime it runs on into DIR/mcp-orchestrator (a Kubernetes pod's init container does this)")
    .argument('<dir>', 'where to write')
    .action((dir: string) => {
      code = (require('./commands/bridge-runtime') as typeof import('./commands/bridge-runtime')).runBridgeRuntime(dir, io);
    });

  program
    .command('render')
    .description('write the stack as manifests for another platform: render kubernetes')
    .addArgument(new Argument('<platform>', 'what to render for').choices(['kubernetes']))
    .addOption(fileOption())
    .option('-o, --output <file>', 'write here instead of standard output')
    .option('--namespace <name>', "the namespace of every object (default: the project's name)")
    .option('--orchestrator-image <ref>', "the orchestrator's image, for the gateway and the stdio servers' bridge (default: mcp-orchestrator:VERSION in the file's registry)")
    .option('--push', "build (where missing) and push the images the orchestrator builds to the file's registry:, and run them by digest")
    .option('--build', 'with --push: build those images again first')
    .action(async (_platform: string, opts: { file: string; output?: string; namespace?: string; orchestratorImage?: string; push?: boolean; build?: boolean }) => {
      code = await (require('./commands/render') as typeof import('./commands/render')).runRenderKubernetes({ ...opts, ...host(), version: version() }, env, io);
    });

  program
    .command('down')
    .description("remove the project's containers and networks (and volumes with --volumes)")
    .addOption(fileOption())
    .addOption(projectOption())
    .option('--volumes', "also remove the project's volumes: their data is lost")
    .option('--json', 'machine-readable results')
    .addOption(parallelOption())
    .addOption(lockTimeoutOption())
    .action(async (opts: { file: string; project?: string; volumes?: boolean; json?: boolean; parallel: number; lockTimeout: number }) => {
      code = await (require('./commands/down') as typeof import('./commands/down')).runDown({ ...opts, ...host() }, env, io);
    });

  program
    .command('ps')
    .description('one row per server: container, state, image, and whether it matches the file')
    .addOption(fileOption())
    .addOption(projectOption())
    .option('--json', 'machine-readable rows')
    .action(async (opts: { file: string; project?: string; json?: boolean }) => {
      code = await (require('./commands/ps') as typeof import('./commands/ps')).runPs({ ...opts, ...host() }, env, io);
    });

  program
    .command('logs')
    .description("a server's output")
    .argument('<server>', 'server name')
    .addOption(fileOption())
    .addOption(projectOption())
    .option('--follow', 'keep printing new output')
    .addOption(new Option('--tail <n>', 'only the last n lines').argParser(positiveInt))
    .option('--timestamps', 'prefix each line with its time')
    .action(async (server: string, opts: { file: string; project?: string; follow?: boolean; tail?: number; timestamps?: boolean }) => {
      code = await (require('./commands/logs') as typeof import('./commands/logs')).runLogs(server, { ...opts, ...host() }, env, io, sinks);
    });
  /* eslint-enable @typescript-eslint/no-require-imports */

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    return exitCodeFor(err, io);
  }
  return code;
}

/** Expected failures print their message and map to an exit code; anything else is a bug and is rethrown. */
function exitCodeFor(err: unknown, io: Output): ExitCodeValue {
  if (err instanceof CommanderError) return err.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
  if (err instanceof SpecError) {
    io.err(err.message);
    const errors = err.diagnostics.filter((d) => d.severity === 'error').length;
    io.err(`invalid stack file: ${errors} error${errors === 1 ? '' : 's'}; nothing was changed`);
    return ExitCode.INVALID_SPEC;
  }
  if (err instanceof OrchestratorError) {
    io.err(err.message);
    switch (err.code) {
      case 'ENGINE_UNREACHABLE':
        return ExitCode.ENGINE_UNREACHABLE;
      case 'LOCK_HELD':
        return ExitCode.LOCKED;
      case 'USAGE':
        return ExitCode.USAGE;
      default:
        return ExitCode.FAILED;
    }
  }
  throw err;
}

/** A repeatable option's values, in the order given. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

function version(): string {
  return VERSION;
}

/** The process entry: runs the command line and sets the exit code (bin: mcp-orchestrator.ts). */
export function runCli(): void {
  const stopOnSignal = (): Promise<void> =>
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
  main(process.argv.slice(2), process.env, processOutput, undefined, stopOnSignal).then(
    (code) => {
      process.exitCode = code;
      // The command is done: a handle it leaked (a request an engine never answered) must not keep
      // the process alive. Unref'd, this timer does not delay a normal exit.
      setTimeout(() => process.exit(code), 3000).unref();
    },
    (err: unknown) => {
      // Only a bug gets here: say so plainly, with the stack for the report.
      processOutput.err(`mcp-orchestrator: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      process.exitCode = ExitCode.FAILED;
    },
  );
}

if (require.main === module) runCli();

/** The installed command's own script, for entries that start it (a stdio client's bridge). */
function cliPath(): string {
  const script = process.argv[1] ?? '';
  try {
    return require('node:fs').realpathSync(script) as string;
  } catch {
    return script;
  }
}
