import { pathId } from "@/lib/validation";
import { accountParams } from "./app-params";

export const notificationParams = accountParams.extend({ notificationId: pathId });
export const macroParams = accountParams.extend({ macroId: pathId });
export const automationRuleParams = accountParams.extend({ ruleId: pathId });
