/** The package's version: what `--version` prints and what the orchestrator's MCP clients and servers call themselves. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const VERSION: string = (require('../package.json') as { version: string }).version;
