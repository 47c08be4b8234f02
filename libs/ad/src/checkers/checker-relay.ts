import { chmod } from 'fs/promises';
import { createServer, Server, Socket, connect } from 'net';

/** Connections one checker run may hold open through its relay at once. */
const MAX_CONNECTIONS = 64;

/**
 * The checker's only way out of its empty network namespace: inside, relay.py listens on the vulnbox's address and
 * service port (on loopback) and hands each connection to this Unix socket; here, each one is joined to that one host
 * and port, and nothing else. The first byte tells the inside whether the vulnbox answered (1) or not (0: the inside
 * then resets the checker's connection, as a refused or unreachable host would).
 */
export class CheckerRelay {
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server) {}

  static async open(socketPath: string, target: { host: string; port: number }, connectTimeoutMs: number): Promise<CheckerRelay> {
    const server = createServer();
    const relay = new CheckerRelay(server);
    server.maxConnections = MAX_CONNECTIONS;
    server.on('connection', (inside) => relay.join(inside, target, connectTimeoutMs));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => resolve());
    });
    // The checker runs as another uid.
    await chmod(socketPath, 0o777);
    return relay;
  }

  private join(inside: Socket, target: { host: string; port: number }, connectTimeoutMs: number): void {
    this.sockets.add(inside);
    const outside = connect({ host: target.host, port: target.port });
    this.sockets.add(outside);
    let connected = false;
    const timer = setTimeout(() => outside.destroy(new Error('connect timeout')), connectTimeoutMs);
    outside.once('connect', () => {
      connected = true;
      clearTimeout(timer);
      inside.write(Buffer.from([1]));
      inside.pipe(outside);
      outside.pipe(inside);
    });
    outside.on('error', () => {
      clearTimeout(timer);
      if (!connected) inside.end(Buffer.from([0]));
      else inside.destroy();
    });
    inside.on('error', () => outside.destroy());
    inside.on('close', () => {
      this.sockets.delete(inside);
      outside.destroy();
    });
    outside.on('close', () => {
      this.sockets.delete(outside);
      clearTimeout(timer);
      if (connected) inside.end();
    });
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The inside half (run by the sandbox's python3 around the checker): argv = socket, host, port, '--', checker argv. */
export const RELAY_PY = String.raw`import socket, struct, subprocess, sys, threading

path, host, port, command = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[5:]

def pump(source, sink):
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            sink.sendall(data)
    except OSError:
        pass
    finally:
        try:
            sink.shutdown(socket.SHUT_WR)
        except OSError:
            pass

def handle(client):
    upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        upstream.connect(path)
        answer = upstream.recv(1)
    except OSError:
        answer = b""
    if answer != b"\x01":
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        client.close()
        upstream.close()
        return
    threading.Thread(target=pump, args=(upstream, client), daemon=True).start()
    pump(client, upstream)

def serve(listener):
    while True:
        client, _ = listener.accept()
        threading.Thread(target=handle, args=(client,), daemon=True).start()

listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind((host, port))
listener.listen(64)
threading.Thread(target=serve, args=(listener,), daemon=True).start()
code = subprocess.call(command)
sys.stdout.flush()
sys.exit(code if code >= 0 else 128 - code)
`;
