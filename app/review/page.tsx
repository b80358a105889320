import type { Metadata } from "next";
import { ReviewQueue } from "@/components/progress/ReviewQueue";

export const metadata: Metadata = {
  title: "Review",
  description: "Completed lessons and interview-prep cards, due on a spaced-repetition schedule.",
};

/** A static shell; the island fetches the items due now (FSRS schedule). */
export default function ReviewPage() {
  return (
    <>
      <h1 className="text-3xl font-bold">Review</h1>
      <p className="mt-2 max-w-3xl text-[var(--fg-muted)]">
        Lessons you completed and their interview-prep cards come back just before you would forget them. Say the answer, reveal it, and rate how
        well you knew it.
      </p>
      <ReviewQueue />
    </>
  );
}
