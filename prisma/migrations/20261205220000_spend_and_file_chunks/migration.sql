-- Operator controls (issue 14 item 4). Files: the first part of a file stays in "File".bytes and the
-- rest goes to "FileChunk" rows, written as an upload streams in (docs/adr/0005). Files stored
-- before this migration keep all their bytes in "File".bytes with no chunks, which is still a
-- complete file, so no data is rewritten. Spend: an index for the instance's spend today, and the
-- reservations that make two run starts near a daily cap see each other.
-- CreateTable
CREATE TABLE "FileChunk" (
    "fileId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "FileChunk_pkey" PRIMARY KEY ("fileId","seq")
);

-- CreateTable
CREATE TABLE "SpendReservation" (
    "id" UUID NOT NULL,
    "ownerId" UUID NOT NULL,
    "notebookId" UUID NOT NULL,
    "amountUsd" DECIMAL(12,6) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SpendReservation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SpendReservation_createdAt_idx" ON "SpendReservation"("createdAt");

-- CreateIndex
CREATE INDEX "AgentRun_createdAt_idx" ON "AgentRun"("createdAt");

-- AddForeignKey
ALTER TABLE "FileChunk" ADD CONSTRAINT "FileChunk_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "File"("id") ON DELETE CASCADE ON UPDATE CASCADE;
