/**
 * In-process loopback servers for the probe engine's tests: well-behaved ones (plain HTTP, TLS
 * with a self-signed certificate, a raw line protocol) and hostile or broken ones (silent,
 * slowloris, endless body, one-byte chunks, compression bomb, reset mid-body, huge headers, non-HTTP banner), and
 * HTTP/2 (gRPC) ones: a well-behaved gRPC server, an endless reply, silence after SETTINGS, a CONTINUATION flood.
 * Every server tracks its sockets so a test can wait, by event, until the prober let go of all.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { gzipSync } from 'node:zlib';

export interface LoopbackServer {
  readonly host: string;
  readonly port: number;
  /** Connections accepted so far. */
  readonly accepted: () => number;
  /** Connections still open on the server side. */
  readonly open: () => number;
  /** Requests seen (HTTP servers only). */
  readonly requests: readonly SeenRequest[];
  /** SNI names seen (TLS servers only). */
  readonly servernames: readonly (string | false)[];
  /** Resolves once every accepted connection is closed. */
  allClosed(): Promise<void>;
  /** Resolves once at least one connection has been accepted. */
  firstConnection(): Promise<void>;
  close(): Promise<void>;
}

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
}

function track(server: net.Server, host: string, requests: SeenRequest[], servernames: (string | false)[]): Promise<LoopbackServer> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  let waiters: (() => void)[] = [];
  let connectionWaiters: (() => void)[] = [];
  server.on('connection', (socket: net.Socket) => {
    accepted += 1;
    connectionWaiters.forEach((resolve) => resolve());
    connectionWaiters = [];
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => {
      sockets.delete(socket);
      if (sockets.size === 0) {
        const ready = waiters;
        waiters = [];
        ready.forEach((resolve) => resolve());
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address() as net.AddressInfo;
      resolve({
        host,
        port: address.port,
        accepted: () => accepted,
        open: () => sockets.size,
        requests,
        servernames,
        allClosed: () => (sockets.size === 0 ? Promise.resolve() : new Promise<void>((done) => waiters.push(done))),
        firstConnection: () => (accepted > 0 ? Promise.resolve() : new Promise<void>((done) => connectionWaiters.push(done))),
        close: () =>
          new Promise<void>((done) => {
            sockets.forEach((socket) => socket.destroy());
            server.close(() => done());
          }),
      });
    });
  });
}

/** A raw TCP server; `onConnection` decides what (if anything) to say. */
export function startRawServer(onConnection: (socket: net.Socket) => void, host = '127.0.0.1'): Promise<LoopbackServer> {
  const server = net.createServer((socket) => {
    onConnection(socket);
    // Keep reading (and discarding) so the client's FIN is seen and the socket closes like a real server's.
    socket.resume();
  });
  return track(server, host, [], []);
}

/** A server-side TLS socket: Node sets the client's SNI name on it, which its type does not declare. */
type ServerSideTlsSocket = tls.TLSSocket & { servername?: string | false };

/** A raw TLS server; `onSecureConnection` decides what (if anything) to say once the handshake is done. */
export function startRawTlsServer(certificate: Certificate, onSecureConnection: (socket: tls.TLSSocket) => void, host = '127.0.0.1'): Promise<LoopbackServer> {
  const servernames: (string | false)[] = [];
  const server = tls.createServer({ key: certificate.key, cert: certificate.cert }, (socket: ServerSideTlsSocket) => {
    servernames.push(socket.servername ?? false);
    socket.on('error', () => undefined);
    onSecureConnection(socket);
    socket.resume();
  });
  return track(server, host, [], servernames);
}

/** A plain HTTP server that records each request. */
export function startHttpServer(handler: http.RequestListener, host = '127.0.0.1'): Promise<LoopbackServer> {
  const requests: SeenRequest[] = [];
  const server = http.createServer((request, response) => {
    requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    handler(request, response);
  });
  return track(server, host, requests, []);
}

export interface Certificate {
  readonly key: string;
  readonly cert: string;
}

