import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import type { RouteHandler } from "@/lib/http/edge";

/**
 * Chatwoot's published OpenAPI document (test/fixtures/chatwoot-swagger.json, see the README beside
 * it) read as the contract of the Application and Client APIs: which of its operations Parley serves,
 * found from the route files, and a JSON-schema validator for each operation's answers.
 */
export type Swagger = {
  paths: Record<string, Record<string, { tags?: string[]; responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
  components: Record<string, unknown>;
  "x-tagGroups": { name: string; tags: string[] }[];
};

export const HTTP = ["get", "post", "put", "patch", "delete"] as const;

export function loadSwagger(): Swagger {
  return JSON.parse(readFileSync(resolve("test/fixtures/chatwoot-swagger.json"), "utf8")) as Swagger;
}

/** `METHOD /swagger/path` of every operation in the given tag groups ("Application", "Client"). */
export function swaggerOperations(spec: Swagger, groups: string[]): string[] {
  const tags = new Set(spec["x-tagGroups"].filter((g) => groups.includes(g.name)).flatMap((g) => g.tags));
  const out: string[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of HTTP) {
      const op = item[method];
      if (op && (op.tags ?? []).some((t) => tags.has(t))) out.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return out;
}

/** A path with its parameters blanked and no trailing slash: `/a/{x}/b/` and `/a/[y]/b` compare equal. */
export function shapeOf(path: string): string {
  return path.replace(/\{[^}]+\}|\[[^\]]+\]/g, "{}").replace(/\/+$/, "") || "/";
}

export type ServedRoute = { pattern: string; file: string };

/** Parley's API route files (app/api and the Client API's app/public/api) by URL pattern. */
export function apiRouteFiles(): ServedRoute[] {
  const out: ServedRoute[] = [];
  for (const root of ["app/api", "app/public/api"]) {
    for (const rel of readdirSync(root, { recursive: true, encoding: "utf8" })) {
      if (!rel.endsWith("route.ts")) continue;
      const file = join(root, rel);
      const pattern = `/${file
        .replace(/^app\//, "")
        .replace(/\/?route\.ts$/, "")
        .split("/")
        .filter((s) => s && !/^\(.*\)$/.test(s))
        .join("/")}`;
      out.push({ pattern, file });
    }
  }
  return out;
}

export async function loadHandler(file: string, method: string): Promise<RouteHandler | undefined> {
  const mod = (await import(/* @vite-ignore */ resolve(file))) as Record<string, unknown>;
  const h = mod[method];
  return typeof h === "function" ? (h as RouteHandler) : undefined;
}

/** The route params a URL gives a pattern (`/a/[x]/b` and `/a/7/b` → {x: "7"}), or null when it does not match. */
export function paramsFor(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split("/").filter(Boolean);
  const got = pathname.split("/").filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const m = /^\[([^\]]+)\]$/.exec(want[i]!);
    if (m) params[m[1]!] = decodeURIComponent(got[i]!);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

/**
 * Chatwoot's serializers write an unset attribute as null (jbuilder writes nil as null), and its
 * answers carry nulls for e.g. a contact's email or a conversation's assignee — yet the swagger marks
 * only a few properties `nullable`. So every property but `id` may be null here; everything else
 * about it (type, enum, shape) is checked. Applied to a copy of the document.
 */
function allowNullProperties(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(allowNullProperties);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = allowNullProperties(v);
  const props = out.properties;
  if (props && typeof props === "object" && !Array.isArray(props)) {
    for (const [name, schema] of Object.entries(props as Record<string, Record<string, unknown>>)) {
      if (name === "id" || !schema || typeof schema !== "object") continue;
      if (typeof schema.type === "string") (props as Record<string, unknown>)[name] = { ...schema, nullable: true };
      else if (schema.$ref || schema.allOf || schema.oneOf || schema.anyOf) (props as Record<string, unknown>)[name] = { anyOf: [schema, { type: "null" }] };
    }
  }
  return out;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export type ResponseCheck = (body: unknown) => ErrorObject[];

/** Validators for the document's response schemas (by operation and status) and for replacement schemas that $ref its components. */
export function swaggerValidator(spec: Swagger) {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateSchema: false,
    formats: {
      "date-time": ISO_DATE_TIME,
      date: /^\d{4}-\d{2}-\d{2}$/,
      uri: (s: string) => URL.canParse(s),
      binary: true,
      double: true,
    },
  });
  ajv.addSchema({ $id: "chatwoot", paths: allowNullProperties(spec.paths), components: allowNullProperties(spec.components) });
  const checker =
    (v: ValidateFunction): ResponseCheck =>
    (body) =>
      v(body) ? [] : [...(v.errors ?? [])];
  const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
  return {
    /** The operation's documented 2xx statuses. */
    statuses(op: string): string[] {
      const [method, path] = op.split(" ") as [string, string];
      return Object.keys(spec.paths[path]?.[method.toLowerCase()]?.responses ?? {}).filter((s) => s.startsWith("2"));
    },
    /** The check for one documented answer, or null when the swagger gives it no JSON schema. */
    forResponse(op: string, status: string): ResponseCheck | null {
      const [method, path] = op.split(" ") as [string, string];
      const schema = spec.paths[path]?.[method.toLowerCase()]?.responses?.[status]?.content?.["application/json"]?.schema;
      if (!schema) return null;
      return checker(ajv.compile({ $ref: `chatwoot#/${pointer("paths", path, method.toLowerCase(), "responses", status, "content", "application/json", "schema")}` }));
    },
    /** A replacement schema whose `$ref`s name the document's components (`chatwoot#/components/schemas/x`). */
    forSchema(schema: object): ResponseCheck {
      return checker(ajv.compile(allowNullProperties(schema) as object));
    },
  };
}
