// Markdown written by users (course descriptions, material notes…) → HTML that
// is safe to put in a page with dangerouslySetInnerHTML. Safety comes from
// markdown-it itself, not from a later scrub: raw HTML is escaped (html: false),
// links are kept only for a few schemes, and images are not rendered at all
// (a remote image is a tracking pixel in someone else's page).
import MarkdownIt, { type Token } from "markdown-it";

const SAFE_LINK = /^(https?:|mailto:)/i;

/** Only absolute http(s) and mailto links; `javascript:`, `data:`, relative and protocol-relative URLs are refused. */
export function isSafeLink(url: string): boolean {
  return SAFE_LINK.test(url.trim());
}

function createRenderer(headingOffset: number) {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
  md.disable("image");
  // A refused link renders as its plain text: markdown-it leaves the source as is.
  md.validateLink = isSafeLink;

  md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
    tokens[idx].attrSet("rel", "noopener noreferrer");
    return self.renderToken(tokens, idx, options);
  };

  // A "# Heading" in a description must not become a second <h1> on the page.
  const shiftHeading = (tokens: Token[], idx: number) => {
    const level = Number(tokens[idx].tag.slice(1));
    tokens[idx].tag = `h${Math.min(6, level + headingOffset)}`;
  };
  md.renderer.rules.heading_open = (tokens, idx, options, _env, self) => {
    shiftHeading(tokens, idx);
    return self.renderToken(tokens, idx, options);
  };
  md.renderer.rules.heading_close = (tokens, idx, options, _env, self) => {
    shiftHeading(tokens, idx);
    return self.renderToken(tokens, idx, options);
  };
  return md;
}

const renderers = new Map<number, MarkdownIt>();

/**
 * Render Markdown to sanitised HTML. `headingsFrom` is the tag a top-level
 * "#" heading becomes (default h3: the text sits under a page's h2 section).
 */
export function renderMarkdown(source: string | null | undefined, { headingsFrom = 3 }: { headingsFrom?: number } = {}): string {
  if (!source?.trim()) return "";
  const offset = Math.max(0, Math.min(5, headingsFrom - 1));
  let md = renderers.get(offset);
  if (!md) renderers.set(offset, (md = createRenderer(offset)));
  return md.render(source);
}
