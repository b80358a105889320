import type { Metadata } from "next";
import { ACCESS_TEXT, openApiDocument, operations } from "@/lib/http/openapi";
import { schemaText } from "@/lib/http/openapi-text";
import type { Access } from "@/lib/http/contract";
import { PageSection } from "@/components/ui/PageSection";

export const metadata: Metadata = { title: "API reference" };

/**
 * The API reference, rendered on the server from the same OpenAPI document /api/v1/openapi.json
 * serves (no script, no CDN: the page is static HTML under the site's strict CSP).
 */
type TParam = { name: string; in: string; required?: boolean; schema?: object; description?: string };
type TMedia = { content?: Record<string, { schema?: object }> };
type TOperation = {
  operationId: string;
  summary?: string;
  description?: string;
  parameters?: TParam[];
  requestBody?: TMedia;
  responses: Record<string, TMedia & { description: string }>;
};

const jsonSchema = (media: TMedia | undefined) => media?.content?.["application/json"]?.schema;
const anchor = (id: string) => `op-${id.replace(/\./g, "-")}`;

function Code({ label, children }: { label: string; children: string }) {
  return (
    <pre
      tabIndex={0}
      aria-label={label}
      className="mt-1 overflow-x-auto rounded-md border border-[var(--border)] bg-[var(--code-bg)] p-3 font-mono text-sm"
    >
      {children}
    </pre>
  );
}

function Parameters({ id, params }: { id: string; params: TParam[] }) {
  return (
    <table className="mt-1 w-full border-collapse text-left text-sm">
      <caption className="sr-only">Parameters of {id}</caption>
      <thead>
        <tr className="border-b border-[var(--border)]">
          <th scope="col" className="py-1 pr-3">Name</th>
          <th scope="col" className="py-1 pr-3">In</th>
          <th scope="col" className="py-1 pr-3">Type</th>
          <th scope="col" className="py-1">Required</th>
        </tr>
      </thead>
      <tbody>
        {params.map((p) => (
          <tr key={`${p.in}-${p.name}`} className="border-b border-[var(--border)] align-top">
            <td className="py-1 pr-3 font-mono">{p.name}</td>
            <td className="py-1 pr-3">{p.in}</td>
            <td className="py-1 pr-3 font-mono">{schemaText(p.schema)}</td>
            <td className="py-1">{p.required ? "yes" : "no"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Operation({ method, path, access, op }: { method: string; path: string; access: Access; op: TOperation }) {
  const success = Object.entries(op.responses).filter(([status]) => status.startsWith("2"));
  const failures = Object.entries(op.responses).filter(([status]) => !status.startsWith("2"));
  return (
    <article id={anchor(op.operationId)} aria-labelledby={`${anchor(op.operationId)}-h`} className="mt-6 rounded-lg border border-[var(--border)] p-4">
      <h3 id={`${anchor(op.operationId)}-h`} className="font-mono text-base font-semibold">
        {method} {path}
      </h3>
      <p className="mt-1">{op.summary}</p>
      {op.description ? <p className="mt-1 text-[var(--fg-muted)]">{op.description}</p> : null}
      <dl className="mt-3 space-y-3">
        <div>
          <dt className="font-semibold">Access</dt>
          <dd>{ACCESS_TEXT[access]}</dd>
        </div>
        {op.parameters?.length ? (
          <div>
            <dt className="font-semibold">Parameters</dt>
            <dd>
              <Parameters id={op.operationId} params={op.parameters} />
            </dd>
          </div>
        ) : null}
        {op.requestBody ? (
          <div>
            <dt className="font-semibold">Body (JSON)</dt>
            <dd>
              <Code label={`Request body of ${method} ${path}`}>{schemaText(jsonSchema(op.requestBody))}</Code>
            </dd>
          </div>
        ) : null}
        {success.map(([status, response]) => (
          <div key={status}>
            <dt className="font-semibold">Response {status}</dt>
            <dd>
              <Code label={`Response ${status} of ${method} ${path}`}>{schemaText(jsonSchema(response))}</Code>
            </dd>
          </div>
        ))}
        <div>
          <dt className="font-semibold">Other answers</dt>
          <dd>
            <ul className="mt-1 list-disc pl-5 text-sm">
              {failures.map(([status, response]) => (
                <li key={status}>
                  <span className="font-mono">{status}</span> {response.description}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
    </article>
  );
}

export default function ApiDocsPage() {
  const doc = openApiDocument();
  const paths = doc.paths as Record<string, Record<string, TOperation>>;
  const tags = [...new Set(operations().map((o) => o.contract.tag))];
  const schemas = Object.entries(doc.components?.schemas ?? {});
  return (
    <PageSection title="API reference" headingId="api-heading" className="max-w-4xl">
      <p className="mt-3">
        Every operation of the JSON API under <code className="font-mono">/api/v1</code>, generated from the schemas the server
        enforces. The same description, as OpenAPI 3.1 for tools and code generators, is at{" "}
        <a className="text-brand-700 underline dark:text-brand-300" href="/api/v1/openapi.json">
          /api/v1/openapi.json
        </a>
        . Errors share one shape: <code className="font-mono">{"{ error: { code, message, fields?, requestId? } }"}</code>.
      </p>
      <nav aria-label="API sections" className="mt-4">
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          {tags.map((tag) => (
            <li key={tag}>
              <a className="text-brand-700 underline dark:text-brand-300" href={`#tag-${tag.replace(/\W+/g, "-")}`}>
                {tag}
              </a>
            </li>
          ))}
          <li>
            <a className="text-brand-700 underline dark:text-brand-300" href="#schemas">
              Shared schemas
            </a>
          </li>
        </ul>
      </nav>
      {tags.map((tag) => (
        <section key={tag} aria-labelledby={`tag-${tag.replace(/\W+/g, "-")}`} className="mt-10">
          <h2 id={`tag-${tag.replace(/\W+/g, "-")}`} className="text-2xl font-semibold">
            {tag}
          </h2>
          {operations()
            .filter((o) => o.contract.tag === tag)
            .map(({ id, contract }) => (
              <Operation
                key={id}
                method={contract.method}
                path={contract.path}
                access={contract.auth}
                op={paths[contract.path]![contract.method.toLowerCase()]!}
              />
            ))}
        </section>
      ))}
      <section aria-labelledby="schemas" className="mt-10">
        <h2 id="schemas" className="text-2xl font-semibold">
          Shared schemas
        </h2>
        {schemas.map(([name, schema]) => (
          <div key={name} className="mt-4">
            <h3 className="font-mono text-base font-semibold">{name}</h3>
            <Code label={`Schema ${name}`}>{schemaText(schema as object)}</Code>
          </div>
        ))}
      </section>
    </PageSection>
  );
}
