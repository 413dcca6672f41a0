import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** One-click unsubscribe URL (RFC 8058): adds List-Unsubscribe and List-Unsubscribe-Post. */
  listUnsubscribeUrl?: string;
  headers?: Record<string, string>;
}

export interface MailResult {
  ok: boolean;
  /** The server refused for good (5xx): sending the same again would fail again. */
  permanent: boolean;
  response: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<MailResult>;
  close(): void;
}

export interface MailerOptions {
  smtpUrl?: string;
  dataDir: string;
  from: string;
  dkim?: { domainName: string; keySelector: string; privateKey: string };
  tls?: { ca?: string; rejectUnauthorized?: boolean };
}

// nodemailer's default signed fields, plus List-Unsubscribe-Post: RFC 8058 requires both
// List-Unsubscribe headers to be covered by the DKIM signature
const DKIM_FIELDS =
  'From:Sender:Reply-To:Subject:Date:Message-ID:To:Cc:MIME-Version:Content-Type:Content-Transfer-Encoding:' +
  'Content-ID:Content-Description:Resent-Date:Resent-From:Resent-Sender:Resent-To:Resent-Cc:Resent-Message-ID:' +
  'In-Reply-To:References:List-Id:List-Help:List-Unsubscribe:List-Subscribe:List-Post:List-Owner:List-Archive:' +
  'List-Unsubscribe-Post';

const MAX_RESPONSE = 500;

/**
 * Sends mail through SMTP (a small keep-alive pool), or, without SMTP_URL, writes each message
 * as an RFC 5322 .eml file under <dataDir>/mail/ that any mail client opens.
 */
export function createMailer(opts: MailerOptions): Mailer {
  const dkim = opts.dkim ? { ...opts.dkim, headerFieldNames: DKIM_FIELDS } : undefined;
  const mailDir = join(opts.dataDir, 'mail');
  const transport = opts.smtpUrl
    ? nodemailer.createTransport({
        url: opts.smtpUrl,
        pool: true,
        maxConnections: 5,
        maxMessages: 500,
        dkim,
        tls: opts.tls,
        connectionTimeout: 30_000,
        greetingTimeout: 30_000,
        socketTimeout: 60_000,
      } as Parameters<typeof nodemailer.createTransport>[0])
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows', dkim });

  const message = (mail: OutgoingMail): Mail.Options => ({
    from: opts.from,
    to: mail.to,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    list: mail.listUnsubscribeUrl ? { unsubscribe: mail.listUnsubscribeUrl } : undefined,
    headers: { ...mail.headers, ...(mail.listUnsubscribeUrl ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}) },
  });

  return {
    async send(mail) {
      try {
        const info = await transport.sendMail(message(mail));
        if (opts.smtpUrl) return { ok: true, permanent: false, response: String(info.response ?? 'sent').slice(0, MAX_RESPONSE) };
        await mkdir(mailDir, { recursive: true });
        // sortable by time, unique across workers writing the same folder
        const file = join(mailDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`);
        await writeFile(file, info.message as Buffer);
        return { ok: true, permanent: false, response: `written ${file}` };
      } catch (err) {
        const e = err as Error & { responseCode?: number; response?: string; code?: string };
        const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600;
        const response = (e.response ?? `${e.code ?? 'error'} ${e.message}`).slice(0, MAX_RESPONSE);
        return { ok: false, permanent, response };
      }
    },
    close() {
      transport.close();
    },
  };
}
