/**
 * JSON Schema (as the OpenAPI document holds it) written as a short TypeScript-like type, for the
 * reference page at /api/docs: `{ id: string (uuid); replies: Post[] }`. Referenced components keep
 * their names, so the text stays small and each component is shown once.
 */
type TSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: TSchema[];
  oneOf?: TSchema[];
  allOf?: TSchema[];
  items?: TSchema;
  properties?: Record<string, TSchema>;
  required?: string[];
  additionalProperties?: boolean | TSchema;
  description?: string;
};

export const refName = (ref: string) => ref.split("/").pop() ?? ref;

function scalar(s: TSchema): string {
  const type = Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "unknown");
  return s.format ? `${type} (${s.format})` : type;
}

export function schemaText(schema: TSchema | undefined, indent = ""): string {
  if (!schema) return "unknown";
  if (schema.$ref) return refName(schema.$ref);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map((s) => schemaText(s, indent)).join(" | ");
  if (schema.allOf) return schema.allOf.map((s) => schemaText(s, indent)).join(" & ");
  if (schema.type === "array") {
    const item = schemaText(schema.items, indent);
    return /[|&]/.test(item) && !item.startsWith("{") ? `(${item})[]` : `${item}[]`;
  }
  if (schema.type === "object" || schema.properties) {
    const inner = `${indent}  `;
    const lines = Object.entries(schema.properties ?? {}).map(([key, value]) => {
      const optional = schema.required?.includes(key) ? "" : "?";
      return `${inner}${key}${optional}: ${schemaText(value, inner)};`;
    });
    if (typeof schema.additionalProperties === "object") lines.push(`${inner}[key: string]: ${schemaText(schema.additionalProperties, inner)};`);
    return lines.length ? `{\n${lines.join("\n")}\n${indent}}` : "{}";
  }
  return scalar(schema);
}
