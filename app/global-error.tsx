"use client";
// The root layout itself failed: this replaces it, so it brings its own <html> and <body>.
// Next also prerenders it as the static 500 page, whose scripts the build removes (they could not
// carry the CSP nonce: lib/security/script-free-html.ts), so it offers nothing that needs script.
export default function GlobalError() {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", textAlign: "center", padding: "5rem 1.5rem" }}>
        <h1>Something went wrong</h1>
        <p>The page could not be shown. Nothing you saved is lost. Reload the page to try again.</p>
        <a href="/">Your notebooks</a>
      </body>
    </html>
  );
}
