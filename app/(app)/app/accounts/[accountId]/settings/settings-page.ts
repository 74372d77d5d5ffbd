import { requireAdministratorPage } from "../administrator-page";

/** Every settings page and the settings layout start here (administrators only; see requireAdministratorPage). */
export function requireSettingsPage(params: Promise<{ accountId: string }>) {
  return requireAdministratorPage(params, "settings");
}
