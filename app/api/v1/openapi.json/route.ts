import { PUBLIC_CONTENT } from "@/lib/http/contract";
import { openApiDocument } from "@/lib/http/openapi";
import { route } from "@/lib/http/route";
import { metaApi } from "@/lib/schemas/meta";

/** The published contract; /api/docs renders the same document for people. */
export const GET = route(metaApi.openapi, async () => ({ data: { ...openApiDocument() }, cache: PUBLIC_CONTENT }));
