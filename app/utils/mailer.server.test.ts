// Notification e-mail through a real SMTP exchange: a local smtp-server
// receives what nodemailer sends from the notifications in a test database.
import { type AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { notifications, users } from "#db/schema";
import { notifyUsers } from "~/models/notifications.server";
import { createTestActor, createTestDb, type TestDb } from "../../tests/setup/test-db";
import { sendNotificationEmails } from "./mailer.server";

type Received = { from: string; to: string[]; raw: string };

let t: TestDb;
let server: SMTPServer;
let received: Received[];
let url: string;

beforeEach(async () => {
  t = createTestDb();
  received = [];
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  t.cleanup();
});

const options = { from: "Registry <registry@test.example>", baseUrl: "https://registry.test.example" };

describe("notification e-mail", () => {
  it("sends each new notification once, to its person, with an absolute link", async () => {
    const ada = await createTestActor(t.db, "donor");
    const ben = await createTestActor(t.db, "focal_point", { countryCode: "KEN" });
    await notifyUsers(t.db, [ada.id, ben.id], "New assistance request from Kenya: Phone forensics", "/requests/abc");
    const transport = nodemailer.createTransport(url);

    expect(await sendNotificationEmails(t.db, transport, options)).toEqual({ sent: 2, failed: 0 });
    expect(received.map((m) => m.to).flat().sort()).toEqual([ada.email, ben.email].sort());
    expect(received.every((m) => m.from === "registry@test.example")).toBe(true);
    const toAda = received.find((m) => m.to.includes(ada.email))!.raw;
    expect(toAda).toContain("Subject: [Registry] New assistance request from Kenya: Phone forensics");
    expect(toAda).toContain("https://registry.test.example/requests/abc");

    // Claimed rows are never sent again.
    expect(await sendNotificationEmails(t.db, transport, options)).toEqual({ sent: 0, failed: 0 });
    expect(received).toHaveLength(2);
    const rows = await t.db.select({ emailedAt: notifications.emailedAt }).from(notifications);
    expect(rows.every((r) => r.emailedAt)).toBe(true);
    transport.close();
  });

  it("leaves old notifications and deleted people's notifications to the inbox", async () => {
    const now = await createTestActor(t.db, "donor");
    const gone = await createTestActor(t.db, "donor");
    await notifyUsers(t.db, [now.id, gone.id], "Training session planned", "/sessions/x");
    await t.db.update(users).set({ deletedAt: new Date().toISOString() }).where(eq(users.id, gone.id));
    const [old] = await t.db
      .insert(notifications)
      .values({ userId: now.id, message: "Last year's news", link: null, at: "2020-01-01T00:00:00.000Z" })
      .returning();
    const transport = nodemailer.createTransport(url);

    expect(await sendNotificationEmails(t.db, transport, options)).toEqual({ sent: 1, failed: 0 });
    expect(received).toHaveLength(1);
    expect(received[0].to).toEqual([now.email]);
    const [stillOld] = await t.db.select().from(notifications).where(eq(notifications.id, old.id));
    expect(stillOld.emailedAt).toBeNull();
    transport.close();
  });

  it("counts a refused message as failed and does not send it again", async () => {
    const person = await createTestActor(t.db, "donor");
    await notifyUsers(t.db, [person.id], "Status changed", null);
    const transport = nodemailer.createTransport(url.replace(/:\d+$/, ":1"));
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      expect(await sendNotificationEmails(t.db, transport, options)).toEqual({ sent: 0, failed: 1 });
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
    expect(await sendNotificationEmails(t.db, nodemailer.createTransport(url), options)).toEqual({ sent: 0, failed: 0 });
    expect(received).toHaveLength(0);
  });
});
