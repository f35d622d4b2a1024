/**
 * docs/operations.md: every operation, output option and format, and the
 * compact form's parameters, as the catalogue describes them.
 */
import {
  compactForm,
  compactInput,
  compactOutput,
  compactParameters,
  describedAs,
  formatNameOf,
  formats,
  inputOptions,
  operations,
  outputOptions,
  type Argument,
  type CompactParameter,
  type OperationEntry,
  type OperationName,
} from "@pixelrpc/proto";

import { examples } from "./examples.js";
import { generatedNotice, table } from "./markdown.js";

/** What an argument accepts, from its type and range. */
function accepts(argument: Argument): string {
  switch (argument.type) {
    case "integer":
    case "number": {
      const kind = argument.type === "integer" ? "whole number" : "number";
      return `${argument.optional ? "optional " : ""}${kind}, ${argument.min} to ${argument.max}${argument.zero ? `, ${argument.zero}` : ""}`;
    }
    case "integers":
      return `up to ${argument.maxCount} whole numbers, each ${argument.min} to ${argument.max}`;
    case "numbers":
      return `up to ${argument.maxCount} numbers, each ${argument.min} to ${argument.max}`;
    case "boolean":
      return "boolean";
    case "color":
      return "hex color";
    case "bytes":
      return "bytes (an encoded image)";
    case "text":
      return `text, up to ${argument.maxLength} characters`;
    case "enum":
      return Object.keys(argument.values)
        .map((value) => `\`${value}\``)
        .join(", ");
  }
}

/** The compact parameter that sets `field` of `operation`: `w`, or the operation's own name where one value sets it. */
function compactNameOf(operation: OperationName, field: string): string | undefined {
  const entry = compactForm.find((candidate) => candidate.operation === operation);
  switch (entry?.form) {
    case "fields":
      return Object.entries(entry.parameters).find(([, parameter]) => parameter.field === field)?.[0];
    case "value":
      return entry.field === field ? entry.operation : undefined;
    case "tuple":
      return entry.operation;
    default:
      return undefined;
  }
}

function fieldsTable(entry: OperationEntry, compactName: (field: string) => string | undefined): string {
  const fields = Object.entries(entry.arguments);
  if (fields.length === 0) return "No fields.\n";
  return table(
    ["field", "accepts", "query", "meaning"],
    fields.map(([field, argument]) => {
      const compact = compactName(field);
      return [`\`${field}\``, accepts(argument), compact ? `\`${compact}\`` : "", entry.notes?.[field] ?? ""];
    }),
  );
}

/** An operation's worked examples: the gRPC request, the same as a gateway query, and a picture of the result. */
function examplesOf(shows: keyof typeof examples): string {
  return (examples[shows] ?? [])
    .map(
      (example) => `
**${example.title}** (from \`${example.source}\`):

\`\`\`json
${JSON.stringify(example.request)}
\`\`\`

${example.query === undefined ? "(no query form: send the request, or the gateway's multipart options)" : `\`\`\`\nPOST /v1/transform?${example.query}\n\`\`\``}

![${example.title}](pictures/${example.picture})
`,
    )
    .join("");
}

function operationSections(): string[] {
  return (Object.entries(operations) as [OperationName, OperationEntry][]).map(([name, entry]) => {
    const whole = compactForm.find((candidate) => candidate.operation === name);
    const compact =
      whole?.form === "flag"
        ? `\n\nIn the compact form: \`${name}=1\`.`
        : whole?.form === "tuple"
          ? `\n\nIn the compact form: \`${name}=${Object.keys(entry.arguments).join(",")}\`.`
          : whole
            ? ""
            : "\n\nNot in the compact form: send it in gRPC or in a multipart upload's `options`.";
    return `### \`${name}\`\n\n${entry.description}${compact}\n\n${fieldsTable(entry, (field) => compactNameOf(name, field))}${examplesOf(name)}`;
  });
}

const compactNameOfField = (table: Readonly<Record<string, { readonly field: string }>>, field: string): string | undefined =>
  Object.entries(table).find(([, parameter]) => parameter.field === field)?.[0];
