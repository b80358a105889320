import { z } from "zod";
import { contracts } from "@/lib/http/contract";

/** The API describing itself: its OpenAPI document (lib/http/openapi.ts). */
export const metaApi = {
  openapi: contracts("Meta", "public").get("/api/v1/openapi.json", "This API's OpenAPI 3.1 document, generated from the zod contracts the routes enforce", {
    response: z
      .record(z.string(), z.unknown())
      .refine((doc) => String(doc.openapi).startsWith("3.1"), { message: "must be an OpenAPI 3.1 document", path: ["openapi"] }),
  }),
};
