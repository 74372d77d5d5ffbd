import { describe, expect, it } from "vitest";
import * as contactsRoute from "@/app/api/v1/accounts/[accountId]/contacts/route";
import * as contactRoute from "@/app/api/v1/accounts/[accountId]/contacts/[contactId]/route";
import { backends } from "@/test/support/db";
import { buildContact } from "@/test/support/engine-fixtures";
import { setUpApiWorld } from "@/test/support/api-world";
import { call } from "./support";

type Body = Record<string, unknown>;

describe.each(backends)("a taken email, phone or identifier names its holder (Application API) on %s", (backend) => {
  const { t, w } = setUpApiWorld(backend);

  it("PUT /contacts/:id and POST /contacts answer 422 with the field and taken_by {id, name}", async () => {
    const holder = await buildContact(t.db, { accountId: w.account.id, name: "Hana Holder", email: "hana@example.test", phoneNumber: "+4930123456" });
    const editing = await buildContact(t.db, { accountId: w.account.id, name: "Edie" });
    const put = await call(contactRoute.PUT, {
      method: "PUT",
      params: { accountId: String(w.account.id), contactId: String(editing.id) },
      token: w.agent.accessToken,
      body: { phone_number: "+4930123456", email: "HANA@example.test" },
    });
    expect(put.status).toBe(422);
    expect(put.body).toMatchObject({ attributes: ["email", "phone_number"], taken_by: { email: { id: holder.id, name: "Hana Holder" }, phone_number: { id: holder.id, name: "Hana Holder" } } });
    const post = await call(contactsRoute.POST, { method: "POST", params: { accountId: String(w.account.id) }, token: w.agent.accessToken, body: { name: "New", phone_number: "+4930123456" } });
    expect(post.status).toBe(422);
    expect((post.body as Body).taken_by).toEqual({ phone_number: { id: holder.id, name: "Hana Holder" } });
    // Saving a contact's own values is not a conflict.
    const self = await call(contactRoute.PUT, {
      method: "PUT",
      params: { accountId: String(w.account.id), contactId: String(holder.id) },
      token: w.agent.accessToken,
      body: { email: "hana@example.test", phone_number: "+4930123456" },
    });
    expect(self.status).toBe(200);
  });
});
