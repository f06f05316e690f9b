"use client";
// The notebook's files on the page: the stored list, uploads in flight (with progress), problems
// to show, and the kernel wrapped so its filesystem follows the stored files (restored on every
// start, output/ saved after every run; see lib/files/file-sync-kernel.ts).
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Kernel, KernelStatus } from "@/lib/kernel/kernel";
import type { FileInfo } from "@/lib/files/file-info";
import { checkFileName, FILE_DIRS, humanSize } from "@/lib/files/file-paths";
import { FileSyncKernel, type FileTransport } from "@/lib/files/file-sync-kernel";
import { ApiError, fileApi } from "@/lib/client/notebook-api";

export interface InitialFiles {
  files: FileInfo[];
  maxFileBytes: number;
}

export interface UploadState {
  key: number;
  path: string;
  loaded: number;
  total: number;
  error: string | null;
}

let uploadKeys = 0;

const byPath = (a: FileInfo, b: FileInfo) =>
  a.kind === b.kind ? (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) : a.kind === "data" ? -1 : 1;

export function useNotebookFiles(notebookId: string, initial: InitialFiles, rawKernel: Kernel | null) {
  const [files, setFiles] = useState<FileInfo[]>(initial.files);
  const [uploads, setUploads] = useState<UploadState[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const filesRef = useRef(files);
  filesRef.current = files;

  const upsert = useCallback((info: FileInfo) => {
    const next = [...filesRef.current.filter((f) => f.path !== info.path), info].sort(byPath);
    filesRef.current = next;
    setFiles(next);
  }, []);
  const problem = useCallback((message: string) => setProblems((p) => [...p.slice(-4), message]), []);

  const kernel = useMemo(() => {
    if (!rawKernel) return null;
    const transport: FileTransport = {
      files: () => filesRef.current,
      download: (path) => fileApi.bytes(notebookId, path),
      saveOutput: async (path, bytes) => {
        const { file } = await fileApi.upload(notebookId, path, bytes, { replace: true, fromKernel: true });
        upsert(file);
        return file;
      },
      maxFileBytes: initial.maxFileBytes,
      onProblem: problem,
      onRestored: (info) => performance.mark("pylot:files-restored", { detail: info }),
    };
    return new FileSyncKernel(rawKernel, transport);
  }, [rawKernel, notebookId, initial.maxFileBytes, upsert, problem]);

  const [status, setStatus] = useState<KernelStatus>({ state: "starting", progress: "Loading Python…" });
  useEffect(() => {
    if (!kernel) return;
    setStatus(kernel.status());
    return kernel.onStatus(setStatus);
  }, [kernel]);

  const patchUpload = useCallback(
    (key: number, patch: Partial<UploadState>) =>
      setUploads((u) => u.map((x) => (x.key === key ? { ...x, ...patch } : x))),
    [],
  );

  const uploadOne = useCallback(
    async (file: File) => {
      const key = ++uploadKeys;
      const fail = (path: string, error: string) =>
        setUploads((u) => [...u.filter((x) => x.key !== key), { key, path, loaded: 0, total: file.size, error }]);
      const name = checkFileName(file.name);
      if (!name.ok) return fail(file.name, `Refused file name: ${name.reason}`);
      const path = `${FILE_DIRS.data}/${name.name}`;
      if (file.size > initial.maxFileBytes) {
        return fail(
          path,
          `The file (${humanSize(file.size)}) is larger than the limit of ${humanSize(initial.maxFileBytes)} per file.`,
        );
      }
      let replace = filesRef.current.some((f) => f.path === path);
      if (replace && !window.confirm(`${path} already exists. Replace it?`)) return;
      setUploads((u) => [...u, { key, path, loaded: 0, total: file.size, error: null }]);
      const onProgress = (loaded: number) => patchUpload(key, { loaded });
      try {
        let saved: Awaited<ReturnType<typeof fileApi.upload>>;
        try {
          saved = await fileApi.upload(notebookId, path, file, { replace, onProgress });
        } catch (e) {
          // Another tab uploaded the same name meanwhile.
          if (!(e instanceof ApiError && e.status === 409 && !replace)) throw e;
          if (!window.confirm(`${path} already exists. Replace it?`)) {
            setUploads((u) => u.filter((x) => x.key !== key));
            return;
          }
          replace = true;
          saved = await fileApi.upload(notebookId, path, file, { replace, onProgress });
        }
        upsert(saved.file);
        performance.mark(`pylot:file-uploaded:${path}`);
        patchUpload(key, { loaded: file.size });
        if (kernel) {
          const bytes = new Uint8Array(await file.arrayBuffer());
          kernel.keepForRestart(path, saved.file.sha256, bytes);
          await kernel.writeFile(path, bytes).catch((e: unknown) => {
            // Stored all the same: the next interpreter start writes it.
            problem(
              `${path} is saved but not yet in Python's files (${e instanceof Error ? e.message : String(e)}); restart the kernel to load it.`,
            );
          });
        }
        performance.mark(`pylot:file-ready:${path}`);
        setUploads((u) => u.filter((x) => x.key !== key));
      } catch (e) {
        patchUpload(key, { error: e instanceof Error ? e.message : String(e) });
      }
    },
    [kernel, notebookId, initial.maxFileBytes, upsert, problem, patchUpload],
  );

  const upload = useCallback(
    (list: Iterable<File>) => Promise.all([...list].map(uploadOne)).then(() => undefined),
    [uploadOne],
  );

  const remove = useCallback(
    async (path: string) => {
      if (!window.confirm(`Delete ${path}? It is removed from the notebook and from Python's files.`)) return;
      try {
        await fileApi.remove(notebookId, path);
      } catch (e) {
        if (!(e instanceof ApiError && e.status === 404))
          return problem(`Could not delete ${path}: ${(e as Error).message}`);
      }
      const next = filesRef.current.filter((f) => f.path !== path);
      filesRef.current = next;
      setFiles(next);
      await kernel?.deleteFile(path).catch(() => {});
    },
    [kernel, notebookId, problem],
  );

  const dismissUpload = useCallback((key: number) => setUploads((u) => u.filter((x) => x.key !== key)), []);
  const dismissProblems = useCallback(() => setProblems([]), []);

  return {
    kernel,
    status,
    files,
    uploads,
    problems,
    maxFileBytes: initial.maxFileBytes,
    upload,
    remove,
    dismissUpload,
    dismissProblems,
  };
}

export type NotebookFiles = ReturnType<typeof useNotebookFiles>;
