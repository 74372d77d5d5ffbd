import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { mentionedUserIds, mentionMarkup, splitMentions } from "@/lib/notifications/mentions";
import { MessageMarkdown } from "./message-markdown";

const html = (text: string) => renderToStaticMarkup(createElement(MessageMarkdown, { text }));

// NT5: Chatwoot's mention markup, written by the composer, read by the server, shown highlighted.
describe("mentions", () => {
  it("NT5 writes Chatwoot's markup and reads the ids back, each once", () => {
    const a = mentionMarkup({ id: 7, name: "Cleo Colleague" });
    expect(a).toBe("[@Cleo Colleague](mention://user/7/Cleo%20Colleague)");
    expect(mentionedUserIds(`${a} and ${mentionMarkup({ id: 9, name: "Bo" })} and ${a}`)).toEqual([7, 9]);
    expect(mentionedUserIds("mention://user/3/x without the markup")).toEqual([]);
  });

  it("NT5 a name cannot break out of the markup", () => {
    const m = mentionMarkup({ id: 4, name: "Eve](javascript:alert(1))" });
    expect(mentionedUserIds(m)).toEqual([4]);
    expect(splitMentions(`hi ${m}!`).map((p) => p.kind)).toEqual(["text", "mention", "text"]);
  });

  it("NT5 renders a mention as a highlighted name, not a link, and its name as text", () => {
    const out = html(`${mentionMarkup({ id: 7, name: "Cleo" })} please <b>look</b>`);
    expect(out).toMatch(/<span class="mention[^"]*">@Cleo<\/span>/);
    expect(out).not.toContain("mention://");
    expect(out).not.toMatch(/<a /);
    expect(out).not.toMatch(/<b>/);
  });
});
