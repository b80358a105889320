-- AlterTable
ALTER TABLE "applied_mutations" ADD COLUMN     "payload" JSONB,
ADD COLUMN     "reset_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "applied_mutations_user_id_lesson_id_kind_idx" ON "applied_mutations"("user_id", "lesson_id", "kind");
