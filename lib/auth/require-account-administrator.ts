import { getSessionUser } from "./session";
import { assertAccountAdministrator } from "./account-administrator";
import type { SessionUser } from "./session-user";

/** For server actions and settings pages: re-reads the session from the database, then applies the rule. */
export async function requireAccountAdministrator(accountId: number): Promise<SessionUser> {
  return assertAccountAdministrator(await getSessionUser(), accountId);
}
