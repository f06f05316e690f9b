"use client";
// Open mode, anonymous owner: the notebooks live under this browser's cookie only. A dismissible
// nudge to make an account (signing up adopts them). Dismissal is remembered in this browser.
import { useEffect, useState } from "react";

const DISMISSED = "pylot:save-banner-dismissed";

export function SaveBanner() {
  // Hidden until mounted: the server cannot know the browser's choice, and a flash is worse.
  const [shown, setShown] = useState(false);
  useEffect(() => {
    setShown(localStorage.getItem(DISMISSED) !== "1");
  }, []);
  if (!shown) return null;
  return (
    <section
      aria-label="Save your notebooks"
      className="mb-6 flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-blue-200 bg-blue-50 px-4 py-3 text-sm text-blue-900"
    >
      <p className="min-w-0 flex-1">
        <a href="/sign-up" className="font-medium underline">
          Save your notebooks: create an account
        </a>{" "}
        <span className="text-blue-800">so they follow you to other browsers.</span>
      </p>
      <button
        type="button"
        onClick={() => {
          localStorage.setItem(DISMISSED, "1");
          setShown(false);
        }}
        className="rounded px-2 py-1 text-blue-800 hover:bg-blue-100"
      >
        Dismiss
      </button>
    </section>
  );
}
