-- CreateTable
CREATE TABLE "SweepRun" (
    "id" SERIAL NOT NULL,
    "sweep" TEXT NOT NULL,
    "runKey" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "scheduledFor" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "heartbeatAt" TIMESTAMP(3),
    "owner" TEXT NOT NULL DEFAULT '',
    "configHash" TEXT NOT NULL DEFAULT '',
    "rulesHash" TEXT NOT NULL DEFAULT '',
    "obeyRobots" BOOLEAN NOT NULL DEFAULT true,
    "sample" TEXT NOT NULL DEFAULT '',
    "options" TEXT NOT NULL DEFAULT '{}',
    "shardsTotal" INTEGER NOT NULL DEFAULT 0,
    "shardsDone" INTEGER NOT NULL DEFAULT 0,
    "pagesFetched" INTEGER NOT NULL DEFAULT 0,
    "pagesFailed" INTEGER NOT NULL DEFAULT 0,
    "entitiesChecked" INTEGER NOT NULL DEFAULT 0,
    "behavioursChecked" INTEGER NOT NULL DEFAULT 0,
    "newEntitiesFound" INTEGER NOT NULL DEFAULT 0,
    "findingsNew" INTEGER NOT NULL DEFAULT 0,
    "findingsSeen" INTEGER NOT NULL DEFAULT 0,
    "stats" TEXT NOT NULL DEFAULT '{}',
    "error" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "SweepRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SweepShard" (
    "id" SERIAL NOT NULL,
    "runId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "targets" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "worker" TEXT NOT NULL DEFAULT '',
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "stats" TEXT NOT NULL DEFAULT '{}',
    "error" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "SweepShard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PageCapture" (
    "id" SERIAL NOT NULL,
    "runId" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "finalUrl" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "httpStatus" INTEGER NOT NULL,
    "fetchedAt" TIMESTAMP(3) NOT NULL,
    "mode" TEXT NOT NULL,
    "contentType" TEXT NOT NULL DEFAULT '',
    "charset" TEXT NOT NULL DEFAULT '',
    "bodySha256" TEXT NOT NULL,
    "headersSha256" TEXT NOT NULL DEFAULT '',
    "textSha256" TEXT NOT NULL DEFAULT '',
    "screenshotSha256" TEXT NOT NULL DEFAULT '',
    "provenance" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "PageCapture_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evidence" (
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "mediaType" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Evidence_pkey" PRIMARY KEY ("sha256")
);

-- CreateTable
CREATE TABLE "Finding" (
    "id" SERIAL NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL DEFAULT 0,
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
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "firstRunId" INTEGER NOT NULL,
    "lastRunId" INTEGER NOT NULL,
    "captureId" INTEGER,
    "evidenceDigest" TEXT NOT NULL DEFAULT '',
    "dismissedDigest" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "Finding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SweepRun_runKey_key" ON "SweepRun"("runKey");

-- CreateIndex
CREATE INDEX "SweepRun_sweep_createdAt_idx" ON "SweepRun"("sweep", "createdAt");

-- CreateIndex
CREATE INDEX "SweepRun_status_idx" ON "SweepRun"("status");

-- CreateIndex
CREATE INDEX "SweepShard_runId_status_idx" ON "SweepShard"("runId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SweepShard_runId_seq_key" ON "SweepShard"("runId", "seq");

-- CreateIndex
CREATE INDEX "PageCapture_domain_idx" ON "PageCapture"("domain");

-- CreateIndex
CREATE UNIQUE INDEX "PageCapture_runId_url_key" ON "PageCapture"("runId", "url");

-- CreateIndex
CREATE UNIQUE INDEX "Finding_fingerprint_key" ON "Finding"("fingerprint");

-- CreateIndex
CREATE INDEX "Finding_status_category_lastSeenAt_idx" ON "Finding"("status", "category", "lastSeenAt");

-- CreateIndex
CREATE INDEX "Finding_entityId_idx" ON "Finding"("entityId");

-- CreateIndex
CREATE INDEX "Finding_domain_idx" ON "Finding"("domain");

-- CreateIndex
CREATE INDEX "Finding_lastRunId_idx" ON "Finding"("lastRunId");

-- AddForeignKey
ALTER TABLE "SweepShard" ADD CONSTRAINT "SweepShard_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SweepRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "Entity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_captureId_fkey" FOREIGN KEY ("captureId") REFERENCES "PageCapture"("id") ON DELETE SET NULL ON UPDATE CASCADE;

