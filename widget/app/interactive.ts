import type { WidgetMessage } from "./api";
import { h } from "./dom";
import { w } from "./words";

/**
 * Interactive messages (W10) as Chatwoot's widget shows them, from `content_attributes`:
 * - `input_select`: `items: [{title, value}]` as buttons; the answer is `submitted_values: [{title, value}]`.
 * - `cards`: `items: [{title, description, media_url, actions: [{type: "link"|"postback", text, uri|payload}]}]`.
 * - `form`: `items: [{name, label, type: text|email|text_area|select, placeholder, options?: [{label, value}]}]`;
 *   the answer is `submitted_values: [{name, value}]`.
 * - `article`: `items: [{title, description, link}]` as links.
 * The answer is sent as Chatwoot's widget sends it (`PATCH messages/{id}` with `message.submitted_values`),
 * and a message once answered shows the answer instead of the controls. Everything is set as text
 * (never HTML); links are followed only when they are http(s).
 */
type Item = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : v == null ? "" : String(v));
const safeUrl = (v: unknown) => {
  try {
    const u = new URL(str(v));
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : null;
  } catch {
    return null;
  }
};

export function interactiveContent(m: WidgetMessage, submit: (values: unknown) => Promise<unknown>): Node | null {
  const attrs = m.content_attributes ?? {};
  const items = Array.isArray(attrs.items) ? (attrs.items as Item[]) : [];
  const submitted = attrs.submitted_values;
  const send = (values: unknown, controls: HTMLButtonElement[], note: HTMLElement) => {
    controls.forEach((b) => (b.disabled = true));
    submit(values).catch((err: unknown) => {
      controls.forEach((b) => (b.disabled = false));
      note.textContent = err instanceof Error && err.message ? err.message : w("wentWrong");
    });
  };
  if (m.content_type === "input_select") {
    if (Array.isArray(submitted) && submitted.length) return h("p", { className: "pw-mark pw-answer" }, w("selected", { value: submitted.map((v: Item) => str(v.title || v.value)).join(", ") }));
    const note = h("p", { className: "pw-error", role: "alert" });
    const buttons: HTMLButtonElement[] = items.map((it) => h("button", { type: "button", className: "pw-choice" }, str(it.title)) as HTMLButtonElement);
    buttons.forEach((b, i) => b.addEventListener("click", () => send([{ title: str(items[i]!.title), value: str(items[i]!.value ?? items[i]!.title) }], buttons, note)));
    return h("div", { className: "pw-choices" }, ...buttons, note);
  }
  if (m.content_type === "cards") {
    return h(
      "div",
      { className: "pw-cards" },
      ...items.map((it) => {
        const img = safeUrl(it.media_url);
        const actions = Array.isArray(it.actions) ? (it.actions as Item[]) : [];
        return h(
          "div",
          { className: "pw-cardmsg" },
          img ? h("img", { src: img, alt: "", loading: "lazy" }) : null,
          h("strong", {}, str(it.title)),
          it.description ? h("p", {}, str(it.description)) : null,
          ...actions.map((a) => {
            const href = a.type === "link" ? safeUrl(a.uri) : null;
            if (href) return h("a", { href, target: "_blank", rel: "noopener noreferrer", className: "pw-choice" }, str(a.text));
            const b = h("button", { type: "button", className: "pw-choice" }, str(a.text)) as HTMLButtonElement;
            b.addEventListener("click", () => send([{ title: str(a.text), value: str(a.payload ?? a.text) }], [b], b));
            return b;
          }),
        );
      }),
    );
  }
  if (m.content_type === "article") {
    return h(
      "ul",
      { className: "pw-articles" },
      ...items.map((it) => {
        const href = safeUrl(it.link);
        return h(
          "li",
          {},
          href ? h("a", { href, target: "_blank", rel: "noopener noreferrer" }, str(it.title)) : h("strong", {}, str(it.title)),
          it.description ? h("p", {}, str(it.description)) : null,
        );
      }),
    );
  }
  if (m.content_type === "form") {
    if (Array.isArray(submitted) && submitted.length)
      return h("dl", { className: "pw-answer" }, ...(submitted as Item[]).flatMap((v) => [h("dt", {}, str(items.find((i) => i.name === v.name)?.label ?? v.name)), h("dd", {}, str(v.value))]));
    const form = h("form", { className: "pw-form" });
    const fields: [string, HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement][] = [];
    items.forEach((it, i) => {
      const id = `pw-i-${m.id}-${i}`;
      const common = { id, name: str(it.name), placeholder: str(it.placeholder) || undefined, required: it.required !== false };
      const el =
        it.type === "text_area"
          ? h("textarea", { ...common, rows: 3 })
          : it.type === "select"
            ? h("select", { id, name: str(it.name) }, ...(Array.isArray(it.options) ? (it.options as Item[]) : []).map((o) => h("option", { value: str(o.value) }, str(o.label))))
            : h("input", { ...common, type: it.type === "email" ? "email" : "text" });
      fields.push([str(it.name), el]);
      form.append(h("label", { for: id }, str(it.label || it.name)), el);
    });
    const note = h("p", { className: "pw-error", role: "alert" });
    const button = h("button", { type: "submit", className: "pw-send" }, w("submit")) as HTMLButtonElement;
    form.append(note, button);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      send(
        fields.map(([name, el]) => ({ name, value: el.value.trim() })),
        [button],
        note,
      );
    });
    return form;
  }
  return null;
}
