import { consumeLimit } from "@/lib/db/rate-limit";
import { clientIp } from "@/lib/http/client-ip";
import { errorResponse } from "@/lib/http/respond";
import { readBodyText } from "@/lib/http/route";
import { AppError } from "@/lib/errors";

/** A browser's violation report is a few hundred bytes; anything larger is not one. */
const REPORT_LIMIT = 8 * 1024;

/**
 * CSP violation reports from browsers: logged (bounded), never stored. Anyone can post here, so a
 * body over 8 KB is refused (413) and one address may report 20 times a minute (429).
 */
export async function POST(req: Request) {
  try {
    const text = (await readBodyText(req, REPORT_LIMIT)).slice(0, 2000);
    const limit = await consumeLimit("cspReport", clientIp());
    if (!limit.allowed) {
      return errorResponse(429, "RATE_LIMITED", "Too many reports. Wait a moment.", { headers: { "Retry-After": String(limit.retryAfterSeconds) } });
    }
    console.warn(`csp-report: ${text.replace(/\s+/g, " ")}`);
    return new Response(null, { status: 204 });
  } catch (error) {
    if (error instanceof AppError) return errorResponse(error.status, error.code, error.message, { fields: { body: [error.message] } });
    console.error("csp-report: could not record a report:", error instanceof Error ? error.message : error);
    return errorResponse(503, "UNAVAILABLE", "Reports cannot be recorded right now.");
  }
}