/** A fresh self-signed certificate from the openssl CLI (EC P-256: fast to generate). */
export function selfSignedCertificate(commonName = 'ai-lab.internal'): Certificate {
  const dir = mkdtempSync(join(tmpdir(), 'aem-cert-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '2', '-subj', `/CN=${commonName}/O=AEM Test`],
      { stdio: 'pipe' },
    );
    return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A certificate issued by a fresh CA (no trust store holds it), served with the CA's certificate after it:
 * a chain whose leaf is not self-issued. `subject`/`caSubject` are openssl `-subj` strings.
 */
export function caIssuedCertificate(subject: string, caSubject: string): Certificate {
  const dir = mkdtempSync(join(tmpdir(), 'aem-cert-'));
  const path = (name: string): string => join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    execFileSync('openssl', ['req', '-x509', ...ec, '-keyout', path('ca.key'), '-out', path('ca.pem'), '-days', '2', '-subj', caSubject], { stdio: 'pipe' });
    execFileSync('openssl', ['req', ...ec, '-utf8', '-keyout', path('key.pem'), '-out', path('leaf.csr'), '-subj', subject], { stdio: 'pipe' });
    execFileSync('openssl', ['x509', '-req', '-in', path('leaf.csr'), '-CA', path('ca.pem'), '-CAkey', path('ca.key'), '-CAcreateserial', '-out', path('cert.pem'), '-days', '2'], { stdio: 'pipe' });
    return { key: readFileSync(path('key.pem'), 'utf8'), cert: readFileSync(path('cert.pem'), 'utf8') + readFileSync(path('ca.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An HTTPS server with the given certificate (and TLS settings); records requests and the SNI name of each handshake. */
export function startHttpsServer(
  certificate: Certificate,
  handler: http.RequestListener,
  host = '127.0.0.1',
  tlsSettings: Pick<https.ServerOptions, 'ecdhCurve' | 'minVersion' | 'maxVersion'> = {},
): Promise<LoopbackServer> {
  const requests: SeenRequest[] = [];
  const servernames: (string | false)[] = [];
  const server = https.createServer({ ...tlsSettings, key: certificate.key, cert: certificate.cert }, (request, response) => {
    requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    handler(request, response);
  });
  server.on('secureConnection', (socket: ServerSideTlsSocket) => servernames.push(socket.servername ?? false));
  return track(server, host, requests, servernames);
}

/** Accepts and never says a word. */
export const silent = (): void => undefined;

/** Starts a status line, then sends one header byte every `intervalMs`, forever. */
export function slowlorisHeaders(intervalMs: number): (socket: net.Socket) => void {
  return (socket) => {
    socket.once('data', () => {
      socket.write('HTTP/1.1 200 OK\r\nX-Slow: ');
      const timer = setInterval(() => socket.write('a'), intervalMs);
      socket.once('close', () => clearInterval(timer));
    });
  };
}

/** A 200 whose body never ends: writes as fast as the client reads, until it goes away. */
export const endlessBody: http.RequestListener = (_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' });
  const chunk = Buffer.alloc(16 * 1024, 'z');
  const pump = (): void => {
    while (!response.destroyed && response.write(chunk));
  };
  response.on('drain', pump);
  pump();
};

/**
 * Answers each request with a 200 in chunked encoding whose body comes one byte per chunk: `body`, then
 * `filler` bytes of 'x', and never ends. Each one-byte chunk reaches the client as a piece of its own.
 */
export function oneByteChunks(contentType: string, body: string, filler: number): (socket: net.Socket) => void {
  return (socket) => {
    let received = '';
    socket.on('data', (data: Buffer) => {
      received += data.toString('latin1');
      if (!received.includes('\r\n\r\n')) return;
      received = '';
      socket.cork();
      socket.write(`HTTP/1.1 200 OK\r\ncontent-type: ${contentType}\r\ntransfer-encoding: chunked\r\n\r\n`);
      for (const byte of Buffer.from(body)) socket.write(`1\r\n${String.fromCharCode(byte)}\r\n`, 'latin1');
      for (let sent = 0; sent < filler; sent += 1) socket.write('1\r\nx\r\n');
      socket.uncork();
    });
  };
}

/** Concatenated gzip members of 1 MiB of 'A' each: `members` MiB once decoded, about 1 KiB each on the wire. */
export function gzipBomb(members: number): Buffer {
  const member = gzipSync(Buffer.alloc(1024 * 1024, 'A'));
  return Buffer.concat(Array.from({ length: members }, () => member));
}

/** Answers every request with a 200, Content-Encoding gzip, and the bomb. */
export function servesBomb(bomb: Buffer): http.RequestListener {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
    response.end(bomb);
  };
}

/** Sends a banner on connect, like SSH or SMTP, and ignores what it receives. */
export function banner(text: string): (socket: net.Socket) => void {
  return (socket) => socket.write(text);
}

/** Promises a long body, sends part of it, then resets the connection (RST). */
export function resetMidBody(socket: net.Socket): void {
  socket.once('data', () => {
    socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{"models":[');
    setImmediate(() => socket.resetAndDestroy());
  });
}

/** A status line and then an endless header block. */
export function hugeHeaders(socket: net.Socket): void {
  socket.once('data', () => {
    socket.write('HTTP/1.1 200 OK\r\n');
    const line = `X-Filler: ${'b'.repeat(8 * 1024)}\r\n`;
    const pump = (): void => {
      while (!socket.destroyed && socket.write(line));
    };
    socket.on('drain', pump);
    pump();
  });
}

/** A line protocol like Redis: PING → +PONG, INFO → a version block; anything else (HTTP) is hung up on. */
export function pingPong(socket: net.Socket): void {
  socket.on('data', (data: Buffer) => {
    const text = data.toString('latin1');
    if (text.startsWith('PING')) socket.write('+PONG\r\n');
    else if (text.startsWith('INFO')) socket.write('$42\r\n# Server\r\nredis_version:7.0.15\r\nos:Linux\r\n\r\n');
    else socket.destroy();
  });
}

/** A self-signed certificate that expired in 2020 (the openssl `ca` command can set past dates). */
export function expiredCertificate(commonName = 'expired.internal'): Certificate {
  const dir = mkdtempSync(join(tmpdir(), 'aem-cert-'));
  try {
    const path = (name: string): string => join(dir, name);
    writeFileSync(path('index.txt'), '');
    writeFileSync(path('serial'), '01\n');
    writeFileSync(
      path('ca.cnf'),
      [
        '[ca]', 'default_ca = bench', '[bench]', `dir = ${dir}`, 'database = $dir/index.txt', 'serial = $dir/serial',
        'new_certs_dir = $dir', 'default_md = sha256', 'policy = anything', '[anything]', 'commonName = supplied',
      ].join('\n'),
    );
    execFileSync('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', path('key.pem'), '-out', path('req.pem'), '-subj', `/CN=${commonName}`], { stdio: 'pipe' });
    execFileSync(
      'openssl',
      ['ca', '-batch', '-selfsign', '-config', path('ca.cnf'), '-keyfile', path('key.pem'), '-in', path('req.pem'), '-out', path('cert.pem'), '-startdate', '20200101000000Z', '-enddate', '20200201000000Z', '-notext'],
      { stdio: 'pipe' },
    );
    return { key: readFileSync(path('key.pem'), 'utf8'), cert: readFileSync(path('cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Redirects every path to itself, forever. */
export const redirectLoop: http.RequestListener = (request, response) => {
  response.writeHead(302, { location: request.url ?? '/' });
  response.end();
};

/** Like a TLS port whose handshake stalls: plaintext is hung up on, a ClientHello (0x16) gets no answer ever. */
export function stallsTlsHandshake(socket: net.Socket): void {
  socket.once('data', (data: Buffer) => {
    if (data[0] !== 0x16) socket.destroy();
  });
}

/** A 200 "JSON" answer that is neither valid UTF-8 nor valid JSON. */
export const invalidUtf8Json: http.RequestListener = (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(Buffer.concat([Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('{"models": [{"name": "x"'), Buffer.from([0xe2, 0x82])]));
};

/** HTTP/0.9: answers the request with a bare body, no status line, then closes. */
export function http09(text: string): (socket: net.Socket) => void {
  return (socket) => socket.once('data', () => socket.end(text));
}

/** 200 with the same body to every method and path (a catch-all or a parked page). */
export function answersEverything(contentType: string, body: string): http.RequestListener {
  return (request, response) => {
    request.resume();
    response.writeHead(200, { 'content-type': contentType });
    response.end(body);
  };
}

/** A cleartext HTTP/2 server (prior knowledge, as gRPC speaks it); `onStream` answers each stream. */
export function startH2Server(onStream: (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders) => void, host = '127.0.0.1'): Promise<LoopbackServer> {
  const requests: SeenRequest[] = [];
  const server = http2.createServer();
  server.on('stream', (stream, headers) => {
    requests.push({ method: String(headers[':method']), url: String(headers[':path']), headers: headers as http.IncomingHttpHeaders });
    stream.on('error', () => undefined);
    onStream(stream, headers);
  });
  server.on('sessionError', () => undefined);
  return track(server, host, requests, []);
}

/**
 * HTTP/2 over TLS as a gRPC server runs it: h2 for a client that offers it, and for one that offered only
 * HTTP/1.1 a hang-up after the handshake (grpc-core's way), or with `onlyH2` a handshake refused with the
 * no_application_protocol alert (Node's HTTP/2-only servers, an NLB listener's HTTP2Only policy).
 */
export function startH2SecureServer(
  certificate: Certificate,
  onStream: (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders) => void,
  options: { readonly onlyH2?: boolean } = {},
): Promise<LoopbackServer> {
  const requests: SeenRequest[] = [];
  const servernames: (string | false)[] = [];
  const server = http2.createSecureServer({ ...certificate, allowHTTP1: options.onlyH2 !== true });
  server.on('stream', (stream, headers) => {
    requests.push({ method: String(headers[':method']), url: String(headers[':path']), headers: headers as http.IncomingHttpHeaders });
    stream.on('error', () => undefined);
    onStream(stream, headers);
  });
  server.on('secureConnection', (socket: ServerSideTlsSocket) => {
    servernames.push(socket.servername ?? false);
    if (socket.alpnProtocol !== 'h2') socket.destroy();
  });
  server.on('tlsClientError', () => undefined);
  server.on('sessionError', () => undefined);
  return track(server, '127.0.0.1', requests, servernames);
}

/**
 * HTTP/2 and HTTP/1.1 over TLS on one port, both through Node's compatibility API (as an Application Load
 * Balancer listener takes both): `handler` sees the request's HTTP version.
 */
export function startH2CompatSecureServer(certificate: Certificate, handler: (request: http2.Http2ServerRequest, response: http2.Http2ServerResponse) => void, host = '127.0.0.1'): Promise<LoopbackServer> {
  const requests: SeenRequest[] = [];
  const server = http2.createSecureServer({ ...certificate, allowHTTP1: true }, (request, response) => {
    requests.push({ method: request.method, url: request.url, headers: request.headers as http.IncomingHttpHeaders });
    handler(request, response);
  });
  server.on('tlsClientError', () => undefined);
  server.on('sessionError', () => undefined);
  return track(server, host, requests, []);
}

/** A gRPC message frame: the compressed flag, the length, the message. */
export function grpcFrame(message: Buffer, compressed = false): Buffer {
  const frame = Buffer.alloc(5 + message.length);
  frame[0] = compressed ? 1 : 0;
  frame.writeUInt32BE(message.length, 1);
  message.copy(frame, 5);
  return frame;
}

/** A unary gRPC answer: headers, the reply's bytes as given, then `grpc-status` in trailers. */
export function grpcAnswer(body: Buffer, status = 0): (stream: http2.ServerHttp2Stream) => void {
  return (stream) => {
    stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
    stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': String(status) }));
    stream.end(body);
  };
}

/** A gRPC refusal as servers send one: a single header block ending the stream (trailers-only). */
export function grpcRefusal(status: number, message: string): (stream: http2.ServerHttp2Stream) => void {
  return (stream) => stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': String(status), 'grpc-message': message }, { endStream: true });
}

/** A reply whose frame header announces ~4 GiB, then zeros for as long as the client reads (flow control respected). */
export const grpcEndlessReply = (stream: http2.ServerHttp2Stream): void => {
  stream.respond({ ':status': 200, 'content-type': 'application/grpc' });
  const chunk = Buffer.alloc(16 * 1024);
  stream.write(Buffer.from([0, 0xff, 0xff, 0xff, 0xf0]));
  const pump = (): void => {
    while (!stream.destroyed && stream.write(chunk));
    if (!stream.destroyed) stream.once('drain', pump);
  };
  pump();
};

/** An HTTP/2 frame: 24-bit length, type, flags, stream id, payload. */
export function h2Frame(type: number, flags: number, streamId: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(9);
  header.writeUIntBE(payload.length, 0, 3);
  header[3] = type;
  header[4] = flags;
  header.writeUInt32BE(streamId, 5);
  return Buffer.concat([header, payload]);
}

const H2_SETTINGS = 0x4;
const H2_HEADERS = 0x1;
const H2_CONTINUATION = 0x9;
const CLIENT_PREFACE_BYTES = 24;

/** Calls `then` once the client's first HEADERS frame (its first call) arrived, after the preface. */
function onFirstClientHeaders(socket: net.Socket, then: () => void): void {
  let received = Buffer.alloc(0);
  const onData = (chunk: Buffer): void => {
    received = Buffer.concat([received, chunk]);
    for (let at = CLIENT_PREFACE_BYTES; at + 9 <= received.length; at += 9 + received.readUIntBE(at, 3)) {
      if (received[at + 3] === H2_HEADERS) {
        socket.off('data', onData);
        then();
        return;
      }
    }
  };
  socket.on('data', onData);
}

/** HPACK integer with an N-bit prefix (RFC 7541 5.1). */
function hpackInteger(value: number, prefixBits: number): number[] {
  const max = 2 ** prefixBits - 1;
  if (value < max) return [value];
  const bytes = [max];
  for (let rest = value - max; ; rest = Math.floor(rest / 128)) {
    if (rest < 128) return [...bytes, rest];
    bytes.push((rest % 128) | 0x80);
  }
}

/** A literal header field without indexing, new name (RFC 7541 6.2.2). */
export function hpackLiteral(name: string, value: string): Buffer {
  return Buffer.from([0x00, ...hpackInteger(name.length, 7), ...Buffer.from(name), ...hpackInteger(value.length, 7), ...Buffer.from(value)]);
}

/** HTTP/2 at first (its SETTINGS), then nothing on any call. */
export function h2SettingsThenSilence(socket: net.Socket): void {
  socket.write(h2Frame(H2_SETTINGS, 0, 0, Buffer.alloc(0)));
}

/**
 * The CONTINUATION flood (CVE-2024-27983 and its kin): an answer's header block that never ends, one 16 KiB
 * CONTINUATION frame of literal headers after another, as fast as the socket takes them.
 */
export function h2ContinuationFlood(socket: net.Socket): void {
  socket.write(h2Frame(H2_SETTINGS, 0, 0, Buffer.alloc(0)));
  const block = Buffer.concat(Array.from({ length: 4 }, (_, index) => hpackLiteral(`x-flood-${index}`, 'A'.repeat(4000))));
  const continuation = h2Frame(H2_CONTINUATION, 0, 1, block);
  onFirstClientHeaders(socket, () => {
    // :status 200 (static table entry 8), and no END_HEADERS flag: the block goes on.
    socket.write(h2Frame(H2_HEADERS, 0, 1, Buffer.from([0x88])));
    const pump = (): void => {
      while (!socket.destroyed && socket.write(continuation));
      if (!socket.destroyed) socket.once('drain', pump);
    };
    pump();
  });
}
