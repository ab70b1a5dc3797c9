import type { Fingerprint } from './types.js';

/**
 * Nothing is sent: a Dask scheduler (distributed/comm/core.py, `on_connection`) writes its handshake as soon as a client
 * connects, before it reads anything. The handshake is one framed msgpack map whose keys are plain text: "compression",
 * "python" and "pickle-protocol".
 */
const handshake = { id: 'handshake', kind: 'tcp', send: '' } as const;
const daskHandshake = /^(?=[\s\S]{0,64}compression)(?=[\s\S]{0,96}python)(?=[\s\S]{0,128}pickle-protocol)/;

export const daskScheduler: Fingerprint = {
  id: 'dask-scheduler',
  name: 'Dask distributed scheduler',
  category: 'ml-platform',
  defaultPorts: [8786],
  specificity: 100,
  requests: [handshake],
  identify: {
    why: "Dask: the port sends Dask's comm handshake (compression, python and pickle-protocol) as soon as it is connected",
    all: [{ on: handshake.id, bodyRegex: daskHandshake }],
  },
  open: {
    why: 'a tcp:// scheduler (no TLS) takes any client: anyone can submit Python functions, pickled, that its workers (and the scheduler itself) run, read the data the cluster holds, and shut it down',
    all: [{ on: handshake.id, bodyRegex: daskHandshake }],
  },
  noAuthReason: "Dask's only access control is TLS with client certificates (tls:// addresses), under which no cleartext handshake is sent.",
  severityWhenOpen: 'critical',
  remediation:
    'Keep the scheduler on a private network, run the cluster with TLS and client certificates (tls:// addresses, dask.distributed Security), remove the internet rule for port 8786, and check its workers for processes you did not start.',
  references: ['https://distributed.dask.org/en/stable/tls.html', 'https://docs.dask.org/en/stable/deploying-cli.html'],
  verifiedAgainst: ['Dask distributed 2026.8.0'],
};
