// Environment, parsed once. A wrong value stops the process with a message
// naming the variable; nothing else in the app reads process.env.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const booleanFlag = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"])
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATA_DIR: z.string().min(1).default("data"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|libsql:|https?:|wss?:)/, { error: "must start with file:, libsql:, http(s): or ws(s):" })
    .optional(),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  SESSION_SECRET: z.string().min(32, { error: "must be at least 32 characters" }).optional(),
  UPLOAD_DIR: z.string().min(1).optional(),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(25),
  DEMO_DATA: booleanFlag.default(true),
  SECURE_COOKIES: booleanFlag.optional(),
  // E-mail copies of inbox notifications, only when an SMTP server is named.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]/, { error: "must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example:587" })
    .optional(),
  MAIL_FROM: z.string().min(3).default("Training Coordination Registry <registry@localhost>"),
  PUBLIC_URL: z.url({ error: "must be the registry's public address, e.g. https://registry.example" }).optional(),
});

export type Env = z.infer<typeof EnvSchema> & {
  DATABASE_URL: string;
  SESSION_SECRET: string;
  UPLOAD_DIR: string;
  SECURE_COOKIES: boolean;
};

function parseEnv(): Env {
  const result = EnvSchema.safeParse(process.env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    console.error(`Invalid environment:\n${lines.join("\n")}`);
    process.exit(1);
  }
  const env = result.data;
  return {
    ...env,
    DATABASE_URL: env.DATABASE_URL ?? `file:${path.join(env.DATA_DIR, "registry.db")}`,
    SESSION_SECRET: env.SESSION_SECRET ?? loadOrCreateSessionSecret(env.DATA_DIR),
    UPLOAD_DIR: env.UPLOAD_DIR ?? path.join(env.DATA_DIR, "uploads"),
    SECURE_COOKIES: env.SECURE_COOKIES ?? env.NODE_ENV === "production",
  };
}

/** First start without SESSION_SECRET: generate one and keep it beside the data. */
function loadOrCreateSessionSecret(dataDir: string): string {
  const file = path.join(dataDir, "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  console.log(`SESSION_SECRET not set: generated one and saved it in ${file}`);
  return secret;
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}
