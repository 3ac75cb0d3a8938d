// Every relative link of the repository's Markdown reaches a file, every #anchor a heading of its target, and every
// heading a source file cites (« … » after README or docs/….md) exists: a guide moved or a heading renamed breaks
// here instead of in a reader's hands. Anchors follow GitHub's slugs: lower case, punctuation dropped, each space
// a hyphen, accents kept, -1, -2… for repeated headings.
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/node/project-files';

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'coverage']);

function walk(dir: string, keep: (name: string) => boolean): string[] {
  return fs.readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((d) => {
    const rel = dir ? `${dir}/${d.name}` : d.name;
    if (d.isDirectory()) return SKIP_DIRS.has(d.name) || d.name.startsWith('data') ? [] : walk(rel, keep);
    return keep(d.name) ? [rel] : [];
  });
}

/** Markdown lines outside fenced code blocks. */
function proseLines(text: string): string[] {
  let fenced = false;
  return text.split('\n').filter((line) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      return false;
    }
    return !fenced;
  });
}

export function githubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[`*]/g, '')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/** Anchors of a Markdown file: one per heading (GitHub numbers repeats), plus explicit id/name attributes. */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of proseLines(text)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const slug = githubSlug(heading[1]!);
      const n = seen.get(slug) ?? 0;
      seen.set(slug, n + 1);
      out.add(n === 0 ? slug : `${slug}-${n}`);
    }
    for (const m of line.matchAll(/\b(?:id|name)="([^"]+)"/g)) out.add(m[1]!);
  }
  return out;
}

export function headings(text: string): string[] {
  return proseLines(text).flatMap((line) => {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    return m ? [m[1]!.replace(/`/g, '')] : [];
  });
}

type Files = ReadonlyMap<string, string>;

/** Broken relative links and anchors of the Markdown files (paths relative to the repository, '/' separated). */
export function brokenLinks(files: Files, exists: (file: string) => boolean): string[] {
  const problems: string[] = [];
  for (const [file, text] of files) {
    if (!file.endsWith('.md')) continue;
    {
      // Joined, so that a link whose text wraps over two lines is read too.
      const prose = proseLines(text)
        .join('\n')
        .replace(/`[^`]*`/g, '');
      for (const m of prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
        const target = m[1]!;
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:…
        const [rawPath, anchor] = target.split('#', 2) as [string, string | undefined];
        const resolved = rawPath
          ? path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURIComponent(rawPath)))
          : file;
        if (!exists(resolved)) {
          problems.push(`${file}: ${target} → ${resolved} n'existe pas`);
          continue;
        }
        if (anchor === undefined || !resolved.endsWith('.md')) continue;
        const targetText = files.get(resolved);
        if (targetText === undefined || !anchors(targetText).has(decodeURIComponent(anchor)))
          problems.push(`${file}: ${target} → pas de titre « #${anchor} » dans ${resolved}`);
      }
    }
  }
  return problems;
}

/** A citation names a heading without its number (« 2. ») or its closing parenthesis (« (`npm run …`) »). */
function citesHeading(cited: string, heading: string): boolean {
  const bare = heading.replace(/^\d+(\.\d+)*\.?\s+/, '');
  return bare === cited || bare.startsWith(`${cited} (`);
}

/**
 * Headings cited from source files: `README « Titre »`, `le README, « Titre »`, `docs/x.md, « Titre »`, and a
 * bare `docs/x.md` that must exist.
 */
export function brokenCitations(sources: Files, docs: Files): string[] {
  const problems: string[] = [];
  for (const [file, text] of sources) {
    for (const m of text.matchAll(
      /\b(README(?:\.md)?|docs\/[\w/.-]+?\.md)\b(?:,?[ \t]*)(?:«\s*([^»\n]+?)\s*»)?/g,
    )) {
      const target = m[1]!.startsWith('README') ? 'README.md' : m[1]!;
      const cited = m[2];
      const doc = docs.get(target);
      if (doc === undefined) {
        problems.push(`${file}: ${target} n'existe pas`);
        continue;
      }
      if (cited !== undefined && !headings(doc).some((h) => citesHeading(cited, h)))
        problems.push(`${file}: pas de titre « ${cited} » dans ${target}`);
    }
  }
  return problems;
}

