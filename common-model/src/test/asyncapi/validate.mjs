// Parses an AsyncAPI document with the official parser and prints its diagnostics as one JSON line:
// {"errors": [...], "warnings": [...]}. Exits 1 when the document has errors.
//   node validate.mjs <document>
import { readFile } from 'node:fs/promises';
import { Parser, DiagnosticSeverity } from '@asyncapi/parser';

const [file] = process.argv.slice(2);
const parser = new Parser();
const { document, diagnostics } = await parser.parse(await readFile(file, 'utf8'));
const describe = (d) => ({ code: d.code, message: d.message, path: d.path.join('/') });
const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map(describe);
const warnings = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Warning).map(describe);
const messages = document ? document.allMessages().length : 0;
console.log(JSON.stringify({ errors, warnings, messages }));
process.exit(errors.length === 0 && document ? 0 : 1);
