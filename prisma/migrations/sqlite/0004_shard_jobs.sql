-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SweepShard" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "targets" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "worker" TEXT NOT NULL DEFAULT '',
    "jobId" TEXT NOT NULL DEFAULT '',
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    "stats" TEXT NOT NULL DEFAULT '{}',
    "error" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "SweepShard_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SweepRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_SweepShard" ("attempts", "endedAt", "error", "id", "runId", "seq", "startedAt", "stats", "status", "targets", "worker") SELECT "attempts", "endedAt", "error", "id", "runId", "seq", "startedAt", "stats", "status", "targets", "worker" FROM "SweepShard";
DROP TABLE "SweepShard";
ALTER TABLE "new_SweepShard" RENAME TO "SweepShard";
CREATE INDEX "SweepShard_runId_status_idx" ON "SweepShard"("runId", "status");
CREATE UNIQUE INDEX "SweepShard_runId_seq_key" ON "SweepShard"("runId", "seq");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

