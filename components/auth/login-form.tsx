"use client";

import { useTranslations } from "next-intl";
import { signIn } from "next-auth/react";
import { useId, useRef, useState, type FormEvent } from "react";
import { describeSignInError, type SignInFailure } from "@/lib/auth/login-errors";

type Words = ReturnType<typeof useTranslations<"login">>;

function messageFor(failure: SignInFailure, t: Words): string {
  switch (failure.kind) {
    case "invalid":
      return t("invalid");
    case "throttled":
      return t("throttled", { minutes: failure.minutes });
    case "unavailable":
      return t("unavailable");
  }
}

export function LoginForm({ callbackUrl, initialError }: { callbackUrl: string; initialError: string | null }) {
  const t = useTranslations("login");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(initialError ? messageFor(describeSignInError(initialError), t) : null);
  const password = useRef<HTMLInputElement>(null);
  const errorId = useId();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        email: String(data.get("email") ?? ""),
        password: String(data.get("password") ?? ""),
        callbackUrl,
        redirect: false,
      });
      if (result?.ok && !result.error) {
        // A full navigation, so every server component renders with the new session cookie.
        window.location.assign(callbackUrl);
        return;
      }
      setError(messageFor(describeSignInError(result?.error ?? ""), t));
    } catch {
      setError(messageFor({ kind: "unavailable" }, t));
    }
    setPending(false);
    if (password.current) {
      password.current.value = "";
      password.current.focus();
    }
  }

  const field =
    "mt-1.5 block w-full rounded-lg border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-3 py-2 text-sm text-slate-900 dark:text-slate-100 shadow-xs placeholder:text-slate-400 dark:placeholder:text-slate-500 focus:border-brand-500 focus:ring-2 focus:ring-brand-500/20 focus:outline-none disabled:bg-slate-50 dark:disabled:bg-slate-950 aria-invalid:border-red-400";

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" aria-describedby={error ? errorId : undefined}>
      {error && (
        <div id={errorId} role="alert" className="rounded-lg border border-red-200 dark:border-red-500/30 bg-red-50 dark:bg-red-500/10 px-3 py-2 text-sm text-red-700 dark:text-red-300">
          {error}
        </div>
      )}
      <div>
        <label htmlFor="login-email" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          {t("email")}
        </label>
        <input
          id="login-email"
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          autoFocus
          disabled={pending}
          aria-invalid={error ? true : undefined}
          placeholder={t("emailPlaceholder")}
          className={field}
        />
      </div>
      <div>
        <label htmlFor="login-password" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          {t("password")}
        </label>
        <input
          ref={password}
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          disabled={pending}
          aria-invalid={error ? true : undefined}
          className={field}
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        aria-busy={pending}
        className="flex w-full items-center justify-center gap-2 rounded-lg bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm transition-colors hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:cursor-not-allowed disabled:opacity-70"
      >
        {pending && <span aria-hidden className="h-4 w-4 animate-spin rounded-full border-2 border-white/40 border-t-white" />}
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
