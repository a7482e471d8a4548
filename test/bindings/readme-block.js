// Prints the first fenced code block of a language that follows a README heading, word for word:
//   node test/bindings/readme-block.js "### Python quick start" python
// The quick starts the README shows are the ones the binding tests run.
const fs = require('fs');
const path = require('path');

const [heading, language] = process.argv.slice(2);
const lines = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf-8').split('\n');
const at = lines.findIndex((l) => l.trim() === heading);
if (at < 0) throw new Error(`README.md has no heading '${heading}'`);
const open = lines.findIndex((l, i) => i > at && l.trim() === '```' + language);
const next = lines.findIndex((l, i) => i > at && /^#{1,3} /.test(l));
if (open < 0 || (next >= 0 && next < open)) throw new Error(`README.md has no \`\`\`${language} block under '${heading}'`);
const close = lines.findIndex((l, i) => i > open && l.trim() === '```');
process.stdout.write(lines.slice(open + 1, close).join('\n') + '\n');
