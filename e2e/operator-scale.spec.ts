import { Client } from "pg";
import { expect, test } from "./fixtures";
import { createInbox, loadOperatorWorld, type OperatorWorld, type TestInbox } from "./support/operator-world";

/**
 * SPEC U1: the list is virtualised and keyset-paged, so an inbox of 10,000 conversations keeps only
 * a screenful of cards in the page and scrolls on in order, page after page, without a repeat.
 * The conversations are written straight into the database (the APIs would take minutes), dated long
 * ago so they sort after anything the other specs create, and removed afterwards.
 */
test.describe("operator list at scale (SPEC U1)", () => {
  const N = 10_000;
  let w: OperatorWorld;
  let inbox: TestInbox;
  let db: Client;

  test.beforeAll(async ({ request }) => {
    w = await loadOperatorWorld();
    inbox = await createInbox(request, w);
    db = new Client({ connectionString: process.env.PARLEY_E2E_DATABASE_URL });
    await db.connect();
    await db.query(
      `with people as (
         insert into contacts (account_id, name)
         select $1, 'Scale ' || n from generate_series(1, $3::int) n
         returning id, name
       )
       insert into conversations (account_id, inbox_id, contact_id, last_activity_at, created_at)
       select $1, $2, id, timestamptz '2020-01-01' - (substring(name from 7)::int * interval '1 second'),
              timestamptz '2020-01-01' - (substring(name from 7)::int * interval '1 second')
       from people`,
      [w.accountId, inbox.id, N],
    );
  });

  test.afterAll(async () => {
    await db.query("delete from contacts where id in (select contact_id from conversations where inbox_id = $1)", [inbox.id]);
    await db.end();
  });

  test("10,000 conversations: a screenful in the DOM, pages in order as it scrolls, no card twice", async ({ seededAdmin, signIn, page }) => {
    const app = await signIn(seededAdmin);
    await app.goto(w.accountId, `?inbox_id=${inbox.id}`);
    await expect(app.conversations.getByLabel(`${N} conversations`)).toBeVisible();
    await expect.poll(async () => (await app.names())[0]).toBe("Scale 1");

    const scroller = page.locator("#conversation-list");
    let last = 0;
    for (let round = 0; round < 6; round++) {
      // At the end, the loader row fetches the next page; the list grows by a page (25) each time.
      await expect
        .poll(async () => {
          await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
          return Number((await app.names()).at(-1)?.slice(6) ?? 0);
        })
        .toBeGreaterThanOrEqual(last + 25);
      const names = await app.names();
      expect(names.length).toBeLessThan(50); // virtualised: only what is on screen (and a little overscan)
      const numbers = names.map((n) => Number(n.slice(6)));
      // Newest activity first, consecutive: no gap and no card twice across the page boundaries.
      expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
      last = numbers.at(-1)!;
    }
    expect(last).toBeGreaterThanOrEqual(150); // six pages of 25 have come in
    await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect.poll(async () => (await app.names())[0]).toBe("Scale 1");
  });
});
