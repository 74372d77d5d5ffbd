import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAgentsByAccount } from "@/lib/agents/list-agents";
import { listContacts } from "@/lib/contacts/list-contacts";
import { searchContactsByQuery } from "@/lib/contacts/search-contacts";
import { buildAccount, buildContact, buildUser } from "@/test/support/engine-fixtures";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";

// Russian names are searched case-insensitively and sorted as people read them (ё with е), on
// every database backend Parley runs on.
describe.each(backends)("Cyrillic search and sort on %s", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
  });
  afterAll(async () => closeTestDatabase(t));

  it("finds a contact whatever the case of the query (ILIKE on Cyrillic)", async () => {
    const a = await buildAccount(t.db);
    await buildContact(t.db, { accountId: a.id, name: "Иван Петров", email: "ivan@example.test" });
    await buildContact(t.db, { accountId: a.id, name: "Ёжик в тумане", email: "ezh@example.test" });
    await buildContact(t.db, { accountId: a.id, name: "Anna", email: "anna@example.test" });
    for (const q of ["иван", "ИВАН", "Петр"]) expect((await searchContactsByQuery(t.db, { accountId: a.id, q })).map((c) => c.name)).toEqual(["Иван Петров"]);
    expect((await searchContactsByQuery(t.db, { accountId: a.id, q: "ёжик" })).map((c) => c.name)).toEqual(["Ёжик в тумане"]);
    expect((await listContacts(t.db, { accountId: a.id, q: "ТУМАН" })).contacts.map((c) => c.name)).toEqual(["Ёжик в тумане"]);
  });

  it("sorts contacts and agents by name alphabetically, ё among the е", async () => {
    const a = await buildAccount(t.db);
    for (const [i, name] of ["Яна", "ёлка", "Борис", "анна", "Елена", "Жанна"].entries()) await buildContact(t.db, { accountId: a.id, name, email: `c${i}@example.test` });
    expect((await listContacts(t.db, { accountId: a.id, sort: "name" })).contacts.map((c) => c.name)).toEqual(["анна", "Борис", "Елена", "ёлка", "Жанна", "Яна"]);

    const b = await buildAccount(t.db);
    for (const name of ["Яна", "Ёлкин", "Борис", "Егор"]) await buildUser(t.db, { accountId: b.id, name });
    expect((await listAgentsByAccount(t.db, { accountId: b.id })).map((x) => x.name)).toEqual(["Борис", "Егор", "Ёлкин", "Яна"]);
  });
});
