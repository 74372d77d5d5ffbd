import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, accountUsers, contactInboxes, contacts, conversations, inboxes, inboxMembers, messages, users, webWidgets, workingHours } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { generatePassword, secureToken } from "@/lib/auth/tokens";
import { demoAgents, demoConversations, type DemoMessage } from "./demo-data";

export type SeedOptions = { adminEmail: string; password?: string; now?: Date };
export type SeedResult = { created: false; adminEmail: string } | { created: true; adminEmail: string; password: string; generatedPassword: boolean; accountId: number };

/**
 * Creates the demo workspace in one transaction: an account, an administrator and two agents, a
 * website inbox with all of them as members, and a handful of conversations. Seeding again changes
 * nothing: the administrator's email marks a seeded database.
 */
export async function seedDemo(db: Db, opts: SeedOptions): Promise<SeedResult> {
  const adminEmail = opts.adminEmail.toLowerCase();
  const existing = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${adminEmail}`);
  if (existing.length > 0) return { created: false, adminEmail };

  const password = opts.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const now = opts.now ?? new Date();
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

  const accountId = await db.transaction(async (tx) => {
    const [account] = await tx.insert(accounts).values({ name: "Acme Inc." }).returning();
    const newUser = (name: string, email: string) => ({
      name,
      email,
      passwordHash,
      accessToken: secureToken(),
      pubsubToken: secureToken(),
    });
    const [admin, sam, jordan] = await tx
      .insert(users)
      .values([newUser("Maya Patel", adminEmail), ...demoAgents.map((a) => newUser(a.name, a.email))])
      .returning();
    const people = { admin: admin!, sam: sam!, jordan: jordan! };
    await tx.insert(accountUsers).values([
      { accountId: account!.id, userId: admin!.id, role: "administrator" },
      { accountId: account!.id, userId: sam!.id, role: "agent" },
      { accountId: account!.id, userId: jordan!.id, role: "agent" },
    ]);

    const [inbox] = await tx
      .insert(inboxes)
      .values({
        accountId: account!.id,
        name: "Acme Website",
        greetingEnabled: true,
        greetingMessage: "Hi there 👋 Ask us anything — we usually answer within a few minutes.",
        timezone: "Europe/London",
        outOfOfficeMessage: "We're away right now. Leave a message and we'll get back to you by email.",
      })
      .returning();
    await tx.insert(webWidgets).values({
      accountId: account!.id,
      inboxId: inbox!.id,
      websiteUrl: "https://shop.example.com",
      websiteToken: secureToken(),
      hmacToken: secureToken(32),
      welcomeTitle: "Hi there!",
      welcomeTagline: "We make it simple to connect with us. Ask us anything, or share your feedback.",
    });
    await tx.insert(workingHours).values(
      [0, 1, 2, 3, 4, 5, 6].map((day) => ({
        accountId: account!.id,
        inboxId: inbox!.id,
        dayOfWeek: day,
        closedAllDay: day === 0 || day === 6,
        ...(day === 0 || day === 6 ? {} : { openHour: 9, openMinutes: 0, closeHour: 17, closeMinutes: 0 }),
      })),
    );
    await tx.insert(inboxMembers).values(Object.values(people).map((u) => ({ accountId: account!.id, inboxId: inbox!.id, userId: u.id })));

    for (const demo of demoConversations) {
      const [contact] = await tx
        .insert(contacts)
        .values({
          accountId: account!.id,
          name: demo.contact.name,
          email: demo.contact.email ?? null,
          contactType: demo.contact.email ? "lead" : "visitor",
          additionalAttributes: { city: demo.contact.city },
          lastActivityAt: ago(lastOf(demo.messages, "contact")?.minutesAgo ?? 0),
        })
        .returning();
      const [contactInbox] = await tx
        .insert(contactInboxes)
        .values({
          accountId: account!.id,
          contactId: contact!.id,
          inboxId: inbox!.id,
          sourceId: crypto.randomUUID(),
          pubsubToken: secureToken(),
        })
        .returning();
      const first = demo.messages[0]!;
      const last = demo.messages[demo.messages.length - 1]!;
      const firstReply = demo.messages.find((m) => m.from !== "contact" && !m.private);
      const lastIncoming = lastOf(demo.messages, "contact");
      const answeredAfterLastIncoming = demo.messages.some((m) => m.from !== "contact" && !m.private && lastIncoming && m.minutesAgo < lastIncoming.minutesAgo);
      const assignee = demo.assignee ? people[demo.assignee] : undefined;
      const [conversation] = await tx
        .insert(conversations)
        .values({
          accountId: account!.id,
          inboxId: inbox!.id,
          contactId: contact!.id,
          contactInboxId: contactInbox!.id,
          status: demo.status,
          priority: demo.priority ?? null,
          assigneeId: assignee?.id ?? null,
          assigneeAssignedAt: assignee ? ago(first.minutesAgo - 1) : null,
          waitingSince: demo.status === "resolved" || answeredAfterLastIncoming || !lastIncoming ? null : ago(lastIncoming.minutesAgo),
          firstReplyCreatedAt: firstReply ? ago(firstReply.minutesAgo) : null,
          snoozedUntil: demo.status === "snoozed" ? new Date(now.getTime() + 16 * 3600_000) : null,
          lastActivityAt: ago(last.minutesAgo),
          agentLastSeenAt: assignee ? ago(last.minutesAgo) : null,
          additionalAttributes: {
            referer: demo.contact.referer,
            browser: { browser_name: demo.contact.browser, platform_name: demo.contact.os },
            initiated_at: { timestamp: ago(first.minutesAgo).toISOString() },
          },
          createdAt: ago(first.minutesAgo),
        })
        .returning();
      await tx.insert(messages).values(
        demo.messages.map((m) => ({
          accountId: account!.id,
          inboxId: inbox!.id,
          conversationId: conversation!.id,
          content: m.text,
          messageType: m.from === "contact" ? ("incoming" as const) : ("outgoing" as const),
          private: m.private ?? false,
          status: "sent" as const,
          senderType: m.from === "contact" ? ("contact" as const) : ("user" as const),
          senderId: m.from === "contact" ? contact!.id : people[m.from].id,
          createdAt: ago(m.minutesAgo),
        })),
      );
    }
    return account!.id;
  });

  return { created: true, adminEmail, password, generatedPassword: !opts.password, accountId };
}

function lastOf(list: DemoMessage[], from: DemoMessage["from"]): DemoMessage | undefined {
  return [...list].reverse().find((m) => m.from === from);
}
