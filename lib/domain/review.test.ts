import { describe, expect, it } from "vitest";
import { quizGrade, scheduleItem, scheduleLesson } from "./review";

const LESSON = "b29bfc63-1d7f-4458-80d5-1403fd95ddf7";
const t = (day: number, hour = 10) => new Date(Date.UTC(2026, 5, day, hour)).toISOString();

describe("review schedule (FSRS)", () => {
  it("grades quiz results: all right Good, half or more Hard, less Again", () => {
    expect([quizGrade(4, 4), quizGrade(2, 4), quizGrade(1, 4), quizGrade(0, 1), quizGrade(0, 0)]).toEqual([3, 2, 1, 1, 1]);
  });

  it("puts a completed lesson and each of its cards in the schedule, first due a day later", () => {
    const items = scheduleLesson({ lessonId: LESSON, completedAt: t(1), cardCount: 2, attempts: [], reviews: [] });
    expect(items.map((i) => i.itemKey)).toEqual([`lesson:${LESSON}`, `card:${LESSON}:0`, `card:${LESSON}:1`]);
    expect(items.every((i) => i.due === t(2) && i.reps === 0 && i.state === 0)).toBe(true);
  });

  it("leaves a lesson that is not completed out, even with quiz attempts", () => {
    expect(scheduleLesson({ lessonId: LESSON, completedAt: null, cardCount: 2, attempts: [{ id: "a", score: 4, total: 4, at: t(1) }], reviews: [] })).toEqual([]);
  });

  it("a better rating schedules further out; Again comes back soonest", () => {
    const due = (rating: 1 | 2 | 3 | 4) =>
      scheduleItem({ itemKey: "k", lessonId: LESSON, enteredAt: t(1), events: [{ id: "e", at: t(2), grade: rating }] }).due;
    expect(due(1) < due(2) && due(2) < due(3) && due(3) < due(4)).toBe(true);
    expect(due(1) > t(2)).toBe(true);
  });

  it("replays events in time order whatever order they are given in", () => {
    const events = [
      { id: "b", at: t(5), grade: 1 as const }, // forgotten after it was learned: a lapse
      { id: "a", at: t(2), grade: 3 as const },
      { id: "c", at: t(9), grade: 4 as const },
    ];
    const one = scheduleItem({ itemKey: "k", lessonId: LESSON, enteredAt: t(1), events });
    const two = scheduleItem({ itemKey: "k", lessonId: LESSON, enteredAt: t(1), events: [...events].reverse() });
    expect(two).toEqual(one);
    expect(one).toMatchObject({ reps: 3, lapses: 1, lastReview: t(9) });
  });

  it("counts quiz attempts for the lesson item and ratings for their own card, and ignores cards that no longer exist", () => {
    const items = scheduleLesson({
      lessonId: LESSON,
      completedAt: t(1),
      cardCount: 1,
      attempts: [{ id: "q", score: 4, total: 4, at: t(1) }],
      reviews: [
        { id: "r1", itemKey: `card:${LESSON}:0`, rating: 3, at: t(3) },
        { id: "r2", itemKey: `card:${LESSON}:5`, rating: 3, at: t(3) },
      ],
    });
    expect(items.map((i) => [i.itemKey, i.reps])).toEqual([
      [`lesson:${LESSON}`, 1],
      [`card:${LESSON}:0`, 1],
    ]);
  });
});
