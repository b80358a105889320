import { describe, expect, it } from "vitest";
import { readingMinutes, wordCount } from "./reading-time";

describe("wordCount", () => {
  it("counts words and numbers separated by any whitespace", () => {
    expect(wordCount("Select  the rows\nfrom 3\ttables since 2026")).toBe(8);
  });

  it("ignores tokens made only of punctuation or symbols", () => {
    expect(wordCount("a — b - c ``` ; ( ) * -> == ...")).toBe(3);
  });

  it("counts a word that carries punctuation", () => {
    expect(wordCount("(first), second; `third` NULL?")).toBe(4);
  });

  it("counts words in other scripts", () => {
    expect(wordCount("café naïve Москва 東京")).toBe(4);
  });

  it("is 0 for empty or whitespace-only text", () => {
    expect(wordCount("")).toBe(0);
    expect(wordCount("  \n\t ")).toBe(0);
  });
});

describe("readingMinutes", () => {
  it("reads 200 words a minute", () => {
    expect(readingMinutes(1000)).toBe(5);
    expect(readingMinutes(1400)).toBe(7);
    expect(readingMinutes(3000)).toBe(15);
  });

  it("rounds to the nearest whole minute", () => {
    expect(readingMinutes(299)).toBe(1);
    expect(readingMinutes(301)).toBe(2);
    expect(readingMinutes(499)).toBe(2);
    expect(readingMinutes(500)).toBe(3);
  });

  it("is at least 1 minute", () => {
    expect(readingMinutes(0)).toBe(1);
    expect(readingMinutes(1)).toBe(1);
    expect(readingMinutes(199)).toBe(1);
  });

  it("uses a custom pace when given", () => {
    expect(readingMinutes(1000, 100)).toBe(10);
  });
});
