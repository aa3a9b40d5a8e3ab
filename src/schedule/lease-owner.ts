import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** A name for this process as a lease holder: host, pid and a random part (pids repeat across hosts and restarts). */
export function leaseOwner(role: string): string {
  return `${hostname()}:${process.pid}:${role}:${randomBytes(4).toString('hex')}`;
}
