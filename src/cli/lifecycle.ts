import { UsageError } from '../model/index.js';

/** HOST and PORT from flags, else the environment, else 127.0.0.1:8080. */
export function listenAddress(flags: { host?: string; port?: string }, env: Record<string, string | undefined>): { host: string; port: number } {
  const host = flags.host ?? env['HOST'] ?? '127.0.0.1';
  const rawPort = flags.port ?? env['PORT'] ?? '8080';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65_535) throw new UsageError(`PORT ${rawPort}: not a port number (0-65535)`);
  return { host, port };
}

