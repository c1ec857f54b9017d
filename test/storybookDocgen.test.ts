import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { viteFinal } from '@storybook/react-vite/preset';
import type { Plugin, PluginOption } from 'vite';
import { scopeReactDocgen } from '../.storybook/docgenScope.js';

// Storybook's own react-docgen plugin, configured as .storybook/main.ts configures it, then scoped.
async function docgenPlugin(): Promise<Plugin> {
  const presets = {
    apply: async (name: string) => (name === 'typescript' ? { reactDocgen: 'react-docgen' } : {}),
  };
  const config = (await viteFinal({ plugins: [] }, { presets } as never)) as { plugins: PluginOption[] };
  scopeReactDocgen(config.plugins);
  const plugin = config.plugins.find((p) => (p as Plugin).name === 'storybook:react-docgen-plugin');
  return plugin as Plugin;
}

async function transformed(file: string): Promise<string | undefined> {
  const { transform } = await docgenPlugin();
  const id = resolve(file);
  const code = await readFile(id, 'utf8');
  const result = await (transform as (code: string, id: string) => Promise<unknown>)(code, id);
  return (result as { code?: string } | null | undefined)?.code;
}

describe('Storybook docgen scope', () => {
  it('keeps the props tables of the components the docs pages describe', async () => {
    const code = await transformed('src/components/SessionConsent/SessionConsentView.tsx');
    expect(code).toContain('SessionConsentView.__docgenInfo');
    expect(code).toContain('"policy"');
  });

  // An exported component outside src/components: Storybook's plugin alone documents it (seconds of
  // babel on the dev server across core, testing and stories); scoped, it is left untouched.
  it('parses nothing outside the components', async () => {
    expect(await transformed('stories/ThemeVariables.tsx')).toBeUndefined();
    expect(await transformed('src/core/consent.ts')).toBeUndefined();
  });
});
