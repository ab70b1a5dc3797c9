/** Parsing of `host:port` arguments and target files for `check`. */
import ipaddr from 'ipaddr.js';
import { UsageError } from './errors.js';

export interface CheckTarget {
  readonly address: string;
  readonly port: number;
}

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/** Accepts `1.2.3.4:8888`, `[2001:db8::1]:8888` and `host.example.com:443`. */
export function parseHostPort(text: string): CheckTarget {
  const trimmed = text.trim();
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(trimmed);
  const plain = /^([^:\s]+):(\d+)$/.exec(trimmed);
  const match = bracketed ?? plain;
  if (!match) throw new UsageError(`"${text}" is not host:port (IPv6 as [addr]:port)`);
  const [, host, portText] = match as unknown as [string, string, string];
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new UsageError(`"${text}": port must be 1–65535`);
  if (bracketed ? !ipaddr.IPv6.isValid(host) : !(ipaddr.IPv4.isValidFourPartDecimal(host) || HOSTNAME.test(host))) {
    throw new UsageError(`"${text}": "${host}" is not an IP address or host name`);
  }
  return { address: host, port };
}

/** One `host:port` per line; blank lines and `#` comments ignored. Errors name the line. */
export function parseTargetsFile(content: string, fileName: string): CheckTarget[] {
  return content.split(/\r?\n/).flatMap((line, index) => {
    const text = line.replace(/#.*/, '').trim();
    if (!text) return [];
    try {
      return [parseHostPort(text)];
    } catch (error) {
      throw new UsageError(`${fileName}:${index + 1}: ${(error as Error).message}`);
    }
  });
}
