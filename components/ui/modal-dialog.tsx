"use client";
// A modal on the browser's own <dialog>: showModal() makes the rest of the page inert, so a late
// focus() elsewhere (a cell the notebook was about to select) cannot pull the keyboard out of it,
// and Esc arrives as the dialog's cancel event wherever the focus is inside.
import { type ReactNode, useEffect, useRef } from "react";

export function ModalDialog({
  label,
  role = "dialog",
  onClose,
  onKeyDown,
  className = "",
  children,
  ...aria
}: {
  label?: string;
  role?: "dialog" | "alertdialog";
  onClose(): void;
  onKeyDown?(e: React.KeyboardEvent<HTMLDialogElement>): void;
  className?: string;
  children: ReactNode;
  "aria-labelledby"?: string;
  "aria-describedby"?: string;
  "data-testid"?: string;
  "data-reason"?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    return () => {
      dialog.close();
      opener?.focus({ preventScroll: true });
    };
  }, []);
  return (
    <dialog
      ref={ref}
      role={role === "alertdialog" ? "alertdialog" : undefined}
      aria-label={label}
      {...aria}
      onCancel={(e) => {
        e.preventDefault(); // React unmounts it; the browser closing it first would desync the two
        onClose();
      }}
      onKeyDown={onKeyDown}
      // A click on the backdrop lands on the <dialog> itself; the content fills it.
      onClick={(e) => e.target === e.currentTarget && onClose()}
      className={`m-0 mx-auto mt-[10vh] max-h-[80vh] max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-0 text-sm shadow-lg backdrop:bg-slate-900/20 ${className}`}
    >
      <div className="p-4">{children}</div>
    </dialog>
  );
}
