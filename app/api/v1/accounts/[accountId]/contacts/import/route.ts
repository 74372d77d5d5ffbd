// POST /api/v1/accounts/{account_id}/contacts/import – multipart import_file (CSV): every row validated, all or nothing (administrators)
import { isMultipart, readMultipart } from "@/lib/attachments/read-multipart";
import { IMPORT_MAX_BYTES, importContacts } from "@/lib/contacts/import-contacts";
import { AppError } from "@/lib/errors";
import { accountParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";

export const POST = withAccount(
  async ({ db, account, req }) => {
    if (!isMultipart(req)) throw new AppError("unsupported_media_type", "Send the CSV as multipart/form-data in import_file");
    const { files } = await readMultipart(req, IMPORT_MAX_BYTES);
    const file = files.find((f) => f.field === "import_file")?.file;
    if (!file) throw AppError.validation({ import_file: ["can't be blank"] });
    let csv: string;
    try {
      csv = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      throw AppError.validation({ import_file: ["must be UTF-8 text"] });
    }
    return Response.json(await importContacts(db, { accountId: account.id, csv }));
  },
  { params: accountParams, role: "administrator" },
);
