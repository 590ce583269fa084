import { createTheme } from '@mantine/core';

/** Mantine defaults, tightened for a dense NOC screen: smaller type and spacing, small radii. */
export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'sm',
  fontFamily: 'Inter, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: '"JetBrains Mono", "SFMono-Regular", Menlo, Consolas, monospace',
  fontSizes: { xs: '11px', sm: '12.5px', md: '14px', lg: '16px', xl: '18px' },
  spacing: { xs: '6px', sm: '10px', md: '14px', lg: '18px', xl: '24px' },
  headings: { sizes: { h2: { fontSize: '20px' }, h3: { fontSize: '16px' }, h4: { fontSize: '14px' } } },
  components: {
    Button: { defaultProps: { size: 'xs' } },
    TextInput: { defaultProps: { size: 'xs' } },
    PasswordInput: { defaultProps: { size: 'xs' } },
    NumberInput: { defaultProps: { size: 'xs' } },
    Select: { defaultProps: { size: 'xs' } },
    MultiSelect: { defaultProps: { size: 'xs' } },
    TagsInput: { defaultProps: { size: 'xs' } },
    Table: { defaultProps: { verticalSpacing: 4, horizontalSpacing: 'xs', fz: 'xs' } },
    Tooltip: { defaultProps: { fz: 'xs' } },
  },
});
