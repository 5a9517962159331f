-- AlterTable
ALTER TABLE "SweepShard" ADD COLUMN     "jobId" TEXT NOT NULL DEFAULT '';

