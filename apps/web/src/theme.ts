import { Anchor, createTheme, CSSVariablesResolver, DEFAULT_THEME, MantineColorsTuple } from '@mantine/core';

// Mantine's green, orange, yellow and their kin are too light for text: white on a filled badge, or the light
// variant's shade 9 on shade 1, falls under the 4.5:1 that axe asks for. Shades 7 to 9 are darkened just enough.
const DARKER: Record<string, [string, string, string]> = {
  red: ['#d83838', '#dc3030', '#c52929'],
  blue: ['#1a76c9', '#1971c2', '#1864ab'],
  cyan: ['#0d8091', '#0b7d90', '#0b7285'],
  teal: ['#0a8560', '#08835e', '#087a57'],
  green: ['#298439', '#278238', '#267937'],
  lime: ['#51810f', '#4e800b', '#4b790b'],
  yellow: ['#a26900', '#a86200', '#a65600'],
  orange: ['#c15005', '#c34b0a', '#bb3e0d'],
};

const colors = Object.fromEntries(
  Object.entries(DARKER).map(([name, [seven, eight, nine]]) => {
    const base = DEFAULT_THEME.colors[name]!;
    return [name, [...base.slice(0, 7), seven, eight, nine] as unknown as MantineColorsTuple];
  }),
);

export const theme = createTheme({
  primaryColor: 'indigo',
  // Mantine's default shades (6 light, 8 dark) give white on indigo and indigo on white 4.3:1.
  primaryShade: { light: 7, dark: 8 },
  colors,
  defaultRadius: 'md',
  components: {
    // A link inside text must not be told apart by colour alone (axe: link-in-text-block).
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
  },
});

// Dimmed text (dates, counts) at Mantine's default grey is 3.3:1 on white and 4.0:1 on dark: one step darker (lighter
// in the dark scheme) clears 4.5:1 on cards too. A field's error text (and the invalid field's own text) at Mantine's
// red 6 is 3.3:1 on white: red 8 clears 4.5:1.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-error': 'var(--mantine-color-red-8)' },
  dark: { '--mantine-color-dimmed': 'var(--mantine-color-dark-1)' },
});
