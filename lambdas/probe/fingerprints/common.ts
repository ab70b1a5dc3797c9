/**
 * Shared request and matcher for precision: a path no product serves. A catch-all server that
 * answers 200 to every path answers this one too, so fingerprints whose own answers are plain JSON
 * require it to be anything but 200. The path names the monitor, so an operator reading access logs
 * knows who asked.
 */
import type { HttpProbeRequest, Matcher } from './types.js';

export const notFoundCanary: HttpProbeRequest = { id: 'canary', method: 'GET', path: '/ai-exposure-monitor-canary-404' };

export const canaryNotServed: Matcher = { on: notFoundCanary.id, status: [200], not: true };
