import type { FieldErrors } from "@/lib/errors";

/**
 * What a settings server action answers to its form (React's useActionState): the values as typed,
 * so nothing is lost on an error, the field errors by input name, and a message for the whole form.
 */
export type FormState = {
  status: "idle" | "saved" | "error";
  values: Record<string, string>;
  errors: FieldErrors;
  message?: string;
  /** Something to show once, e.g. a generated password. */
  secret?: string;
};

export const idleState = (values: Record<string, string> = {}): FormState => ({ status: "idle", values, errors: {} });