const read = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
const markdown = new Map(walk('', (name) => name.endsWith('.md')).map((f) => [f, read(f)] as const));
const sources = new Map(
  ['src', 'scripts', 'bench'].flatMap((dir) =>
    walk(dir, (name) => /\.(tsx?|mjs|js)$/.test(name)).map((f) => [f, read(f)] as const),
  ),
);

describe('Markdown links', () => {
  it('reads the README, the contributor guide and the guides', () => {
    expect([...markdown.keys()]).toEqual(expect.arrayContaining(['README.md', 'docs/fiabilite-securite.md']));
  });

  it('finds every relative link and #anchor of the Markdown files', () => {
    expect(brokenLinks(markdown, (f) => fs.existsSync(path.join(REPO_ROOT, f)))).toEqual([]);
  });

  it('finds every heading the sources cite', () => {
    expect(brokenCitations(sources, markdown)).toEqual([]);
  });

  it('reports a missing file, a missing anchor and a cited heading that does not exist', () => {
    const files = new Map([
      [
        'README.md',
        '# suivi-mes\n\n## Mode embarqué\n\nVoir [le guide](docs/guide.md#données-personnelles).\n',
      ],
      [
        'docs/guide.md',
        [
          '# Guide',
          '## Données personnelles',
          '[retour](../README.md#mode-embarqué) [absent](../CONTRIBUTING.md) [ancre sur',
          'deux lignes](../README.md#mode-local)',
          '```',
          '[dans un bloc de code](nulle-part.md)',
          '```',
        ].join('\n'),
      ],
    ]);
    expect(brokenLinks(files, (f) => files.has(f))).toEqual([
      "docs/guide.md: ../CONTRIBUTING.md → CONTRIBUTING.md n'existe pas",
      'docs/guide.md: ../README.md#mode-local → pas de titre « #mode-local » dans README.md',
    ]);
    const code = new Map([
      ['src/a.ts', '/** see README « Mode embarqué » and docs/guide.md, « Données personnelles » */'],
      ['src/b.ts', "'voir le README, « Configuration locale »' // docs/absent.md"],
      ['src/c.ts', "'voir docs/guide.md, « Personnelles »' // only a whole heading counts"],
    ]);
    expect(brokenCitations(code, files)).toEqual([
      'src/b.ts: pas de titre « Configuration locale » dans README.md',
      "src/b.ts: docs/absent.md n'existe pas",
      'src/c.ts: pas de titre « Personnelles » dans docs/guide.md',
    ]);
  });

  it('slugs headings as GitHub does', () => {
    expect(githubSlug('Pas de mise à jour perdue')).toBe('pas-de-mise-à-jour-perdue');
    expect(githubSlug('1. Le projet Google Cloud (une fois)')).toBe('1-le-projet-google-cloud-une-fois');
    expect(githubSlug('Export et import `.xlsx`')).toBe('export-et-import-xlsx');
    expect(githubSlug('Protections : ce qu’elles font')).toBe('protections--ce-quelles-font');
    expect([...anchors('## Relances\n## Relances\n')]).toEqual(['relances', 'relances-1']);
    expect(citesHeading('Lancer la vérification', '2. Lancer la vérification (npm run smoke:google)')).toBe(
      true,
    );
  });
});

describe('README', () => {
  it('stays a five-minute read: at most 12 KB, the rest in docs/', () => {
    expect(Buffer.byteLength(markdown.get('README.md')!, 'utf8')).toBeLessThanOrEqual(12 * 1024);
  });
});
