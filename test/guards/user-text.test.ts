// User text by audience: the core (src/domain) keeps the sentences of its rules; what a command line, a web server
// or the Apps Script menu says lives next to that runtime. And one place per text: a French sentence written in two
// files drifts the day one of them is reworded.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { frAppsScript } from '../../src/apps-script/messages';
import { REPO_ROOT } from '../../src/node/project-files';

function files(dir: string): string[] {
  return fs
    .readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true })
    .flatMap((d) =>
      d.isDirectory()
        ? files(path.join(dir, d.name))
        : /\.tsx?$/.test(d.name) && !d.name.endsWith('.d.ts')
          ? [path.join(dir, d.name)]
          : [],
    );
}

/**
 * The texts a source file writes: string literals, templates (each `${…}` becomes `${}`, so two sentences that
 * differ only by their variables still match) and JSX text, whitespace normalised. Comments are not text.
 */
function literals(fileName: string, source: string): string[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, kind);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isJsxText(node)) {
      found.push(node.text);
    } else if (ts.isTemplateExpression(node)) {
      found.push(node.head.text + node.templateSpans.map((s) => '${}' + s.literal.text).join(''));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found.map((t) => t.replace(/\s+/g, ' ').trim()).filter((t) => t !== '');
}

/** Identifiers of the file (to find HTTP plumbing such as `statusCode` outside strings and comments). */
function identifiers(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) found.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** `--data`, `--service-account`: a command-line flag named inside a text. */
const CLI_FLAG = /(^|[\s«"'`(])--[a-z][a-z-]*/;
/** A status line's words or number: `HTTP 503`, « Not Found », « erreur 404 ». */
const HTTP_STATUS =
  /\bHTTP\b|\b(?:Bad Request|Unauthorized|Forbidden|Not Found|Method Not Allowed|Conflict|Payload Too Large|Unsupported Media Type|Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout)\b|\b(?:status|statut|code|erreur)\s*[45]\d\d\b/i;
const HTTP_IDENTIFIER = /^(statusCode|httpStatus|status[45]\d\d)$/i;
const MENU_TEXTS = [frAppsScript.menuTitle, ...Object.values(frAppsScript.menu)];

/** What a text of src/domain should not say (empty: nothing). */
function runtimeTextIn(fileName: string, source: string): string[] {
  const texts = literals(fileName, source);
  return [
    ...texts.filter((t) => CLI_FLAG.test(t)).map((t) => `CLI flag: ${t}`),
    ...texts.filter((t) => HTTP_STATUS.test(t)).map((t) => `HTTP status: ${t}`),
    ...identifiers(fileName, source)
      .filter((name) => HTTP_IDENTIFIER.test(name))
      .map((name) => `HTTP status: ${name}`),
    ...texts.flatMap((t) => MENU_TEXTS.filter((m) => t.includes(m)).map((m) => `Apps Script menu: ${m}`)),
  ];
}

const FRENCH_LETTER = /[àâçéèêëîïôûùüÿœ]/i;
const FRENCH_WORD =
  /\b(le|la|les|des|du|une|est|sont|pas|dans|pour|avec|sur|ce|cette|votre|vos|rien|aucun|aucune|puis|ou|et)\b/i;

/** A French sentence worth one place: long enough to be a sentence, not a label nor a code. */
function isFrenchSentence(text: string): boolean {
  return text.length >= 25 && text.includes(' ') && (FRENCH_LETTER.test(text) || FRENCH_WORD.test(text));
}

/** Each French sentence written in more than one file, with the files. */
function duplicatedSentences(
  sources: ReadonlyArray<{ file: string; source: string }>,
): Map<string, string[]> {
  const where = new Map<string, Set<string>>();
  for (const { file, source } of sources) {
    for (const text of literals(file, source).filter(isFrenchSentence)) {
      where.set(text, (where.get(text) ?? new Set()).add(file));
    }
  }
  return new Map(
    [...where].filter(([, inFiles]) => inFiles.size > 1).map(([text, inFiles]) => [text, [...inFiles]]),
  );
}

const read = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');

describe('the core’s texts', () => {
  it.each(files('src/domain'))('%s names no CLI flag, HTTP status or Apps Script menu item', (file) => {
    expect({ file, found: runtimeTextIn(file, read(file)) }).toEqual({ file, found: [] });
  });

  it('the check finds each kind of runtime text (so a pass means something)', () => {
    const sample = [
      'const a = `Choisissez un autre dossier avec --data.`;',
      "const b = 'Google est indisponible (HTTP 503).';",
      'const d = `La page renvoie une erreur 404.`;',
      'reply.statusCode = 404;',
      `const c = "utilisez le menu « ${frAppsScript.menuTitle} › Installer »";`,
      "const fine = 'Un cumul ne peut pas diminuer : 2 500 déclarations, semaine 2022-W23.';",
    ].join('\n');
    expect(runtimeTextIn('sample.ts', sample)).toEqual([
      'CLI flag: Choisissez un autre dossier avec --data.',
      'HTTP status: Google est indisponible (HTTP 503).',
      'HTTP status: La page renvoie une erreur 404.',
      'HTTP status: statusCode',
      `Apps Script menu: ${frAppsScript.menuTitle}`,
    ]);
  });
});

describe('French sentences', () => {
  it('are each written in one file of src/', () => {
    const sources = files('src').map((file) => ({ file, source: read(file) }));
    expect(Object.fromEntries(duplicatedSentences(sources))).toEqual({});
  });

  it('the check finds a sentence written twice, whatever its variables and line breaks', () => {
    const found = duplicatedSentences([
      {
        file: 'a.ts',
        source: "const a = (n: string) => `Le fichier ${n} est introuvable : rien n'a été importé.`;",
      },
      {
        file: 'b.tsx',
        source: "const b = (x: string) => `Le fichier ${x} est introuvable :\n  rien n'a été importé.`;",
      },
      { file: 'c.ts', source: "const c = 'Le fichier est introuvable : rien n’a été importé.';" },
    ]);
    expect(Object.fromEntries(found)).toEqual({
      "Le fichier ${} est introuvable : rien n'a été importé.": ['a.ts', 'b.tsx'],
    });
  });
});
