import { describe, expect, it } from "vitest";
import { attributeInput, attributeValue, standardPatch, standardValue, type EditableContact } from "./contact-model";

const contact: EditableContact = {
  id: 1,
  name: "Анна",
  email: null,
  phone_number: "+79161234567",
  identifier: null,
  additional_attributes: { company_name: "Acme", city: "Казань" },
  custom_attributes: {},
};

// K3: the inline editors send exactly the field that changed, typed as the API expects.
describe("contact editing model (K3)", () => {
  it("reads standard fields, company and location from additional_attributes", () => {
    expect(standardValue(contact, "phone_number")).toBe("+79161234567");
    expect(standardValue(contact, "company")).toBe("Acme");
    expect(standardValue(contact, "city")).toBe("Казань");
    expect(standardValue(contact, "email")).toBe("");
  });

  it("a blank value clears the field (the name stays a string)", () => {
    expect(standardPatch("email", "  ")).toEqual({ email: null });
    expect(standardPatch("phone_number", " +7 916 ")).toEqual({ phone_number: "+7 916" });
    expect(standardPatch("company", "")).toEqual({ additional_attributes: { company_name: null } });
    expect(standardPatch("name", "")).toEqual({ name: "" });
  });

  it("custom attribute values by type", () => {
    expect(attributeValue("number", "42")).toBe(42);
    expect(attributeValue("number", "4x")).toBe("4x");
    expect(attributeValue("checkbox", true)).toBe(true);
    expect(attributeValue("date", "")).toBeNull();
    expect(attributeValue("list", "gold")).toBe("gold");
    expect(attributeInput("date", "2026-01-02T00:00:00Z")).toBe("2026-01-02");
    expect(attributeInput("number", 7)).toBe("7");
  });
});
