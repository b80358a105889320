import { progressQuerySchema, syncRequestSchema } from "@/lib/schemas/progress";
import { catalogContent } from "./catalog";

/** The progress API's request schemas, checked against the published content. */
export const ZSyncRequest = syncRequestSchema(catalogContent);
export const ZProgressQuery = progressQuerySchema(catalogContent);
