-- AlterTable
ALTER TABLE "Finding" ADD COLUMN     "assignee" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "dismissReason" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "leadId" INTEGER,
ADD COLUMN     "reviewedAt" TIMESTAMP(3),
ADD COLUMN     "reviewedBy" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "FindingNote" (
    "id" SERIAL NOT NULL,
    "findingId" INTEGER NOT NULL,
    "author" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FindingNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseLead" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "entityId" INTEGER,
    "domain" TEXT NOT NULL,
    "assignedUnit" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'confirmed',
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "handedOverAt" TIMESTAMP(3),
    "feedbackAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "feedback" TEXT NOT NULL DEFAULT '',
    "documents" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "CaseLead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentCounter" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "next" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "DocumentCounter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" SERIAL NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "Finding_lastSeenAt_id_idx" ON "Finding"("lastSeenAt", "id");

-- CreateIndex
CREATE INDEX "Finding_status_lastSeenAt_id_idx" ON "Finding"("status", "lastSeenAt", "id");

-- CreateIndex
CREATE INDEX "Finding_category_lastSeenAt_id_idx" ON "Finding"("category", "lastSeenAt", "id");

-- CreateIndex
CREATE INDEX "Finding_region_lastSeenAt_id_idx" ON "Finding"("region", "lastSeenAt", "id");

-- CreateIndex
CREATE INDEX "Finding_severity_lastSeenAt_id_idx" ON "Finding"("severity", "lastSeenAt", "id");

-- CreateIndex
CREATE INDEX "Finding_sweep_lastSeenAt_id_idx" ON "Finding"("sweep", "lastSeenAt", "id");

-- CreateIndex
CREATE INDEX "Finding_firstRunId_idx" ON "Finding"("firstRunId");

-- CreateIndex
CREATE INDEX "Finding_leadId_idx" ON "Finding"("leadId");

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "CaseLead"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingNote" ADD CONSTRAINT "FindingNote_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

