import type { WidgetMessage } from "./api";
import { h } from "./dom";
import { w } from "./words";

// The forms inside messages: the email-collect answer (input_email) and the rating message (input_csat).

/** The rating message's five faces, 1 (worst) to 5 (best), as Chatwoot's widget shows them. */
const CSAT_FACES = ["😞", "😑", "😐", "😊", "😍"];

type CsatAnswer = { rating?: number; feedback_message?: string | null };
export const csatAnswer = (m: WidgetMessage): CsatAnswer | undefined => (m.content_attributes.submitted_values as { csat_survey_response?: CsatAnswer } | undefined)?.csat_survey_response;

/** The email-collect answer (AM3): the address once given, else a field and Save; a refused address shows the server's reason. */
export function emailForm(m: WidgetMessage, onEmail: (messageId: number, email: string) => Promise<unknown>): Node {
  const done = m.content_attributes.submitted_email;
  if (typeof done === "string") return h("p", { className: "pw-mark" }, done);
  const id = `pw-email-${m.id}`;
  const el = h("input", { id, type: "email", required: true, placeholder: w("emailPlaceholder") });
  const form = h("form", { className: "pw-inline" }, h("label", { for: id, className: "pw-sr" }, w("email")), el, h("button", { type: "submit" }, w("save")));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    onEmail(m.id, el.value.trim()).catch((err: unknown) => {
      // The server's reason ("Email is invalid", "Email has already been taken") says what to fix.
      el.setCustomValidity(err instanceof Error && err.message ? err.message : w("invalidEmail"));
      el.reportValidity();
      el.addEventListener("input", () => el.setCustomValidity(""), { once: true });
    });
  });
  return form;
}

/**
 * The rating message (CSAT): five faces as a radio group, an optional comment, Send. An answer can
 * be changed (for 14 days, the server says when it is too late); the chosen face stays marked.
 */
export function csatForm(m: WidgetMessage, onCsat: (messageId: number, rating: number, feedback: string) => Promise<unknown>): Node {
  const answered = csatAnswer(m);
  let rating = answered?.rating ?? 0;
  const faces = CSAT_FACES.map((face, i) => {
    const b = h("button", { type: "button", className: "pw-face", role: "radio", "aria-label": w("csatRating", { n: i + 1 }), "aria-checked": String(rating === i + 1) }, face);
    b.addEventListener("click", () => {
      rating = i + 1;
      faces.forEach((f, j) => f.setAttribute("aria-checked", String(j === i)));
      send.disabled = false;
    });
    return b;
  });
  const id = `pw-csat-${m.id}`;
  const comment = h("textarea", { id, rows: 2, maxLength: 10000, placeholder: w("csatComment") }) as HTMLTextAreaElement;
  comment.value = answered?.feedback_message ?? "";
  const send = h("button", { type: "submit", disabled: rating === 0 }, answered ? w("csatChange") : w("csatSend")) as HTMLButtonElement;
  const note = h("p", { className: "pw-mark", role: "status" }, answered ? w("csatThanks") : "");
  const form = h(
    "form",
    { className: "pw-csat" },
    h("div", { className: "pw-faces", role: "radiogroup", "aria-label": w("csatLabel") }, ...faces),
    h("label", { for: id, className: "pw-sr" }, w("csatComment")),
    comment,
    send,
    note,
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (!rating) return;
    send.disabled = true;
    onCsat(m.id, rating, comment.value.trim()).catch((err: unknown) => {
      note.textContent = err instanceof Error && err.message ? err.message : w("csatFailed");
      send.disabled = false;
    });
  });
  return form;
}
