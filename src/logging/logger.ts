import { createLogger as createWinston, format, transports, type Logger } from 'winston';

export type LogFormat = 'text' | 'json';
export type { Logger };

export interface LoggerOptions {
  readonly format: LogFormat;
  readonly level?: string;
  /** Where lines go; stderr by default, so stdout stays for command output. */
  readonly stream?: NodeJS.WritableStream;
}

/**
 * text: one readable line per event (`12:00:01.123 info  recreated server=memory reason="env X changed"`);
 * json: one object per line with time, level, message and the metadata (project, server, action,
 * reason, duration_ms). Messages are constant; the variable parts are metadata.
 */
/** Control characters written as JSON writes them (\n, \r, \t, \u001b). */
function oneLine(text: string): string {
  return text.replace(/[\x00-\x1f\x7f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

export function createLogger(options: LoggerOptions): Logger {
  const stream = options.stream ?? process.stderr;
  const json = format.combine(
    format.timestamp({ alias: 'time' }),
    format((info) => {
      delete info['timestamp'];
      return info;
    })(),
    format.json(),
  );
  const text = format.combine(
    format.timestamp(),
    format.printf((info) => {
      const { level, message, timestamp, ...meta } = info;
      const time = String(timestamp).slice(11, 23);
      // One entry, one line, and nothing a terminal would act on: control characters (an engine
      // error's \r\n, an escape sequence in a server's name) are written escaped.
      const fields = Object.entries(meta)
        .map(([k, v]) => `${k}=${typeof v === 'string' && !/[\s"\x00-\x1f\x7f]/.test(v) ? v : JSON.stringify(v)}`)
        .join(' ');
      return `${time} ${level.padEnd(5)} ${oneLine(String(message))}${fields ? ` ${fields}` : ''}`;
    }),
  );
  const logger = createWinston({
    level: options.level ?? 'info',
    format: options.format === 'json' ? json : text,
    transports: [new transports.Stream({ stream })],
  });
  // winston formats an entry (time stamp, fields) before its transport drops it by level: the
  // gateway logs each request at debug, so below the level an entry is dropped before anything is made.
  // (`this`, not the logger: a child logger calls these with itself, its own fields added.)
  const methods = logger as unknown as Record<string, (this: Logger, ...args: unknown[]) => Logger>;
  for (const level of Object.keys(logger.levels)) {
    const write = methods[level];
    if (write !== undefined) {
      methods[level] = function (this: Logger, ...args: unknown[]): Logger {
        return this.isLevelEnabled(level) ? write.apply(this, args) : this;
      };
    }
  }
  return logger;
}
