import { describe, expect, it } from "vitest";
import { accountsRequired, authMode } from "@/lib/auth/auth-mode";
import { decideIdentity } from "@/lib/identity/identity";
import { effectiveQuotaBytes, effectiveSpendLimits, parseSettingValue, settingViews } from "../settings";

describe("operator settings: env is the default, a saved value overrides it", () => {
  it("reads the per-user cap from PYLOT_USER_DAILY_BUDGET_USD, else the older PYLOT_OWNER_DAILY_BUDGET_USD", () => {
    expect(effectiveSpendLimits({}, { PYLOT_USER_DAILY_BUDGET_USD: "3" }).ownerDailyBudgetUsd).toBe(3);
    expect(effectiveSpendLimits({}, { PYLOT_OWNER_DAILY_BUDGET_USD: "4" }).ownerDailyBudgetUsd).toBe(4);
    expect(
      effectiveSpendLimits({}, { PYLOT_USER_DAILY_BUDGET_USD: "3", PYLOT_OWNER_DAILY_BUDGET_USD: "4" })
        .ownerDailyBudgetUsd,
    ).toBe(3);
  });

  it("a saved value wins over the env; a saved 0 means no cap even when the env sets one", () => {
    const env = { PYLOT_DAILY_BUDGET_USD: "50", PYLOT_USER_DAILY_BUDGET_USD: "5" };
    expect(effectiveSpendLimits({ userDailyBudgetUsd: 9 }, env)).toEqual({
      dailyBudgetUsd: 50,
      ownerDailyBudgetUsd: 9,
    });
    expect(effectiveSpendLimits({ dailyBudgetUsd: 0 }, env)).toEqual({ dailyBudgetUsd: null, ownerDailyBudgetUsd: 5 });
    expect(effectiveQuotaBytes({}, { PYLOT_OWNER_QUOTA_BYTES: "1000" })).toBe(1000);
    expect(effectiveQuotaBytes({ userQuotaBytes: 0 }, { PYLOT_OWNER_QUOTA_BYTES: "1000" })).toBeNull();
    expect(effectiveQuotaBytes({ userQuotaBytes: 20 }, {})).toBe(20);
  });

  it("the page's view says what the env gives, what is saved and what holds", () => {
    const [budget] = settingViews({ dailyBudgetUsd: 7 }, { PYLOT_DAILY_BUDGET_USD: "5" });
    expect(budget).toMatchObject({ key: "dailyBudgetUsd", envValue: 5, savedValue: 7, effective: 7 });
  });

  it("a stored value that is not a number is ignored (the env decides)", () => {
    expect(parseSettingValue("dailyBudgetUsd", "abc")).toBeNull();
    expect(parseSettingValue("dailyBudgetUsd", "-1")).toBeNull();
    expect(parseSettingValue("userQuotaBytes", "1.5")).toBeNull();
    expect(parseSettingValue("dailyBudgetUsd", "2.5")).toBe(2.5);
  });
});

describe("PYLOT_AUTH=invite", () => {
  it("is a mode of its own that requires accounts like required", () => {
    expect(authMode({ PYLOT_AUTH: "invite" })).toBe("invite");
    expect(accountsRequired("invite")).toBe(true);
    expect(accountsRequired("open")).toBe(false);
    expect(decideIdentity("invite", null, "an-owner")).toMatchObject({ kind: "nobody", status: 401 });
  });
});
