/**
 * A name a server lists twice. Clients would see one of the two tools under it, and a lock could
 * record the other (a hostile description first, the locked one second): such a list is an error
 * of the server. Pure.
 */
export function repeatedName(items: readonly { readonly name: string }[]): string | undefined {
  const seen = new Set<string>();
  for (const { name } of items) {
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}

export function repeatedNameError(what: string, name: string): string {
  return `lists the ${what} "${name}" more than once: which one a client gets cannot be known`;
}
