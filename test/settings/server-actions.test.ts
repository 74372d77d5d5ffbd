import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formObject, formValues } from "@/lib/settings/form-object";

/**
 * Server actions are public POST endpoints (SPEC §12). Each settings action must start in
 * runSettingsAction (session re-read + administrator of that account, tested in
 * account-administrator.test.ts) and each profile action in runProfileAction. This reads every
 * "use server" file under the settings and profile routes and checks each exported action's body,
 * so a new action that skips the check fails here.
 */
const roots = ["app/(app)/app/accounts/[accountId]/settings", "app/(app)/app/accounts/[accountId]/profile"];

function serverActionFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return serverActionFiles(path);
    return /\.tsx?$/.test(e.name) && readFileSync(path, "utf8").startsWith('"use server"') ? [path] : [];
  });
}

describe("every settings and profile server action authorises itself", () => {
  const files = roots.flatMap(serverActionFiles);
  it("finds the action files", () => expect(files.length).toBeGreaterThanOrEqual(3));
  for (const file of files) {
    const source = readFileSync(file, "utf8");
    const actions = [...source.matchAll(/export async function (\w+)\(([^)]*)\)[^{]*\{([\s\S]*?)\n\}/g)];
    it(`${file}: ${actions.map((a) => a[1]).join(", ")}`, () => {
      expect(actions.length).toBeGreaterThan(0);
      for (const [, name, , body] of actions) {
        const isProfile = file.includes("/profile/");
        expect(body, name).toMatch(isProfile ? /runProfileAction\(formData,/ : /runSettingsAction\(accountId, formData,/);
      }
    });
  }
});

describe("settings forms post the API's body", () => {
  it("dotted names nest, checkboxes take the last value, numbers and lists convert", () => {
    const fd = new FormData();
    fd.append("channel.widget_color", "#aa3300");
    fd.append("greeting_enabled", "false");
    fd.append("greeting_enabled", "true");
    fd.append("working_hours.1.open", "09:00");
    fd.append("auto_assignment_config.max_assignment_limit", "");
    fd.append("auto_assignment_config.fair_distribution_limit", "50");
    fd.append("channel.selected_feature_flags", "");
    fd.append("channel.selected_feature_flags", "emoji_picker");
    const numbers = ["auto_assignment_config.max_assignment_limit", "auto_assignment_config.fair_distribution_limit"];
    expect(formObject(fd, { numbers, lists: ["channel.selected_feature_flags"] })).toEqual({
      channel: { widget_color: "#aa3300", selected_feature_flags: ["emoji_picker"] },
      greeting_enabled: true,
      working_hours: [undefined, { open: "09:00" }],
      auto_assignment_config: { max_assignment_limit: null, fair_distribution_limit: 50 },
    });
    expect(formValues(fd)["greeting_enabled"]).toBe("true");
    expect(formValues(fd)["channel.selected_feature_flags[]"]).toBe(",emoji_picker");
  });
});
