// The PostgreSQL run store (the routes') against the run store contract, on the real test database.
import { randomUUID } from "node:crypto";
import { runStoreContract } from "@/lib/agent/__tests__/run-store-contract";
import { db } from "../../client";
import { pgRunStore } from "../pg-run-store";

runStoreContract("PostgreSQL", async () => {
  const ownerId = randomUUID();
  const nb = await db.notebook.create({ data: { ownerId, title: "contract" }, select: { id: true } });
  const foreign = await db.notebook.create({ data: { ownerId: randomUUID(), title: "theirs" }, select: { id: true } });
  return { store: pgRunStore(ownerId), notebookId: nb.id, foreignNotebookId: foreign.id, unknownRunId: randomUUID() };
});
