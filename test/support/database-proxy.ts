import net from 'node:net';

/**
 * A TCP proxy between Mend's pool and PostgreSQL, to play the network's part in an outage:
 *
 * - `cut()` stops accepting and destroys every connection — to the pool, the server went away
 *   (refused, reset); `restore()` listens on the same port again;
 * - `stall()` is a partition: nothing is refused, nothing arrives. Connections stay open but no
 *   byte is passed on either way, and new ones are accepted and never connected onwards, as when
 *   packets are dropped; `heal()` ends it (what was held back is dropped with its connections).
 */
export async function databaseProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let stalled = false;
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  };
  const server = net.createServer((client) => {
    track(client);
    if (stalled) {
      client.pause();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    // Not pipe(): a stalled proxy must be able to drop bytes rather than buffer them for later.
    client.on('data', (chunk) => {
      if (!stalled) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!stalled) client.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const destroyAll = () => {
    for (const s of sockets) s.destroy();
  };
  return {
    port,
    cut: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        destroyAll();
      }),
    restore: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    stall: () => {
      stalled = true;
    },
    heal: () => {
      stalled = false;
      // A connection that lost bytes in the stall is out of step with the server: end it.
      destroyAll();
    },
    close: () =>
      new Promise<void>((resolve) => {
        destroyAll();
        if (server.listening) server.close(() => resolve());
        else resolve();
      }),
  };
}

/** A test database's URL, pointed at `port` on 127.0.0.1 instead. */
export function throughPort(databaseUrl: string, port: number): string {
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return url.href;
}
