import type { DefaultSession } from "next-auth";
import type { SessionAccount } from "./session-user";

// What Parley keeps in next-auth's JWT and session (lib/auth/options.ts callbacks).
declare module "next-auth" {
  interface Session {
    user: DefaultSession["user"] & { id: number; accounts: SessionAccount[]; accountId: number | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    accounts?: SessionAccount[];
    accountId?: number | null;
    /** users.session_version when the session was issued; an older one is refused (absent = 0). */
    sv?: number;
  }
}
