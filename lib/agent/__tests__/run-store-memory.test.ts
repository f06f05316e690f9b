// The memory run store (the eval's) against the run store contract.
import { MemoryStore } from "../memory-store";
import { runStoreContract } from "./run-store-contract";

runStoreContract("memory", async () => ({
  store: new MemoryStore("nb"),
  notebookId: "nb",
  foreignNotebookId: "other",
  unknownRunId: "00000000-0000-4000-8000-000000000001",
}));
