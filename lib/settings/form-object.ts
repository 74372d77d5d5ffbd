/**
 * Settings forms name their inputs by the path the API body uses (`channel.widget_color`,
 * `working_hours.1.close_hour`), so a 422's field errors land next to the input that caused them and
 * the forms can be parsed with the API's own zod schemas. This turns such a FormData into the body.
 *
 * A checkbox is a hidden "false" followed by the checkbox's "true": the last value wins. `numbers`
 * names the fields whose text becomes a number ("" → null); `lists` names multi-value fields.
 */
export type FormShape = { numbers?: string[]; lists?: string[] };

/** The typed values by input name (the last value of each); `name[]` holds all values of a repeated name, comma-joined. */
export function formValues(fd: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of fd) {
    if (typeof value !== "string" || key.startsWith("$ACTION")) continue;
    out[`${key}[]`] = out[key] === undefined ? value : `${out[`${key}[]`]},${value}`;
    out[key] = value;
  }
  return out;
}

export function formObject(fd: FormData, shape: FormShape = {}): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  const numbers = new Set(shape.numbers);
  const lists = new Set(shape.lists);
  for (const key of new Set(fd.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = fd.getAll(key).filter((v): v is string => typeof v === "string");
    const value = lists.has(key) ? all.filter((v) => v !== "") : convert(all.at(-1) ?? "", numbers.has(key) || numbers.has(key.replace(/\.\d+\./, ".*.")));
    setPath(root, key.split("."), value);
  }
  return root;
}

function convert(raw: string, numeric: boolean): unknown {
  if (raw === "true") return true;
  if (raw === "false") return false;
  if (!numeric) return raw;
  if (raw.trim() === "") return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : raw;
}

function setPath(root: Record<string, unknown>, path: string[], value: unknown) {
  let node: Record<string, unknown> | unknown[] = root;
  path.forEach((segment, i) => {
    const key = /^\d+$/.test(segment) ? Number(segment) : segment;
    const last = i === path.length - 1;
    const container = node as Record<string | number, unknown>;
    if (last) container[key] = value;
    else {
      container[key] ??= /^\d+$/.test(path[i + 1]!) ? [] : {};
      node = container[key] as Record<string, unknown>;
    }
  });
}
