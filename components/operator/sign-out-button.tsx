"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => void signOut({ callbackUrl: "/login" })} className="ml-auto text-slate-400 hover:text-white">
      Sign out
    </button>
  );
}
