/**
 * A local SMTP relay for the delivery bench, run as a process of its own (as a real relay is) so
 * that it does not share the worker's event loop. It reads only the idempotency-key header of each
 * message and reports "<key> <arrival ms>" lines to its parent over IPC, in small batches.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

let batch: [string, number][] = [];
const relay = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  closeTimeout: 50,
  onData(stream, _session, callback) {
    let head = '';
    stream.on('data', (c: Buffer) => {
      if (head.length < 8192) head += c.toString('latin1');
    });
    stream.on('end', () => {
      batch.push([/^X-Writ-Idempotency-Key:\s*(\S+)/im.exec(head)?.[1] ?? '?', Date.now()]);
      callback();
    });
  },
});
setInterval(() => {
  if (!batch.length) return;
  process.send!({ arrivals: batch });
  batch = [];
}, 20).unref();
relay.listen(0, '127.0.0.1', () => process.send!({ port: (relay.server.address() as AddressInfo).port }));
process.on('disconnect', () => process.exit(0));
