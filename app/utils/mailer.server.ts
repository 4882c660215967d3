// Sends e-mail copies of inbox notifications through nodemailer when SMTP_URL
// is configured; without it nothing here runs and the inbox is the one channel.
// A poller in the server process picks up what any writer committed (pages,
// API, the import command), so e-mail never goes out for a write that was
// rolled back.
import nodemailer, { type Transporter } from "nodemailer";
import { type Executor } from "#db/client.server";
import { claimUnmailedNotifications, type UnmailedNotification } from "~/models/notification-mail.server";

export type MailOptions = { from: string; baseUrl: string | null };

const SUBJECT_MAX = 120;
/** Notifications older than this when the mailer first sees them stay in the inbox only. */
const FRESH_MS = 24 * 60 * 60 * 1000;

export function notificationEmail(n: UnmailedNotification, options: MailOptions) {
  const subject = n.message.length > SUBJECT_MAX ? `${n.message.slice(0, SUBJECT_MAX - 1)}…` : n.message;
  const absolute = (path: string) => (options.baseUrl ? new URL(path, options.baseUrl).toString() : path);
  const lines = [
    `Hello ${n.displayName},`,
    "",
    n.message,
    ...(n.link ? ["", `Open: ${absolute(n.link)}`] : []),
    "",
    "--",
    "Training Coordination Registry. You get this because of what you follow or a request you submitted;",
    `your inbox keeps every notification: ${absolute("/inbox")}. Change what you follow: ${absolute("/follows")}.`,
  ];
  return { from: options.from, to: { name: n.displayName, address: n.email }, subject: `[Registry] ${subject}`, text: lines.join("\n") };
}

/** One pass: claims unmailed recent notifications and sends each. Returns what happened, for logs and tests. */
export async function sendNotificationEmails(db: Executor, transport: Transporter, options: MailOptions & { now?: Date; batch?: number }) {
  const since = new Date((options.now ?? new Date()).getTime() - FRESH_MS).toISOString();
  let sent = 0;
  let failed = 0;
  for (;;) {
    const batch = await claimUnmailedNotifications(db, { since, limit: options.batch ?? 50 });
    for (const n of batch) {
      try {
        await transport.sendMail(notificationEmail(n, options));
        sent++;
      } catch (error) {
        failed++;
        console.error(`E-mail for notification ${n.id} to ${n.email} not sent: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (batch.length < (options.batch ?? 50)) return { sent, failed };
  }
}

/** Starts polling every `intervalMs` (never two passes at once). Returns a function that stops it. */
export function startNotificationMailer(db: Executor, smtpUrl: string, options: MailOptions & { intervalMs?: number }) {
  const transport = nodemailer.createTransport(smtpUrl);
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await sendNotificationEmails(db, transport, options);
    } catch (error) {
      console.error("Notification mailer pass failed:", error);
    } finally {
      running = false;
    }
  }, options.intervalMs ?? 15_000);
  // The poller alone never keeps the process alive.
  timer.unref();
  return () => {
    clearInterval(timer);
    transport.close();
  };
}
