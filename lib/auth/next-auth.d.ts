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
  }
}
