-- CreateTable
CREATE TABLE "FindingNote" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "findingId" INTEGER NOT NULL,
    "author" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FindingNote_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseLead" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" TEXT NOT NULL,
    "entityId" INTEGER,
    "domain" TEXT NOT NULL,
    "assignedUnit" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'confirmed',
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "handedOverAt" DATETIME,
    "feedbackAt" DATETIME,
    "closedAt" DATETIME,
    "feedback" TEXT NOT NULL DEFAULT '',
    "documents" TEXT NOT NULL DEFAULT '{}'
);

-- CreateTable
CREATE TABLE "DocumentCounter" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "next" INTEGER NOT NULL DEFAULT 1
);

-- CreateTable
CREATE TABLE "Session" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tokenHash" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Finding" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "fingerprint" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "score" REAL NOT NULL DEFAULT 0,
    "url" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "entityId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'new',
    "excerpt" TEXT NOT NULL,
    "basisLaw" TEXT NOT NULL DEFAULT '',
    "basisArticle" TEXT NOT NULL DEFAULT '',
    "details" TEXT NOT NULL DEFAULT '{}',
    "sweep" TEXT NOT NULL DEFAULT '',
    "region" TEXT NOT NULL DEFAULT '',
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "firstRunId" INTEGER NOT NULL,
    "lastRunId" INTEGER NOT NULL,
    "captureId" INTEGER,
    "evidenceDigest" TEXT NOT NULL DEFAULT '',
    "dismissedDigest" TEXT NOT NULL DEFAULT '',
    "assignee" TEXT NOT NULL DEFAULT '',
    "reviewedBy" TEXT NOT NULL DEFAULT '',
    "reviewedAt" DATETIME,
    "dismissReason" TEXT NOT NULL DEFAULT '',
    "leadId" INTEGER,
    CONSTRAINT "Finding_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "Entity" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Finding_captureId_fkey" FOREIGN KEY ("captureId") REFERENCES "PageCapture" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Finding_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "CaseLead" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Finding" ("basisArticle", "basisLaw", "captureId", "category", "details", "dismissedDigest", "domain", "entityId", "evidenceDigest", "excerpt", "fingerprint", "firstRunId", "firstSeenAt", "id", "lastRunId", "lastSeenAt", "region", "rule", "score", "severity", "status", "sweep", "url") SELECT "basisArticle", "basisLaw", "captureId", "category", "details", "dismissedDigest", "domain", "entityId", "evidenceDigest", "excerpt", "fingerprint", "firstRunId", "firstSeenAt", "id", "lastRunId", "lastSeenAt", "region", "rule", "score", "severity", "status", "sweep", "url" FROM "Finding";
DROP TABLE "Finding";
ALTER TABLE "new_Finding" RENAME TO "Finding";
CREATE UNIQUE INDEX "Finding_fingerprint_key" ON "Finding"("fingerprint");
CREATE INDEX "Finding_status_category_lastSeenAt_idx" ON "Finding"("status", "category", "lastSeenAt");
CREATE INDEX "Finding_lastSeenAt_id_idx" ON "Finding"("lastSeenAt", "id");
CREATE INDEX "Finding_status_lastSeenAt_id_idx" ON "Finding"("status", "lastSeenAt", "id");
CREATE INDEX "Finding_category_lastSeenAt_id_idx" ON "Finding"("category", "lastSeenAt", "id");
CREATE INDEX "Finding_region_lastSeenAt_id_idx" ON "Finding"("region", "lastSeenAt", "id");
CREATE INDEX "Finding_severity_lastSeenAt_id_idx" ON "Finding"("severity", "lastSeenAt", "id");
CREATE INDEX "Finding_sweep_lastSeenAt_id_idx" ON "Finding"("sweep", "lastSeenAt", "id");
CREATE INDEX "Finding_entityId_idx" ON "Finding"("entityId");
CREATE INDEX "Finding_domain_idx" ON "Finding"("domain");
CREATE INDEX "Finding_lastRunId_idx" ON "Finding"("lastRunId");
CREATE INDEX "Finding_firstRunId_idx" ON "Finding"("firstRunId");
CREATE INDEX "Finding_leadId_idx" ON "Finding"("leadId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "FindingNote_findingId_idx" ON "FindingNote"("findingId");

-- CreateIndex
CREATE UNIQUE INDEX "CaseLead_number_key" ON "CaseLead"("number");

-- CreateIndex
CREATE INDEX "CaseLead_status_createdAt_idx" ON "CaseLead"("status", "createdAt");

-- CreateIndex
CREATE INDEX "CaseLead_entityId_idx" ON "CaseLead"("entityId");

-- CreateIndex
CREATE UNIQUE INDEX "DocumentCounter_kind_year_key" ON "DocumentCounter"("kind", "year");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

