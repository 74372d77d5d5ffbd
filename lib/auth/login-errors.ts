/**
 * How a failed credentials sign-in reaches the login form. next-auth 4 passes the message of an error
 * thrown in authorize() to the client as `error`; a wrong email or password is its own
 * "CredentialsSignin". Kept free of server imports so the client form can use it.
 */
export const INVALID_CREDENTIALS = "CredentialsSignin";
const TOO_MANY_ATTEMPTS = "TooManyAttempts";
export const SIGN_IN_UNAVAILABLE = "SignInUnavailable";

export function tooManyAttemptsError(retryAfterSeconds: number): string {
  return `${TOO_MANY_ATTEMPTS}:${retryAfterSeconds}`;
}

export type SignInFailure = { kind: "invalid" } | { kind: "throttled"; minutes: number } | { kind: "unavailable" };

export function describeSignInError(error: string): SignInFailure {
  if (error.startsWith(`${TOO_MANY_ATTEMPTS}:`)) {
    const seconds = Number(error.slice(TOO_MANY_ATTEMPTS.length + 1));
    return { kind: "throttled", minutes: Math.max(1, Math.ceil((Number.isFinite(seconds) ? seconds : 300) / 60)) };
  }
  if (error === INVALID_CREDENTIALS) return { kind: "invalid" };
  return { kind: "unavailable" };
}
