import { createTheme, DEFAULT_THEME, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/** A palette with a darker shade 9, where white text on Mantine's is under 4.5:1. */
const deeper = (name: 'green' | 'orange' | 'teal' | 'cyan' | 'lime' | 'red', nine: string): MantineColorsTuple => [...DEFAULT_THEME.colors[name].slice(0, 9), nine] as unknown as MantineColorsTuple;

/**
 * Mantine defaults, tightened for a dense NOC screen: small spacing and radii, but no text under
 * 12 px and WCAG AA contrast in both schemes (checked by tests/e2e/ui-a11y.spec.ts with axe-core):
 * filled colours use the darker shades, text on them is chosen by luminance, dimmed text is darker.
 */
const INPUT_TEXT_FLOOR = { description: { fontSize: '12px' }, error: { fontSize: '12px' } };

export const theme = createTheme({
  primaryColor: 'blue',
  colors: { green: deeper('green', '#237032'), orange: deeper('orange', '#b53c0c'), teal: deeper('teal', '#08705d'), cyan: deeper('cyan', '#0a6b80'), lime: deeper('lime', '#4d7a0b'), red: deeper('red', '#b02525') },
  primaryShade: { light: 9, dark: 9 },
  autoContrast: true,
  luminanceThreshold: 0.3,
  defaultRadius: 'sm',
  fontFamily: 'Inter, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: '"JetBrains Mono", "SFMono-Regular", Menlo, Consolas, monospace',
  fontSizes: { xs: '12px', sm: '13px', md: '14px', lg: '16px', xl: '18px' },
  spacing: { xs: '6px', sm: '10px', md: '14px', lg: '18px', xl: '24px' },
  headings: { sizes: { h2: { fontSize: '20px' }, h3: { fontSize: '16px' }, h4: { fontSize: '14px' } } },
  components: {
    Button: { defaultProps: { size: 'xs' } },
    // An xs input's description and error are 2 px under xs (10 px); 12 px is the floor everywhere.
    TextInput: { defaultProps: { size: 'xs' }, styles: INPUT_TEXT_FLOOR },
    PasswordInput: { defaultProps: { size: 'xs' }, styles: INPUT_TEXT_FLOOR },
    NumberInput: { defaultProps: { size: 'xs' }, styles: INPUT_TEXT_FLOOR },
    Select: { defaultProps: { size: 'xs' }, styles: INPUT_TEXT_FLOOR },
    MultiSelect: { defaultProps: { size: 'xs' }, styles: INPUT_TEXT_FLOOR },
    TagsInput: { defaultProps: { size: 'xs' }, styles: INPUT_TEXT_FLOOR },
    // A switch's description is 2 px under its label (11 px at sm): the same 12 px floor.
    Switch: { styles: INPUT_TEXT_FLOOR },
    Table: { defaultProps: { verticalSpacing: 4, horizontalSpacing: 'xs', fz: 'xs' } },
    Tooltip: { defaultProps: { fz: 'xs' } },
    // A dialog's close button is an icon: without a name a screen reader says only "button" (axe button-name).
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    // Badges default to 9-10 px text; 12 px is the floor everywhere.
    Badge: { styles: { root: { fontSize: 'max(12px, var(--badge-fz))', height: 'max(18px, var(--badge-height))' } } },
  },
});

/** Mixes a #rrggbb colour with black: `keep` 0.5 halves every channel. */
function darker(hex: string, keep: number): string {
  const n = parseInt(hex.slice(1), 16);
  const ch = (shift: number) => Math.round(((n >> shift) & 255) * keep).toString(16).padStart(2, '0');
  return `#${ch(16)}${ch(8)}${ch(0)}`;
}

/**
 * Dimmed text and input errors at AA contrast (Mantine's gray.6 on white is 3.3:1), and the text of light badges and
 * alerts in the light scheme darkened (yellow.9 on yellow.1 is 2.7:1).
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7]!,
    // An input's error text (red.6 on white is 3.3:1).
    '--mantine-color-error': t.colors.red[9]!,
    ...Object.fromEntries(Object.entries(t.colors).map(([name, shades]) => [`--mantine-color-${name}-light-color`, darker(shades[9]!, 0.62)])),
  },
  dark: { '--mantine-color-dimmed': t.colors.dark[1]!, '--mantine-color-error': t.colors.red[4]! },
});
