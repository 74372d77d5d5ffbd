import type { Route } from "./routes";
import type { Caller, World } from "./world";

/** Which credentials a route family takes, by URL (SPEC §8); a route outside these is public. */
export type Family = "account" | "user" | "widget" | "client" | "cron" | "metrics" | "public";

export function familyOf(route: Route): Family {
  const p = route.pattern;
  if (p.startsWith("/api/v1/accounts/") || p.startsWith("/api/v2/accounts/")) return "account";
  if (p === "/api/v1/profile" || p.startsWith("/api/v1/profile/") || p === "/api/v1/stream") return "user";
  if (p.startsWith("/api/v1/widget/") || p === "/widget") return "widget";
  if (p.startsWith("/public/api/v1/")) return "client";
  if (p.startsWith("/api/internal/")) return "cron";
  if (p === "/api/metrics") return "metrics";
  return "public";
}

/** The caller with every right the route needs, so R4's bad input reaches validation. */
export function rightfulCaller(world: World, route: Route): { caller: Caller; websiteToken?: string } {
  switch (familyOf(route)) {
    case "account":
    case "user":
      return { caller: { kind: "token", token: world.w.admin.accessToken } };
    case "widget":
      return { caller: { kind: "widget", token: world.widgetToken }, websiteToken: world.websiteToken };
    case "cron":
      return { caller: { kind: "cron" } };
    case "metrics":
      return { caller: { kind: "metrics" } };
    default:
      return { caller: { kind: "nobody" } };
  }
}
