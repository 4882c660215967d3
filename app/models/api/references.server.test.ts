import { afterEach, beforeEach, expect, it } from "vitest";
import { createTestDb, type TestDb } from "#tests/setup/test-db";
import { findUnknownReference } from "./references.server";

let t: TestDb;
beforeEach(() => {
  t = createTestDb();
});
afterEach(() => t.cleanup());

it("refuses a well-formed language code that is no language, like any other unknown code", async () => {
  expect(await findUnknownReference(t.db, [{ parameter: "language", kind: "language", values: ["fr", "sw"] }])).toBeNull();
  expect(await findUnknownReference(t.db, [{ parameter: "language", kind: "language", values: ["fr", "xx"] }])).toEqual({
    error: "Unknown ISO 639-1 language code: xx",
    parameter: "language",
  });
});

it("names the first parameter with a code that names nothing", async () => {
  expect(
    await findUnknownReference(t.db, [
      { parameter: "topic", kind: "topic", values: "EVID" },
      { parameter: "offence", kind: "offence", values: ["CSAM", "NOPE"] },
    ]),
  ).toEqual({ error: "Unknown offence focus code: NOPE", parameter: "offence" });
});
