/** Every sample of a Prometheus text exposition, by its full name with labels: `name{a="b"}` -> value. */
export function parseMetrics(exposition: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of exposition.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const at = line.lastIndexOf(" ");
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

/** The samples `url` serves now; 0 for a sample not there (a counter nothing has counted yet). */
export async function scrapeMetrics(url: string): Promise<(name: string) => number> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
  const samples = parseMetrics(await response.text());
  return (name) => samples.get(name) ?? 0;
}
