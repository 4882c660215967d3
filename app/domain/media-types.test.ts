import { describe, expect, it } from "vitest";
import {
  attachmentDisposition,
  claimedType,
  createTextCheck,
  displayFileName,
  formatFileSize,
  judgeUpload,
  safeStoredName,
} from "./media-types";

const PDF = "application/pdf";

describe("claimedType", () => {
  it("goes by the extension, case-insensitively, and falls back to the declared type only without one", () => {
    expect(claimedType("Handbook.PDF", "text/plain")?.mediaType).toBe(PDF);
    expect(claimedType("photo.jpeg", undefined)?.mediaType).toBe("image/jpeg");
    expect(claimedType("README", "text/markdown")?.mediaType).toBe("text/markdown");
    expect(claimedType("tool.exe", "application/pdf")).toBeUndefined();
    expect(claimedType("noextension", undefined)).toBeUndefined();
  });
});

describe("judgeUpload", () => {
  it("accepts content that matches the claimed type", () => {
    expect(judgeUpload({ fileName: "a.pdf", detectedMediaType: PDF, isUtf8Text: false })).toMatchObject({ ok: true, type: { mediaType: PDF } });
    expect(judgeUpload({ fileName: "clip.m4v", detectedMediaType: "video/x-m4v", isUtf8Text: false })).toMatchObject({
      ok: true,
      type: { mediaType: "video/mp4" },
    });
  });

  it("rejects a file whose content is not what its name says", () => {
    expect(judgeUpload({ fileName: "notes.pdf", detectedMediaType: undefined, isUtf8Text: true })).toEqual({
      ok: false,
      message: "This file's content is not a PDF.",
    });
    expect(judgeUpload({ fileName: "slides.pptx", detectedMediaType: "application/zip", isUtf8Text: false })).toEqual({
      ok: false,
      message: "This file's content is not a PowerPoint presentation (it looks like a ZIP archive).",
    });
  });

  it("rejects types outside the allow-list", () => {
    const verdict = judgeUpload({ fileName: "run.exe", detectedMediaType: "application/x-msdownload", isUtf8Text: false });
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.message).toMatch(/cannot be uploaded/);
  });

  it("accepts text formats only as UTF-8 without a recognised binary signature", () => {
    expect(judgeUpload({ fileName: "data.csv", detectedMediaType: undefined, isUtf8Text: true }).ok).toBe(true);
    expect(judgeUpload({ fileName: "notes.md", detectedMediaType: undefined, isUtf8Text: false })).toMatchObject({ ok: false });
    expect(judgeUpload({ fileName: "report.txt", detectedMediaType: PDF, isUtf8Text: false })).toEqual({
      ok: false,
      message: "This file's content is not a plain text file (it looks like a PDF). Text files must be saved as UTF-8.",
    });
  });
});

describe("createTextCheck", () => {
  const check = (...chunks: number[][]) => {
    const text = createTextCheck();
    chunks.forEach((c) => text.push(Uint8Array.from(c)));
    return text.finish();
  };

  it("accepts UTF-8 split across chunks", () => {
    const bytes = [...new TextEncoder().encode("Évidence numérique — 電子証拠")];
    expect(check(bytes.slice(0, 1), bytes.slice(1, 4), bytes.slice(4))).toBe(true);
  });

  it("rejects NUL bytes, invalid sequences and a sequence cut off at the end", () => {
    expect(check([0x61, 0x00, 0x62])).toBe(false);
    expect(check([0xff, 0xfe, 0x41])).toBe(false);
    expect(check([0x61, 0xe2, 0x82])).toBe(false);
  });
});

describe("file names", () => {
  it("keeps the shown name readable but never a path", () => {
    expect(displayFileName("C:\\Users\\x\\Manuel d'enquête.pdf")).toBe("Manuel d'enquête.pdf");
    expect(displayFileName("a\u0000b\nc.txt")).toBe("abc.txt");
    expect(displayFileName(`${"x".repeat(300)}.pdf`)).toMatch(/….pdf$/);
  });

  it("stores under an ASCII name with the verified extension", () => {
    const pdf = claimedType("x.pdf", undefined)!;
    expect(safeStoredName("Manuel d'enquête (v2).pdf", pdf)).toBe("Manuel-d-enquete-v2.pdf");
    expect(safeStoredName("../../etc/passwd", pdf)).toBe("passwd.pdf");
    expect(safeStoredName(".hidden.PDF", pdf)).toBe("hidden.pdf");
    expect(safeStoredName("电子证据.pdf", pdf)).toBe("file.pdf");
  });

  it("writes an RFC 5987 attachment header", () => {
    expect(attachmentDisposition("Guía \"rápida\".pdf")).toBe(
      `attachment; filename="Gu_a _r_pida_.pdf"; filename*=UTF-8''Gu%C3%ADa%20%22r%C3%A1pida%22.pdf`,
    );
    expect(attachmentDisposition("it's (final).txt")).toBe(`attachment; filename="it's (final).txt"; filename*=UTF-8''it%27s%20%28final%29.txt`);
  });

  it("formats sizes", () => {
    expect(formatFileSize(512)).toBe("512 B");
    expect(formatFileSize(1536)).toBe("1.5 KB");
    expect(formatFileSize(25 * 1024 * 1024)).toBe("25 MB");
  });
});
