import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { keepUpload, receiveUploadForm, resolveStoredFile } from "./uploads.server";

let uploadDir: string;
beforeEach(() => {
  uploadDir = mkdtempSync(path.join(tmpdir(), "registry-uploads-"));
});
afterEach(() => rmSync(uploadDir, { recursive: true, force: true }));

const TINY_PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

function formRequest(fields: Record<string, string | File>) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return new Request("http://localhost/materials/new", { method: "POST", body });
}

/** Every file left under the upload folder, temporary ones included. */
function filesLeft(dir = uploadDir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesLeft(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

const receive = (fields: Record<string, string | File>, maxBytes = 1024 * 1024) =>
  receiveUploadForm(formRequest(fields), { uploadDir, maxBytes });

describe("receiveUploadForm", () => {
  it("hashes and counts an accepted file and keeps the text fields", async () => {
    const { formData, outcome } = await receive({ title: "Handbook", file: new File([TINY_PDF], "Guide d'enquête.pdf", { type: "application/pdf" }), after: "kept" });
    expect(formData.get("title")).toBe("Handbook");
    expect(formData.get("after")).toBe("kept");
    expect(formData.get("file")).toBe("Guide d'enquête.pdf");
    expect(outcome.status).toBe("received");
    if (outcome.status !== "received") return;
    expect(outcome.upload).toMatchObject({
      fileName: "Guide d'enquête.pdf",
      storedName: "Guide-d-enquete.pdf",
      fileSize: TINY_PDF.length,
      mediaType: "application/pdf",
      sha256: createHash("sha256").update(TINY_PDF).digest("hex"),
    });
    expect(readFileSync(outcome.upload.tempPath)).toEqual(TINY_PDF);

    const stored = await keepUpload(outcome.upload, new Date("2025-06-01T00:00:00Z"));
    expect(stored.filePath).toMatch(/^2025\/[0-9A-Z]{26}-Guide-d-enquete\.pdf$/);
    expect(readFileSync(path.join(uploadDir, stored.filePath))).toEqual(TINY_PDF);
    expect(existsSync(outcome.upload.tempPath)).toBe(false);
  });

  it("rejects a file over the size limit and leaves no partial file", async () => {
    const big = new File([Buffer.alloc(300_000, 0x41)], "big.txt", { type: "text/plain" });
    const { formData, outcome } = await receive({ file: big, title: "After the file" }, 100_000);
    expect(outcome).toEqual({ status: "rejected", message: expect.stringMatching(/larger than the 98 KB limit/) });
    expect(formData.get("title")).toBe("After the file");
    expect(filesLeft()).toEqual([]);
  });

  it("rejects text renamed to .pdf, and leaves nothing behind", async () => {
    const { outcome } = await receive({ file: new File(["just some notes\n"], "notes.pdf", { type: "application/pdf" }) });
    expect(outcome).toEqual({ status: "rejected", message: "This file's content is not a PDF." });
    expect(filesLeft()).toEqual([]);
  });

  it("rejects a PDF renamed to .csv", async () => {
    const { outcome } = await receive({ file: new File([TINY_PDF], "data.csv", { type: "text/csv" }) });
    expect(outcome).toMatchObject({ status: "rejected", message: expect.stringMatching(/not a CSV file \(it looks like a PDF\)/) });
  });

  it("accepts UTF-8 text formats and refuses binary or badly encoded ones", async () => {
    const csv = await receive({ file: new File(["name,pays\nAmina,Sénégal\n"], "list.csv", { type: "application/vnd.ms-excel" }) });
    expect(csv.outcome).toMatchObject({ status: "received", upload: { mediaType: "text/csv" } });
    await csv.discard();

    const latin1 = await receive({ file: new File([Buffer.from([0x53, 0xe9, 0x6e, 0xe9, 0x67, 0x61, 0x6c])], "notes.md") });
    expect(latin1.outcome).toMatchObject({ status: "rejected" });
    const withNul = await receive({ file: new File([Buffer.from("a\u0000b")], "notes.txt") });
    expect(withNul.outcome).toMatchObject({ status: "rejected" });
    expect(filesLeft()).toEqual([]);
  });

  it("refuses types outside the allow-list and empty files", async () => {
    const exe = await receive({ file: new File([Buffer.from("MZ\x90\x00")], "setup.exe") });
    expect(exe.outcome).toMatchObject({ status: "rejected", message: expect.stringMatching(/cannot be uploaded/) });
    const empty = await receive({ file: new File([TINY_PDF.subarray(0, 0)], "empty.pdf") });
    expect(empty.outcome).toEqual({ status: "rejected", message: "The file is empty." });
    expect(filesLeft()).toEqual([]);
  });

  it("treats an empty file input as no file", async () => {
    const { formData, outcome } = await receive({ file: new File([], ""), title: "x" });
    expect(outcome).toEqual({ status: "none" });
    expect(formData.get("file")).toBe("");
  });

  it("discards the received file when asked", async () => {
    const { outcome, discard } = await receive({ file: new File([TINY_PDF], "a.pdf") });
    await discard();
    expect(outcome.status).toBe("received");
    expect(filesLeft()).toEqual([]);
  });

  it("turns a body that is not multipart into a 400", async () => {
    const request = new Request("http://localhost/x", { method: "POST", body: new URLSearchParams({ a: "b" }) });
    await expect(receiveUploadForm(request, { uploadDir, maxBytes: 1000 })).rejects.toMatchObject({ status: 400 });
  });
});

describe("resolveStoredFile", () => {
  it("never leaves the upload folder", () => {
    expect(resolveStoredFile(uploadDir, "2025/x.pdf")).toBe(path.join(uploadDir, "2025/x.pdf"));
    expect(resolveStoredFile(uploadDir, "../secret")).toBeNull();
    expect(resolveStoredFile(uploadDir, "/etc/passwd")).toBeNull();
  });
});
