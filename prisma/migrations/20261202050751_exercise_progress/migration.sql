-- CreateTable
CREATE TABLE "exercise_progress" (
    "user_id" UUID NOT NULL,
    "lesson_id" UUID NOT NULL,
    "exercise_id" TEXT NOT NULL,
    "engine" TEXT NOT NULL,
    "solved_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "exercise_progress_pkey" PRIMARY KEY ("user_id","lesson_id","exercise_id")
);

-- AddForeignKey
ALTER TABLE "exercise_progress" ADD CONSTRAINT "exercise_progress_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
