import { compiler } from "markdown-to-jsx/react";
import { memo, type ReactNode } from "react";
import { safeHref } from "./safe-url";

/**
 * A message's text as markdown, sanitised (SPEC U1, §15): raw HTML is shown as text, never parsed;
 * links keep only http(s)/mailto targets and open in a new tab without referrer or opener; images
 * are shown as links, so a visitor cannot load a tracking pixel into an agent's browser. No
 * dangerouslySetInnerHTML anywhere.
 */
/** Chatwoot's mention link target (NT5): not a place to go, a colleague's name to highlight. */
const MENTION_HREF = /^mention:\/\/user\/\d{1,9}\//;
const linkTarget = (value: string) => (MENTION_HREF.test(value) ? value : safeHref(value));

function SafeLink({ href, children }: { href?: string; children?: ReactNode }) {
  if (href && MENTION_HREF.test(href)) {
    return <span className="mention rounded bg-brand-100 px-0.5 font-medium text-brand-700 dark:bg-brand-700/40 dark:text-brand-100">{children}</span>;
  }
  const safe = safeHref(href);
  if (!safe) return <span>{children}</span>;
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer nofollow" className="underline decoration-1 underline-offset-2 hover:opacity-80">
      {children}
    </a>
  );
}

function ImageAsLink({ src, alt }: { src?: string; alt?: string }) {
  return <SafeLink href={src}>{alt || src || "image"}</SafeLink>;
}

const Paragraph = ({ children }: { children?: ReactNode }) => <p className="whitespace-pre-wrap break-words [&:not(:first-child)]:mt-2">{children}</p>;
const Heading = ({ children }: { children?: ReactNode }) => <p className="font-semibold [&:not(:first-child)]:mt-2">{children}</p>;
const Code = ({ children }: { children?: ReactNode }) => <code className="rounded bg-black/5 dark:bg-white/5 px-1 font-mono text-[0.85em]">{children}</code>;
const Pre = ({ children }: { children?: ReactNode }) => <pre className="mt-1 overflow-x-auto rounded bg-black/5 dark:bg-white/5 p-2 font-mono text-xs">{children}</pre>;

const OPTIONS = {
  disableParsingRawHTML: true,
  forceWrapper: true,
  wrapper: null,
  sanitizer: (value: string, tag: string, attribute: string) => (attribute === "href" ? linkTarget(value) : attribute === "src" ? safeHref(value) : value),
  overrides: {
    a: { component: SafeLink },
    img: { component: ImageAsLink },
    p: { component: Paragraph },
    h1: { component: Heading },
    h2: { component: Heading },
    h3: { component: Heading },
    h4: { component: Heading },
    h5: { component: Heading },
    h6: { component: Heading },
    code: { component: Code },
    pre: { component: Pre },
    // Nothing that could come from raw HTML survives, but should the parser ever let a tag through:
    script: { component: () => null },
    iframe: { component: () => null },
    style: { component: () => null },
  },
};

/** Memoised: a long thread re-renders on every typing signal, and parsing is the expensive part. */
export const MessageMarkdown = memo(function MessageMarkdown({ text }: { text: string }) {
  return <div className="text-sm leading-relaxed [&_li]:ml-4 [&_ol]:list-decimal [&_ul]:list-disc">{compiler(text, OPTIONS)}</div>;
});
