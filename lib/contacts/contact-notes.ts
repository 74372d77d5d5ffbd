import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { accountUsers, contactNotes, users, type ContactNote } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { hasNoNul, NUL_MESSAGE } from "@/lib/validation";
import { agentColumns, connectedAgentIds, presentAgent, type Agent, type AgentSource } from "@/lib/presenters/app-agent";
import { epoch } from "@/lib/presenters/time";
import { getContactOrThrow } from "./get-contact";

export const NOTE_CONTENT_MAX = 20_000;

/** `{ note: { content } }` (Chatwoot) or `{ content }`. */
export const noteInputSchema = z
  .object({
    note: z.object({ content: z.unknown() }).optional(),
    content: z.unknown().optional(),
  })
  .transform((v) => ({ content: v.note?.content ?? v.content }))
  .pipe(
    z.object({
      content: z.string({ error: "can't be blank" }).trim().min(1, "can't be blank").max(NOTE_CONTENT_MAX, `is too long (maximum is ${NOTE_CONTENT_MAX} characters)`).refine(hasNoNul, NUL_MESSAGE),
    }),
  );

/** `api/v1/models/_note`: the author as Agent when they are still a member. */
export type AppNote = { id: number; content: string; account_id: number; contact_id: number; user?: Agent; created_at: number; updated_at: number };

type Scope = { accountId: number; contactId: number };

/** A contact's notes, newest first (Chatwoot's `latest`). */
export async function listNotes(db: Db, scope: Scope): Promise<AppNote[]> {
  await getContactOrThrow(db, scope);
  const rows = await notesWithAuthors(db, scope);
  return present(scope.accountId, rows);
}

export async function createNote(db: Db, scope: Scope & { userId: number; content: string }): Promise<AppNote> {
  await getContactOrThrow(db, scope);
  const [row] = await db.insert(contactNotes).values({ accountId: scope.accountId, contactId: scope.contactId, userId: scope.userId, content: scope.content }).returning();
  return (await present(scope.accountId, await notesWithAuthors(db, scope, row!.id)))[0]!;
}

export async function getNote(db: Db, scope: Scope & { noteId: number }): Promise<AppNote> {
  await getContactOrThrow(db, scope);
  const rows = await notesWithAuthors(db, scope, scope.noteId);
  if (!rows.length) throw AppError.notFound();
  return (await present(scope.accountId, rows))[0]!;
}

export async function updateNote(db: Db, scope: Scope & { noteId: number; content: string }): Promise<AppNote> {
  await getContactOrThrow(db, scope);
  const updated = await db
    .update(contactNotes)
    .set({ content: scope.content })
    .where(and(eq(contactNotes.id, scope.noteId), eq(contactNotes.contactId, scope.contactId), eq(contactNotes.accountId, scope.accountId)))
    .returning({ id: contactNotes.id });
  if (!updated.length) throw AppError.notFound();
  return (await present(scope.accountId, await notesWithAuthors(db, scope, scope.noteId)))[0]!;
}

export async function deleteNote(db: Db, scope: Scope & { noteId: number }): Promise<void> {
  await getContactOrThrow(db, scope);
  const deleted = await db
    .delete(contactNotes)
    .where(and(eq(contactNotes.id, scope.noteId), eq(contactNotes.contactId, scope.contactId), eq(contactNotes.accountId, scope.accountId)))
    .returning({ id: contactNotes.id });
  if (!deleted.length) throw AppError.notFound();
}

type NoteRow = { note: ContactNote; author: AgentSource | null };

async function notesWithAuthors(db: Db, { accountId, contactId }: Scope, noteId?: number): Promise<NoteRow[]> {
  const rows = await db
    .select({ note: contactNotes, author: agentColumns })
    .from(contactNotes)
    .leftJoin(users, eq(users.id, contactNotes.userId))
    .leftJoin(accountUsers, and(eq(accountUsers.userId, users.id), eq(accountUsers.accountId, contactNotes.accountId)))
    .where(and(eq(contactNotes.accountId, accountId), eq(contactNotes.contactId, contactId), noteId === undefined ? undefined : eq(contactNotes.id, noteId)))
    .orderBy(desc(contactNotes.createdAt), desc(contactNotes.id));
  return rows.map((r) => ({ note: r.note, author: r.author.id !== null && r.author.accountId !== null ? (r.author as AgentSource) : null }));
}

async function present(accountId: number, rows: NoteRow[]): Promise<AppNote[]> {
  const online = rows.some((r) => r.author) ? await connectedAgentIds(accountId, new Date()) : new Set<number>();
  return rows.map(({ note, author }) => ({
    id: note.id,
    content: note.content,
    account_id: note.accountId,
    contact_id: note.contactId,
    ...(author && { user: presentAgent(author, online.has(author.id)) }),
    created_at: epoch(note.createdAt),
    updated_at: epoch(note.updatedAt),
  }));
}
