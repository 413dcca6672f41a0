import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { Adapter } from 'socket.io-adapter';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pacedBroadcasts } from '../../server/realtime/paced-broadcast';

const CHUNK = 3;
const CLIENTS = 10;

let io: Server;
let clients: ClientSocket[] = [];
const received = new Map<number, string[]>();
let writes = 0;

beforeAll(async () => {
  const http = createServer();
  io = new Server(http, { adapter: pacedBroadcasts(Adapter, CHUNK) as never });
  io.on('connection', (socket) => {
    void socket.join('room');
    // counts the socket writes a broadcast makes, to see how many happen before emit() returns
    const client = socket.client as unknown as { writeToEngine: (...args: unknown[]) => void };
    const write = client.writeToEngine.bind(client);
    client.writeToEngine = (...args) => {
      writes++;
      write(...args);
    };
    socket.emit('joined');
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  clients = await Promise.all(
    Array.from({ length: CLIENTS }, (_, i) => {
      const socket = connect(url, { transports: ['websocket'], forceNew: true });
      received.set(i, []);
      socket.on('event', (name: string) => received.get(i)!.push(name));
      return new Promise<ClientSocket>((resolve) => socket.once('joined', () => resolve(socket)));
    }),
  );
});

afterAll(async () => {
  for (const c of clients) c.close();
  await new Promise<void>((resolve) => io.close(() => resolve()));
});

describe('paced broadcasts', () => {
  it('writes a chunk of sockets per turn of the event loop and keeps every socket’s events in order', async () => {
    writes = 0;
    io.to('room').emit('event', 'first');
    // the first chunk is written at once, the rest waits for later turns
    expect(writes).toBe(CHUNK);
    io.to('room').emit('event', 'second');
    io.to('room').emit('event', 'third');
    expect(writes).toBe(CHUNK);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toBe(2 * CHUNK);

    await expect.poll(() => [...received.values()].every((list) => list.length === 3)).toBe(true);
    for (const list of received.values()) expect(list).toEqual(['first', 'second', 'third']);
    expect(writes).toBe(3 * CLIENTS);
  });

  it('leaves the other uses of the rooms synchronous (fetchSockets, a room of one)', async () => {
    expect((await io.in('room').fetchSockets()).length).toBe(CLIENTS);
    writes = 0;
    const [one] = io.sockets.adapter.rooms.get('room') ?? [];
    io.to(one).emit('event', 'alone');
    expect(writes).toBe(1);
  });
});
