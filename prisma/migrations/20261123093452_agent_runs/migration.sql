-- DropIndex
DROP INDEX "Message_notebookId_position_idx";

-- AlterTable
ALTER TABLE "Cell" ADD COLUMN     "editedAt" TIMESTAMP(3),
ADD COLUMN     "toolUseId" TEXT;

-- CreateIndex
CREATE INDEX "Cell_notebookId_toolUseId_idx" ON "Cell"("notebookId", "toolUseId");

-- CreateIndex
CREATE UNIQUE INDEX "Message_notebookId_position_key" ON "Message"("notebookId", "position");
