-- AlterTable
ALTER TABLE "Notebook" ADD COLUMN     "metadata" JSONB NOT NULL DEFAULT '{}';
