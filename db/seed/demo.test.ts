import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "#tests/setup/test-db";
import { clearDemo, DEMO_USERS, seedDemo } from "./demo";

let t: TestDb;
let uploadDir: string;
const now = new Date("2026-11-28T12:00:00Z");

beforeEach(() => {
  t = createTestDb();
  uploadDir = mkdtempSync(path.join(tmpdir(), "demo-uploads-"));
});
afterEach(() => {
  t.cleanup();
  rmSync(uploadDir, { recursive: true, force: true });
});

const count = async (query: ReturnType<typeof sql>) => (await t.db.get<{ n: number }>(query))!.n;

describe("demo data", () => {
  it("has the volumes and variety the registry is demonstrated with", async () => {
    await seedDemo(t.db, { now, uploadDir });
    expect(await count(sql`SELECT count(*) AS n FROM organisation`)).toBeGreaterThanOrEqual(30);
    expect(await count(sql`SELECT count(*) AS n FROM trainer`)).toBeGreaterThanOrEqual(60);
    expect(await count(sql`SELECT count(*) AS n FROM course`)).toBeGreaterThanOrEqual(80);
    expect(await count(sql`SELECT count(*) AS n FROM material`)).toBeGreaterThanOrEqual(150);
    expect(await count(sql`SELECT count(*) AS n FROM training_session`)).toBeGreaterThanOrEqual(1500);
    expect(await count(sql`SELECT count(DISTINCT host_country) AS n FROM training_session`)).toBeGreaterThanOrEqual(100);
    expect(await count(sql`SELECT count(DISTINCT status) AS n FROM training_session`)).toBe(4);
    expect(await count(sql`SELECT min(substr(start_date, 1, 4)) = '2019' AND max(substr(start_date, 1, 4)) = '2027' AS n FROM training_session`)).toBe(1);
    const conflicts = await count(sql`SELECT count(*) AS n FROM training_session
      WHERE (status IN ('planned', 'confirmed') AND end_date < '2026-11-28') OR (status = 'completed' AND start_date > '2026-11-28')`);
    expect(conflicts).toBeGreaterThan(5);
    const roles = await t.db.all<{ role: string }>(sql`SELECT DISTINCT role FROM user`);
    expect(roles.map((r) => r.role).sort()).toEqual(["admin", "coordinator", "donor", "focal_point", "trainer"]);
    expect(DEMO_USERS.length).toBeGreaterThanOrEqual(5);
    // Only the planted pair shares a person: any other repeated name would be a real duplicate to review.
    expect(await count(sql`SELECT count(*) AS n FROM (SELECT name FROM trainer GROUP BY name HAVING count(*) > 1)`)).toBe(0);
    expect(await count(sql`SELECT count(*) AS n FROM (SELECT email FROM trainer WHERE email IS NOT NULL GROUP BY email HAVING count(*) > 1)`)).toBe(0);
  });

  it("writes real files whose size and SHA-256 match what is stored", async () => {
    await seedDemo(t.db, { now, uploadDir });
    const files = await t.db.all<{ file_path: string; sha256: string; file_size: number }>(
      sql`SELECT file_path, sha256, file_size FROM material WHERE file_path IS NOT NULL`,
    );
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const f of files) {
      const bytes = readFileSync(path.join(uploadDir, f.file_path));
      expect(bytes.length).toBe(f.file_size);
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(f.sha256);
    }
  });

  it("is the same every time, and clears down to the reference data", async () => {
    await seedDemo(t.db, { now, uploadDir });
    const first = await t.db.all(sql`SELECT id, title FROM training_session ORDER BY id`);
    await clearDemo(t.db);
    expect(await count(sql`SELECT count(*) AS n FROM training_session`)).toBe(0);
    expect(await count(sql`SELECT count(*) AS n FROM organisation`)).toBe(0);
    expect(await count(sql`SELECT count(*) AS n FROM country`)).toBeGreaterThan(240);
    expect(await count(sql`SELECT count(*) AS n FROM topic`)).toBeGreaterThan(20);
    await seedDemo(t.db, { now, uploadDir });
    expect(await t.db.all(sql`SELECT id, title FROM training_session ORDER BY id`)).toEqual(first);
  });
});
