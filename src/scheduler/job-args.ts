/** The arguments of `npm run job -- <name> [--at <ISO time>]`. */
export function parseJobArgs(argv: readonly string[]): { name: string; at: Date | undefined } | { error: string } {
  const rest = [...argv];
  let at: Date | undefined;
  const i = rest.findIndex((a) => a === '--at' || a.startsWith('--at='));
  if (i >= 0) {
    const value = rest[i]!.startsWith('--at=') ? rest[i]!.slice(5) : rest[i + 1];
    rest.splice(i, rest[i]!.startsWith('--at=') ? 1 : 2);
    // An ISO time with a date and a time of day; Date.parse alone accepts too much.
    if (!value || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
      return { error: `--at needs an ISO time with a zone, like 2026-11-24T19:00:00Z (got ${value ? JSON.stringify(value) : 'nothing'})` };
    }
    at = new Date(value);
  }
  if (rest.length !== 1) return { error: rest.length === 0 ? 'name the job to run' : `unexpected arguments: ${rest.slice(1).join(' ')}` };
  return { name: rest[0]!, at };
}
