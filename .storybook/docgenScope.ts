import type { Plugin, PluginOption } from 'vite';

/**
 * The docs pages' props tables come from the components in src/components. (react-docgen documents
 * exported components only: the stories' own wrappers never had docgen; core and testing have none.)
 */
const DOCUMENTED = /[\\/]src[\\/]components[\\/].+\.tsx$/;

/**
 * Storybook's react-docgen plugin parses every .ts/.tsx file outside node_modules with babel, and
 * follows its imports: seconds of CPU on the dev server's event loop while the UI first loads.
 * Scope it to the component files the docs pages describe.
 */
export const scopeReactDocgen = (plugins: PluginOption[] | undefined): void => {
  // Storybook adds it at the top level of the list (its react-vite preset).
  const docgen = plugins?.find(
    (p): p is Plugin => (p as Plugin | null)?.name === 'storybook:react-docgen-plugin',
  );
  const transform = docgen?.transform;
  if (!docgen || typeof transform !== 'function') return;
  docgen.transform = function (code, id, options) {
    return DOCUMENTED.test(id.split('?')[0] ?? id) ? transform.call(this, code, id, options) : null;
  };
};
