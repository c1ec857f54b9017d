// The ```ts / ```tsx blocks of a markdown file, each as its own module file for scripts/check-readme.mjs.

/** @returns {{ source: string, line: number, lang: 'ts' | 'tsx', file: string, code: string }[]} */
export function readmeBlocks(source, markdown) {
  const lines = markdown.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(ts|tsx|typescript)\s*$/.exec(lines[i]);
    if (!open) continue;
    const start = i + 1;
    const body = [];
    for (i = start; i < lines.length && !/^\s*```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    const lang = open[2] === 'tsx' ? 'tsx' : 'ts';
    const slug = source.replace(/\W+/g, '-').toLowerCase();
    blocks.push({
      source,
      line: start, // the fence's 1-based line: block line n is markdown line start + n
      lang,
      file: `${slug}-${String(start).padStart(4, '0')}.${lang}`,
      code: `${body.join('\n')}\n`,
    });
  }
  return blocks;
}
