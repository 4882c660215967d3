import { describe, expect, it } from "vitest";
import { isSafeLink, renderMarkdown } from "./markdown.server";

describe("renderMarkdown", () => {
  it("renders ordinary Markdown", () => {
    const html = renderMarkdown("Intro with **bold** text.\n\n- one\n- two");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<li>one</li>");
  });

  it("returns an empty string for nothing", () => {
    expect(renderMarkdown(null)).toBe("");
    expect(renderMarkdown("   \n")).toBe("");
  });

  it("escapes raw HTML instead of passing it through", () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)"> <a href="javascript:x">a</a>');
    expect(html).not.toMatch(/<script|<img|<a /i);
    expect(html).toContain("&lt;script&gt;");
  });

  it("keeps http, https and mailto links, with rel noopener noreferrer", () => {
    const html = renderMarkdown("[site](https://example.org/a) [old](http://example.org) [mail](mailto:desk@example.org)");
    expect(html).toContain('<a href="https://example.org/a" rel="noopener noreferrer">site</a>');
    expect(html).toContain('<a href="http://example.org" rel="noopener noreferrer">old</a>');
    expect(html).toContain('<a href="mailto:desk@example.org" rel="noopener noreferrer">mail</a>');
  });

  it("refuses dangerous and relative links, leaving their text", () => {
    for (const href of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:x", "//evil.example", "/admin"]) {
      const html = renderMarkdown(`[click](${href})`);
      expect(html, href).not.toContain("<a ");
      expect(html).toContain("click");
    }
  });

  it("links bare URLs safely", () => {
    expect(renderMarkdown("See https://example.org/guide")).toContain('<a href="https://example.org/guide" rel="noopener noreferrer">');
  });

  it("does not render images", () => {
    expect(renderMarkdown("![pixel](https://tracker.example/p.gif)")).not.toContain("<img");
  });

  it("moves headings below the page's own", () => {
    expect(renderMarkdown("# Aims\n\n## Detail")).toBe("<h3>Aims</h3>\n<h4>Detail</h4>\n");
    expect(renderMarkdown("# Aims", { headingsFrom: 2 })).toBe("<h2>Aims</h2>\n");
    expect(renderMarkdown("###### Deep")).toBe("<h6>Deep</h6>\n");
  });
});

describe("isSafeLink", () => {
  it("accepts only http, https and mailto", () => {
    expect(isSafeLink("https://x.example")).toBe(true);
    expect(isSafeLink("mailto:a@b.example")).toBe(true);
    expect(isSafeLink("ftp://x.example")).toBe(false);
    expect(isSafeLink("javascript:void(0)")).toBe(false);
  });
});
