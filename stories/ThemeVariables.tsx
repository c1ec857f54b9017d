import { useEffect, useState } from 'react';

interface Variable {
  name: string;
  light: string;
  dark: string;
}

/** Every `--ss-*` custom property the stylesheet declares on `.ss-root`, read from the loaded CSS. */
function declaredVariables(): string[] {
  const names = new Set<string>();
  for (const sheet of Array.from(document.styleSheets)) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue; // another origin's sheet
    }
    for (const rule of Array.from(rules)) {
      if (!(rule instanceof CSSStyleRule) || !rule.selectorText.includes('.ss-root')) continue;
      for (const property of Array.from(rule.style)) if (property.startsWith('--ss-')) names.add(property);
    }
  }
  return [...names];
}

/** The value of each variable as the browser resolves it, in the light and the dark theme. */
function readVariables(light: HTMLElement, dark: HTMLElement): Variable[] {
  const l = getComputedStyle(light);
  const d = getComputedStyle(dark);
  return declaredVariables().map((name) => ({
    name,
    light: l.getPropertyValue(name).trim(),
    dark: d.getPropertyValue(name).trim(),
  }));
}

const isColor = (value: string) => /^(#|rgb|hsl|oklch|color\()/.test(value);

function Value({ value }: { value: string }) {
  return (
    <span className="sb-var__value">
      {isColor(value) ? <span className="sb-var__swatch" style={{ background: value }} /> : null}
      <code>{value}</code>
    </span>
  );
}

/** The theming reference: live values of every `--ss-*` variable, light and dark. */
export function ThemeVariables() {
  const [light, setLight] = useState<HTMLElement | null>(null);
  const [dark, setDark] = useState<HTMLElement | null>(null);
  const [variables, setVariables] = useState<Variable[]>([]);
  useEffect(() => {
    if (light && dark) setVariables(readVariables(light, dark));
  }, [light, dark]);
  return (
    <div>
      <div ref={setLight} className="ss-root" data-theme="light" hidden />
      <div ref={setDark} className="ss-root" data-theme="dark" hidden />
      <table className="sb-vars">
        <caption>{variables.length} variables, as this stylesheet defines them</caption>
        <thead>
          <tr>
            <th scope="col">Variable</th>
            <th scope="col">Light</th>
            <th scope="col">Dark</th>
          </tr>
        </thead>
        <tbody>
          {variables.map((v) => (
            <tr key={v.name}>
              <th scope="row">
                <code>{v.name}</code>
              </th>
              <td>
                <Value value={v.light} />
              </td>
              <td>
                <Value value={v.dark} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
