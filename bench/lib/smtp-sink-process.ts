/**
 * The tests' SMTP sink (tests/helpers/smtp-sink.ts) in a process of its own, for the digest
 * benchmark: receiving and parsing 10,000 emails is the recipients' work, not the sender's, so
 * it runs on the load generator's CPU. It keeps counts, not the messages (10,000 parsed emails
 * would take gigabytes). IPC: sends { type: 'ready', url }; answers { type: 'count' } with
 * { type: 'count', messages, recipients, bytes, lastAt, cpuMs }.
 */
import { startSmtpSink } from '../../tests/helpers/smtp-sink';
import { now } from './stats';

const sink = await startSmtpSink();
let messages = 0;
let bytes = 0;
let lastAt = 0;
const recipients = new Set<string>();
const drain = () => {
  const got = sink.messages.splice(0);
  if (got.length === 0) return;
  lastAt = now();
  messages += got.length;
  for (const m of got) {
    bytes += Buffer.byteLength(m.raw);
    for (const to of m.to) recipients.add(to);
  }
};
// each message is pushed when parsed: a short poll is enough to time the last one to a few ms
const timer = setInterval(drain, 5);

process.on('message', (m: { type: string }) => {
  if (m.type === 'count') {
    drain();
    const { user, system } = process.cpuUsage();
    process.send!({ type: 'count', messages, recipients: recipients.size, bytes, lastAt, cpuMs: (user + system) / 1000 });
  } else if (m.type === 'close') {
    clearInterval(timer);
    void sink.close().then(() => process.exit(0));
  }
});
process.send!({ type: 'ready', url: sink.url });
