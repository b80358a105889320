/** CSP violation reports from browsers: logged (bounded), never stored. */
export async function POST(req: Request) {
  const text = (await req.text()).slice(0, 2000);
  console.warn(`csp-report: ${text.replace(/\s+/g, " ")}`);
  return new Response(null, { status: 204 });
}
