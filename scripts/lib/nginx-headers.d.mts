export function addHeaderLines(headers: Iterable<[string, string]>): string[];
