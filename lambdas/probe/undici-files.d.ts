/**
 * The two files of undici the prober loads, typed with the package's own declarations. Importing the
 * package itself (`index.js`) also loads fetch, WebSocket, EventSource, cookies and the mock agents, and
 * with them Node's own bundled copy of undici: ~5 MB of RSS and ~40 ms of CPU at every cold start, for
 * code the prober never runs. undici declares no `exports` map, so these paths are part of what it ships.
 */
declare module 'undici/lib/dispatcher/client.js' {
  import type { Client } from 'undici';

  const ClientClass: typeof Client;
  export default ClientClass;
}

declare module 'undici/lib/core/errors.js' {
  import type { errors } from 'undici';

  const undiciErrors: typeof errors;
  export default undiciErrors;
}
