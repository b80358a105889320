import { describe, expect, it } from "vitest";
import { schemaText } from "./openapi-text";

describe("schemaText", () => {
  it("writes objects, optional keys, arrays, unions, enums and references", () => {
    const text = schemaText({
      type: "object",
      properties: {
        id: { type: "string", format: "uuid" },
        note: { anyOf: [{ type: "string" }, { type: "null" }] },
        sort: { type: "string", enum: ["newest", "helpful"] },
        replies: { type: "array", items: { $ref: "#/components/schemas/Post" } },
        extra: { type: "object", additionalProperties: { type: "integer" } },
      },
      required: ["id", "note", "replies"],
    });
    expect(text).toBe(
      [
        "{",
        "  id: string (uuid);",
        "  note: string | null;",
        '  sort?: "newest" | "helpful";',
        "  replies: Post[];",
        "  extra?: {",
        "    [key: string]: integer;",
        "  };",
        "}",
      ].join("\n"),
    );
  });
});
