import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "Pylot",
  description: "An LLM-driven Python notebook that runs in your browser.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="font-sans">{children}</body>
    </html>
  );
}
