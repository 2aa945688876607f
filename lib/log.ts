/**
 * Logging: one winston root logger per process, with a child per component, controller or request.
 * Messages are constant strings; the variables go in metadata (`log.info('scaling up', { key, from, to })`).
 * Output is JSON lines for machines (files, `kubelab logs`) unless stdout is a terminal or
 * KUBELAB_LOG_FORMAT=pretty asks for a readable line.
 */
import winston from 'winston';

export type Logger = winston.Logger;

export interface LogOptions {
  component: string;
  level?: string;
  format?: 'json' | 'pretty';
}

const pretty = winston.format.printf((info) => {
  const { level, message, timestamp, component, ...meta } = info as Record<string, unknown>;
  const rest = Object.keys(meta).length ? ' ' + JSON.stringify(meta) : '';
  return `${timestamp} ${level} [${component}] ${message}${rest}`;
});

export function createLogger(opts: LogOptions): Logger {
  const format = opts.format ?? (process.stdout.isTTY ? 'pretty' : 'json');
  return winston.createLogger({
    level: opts.level ?? 'info',
    defaultMeta: { component: opts.component },
    format: winston.format.combine(
      winston.format.timestamp(),
      format === 'pretty' ? winston.format.combine(winston.format.colorize(), pretty) : winston.format.json(),
    ),
    transports: [new winston.transports.Console()],
  });
}

/** A logger that drops everything: for unit tests and library code used without a process. */
export function silentLogger(): Logger {
  return winston.createLogger({ silent: true, transports: [new winston.transports.Console({ silent: true })] });
}
