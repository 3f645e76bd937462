import { lookup } from 'node:dns/promises';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';

/** One answer of a DNS look-up. */
export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/**
 * Resolves a host name to its addresses. Rejects like `dns.lookup` does (an error whose `code`
 * is `ENOTFOUND`, `EAI_AGAIN`, ...). Tests pass one that answers from a table.
 */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/**
 * The system's resolver (`getaddrinfo`, as browsers and `fetch` use: hosts file, search domains),
 * IPv4 addresses first: many machines have no IPv6 route, and the checker tries the answers in order.
 */
export const systemResolver: Resolver = async (hostname) => {
  const answers = await lookup(hostname, { all: true, verbatim: false });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

export interface TransportRequest {
  readonly url: string;
  readonly method: 'HEAD' | 'GET';
  readonly headers: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
  /**
   * The address to connect to, checked by the host policy: the connection goes there and
   * nowhere else (no second look-up), while the Host header and TLS (SNI, certificate) keep the
   * URL's name.
   */
  readonly address: string;
}

export interface TransportResponse {
  readonly status: number;
  readonly statusText: string;
  header(name: string): string | undefined;
  /** Reads at most about `limit` bytes of the body as text. */
  peek(limit: number): Promise<string>;
  /** Lets the rest of the body go (the connection is closed unless the body is over). */
  discard(): void;
}

/** Makes one HTTP request, without following redirects. Rejects with a Node network error (`code`). */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/**
 * Node's http and https clients with keep-alive agents. The socket is opened to `address`
 * itself (the agents pool sockets by address and TLS name, so a pooled socket is always one to
 * an address that was checked).
 */
export function nodeTransport(): Transport {
  const http = new HttpAgent({ keepAlive: true, scheduling: 'lifo' });
  const https = new HttpsAgent({ keepAlive: true, scheduling: 'lifo' });
  return (request) =>
    new Promise<TransportResponse>((resolve, reject) => {
      const url = new URL(request.url);
      const secure = url.protocol === 'https:';
      let name = url.hostname;
      if (name.startsWith('[') && name.endsWith(']')) name = name.slice(1, -1);
      const options: RequestOptions & { servername?: string } = {
        method: request.method,
        host: request.address,
        port: url.port === '' ? (secure ? 443 : 80) : Number(url.port),
        path: `${url.pathname}${url.search}`,
        headers: { ...request.headers, host: url.host },
        agent: secure ? https : http,
        signal: request.signal,
      };
      // SNI and the certificate check use the name; SNI never carries an address.
      if (secure && isIP(name) === 0) options.servername = name.endsWith('.') ? name.slice(0, -1) : name;
      const client = (secure ? httpsRequest : httpRequest)(options, (response) => resolve(wrap(response, request.method)));
      client.on('error', reject);
      client.end();
    });
}

function wrap(response: IncomingMessage, method: 'HEAD' | 'GET'): TransportResponse {
  // A body dropped on purpose may still report its end as an error: nobody waits for it.
  response.on('error', () => undefined);
  return {
    status: response.statusCode ?? 0,
    statusText: response.statusMessage ?? '',
    header(name) {
      const value = response.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : value;
    },
    peek(limit) {
      return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        const finish = () => {
          response.off('data', onData);
          response.off('end', finish);
          response.off('error', reject);
          response.pause();
          resolve(Buffer.concat(chunks).toString('utf8'));
        };
        const onData = (chunk: Buffer) => {
          chunks.push(chunk);
          bytes += chunk.length;
          if (bytes >= limit) finish();
        };
        response.on('data', onData);
        response.once('end', finish);
        response.once('error', reject);
      });
    },
    discard() {
      // A HEAD answer, or a body already over: reading it to its end keeps the connection for
      // the next request; anything else could be endless.
      if (response.complete || method === 'HEAD') response.resume();
      else response.destroy();
    },
  };
}
