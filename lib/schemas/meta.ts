import { z } from "zod";
import { endpoint } from "@/lib/http/contract";

/** The API describing itself: its OpenAPI document (lib/http/openapi.ts). */
export const metaApi = {
  openapi: endpoint({
    tag: "Meta",
    auth: "public",
    method: "GET",
    path: "/api/v1/openapi.json",
    summary: "This API's OpenAPI 3.1 document, generated from the zod contracts the routes enforce",
    response: z
      .record(z.string(), z.unknown())
      .refine((doc) => String(doc.openapi).startsWith("3.1"), { message: "must be an OpenAPI 3.1 document", path: ["openapi"] }),
  }),
};
