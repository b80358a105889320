-- AlterTable
ALTER TABLE "posts" ADD COLUMN     "render_version" INTEGER NOT NULL DEFAULT 0;
