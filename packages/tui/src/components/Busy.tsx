import { Spinner, ThemeProvider, defaultTheme, extendTheme } from '@inkjs/ui'
import { toneColor, useTheme } from '../theme.js'

const themes = {
  color: extendTheme(defaultTheme, {
    components: { Spinner: { styles: { frame: () => ({ color: toneColor('accent', { noColor: false }) }) } } },
  }),
  mono: extendTheme(defaultTheme, { components: { Spinner: { styles: { frame: () => ({}) } } } }),
}

/** A spinner with a label, for work that takes a while; input keeps working meanwhile. */
export function Busy({ label }: { readonly label: string }) {
  const { noColor } = useTheme()
  return (
    <ThemeProvider theme={noColor ? themes.mono : themes.color}>
      <Spinner label={label} />
    </ThemeProvider>
  )
}
