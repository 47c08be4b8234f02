/**
 * An import problem as the API words it: `<path>/challenge.yml: <why>` when it is about one challenge document (its
 * path in the zip, or the uploaded file's name), else a problem of the whole upload.
 */
export function splitProblem(message: string): { source: string | null; reason: string } {
  const match = /^([^:\n]*?\.ya?ml): (.+)$/s.exec(message);
  return match?.[1] && match[2] ? { source: match[1], reason: match[2] } : { source: null, reason: message };
}
