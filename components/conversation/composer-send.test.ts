import { describe, expect, it } from "vitest";
import { ApiRequestError } from "@/components/operator/api";
import { describeSendError } from "./composer-send";

// What the agent reads under the composer when a send fails (SPEC M1 422s, M2 429, §8 403/404).
describe("describeSendError", () => {
  it("names the flood limit, a refusal and a vanished conversation in plain words", () => {
    expect(describeSendError(new ApiRequestError(429, "Too many messages"))).toMatch(/too many messages.*wait/i);
    expect(describeSendError(new ApiRequestError(403, "Forbidden"))).toBe("You can't reply in this conversation.");
    expect(describeSendError(new ApiRequestError(404, "Resource could not be found"))).toBe("This conversation is no longer available.");
  });

  it("passes the API's own validation message through", () => {
    expect(describeSendError(new ApiRequestError(422, "Content is too long (maximum is 150000 characters)", { content: ["is too long"] }))).toBe("Content is too long (maximum is 150000 characters)");
  });

  it("calls anything that is not an API answer a connection problem", () => {
    expect(describeSendError(new TypeError("Failed to fetch"))).toMatch(/could not reach the server/i);
  });
});
