import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SunkMessage {
  /** Envelope recipients (RCPT TO), lower-cased. */
  to: string[];
  /** Envelope sender (MAIL FROM). */
  from: string;
  subject: string;
  /** Header lines as received, by lower-cased name (the last one wins). */
  headers: Record<string, string>;
  /** The `From` header as parsed (display name and address). */
  fromHeader: { name: string; address: string } | null;
  html: string;
  text: string;
  raw: string;
}

export interface SmtpFailure {
  code: number;
  message: string;
  /** Where the server refuses: at RCPT TO (default) or after DATA. */
  at?: 'rcpt' | 'data';
}

export interface SmtpSink {
  url: string;
  messages: SunkMessage[];
  /** The next RCPT (or DATA) is answered with this code: 550 is permanent, 451 temporary. */
  respondNext(code: number, message?: string, at?: 'rcpt' | 'data'): void;
  /** Resolves once `n` messages were received in total. */
  waitFor(n: number, timeoutMs?: number): Promise<SunkMessage[]>;
  close(): Promise<void>;
}

const smtpError = (f: SmtpFailure) => Object.assign(new Error(f.message), { responseCode: f.code });

/** A real SMTP server on a free port that keeps (and parses) what it receives; `failWith` refuses every message. */
export async function startSmtpSink(opts: { failWith?: SmtpFailure } = {}): Promise<SmtpSink> {
  const messages: SunkMessage[] = [];
  const queued: SmtpFailure[] = [];
  const waiters = new Set<() => void>();
  const refusal = (at: 'rcpt' | 'data'): SmtpFailure | undefined => {
    if (opts.failWith && (opts.failWith.at ?? 'rcpt') === at) return opts.failWith;
    if (queued.length && (queued[0].at ?? 'rcpt') === at) return queued.shift();
    return undefined;
  };

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const f = refusal('rcpt');
      callback(f ? smtpError(f) : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const f = refusal('data');
        if (f) return callback(smtpError(f));
        const raw = Buffer.concat(chunks).toString('utf8');
        try {
          const parsed = await simpleParser(raw);
          const headers: Record<string, string> = {};
          for (const line of parsed.headerLines) headers[line.key.toLowerCase()] = line.line.slice(line.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
          const from = (parsed.from as AddressObject | undefined)?.value[0];
          messages.push({
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            headers,
            fromHeader: from ? { name: from.name, address: from.address ?? '' } : null,
            html: typeof parsed.html === 'string' ? parsed.html : '',
            text: parsed.text ?? '',
            raw,
          });
          for (const w of waiters) w();
          callback(null, 'Message accepted');
        } catch (err) {
          callback(err as Error);
        }
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // a refused or dropped client is the test's business, not an unhandled error here
  server.on('error', () => {});
  const port = (server.server.address() as AddressInfo).port;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    respondNext(code, message = code >= 500 ? '5.1.1 Mailbox unavailable' : '4.3.0 Try again later', at = 'rcpt') {
      queued.push({ code, message, at });
    },
    waitFor(n, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < n) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(messages.slice());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`SMTP sink: ${messages.length} of ${n} messages after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
