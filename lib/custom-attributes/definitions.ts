import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { CUSTOM_ATTRIBUTE_MODELS, CUSTOM_ATTRIBUTE_TYPES, customAttributeDefinitions, type CustomAttributeDefinition, type CustomAttributeModel } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { uniqueViolation } from "@/lib/pg-errors";
import { noNul, NUL_MESSAGE } from "@/lib/validation";

/** Chatwoot's enum integers for the types and models Parley has (currency and percent it has not). */
const TYPE_CODES: Record<string, (typeof CUSTOM_ATTRIBUTE_TYPES)[number]> = { "0": "text", "1": "number", "4": "link", "5": "date", "6": "list", "7": "checkbox" };
const MODEL_CODES: Record<string, CustomAttributeModel> = { "0": "conversation_attribute", "1": "contact_attribute", conversation: "conversation_attribute", contact: "contact_attribute" };

const text = (max: number) => z.string().trim().max(max, `is too long (maximum is ${max} characters)`).refine(noNul, NUL_MESSAGE);
const type = z.preprocess(
  (v) => (typeof v === "number" || typeof v === "string" ? (TYPE_CODES[String(v)] ?? v) : v),
  z.enum(CUSTOM_ATTRIBUTE_TYPES, { error: `must be one of ${CUSTOM_ATTRIBUTE_TYPES.join(", ")}` }),
);
export const attributeModel = z.preprocess(
  (v) => (typeof v === "number" || typeof v === "string" ? (MODEL_CODES[String(v)] ?? v) : v),
  z.enum(CUSTOM_ATTRIBUTE_MODELS, { error: "must be contact_attribute or conversation_attribute" }),
);

const fields = z.object({
  attribute_display_name: text(255).pipe(z.string().min(1, "can't be blank")),
  attribute_key: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,64}$/, "must be 1–64 lower-case letters, digits or underscores"),
  attribute_display_type: type.default("text"),
  attribute_model: attributeModel.default("conversation_attribute"),
  attribute_description: text(1000).nullish(),
  attribute_values: z
    .array(text(255).pipe(z.string().min(1, "can't be blank")), { error: "must be a list of strings" })
    .max(200)
    .default([]),
  default_value: text(255).nullish(),
  regex_pattern: text(500)
    .refine((p) => {
      try {
        new RegExp(p, "u");
        return true;
      } catch {
        return false;
      }
    }, "is not a valid regular expression")
    .nullish(),
  regex_cue: text(255).nullish(),
});

/** `{ custom_attribute_definition: {…} }` (Chatwoot) or the fields at the top level. */
const unwrap = (v: unknown) => (v && typeof v === "object" && "custom_attribute_definition" in v ? (v as { custom_attribute_definition: unknown }).custom_attribute_definition : v);
export const definitionCreateSchema = z.preprocess(unwrap, fields);
export const definitionUpdateSchema = z.preprocess(unwrap, fields.partial());
type CreateInput = z.output<typeof fields>;
type UpdateInput = Partial<CreateInput>;

export const definitionListQuerySchema = z.object({ attribute_model: attributeModel.optional() });

/** `api/v1/models/_custom_attribute_definition`. */
export function presentDefinition(d: CustomAttributeDefinition) {
  return {
    id: d.id,
    attribute_display_name: d.attributeDisplayName,
    attribute_display_type: d.attributeDisplayType,
    attribute_description: d.attributeDescription,
    attribute_key: d.attributeKey,
    regex_pattern: d.regexPattern,
    regex_cue: d.regexCue,
    attribute_values: d.attributeValues,
    attribute_model: d.attributeModel,
    default_value: d.defaultValue,
    created_at: d.createdAt.toISOString(),
    updated_at: d.updatedAt.toISOString(),
  };
}

export async function listDefinitions(db: Db, { accountId, model }: { accountId: number; model?: CustomAttributeModel }): Promise<CustomAttributeDefinition[]> {
  return db
    .select()
    .from(customAttributeDefinitions)
    .where(and(eq(customAttributeDefinitions.accountId, accountId), model ? eq(customAttributeDefinitions.attributeModel, model) : undefined))
    .orderBy(asc(customAttributeDefinitions.id));
}

export async function getDefinition(db: Db, { accountId, id }: { accountId: number; id: number }): Promise<CustomAttributeDefinition> {
  const [row] = await db
    .select()
    .from(customAttributeDefinitions)
    .where(and(eq(customAttributeDefinitions.id, id), eq(customAttributeDefinitions.accountId, accountId)));
  if (!row) throw AppError.notFound();
  return row;
}

export async function createDefinition(db: Db, { accountId, input }: { accountId: number; input: CreateInput }): Promise<CustomAttributeDefinition> {
  assertListValues(input);
  return save(() =>
    db
      .insert(customAttributeDefinitions)
      .values({
        accountId,
        attributeDisplayName: input.attribute_display_name,
        attributeKey: input.attribute_key,
        attributeDisplayType: input.attribute_display_type,
        attributeModel: input.attribute_model,
        attributeDescription: input.attribute_description ?? null,
        attributeValues: input.attribute_values,
        defaultValue: input.default_value ?? null,
        regexPattern: input.regex_pattern ?? null,
        regexCue: input.regex_cue ?? null,
      })
      .returning(),
  );
}

export async function updateDefinition(db: Db, { accountId, id, input }: { accountId: number; id: number; input: UpdateInput }): Promise<CustomAttributeDefinition> {
  const current = await getDefinition(db, { accountId, id });
  assertListValues({ attribute_display_type: input.attribute_display_type ?? current.attributeDisplayType, attribute_values: input.attribute_values ?? current.attributeValues });
  return save(() =>
    db
      .update(customAttributeDefinitions)
      .set({
        ...(input.attribute_display_name !== undefined && { attributeDisplayName: input.attribute_display_name }),
        ...(input.attribute_key !== undefined && { attributeKey: input.attribute_key }),
        ...(input.attribute_display_type !== undefined && { attributeDisplayType: input.attribute_display_type }),
        ...(input.attribute_model !== undefined && { attributeModel: input.attribute_model }),
        ...(input.attribute_description !== undefined && { attributeDescription: input.attribute_description }),
        ...(input.attribute_values !== undefined && { attributeValues: input.attribute_values }),
        ...(input.default_value !== undefined && { defaultValue: input.default_value }),
        ...(input.regex_pattern !== undefined && { regexPattern: input.regex_pattern }),
        ...(input.regex_cue !== undefined && { regexCue: input.regex_cue }),
      })
      .where(and(eq(customAttributeDefinitions.id, id), eq(customAttributeDefinitions.accountId, accountId)))
      .returning(),
  );
}

export async function deleteDefinition(db: Db, { accountId, id }: { accountId: number; id: number }): Promise<void> {
  const gone = await db
    .delete(customAttributeDefinitions)
    .where(and(eq(customAttributeDefinitions.id, id), eq(customAttributeDefinitions.accountId, accountId)))
    .returning({ id: customAttributeDefinitions.id });
  if (!gone.length) throw AppError.notFound();
}

function assertListValues(d: { attribute_display_type?: string; attribute_values?: string[] }): void {
  if (d.attribute_display_type === "list" && !d.attribute_values?.length) throw AppError.validation({ attribute_values: ["can't be blank for a list"] });
}

async function save(write: () => Promise<CustomAttributeDefinition[]>): Promise<CustomAttributeDefinition> {
  try {
    const [row] = await write();
    return row!;
  } catch (err) {
    if (uniqueViolation(err) === "custom_attribute_definitions_account_model_key_key") throw AppError.validation({ attribute_key: ["has already been taken"] });
    throw err;
  }
}
