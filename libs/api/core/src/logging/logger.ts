import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import { LOG_LEVELS, type LogLevelName } from '../config/app-config';
import { redactForLog, redactText } from '../errors/redact';
import { currentRequest } from './request-log';

/**
 * The API's one logger (pino). Production writes JSON lines (one object per line: time, level,
 * msg, the request id, user and organisation of the request being served, and the fields given);
 * development writes the same as readable lines. Everything passes through the redaction of
 * errors/redact.ts: statement parameters are dropped and secrets scrubbed, whatever the caller
 * hands in.
 */
export interface LogSettings {
  level: LogLevelName;
  format: 'json' | 'pretty';
}

const LEVEL_NAMES: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

const COLORS: Record<number, string> = { 40: '\x1b[33m', 50: '\x1b[31m', 60: '\x1b[31m' };

function plainValue(value: unknown): string {
  if (typeof value === 'string') return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

/** One JSON log line as a readable line: `13:07:19 INFO  message key=value …` (+ stack). */
export function prettyLine(line: string, color = false): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const { time, level, msg, pid: _pid, hostname: _host, err, ...rest } = entry;
  const when = new Date(typeof time === 'number' ? time : Date.now()).toTimeString().slice(0, 8);
  const lvl = typeof level === 'number' ? level : 30;
  const name = (LEVEL_NAMES[lvl] ?? String(level)).padEnd(5);
  const fields = Object.entries(rest)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${plainValue(v)}`)
    .join(' ');
  const tint = color ? COLORS[lvl] : undefined;
  let out = `${when} ${tint ? `${tint}${name}\x1b[0m` : name} ${typeof msg === 'string' ? msg : ''}${fields ? ` ${fields}` : ''}`;
  if (err && typeof err === 'object') {
    const e = err as { stack?: unknown; message?: unknown };
    out += `\n    ${String(e.stack ?? e.message ?? JSON.stringify(err)).replace(/\n/g, '\n    ')}`;
  }
  return `${out}\n`;
}

function build(settings: LogSettings): Logger {
  // Written through process.stdout.write at call time (so a test capturing stdout sees it).
  const destination = {
    write(line: string): void {
      process.stdout.write(
        settings.format === 'pretty' ? prettyLine(line, process.stdout.isTTY === true) : line,
      );
    },
  };
  return pino(
    {
      level: settings.level,
      base: settings.format === 'json' ? { pid: process.pid } : undefined,
      timestamp: settings.format === 'json' ? pino.stdTimeFunctions.isoTime : undefined,
      messageKey: 'msg',
      formatters: {
        level: (label, number) =>
          settings.format === 'json' ? { level: label } : { level: number },
        // Every field of every line is redacted, whoever wrote it.
        log: (object) => redactForLog(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const safe = args.map((a) => (typeof a === 'string' ? redactText(a) : a)) as Parameters<
            typeof method
          >;
          method.apply(this, safe);
        },
      },
      mixin() {
        const r = currentRequest();
        return r ? { reqId: r.id, userId: r.userId, orgId: r.organizationId } : {};
      },
    },
    destination,
  );
}

/** Until the API configures it (tools, seeds): LOG_LEVEL when valid, else info. */
let settings: LogSettings = {
  level: (LOG_LEVELS as readonly string[]).includes(process.env.LOG_LEVEL ?? '')
    ? (process.env.LOG_LEVEL as LogLevelName)
    : 'info',
  format: process.env.NODE_ENV === 'production' ? 'json' : 'pretty',
};
let current: Logger | null = null;

/** Sets level and format for the whole process (the API calls it once, at start). */
export function configureLogging(next: LogSettings): void {
  settings = next;
  current = null;
}

/** The process logger. */
export function log(): Logger {
  current ??= build(settings);
  return current;
}

/** Whether lines of this level are written (e.g. to decide on framework start-up lines). */
export function logLevelEnabled(level: LogLevelName): boolean {
  return log().isLevelEnabled(level);
}

/**
 * Nest's own messages through the same logger. Its start-up chatter (module initialised, route
 * mapped) is `debug`: shown with LOG_LEVEL=debug only, so a plain start stays quiet.
 */
export class NestLogger implements LoggerService {
  log(message: unknown, context?: string): void {
    log().debug({ context }, String(message));
  }
  error(message: unknown, ...rest: unknown[]): void {
    const [trace, context] = rest;
    log().error({ context, trace: typeof trace === 'string' ? trace : undefined }, String(message));
  }
  warn(message: unknown, context?: string): void {
    log().warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    log().debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    log().trace({ context }, String(message));
  }
  fatal(message: unknown, context?: string): void {
    log().fatal({ context }, String(message));
  }
}
