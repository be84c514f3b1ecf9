/** The parser's families: a name, its type, and each sample's labels and value (histograms: buckets, count, sum). */
declare module 'parse-prometheus-text-format' {
  export default function parsePrometheusTextFormat(text: string): unknown[];
}
