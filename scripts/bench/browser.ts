// Headless Debian Chromium with the flags this network needs (see shared/ENVIRONMENT.md).
import { chromium, type Browser } from "@playwright/test";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PYLOT_CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