const outputCompactName = (field: string): string | undefined => compactNameOfField(compactOutput, field);
const inputCompactName = (field: string): string | undefined => compactNameOfField(compactInput, field);

function formatsTable(): string {
  return table(
    ["format", "query", "media type", "extension", "effort", "lossless", "lossy: default quality", "alpha", "animation"],
    Object.entries(formats).map(([format, entry]) => [
      `\`${format}\``,
      `\`${formatNameOf(format as keyof typeof formats)}\``,
      `\`${entry.mediaType}\``,
      `\`${entry.extension}\``,
      "effort" in entry ? `${entry.effort[0]} to ${entry.effort[1]}` : "none",
      entry.lossless ? "yes" : "no",
      "defaultQuality" in entry ? String(entry.defaultQuality) : "none",
      entry.alpha ? "yes" : "flattened",
      entry.animation ? "yes" : "first frame",
    ]),
  );
}

/** What a compact parameter takes, as a query string spells it. */
function takes(parameter: CompactParameter): string {
  switch (parameter.type) {
    case "integer":
      return `whole number, ${parameter.min} to ${parameter.max}`;
    case "number":
      return `number, ${parameter.min} to ${parameter.max}`;
    case "integers":
      return `\`${parameter.names}\`, each ${parameter.min} to ${parameter.max}`;
    case "boolean":
      return "`true`, `false`, `1` or `0`";
    case "color":
      return "hex color (`ffffff`, `%23ffffff00`)";
    case "text":
      return `text, percent-encoded, up to ${parameter.maxLength} characters`;
    case "enum":
      return parameter.values.map((value) => `\`${value}\``).join(", ");
  }
}

function compactTable(): string {
  return table(
    ["query", "signed URL option", "CLI flag", "takes", "meaning"],
    Object.entries(compactParameters).map(([name, parameter]) => [
      `\`${name}\``,
      `\`${parameter.readable}\``,
      `\`--${parameter.flag}\``,
      takes(parameter),
      describedAs(parameter, (named) => `\`${named}\``) ?? "",
    ]),
  );
}

export function operationsPage(): string {
  const order = compactForm.map((entry) => `\`${entry.operation}\``).join(", ");
  return `${generatedNotice("proto/src/catalogue.ts and proto/src/compact-form.ts")}
# Operations and output options

A transform is a list of operations and the output options. Each \`Operation\`
sets exactly one of the operations below, and each runs on the result of the
one before, in the order given (sharp itself would reorder them within one
pipeline; pixelrpc does not). Colors are hex strings: \`"#rgb"\`, \`"#rgba"\`,
\`"#rrggbb"\` or \`"#rrggbbaa"\`; empty means the default, opaque black. A value
out of its range, an unknown enum value or a field set where the operation
takes none is \`INVALID_ARGUMENT\` naming the field
(\`operations[0].resize.width must be from 1 to 65535 (or 0 to derive it
from the height), got 70000\`).

The gateway's query strings, signed image URLs and the CLI's flags spell the
same operations in [the compact form](#the-compact-form): the "query" columns
below. A multipart upload's \`options\` part takes the proto's JSON form
(\`{"operations": [{"resize": {"width": 800}}], "output": {"format": "FORMAT_WEBP"}}\`),
which reaches every field.

## Operations

${operationSections().join("\n")}
## Output options

${outputOptions.description}

${fieldsTable(outputOptions, outputCompactName)}
## Input options

${inputOptions.description}

${fieldsTable(inputOptions, inputCompactName)}${examplesOf("animated")}
## Formats

The formats a transform writes; SVG is read, never written.

${formatsTable()}
## The compact form

One parameter per argument, \`w=800&h=600&fit=cover&format=webp&q=80\`, in the
gateway's query strings (\`/v1/transform\`, \`/v1/jobs\`), the options of
signed image URLs (by the readable name) and the CLI's flags. A flat set of
parameters cannot say in what order operations run, so they run in this one:
${order}. Numbers are plain decimals within their ranges (\`0x10\`, \`1e3\`,
\`Infinity\`, an empty value, \`-0\` and \`+5\` are refused, never wrapped); an
unknown parameter is an error naming the parameter it most likely meant.

${compactTable()}`;
}
