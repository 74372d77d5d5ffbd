import http from "node:http";
import { expect, test } from "./fixtures";

/**
 * Issue #13 against the production server (`npm start`): the client address is the socket's, so the
 * login throttle counts per source address (Linux routes all of 127/8: requests are sent from
 * 127.0.0.2, 127.0.0.3 …) and a forged X-Forwarded-For changes nothing; app pages carry a nonce
 * Content-Security-Policy and still hydrate.
 */
type Reply = { status: number; headers: http.IncomingHttpHeaders; text: string };

function send(base: string, from: string, method: string, path: string, { body, headers = {} }: { body?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, localAddress: from, agent: false, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Signs in through next-auth's credentials endpoint from `from`; true when a session cookie came back. */
async function signInFrom(base: string, from: string, email: string, password: string, extra: Record<string, string> = {}): Promise<boolean> {
  const csrf = await send(base, from, "GET", "/api/auth/csrf", { headers: extra });
  const cookie = (csrf.headers["set-cookie"] ?? []).map((c) => c.split(";", 1)[0]).join("; ");
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: "/app" }).toString();
  const res = await send(base, from, "POST", "/api/auth/callback/credentials", {
    body: form,
    headers: { ...extra, cookie, "content-type": "application/x-www-form-urlencoded" },
  });
  return (res.headers["set-cookie"] ?? []).some((c) => c.includes("session-token=") && !c.includes("session-token=;"));
}

test.describe("security on the production server (#13)", () => {
  test("login throttling counts per source address; a forged X-Forwarded-For changes nothing", async ({ baseURL, seededAdmin }) => {
    const base = baseURL!;
    // Five failures from 127.0.0.2, each claiming another address, each for another (unknown) email.
    for (let i = 0; i < 5; i++) {
      expect(await signInFrom(base, "127.0.0.2", `nobody-${i}-${Date.now()}@example.test`, "wrong", { "x-forwarded-for": `9.9.9.${i}` })).toBe(false);
    }
    // That address is now refused, even with the right password and a fresh forged address.
    expect(await signInFrom(base, "127.0.0.2", seededAdmin.email, seededAdmin.password, { "x-forwarded-for": "9.9.9.99" })).toBe(false);
    // Another address signs in at once.
    expect(await signInFrom(base, "127.0.0.3", seededAdmin.email, seededAdmin.password)).toBe(true);
  });

  test("app pages carry a nonce CSP without unsafe-eval and still work; the widget iframe: e2e/widget.spec.ts", async ({ page, baseURL, signIn, seededAdmin }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const login = await page.goto("/login");
    const csp = login!.headers()["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    // A nonce per response.
    const again = await send(baseURL!, "127.0.0.1", "GET", "/login");
    expect(again.headers["content-security-policy"]).not.toBe(csp);

    const app = await signIn(seededAdmin);
    await expect(app.conversations).toBeVisible();
    expect(violations).toEqual([]);
  });
});
