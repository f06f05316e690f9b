"use client";
// The operator settings: each shows what the environment gives and what holds now; a value saved
// here overrides the environment until it is cleared ("Use env").
import { useState } from "react";
import type { SettingKey, SettingView } from "@/lib/admin/settings";
import { usd } from "@/lib/admin/admin-view";
import { adminApi } from "@/lib/client/admin-api";
import { humanSize } from "@/lib/files/file-paths";

function show(v: SettingView, value: number | null): string {
  if (value === null) return v.unit === "usd" ? "no cap" : "no quota";
  return v.unit === "usd" ? usd(value) : humanSize(value);
}

/** The input takes dollars, or megabytes for the quota (stored in bytes). */
const MB = 1024 * 1024;
const toInput = (v: SettingView) =>
  v.savedValue === null ? "" : String(v.unit === "bytes" ? +(v.savedValue / MB).toFixed(3) : v.savedValue);

export function SettingsForm({ initial }: { initial: SettingView[] }) {
  const [settings, setSettings] = useState(initial);
  const [drafts, setDrafts] = useState<Record<string, string>>(() =>
    Object.fromEntries(initial.map((v) => [v.key, toInput(v)])),
  );
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function save(values: Partial<Record<SettingKey, number | null>>) {
    setMessage(null);
    try {
      const next = (await adminApi.saveSettings(values)).settings as SettingView[];
      setSettings(next);
      setDrafts(Object.fromEntries(next.map((v) => [v.key, toInput(v)])));
      setMessage({ ok: true, text: "Saved. It holds from the next run or upload, on every instance." });
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message });
    }
  }

  function submit(v: SettingView) {
    const raw = drafts[v.key]?.trim() ?? "";
    if (raw === "") return void save({ [v.key]: null });
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) {
      setMessage({
        ok: false,
        text: `${v.label}: enter a number ≥ 0 (0 turns it off), or leave it empty for the env.`,
      });
      return;
    }
    void save({ [v.key]: v.unit === "bytes" ? Math.round(n * MB) : n });
  }

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-500">
        Each setting defaults to its environment variable. A value saved here overrides the environment until you clear
        it; 0 means no cap (or no quota).
      </p>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {settings.map((v) => (
          <li key={v.key} className="flex flex-wrap items-end gap-x-4 gap-y-2 px-4 py-3 text-sm">
            <form
              className="flex flex-wrap items-end gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                submit(v);
              }}
            >
              {/* One label width for every row, so the Save buttons line up. */}
              <label className="block w-56 sm:w-64">
                <span className="mb-1 block font-medium text-slate-700">
                  {v.label} ({v.unit === "usd" ? "USD a day" : "MB"})
                </span>
                <input
                  inputMode="decimal"
                  value={drafts[v.key] ?? ""}
                  placeholder="env"
                  onChange={(e) => setDrafts((d) => ({ ...d, [v.key]: e.target.value }))}
                  className="w-full rounded-md border border-slate-300 px-2 py-1 focus:border-blue-400 focus:outline-none"
                />
              </label>
              <button type="submit" className="rounded-md bg-blue-600 px-3 py-1 text-white hover:bg-blue-700">
                Save
              </button>
              {v.savedValue !== null && (
                <button
                  type="button"
                  onClick={() => void save({ [v.key]: null })}
                  className="rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50"
                >
                  Use env
                </button>
              )}
            </form>
            <p className="text-slate-500" data-testid={`setting-${v.key}`}>
              Now: <strong className="text-slate-800">{show(v, v.effective)}</strong>
              {v.savedValue !== null ? " (saved here)" : " (from the environment)"} · <code>{v.env}</code>:{" "}
              {show(v, v.envValue)}
            </p>
          </li>
        ))}
      </ul>
      {message && (
        <p
          role={message.ok ? "status" : "alert"}
          className={`rounded p-2 text-sm ${message.ok ? "bg-green-50 text-green-800" : "bg-red-50 text-red-700"}`}
        >
          {message.text}
        </p>
      )}
    </div>
  );
}
