import { describe, expect, it } from "vitest";
import { addFiles, canSend, MAX_ATTACHMENTS, messageRequest, newEchoId } from "./composer-request";

const file = (name: string, type = "image/png") => new File(["x"], name, { type });

// SPEC M1 (empty without attachments is invalid; ≤ 15 attachments), M6 (echo_id), §4.
describe("canSend", () => {
  it("needs text that is not only whitespace, or a file", () => {
    expect(canSend("", [])).toBe(false);
    expect(canSend(" \n\t", [])).toBe(false);
    expect(canSend("hi", [])).toBe(true);
    expect(canSend("", [file("a.png")])).toBe(true);
  });
});

describe("messageRequest", () => {
  it("posts text as JSON with the outgoing type, the private flag and the echo_id", () => {
    expect(messageRequest({ content: "Line 1\nLine 2", private: true, echoId: "e-1", files: [] })).toEqual({
      json: { content: "Line 1\nLine 2", message_type: "outgoing", private: true, echo_id: "e-1" },
    });
  });

  it("posts files as multipart with Chatwoot's attachments[] field", () => {
    const a = file("a.png");
    const b = file("b.pdf", "application/pdf");
    const { form, json } = messageRequest({ content: "see", private: false, echoId: "e-2", files: [a, b] });
    expect(json).toBeUndefined();
    expect(form!.get("content")).toBe("see");
    expect(form!.get("message_type")).toBe("outgoing");
    expect(form!.get("private")).toBe("false");
    expect(form!.get("echo_id")).toBe("e-2");
    const sent = form!.getAll("attachments[]") as File[];
    expect(sent.map((f) => [f.name, f.type])).toEqual([
      ["a.png", "image/png"],
      ["b.pdf", "application/pdf"],
    ]);
  });
});

describe("addFiles", () => {
  it("keeps at most MAX_ATTACHMENTS and reports the rest", () => {
    const many = Array.from({ length: MAX_ATTACHMENTS - 1 }, (_, i) => file(`${i}.png`));
    const added = addFiles(many, [file("x.png"), file("y.png"), file("z.png")]);
    expect(added.files).toHaveLength(MAX_ATTACHMENTS);
    expect(added.files.at(-1)!.name).toBe("x.png");
    expect(added.rejected).toBe(2);
    expect(addFiles([], [file("a.png")])).toEqual({ files: [expect.any(File)], rejected: 0 });
  });
});

describe("newEchoId", () => {
  const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it("is a v4 UUID, also where crypto.randomUUID is missing (plain http is not a secure context)", () => {
    expect(newEchoId()).toMatch(UUID_V4);
    const insecure = { getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) };
    const ids = new Set(Array.from({ length: 50 }, () => newEchoId(insecure)));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(UUID_V4);
  });
});
