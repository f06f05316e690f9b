// Spend per user per day (last 14 days, UTC) and the instance's total today against its budget.
import { requireAdmin } from "@/lib/admin/require-admin";
import { instanceSpendToday, spendPerOwnerPerDay } from "@/lib/db/admin-spend";
import { spendLimitsNow } from "@/lib/db/settings";
import { json, route } from "@/lib/http/route";

export const GET = route(async (req) => {
  requireAdmin(req);
  const [days, todayUsd, limits] = await Promise.all([spendPerOwnerPerDay(), instanceSpendToday(), spendLimitsNow()]);
  return json({
    days,
    todayUsd,
    dailyBudgetUsd: limits.dailyBudgetUsd,
    userDailyBudgetUsd: limits.ownerDailyBudgetUsd,
  });
});
