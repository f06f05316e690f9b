-- Idempotency keys for writes (issue 15 item 2): a retried save whose first reply was lost gets
-- the stored answer instead of a 409 or a second insert. Rows older than a day are pruned.
-- CreateTable
CREATE TABLE "WriteReceipt" (
    "ownerId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WriteReceipt_pkey" PRIMARY KEY ("ownerId","key")
);

-- CreateIndex
CREATE INDEX "WriteReceipt_createdAt_idx" ON "WriteReceipt"("createdAt");
