import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { test } from "../fixtures";

/**
 * A website inbox of a spec's own, written straight into the e2e database (PARLEY_E2E_DATABASE_URL,
 * see ready-line.ts), so no other spec — or a repeat of this one in another worker — changes the
 * settings it runs under or the conversations it counts. Specs that set up through the public APIs
 * instead use operator-world.ts.
 */
export type SeededAdmin = { accountId: number; apiToken: string };
export type SpecInbox = SeededAdmin & { inboxId: number; websiteToken: string; hmacToken: string };

export type SpecInboxOptions = {
  /** The inbox's name; a random suffix keeps repeats apart. */
  name: string;
  /** enable_auto_assignment; left out, the column's default (on). */
  autoAssignment?: boolean;
  /** enable_email_collect; left out, the column's default (on). */
  emailCollect?: boolean;
  /** A greeting the inbox sends (greeting_enabled); left out, the column's default (none). */
  greeting?: string;
  /** The seeded agents (role agent) as members, so their streams hear this inbox (E3). */
  agentMembers?: boolean;
  /** web_widgets settings; each left out takes the column's default. */
  widget?: {
    attachments?: boolean;
    welcomeTitle?: string;
    preChatForm?: { enabled: boolean; options: unknown };
    hmacMandatory?: boolean;
  };
};

const secret = () => randomBytes(18).toString("base64url");

/** A connection to the e2e server's database; the spec ends it in afterAll. */
async function connectSpecDatabase(): Promise<Client> {
  const db = new Client({ connectionString: process.env.PARLEY_E2E_DATABASE_URL });
  await db.connect();
  return db;
}

/** The account and api_access_token of the administrator e2e/server.ts seeded. */
export async function readSeededAdmin(db: Client): Promise<SeededAdmin> {
  const email = process.env.SEED_ADMIN_EMAIL ?? "admin@example.com";
  const {
    rows: [admin],
  } = await db.query<{ access_token: string; account_id: number }>("select u.access_token, au.account_id from users u join account_users au on au.user_id = u.id where lower(u.email) = lower($1)", [
    email,
  ]);
  if (!admin) throw new Error(`no seeded administrator ${email} in the e2e database`);
  return { accountId: admin.account_id, apiToken: admin.access_token };
}

/** Inserts a column only when the spec chose a value, so the others keep the table's defaults. */
function chosen(values: Record<string, unknown>): { columns: string[]; params: unknown[] } {
  const set = Object.entries(values).filter(([, v]) => v !== undefined);
  return { columns: set.map(([c]) => c), params: set.map(([, v]) => v) };
}

function insert(table: string, values: Record<string, unknown>, returning = ""): { text: string; values: unknown[] } {
  const { columns, params } = chosen(values);
  const placeholders = params.map((_, i) => `$${i + 1}`).join(", ");
  return { text: `insert into ${table} (${columns.join(", ")}) values (${placeholders})${returning}`, values: params };
}

/** The inbox (in the seeded administrator's account) and its web widget on https://shop.example. */
export async function createSpecInbox(db: Client, options: SpecInboxOptions): Promise<SpecInbox> {
  const admin = await readSeededAdmin(db);
  const { accountId } = admin;
  const { rows } = await db.query<{ id: number }>(
    insert(
      "inboxes",
      {
        account_id: accountId,
        name: `${options.name} ${secret()}`,
        enable_auto_assignment: options.autoAssignment,
        enable_email_collect: options.emailCollect,
        greeting_enabled: options.greeting === undefined ? undefined : true,
        greeting_message: options.greeting,
      },
      " returning id",
    ),
  );
  const inboxId = rows[0]!.id;
  const websiteToken = secret();
  const hmacToken = secret();
  const widget = options.widget ?? {};
  await db.query(
    insert("web_widgets", {
      account_id: accountId,
      inbox_id: inboxId,
      website_url: "https://shop.example",
      website_token: websiteToken,
      hmac_token: hmacToken,
      feature_attachments: widget.attachments,
      welcome_title: widget.welcomeTitle,
      pre_chat_form_enabled: widget.preChatForm?.enabled,
      pre_chat_form_options: widget.preChatForm ? JSON.stringify(widget.preChatForm.options) : undefined,
      hmac_mandatory: widget.hmacMandatory,
    }),
  );
  if (options.agentMembers) {
    await db.query("insert into inbox_members (account_id, inbox_id, user_id) select $1, $2, user_id from account_users where account_id = $1 and role = 'agent'", [accountId, inboxId]);
  }
  return { ...admin, inboxId, websiteToken, hmacToken };
}

export type SpecDatabase = { db: Client };
export type SpecSetUp = SpecDatabase & SpecInbox;

/**
 * Connects in the calling describe's beforeAll and ends the connection in its afterAll; the returned
 * object is filled in once beforeAll has run (read it inside hooks and tests, not at collection time).
 */
export function setUpSpecDatabase(): SpecDatabase {
  const spec = {} as SpecDatabase;
  test.beforeAll(async () => {
    spec.db = await connectSpecDatabase();
  });
  test.afterAll(async () => {
    await spec.db?.end();
  });
  return spec;
}

/** setUpSpecDatabase, and one inbox (createSpecInbox) for the whole describe, created in its beforeAll. */
export function setUpSpecInbox(options: SpecInboxOptions): SpecSetUp {
  const spec = setUpSpecDatabase() as SpecSetUp;
  test.beforeAll(async () => {
    Object.assign(spec, await createSpecInbox(spec.db, options));
  });
  return spec;
}
