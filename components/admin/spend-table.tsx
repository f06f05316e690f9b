// Spend per user per day over the last 14 days (UTC), from the recorded run costs, and the
// instance's total today against its budget. Anonymous owners are listed by a short id: the caps
// count them as users too.
import { usd } from "@/lib/admin/admin-view";

export interface SpendRow {
  ownerId: string;
  email: string | null;
  day: string;
  costUsd: number;
  runs: number;
}

const cell = "whitespace-nowrap px-3 py-2";

export function SpendTable({
  rows,
  days,
  todayUsd,
  dailyBudgetUsd,
  userDailyBudgetUsd,
}: {
  rows: SpendRow[];
  /** YYYY-MM-DD, newest first. */
  days: string[];
  todayUsd: number;
  dailyBudgetUsd: number | null;
  userDailyBudgetUsd: number | null;
}) {
  const owners = new Map<string, { label: string; byDay: Map<string, number>; total: number }>();
  for (const r of rows) {
    const o = owners.get(r.ownerId) ?? {
      label: r.email ?? `anonymous ${r.ownerId.slice(0, 8)}`,
      byDay: new Map<string, number>(),
      total: 0,
    };
    o.byDay.set(r.day, (o.byDay.get(r.day) ?? 0) + r.costUsd);
    o.total += r.costUsd;
    owners.set(r.ownerId, o);
  }
  const list = [...owners.values()].sort((a, b) => b.total - a.total);
  const share = dailyBudgetUsd ? Math.min(100, (todayUsd / dailyBudgetUsd) * 100) : null;
  return (
    <>
      <div data-testid="instance-spend" className="mb-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <p>
          Today (UTC) this instance has spent <strong className="tabular-nums">{usd(todayUsd)}</strong>
          {dailyBudgetUsd !== null ? (
            <>
              {" "}
              of its daily budget of <strong className="tabular-nums">{usd(dailyBudgetUsd)}</strong>.
            </>
          ) : (
            "; it has no daily budget."
          )}
          {userDailyBudgetUsd !== null && <> Each user may spend {usd(userDailyBudgetUsd)} a day.</>}
        </p>
        {share !== null && (
          <div className="mt-2 h-2 overflow-hidden rounded bg-slate-100" aria-hidden="true">
            <div className={share >= 90 ? "h-2 bg-red-500" : "h-2 bg-blue-500"} style={{ width: `${share}%` }} />
          </div>
        )}
      </div>
      {list.length === 0 ? (
        <p className="text-sm text-slate-500">No agent runs in the last {days.length} days.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table aria-label="Spend per user per day" className="min-w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500">
              <tr>
                <th className={cell}>User</th>
                <th className={`${cell} text-right`}>{days.length} days</th>
                {days.map((d) => (
                  <th key={d} className={`${cell} text-right`}>
                    {d.slice(5)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {list.map((o) => (
                <tr key={o.label}>
                  <td className={`${cell} font-medium`}>{o.label}</td>
                  <td className={`${cell} text-right tabular-nums`}>{usd(o.total)}</td>
                  {days.map((d) => {
                    const v = o.byDay.get(d);
                    return (
                      <td key={d} className={`${cell} text-right tabular-nums ${v ? "" : "text-slate-300"}`}>
                        {v ? usd(v) : "–"}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
