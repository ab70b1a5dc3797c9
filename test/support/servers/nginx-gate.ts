/**
 * Real nginx (Debian) as an auth gate in front of an upstream on loopback: `basic` = auth_basic,
 * `bearer` = a fixed bearer key. It passes the client's Host through, as a real reverse proxy does.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort, runningOnceReady, tempDir, waitForPort, type RunningServer } from './common.js';

export interface GateOptions {
  readonly upstreamPort: number;
  readonly mode: 'basic' | 'bearer';
}

export const gateCredentials = { user: 'probe', password: 's3cret', bearer: 'gw-key-123' } as const;

export async function startNginxGate(options: GateOptions): Promise<RunningServer> {
  const port = await freePort();
  const dir = await tempDir('nginx');
  await mkdir(join(dir.path, 'logs'));
  // {SHA} = base64(sha1(password)): a scheme nginx reads without needing htpasswd installed.
  const sha = createHash('sha1').update(gateCredentials.password).digest('base64');
  await writeFile(join(dir.path, 'htpasswd'), `${gateCredentials.user}:{SHA}${sha}\n`);
  const guard =
    options.mode === 'basic'
      ? `auth_basic "AI service"; auth_basic_user_file ${dir.path}/htpasswd;`
      : `if ($bearer_ok = 0) { add_header WWW-Authenticate 'Bearer realm="api"' always; return 401 '{"error":"unauthorized"}'; }`;
  const config = `worker_processes 1; daemon off; pid ${dir.path}/nginx.pid; error_log ${dir.path}/logs/error.log warn;
events { worker_connections 64; }
http {
  access_log ${dir.path}/logs/access.log;
  client_body_temp_path ${dir.path}/tmp_body; proxy_temp_path ${dir.path}/tmp_proxy; fastcgi_temp_path ${dir.path}/tmp_fcgi;
  uwsgi_temp_path ${dir.path}/tmp_uwsgi; scgi_temp_path ${dir.path}/tmp_scgi;
  map $http_authorization $bearer_ok { default 0; "Bearer ${gateCredentials.bearer}" 1; }
  server {
    listen 127.0.0.1:${port};
    location / { ${guard} proxy_pass http://127.0.0.1:${options.upstreamPort}; proxy_set_header Host $http_host; }
  }
}
`;
  const configPath = join(dir.path, 'nginx.conf');
  await writeFile(configPath, config);
  const child = spawn('nginx', ['-c', configPath, '-p', dir.path], { stdio: ['ignore', 'pipe', 'pipe'] });
  const ready = Promise.race([
    waitForPort(port, 'nginx', 30_000),
    new Promise((_, reject) => child.once('exit', (code) => reject(new Error(`nginx exited with code ${code} before it was ready`)))),
  ]);
  return runningOnceReady(child, port, ready, dir.remove);
}
