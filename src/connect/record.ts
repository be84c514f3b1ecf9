import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { putFile } from '../util/replace-file';

/** One entry `connect` wrote: `disconnect` removes it only while it still holds what was written. */
export interface Written {
  readonly client: string;
  readonly file: string;
  readonly name: string;
  readonly value: Record<string, unknown>;
}

/** What `connect` wrote into which client file, kept beside the gateway tokens (mode 0600: it names files of the user's). */
export class ConnectionRecord {
  constructor(private readonly file: string) {}

  static at(env: NodeJS.ProcessEnv): ConnectionRecord {
    return new ConnectionRecord(path.join(env['XDG_CONFIG_HOME'] || path.join(os.homedir(), '.config'), 'mcp-orchestrator', 'connections.json'));
  }

  all(): Written[] {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as { written?: Written[] };
      return Array.isArray(parsed.written) ? parsed.written : [];
    } catch {
      return [];
    }
  }

  put(entry: Written): void {
    this.save([...this.all().filter((w) => !(w.file === entry.file && w.name === entry.name)), entry]);
  }

  forget(file: string, name: string): void {
    this.save(this.all().filter((w) => !(w.file === file && w.name === name)));
  }

  private save(written: Written[]): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    putFile(this.file, `${JSON.stringify({ written }, null, 2)}\n`, 0o600);
  }
}
