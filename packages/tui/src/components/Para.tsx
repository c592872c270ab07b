import { Text, type TextProps, Transform } from 'ink'

const WRAP_SPACE = /^((?:\u001B\[[0-9;]*m)*) /

/**
 * `line` without the one space Ink leaves at the start of a line it wrapped at a space that fell
 * exactly on the edge (it wraps with `trim: false`); the first line keeps its spaces.
 */
export function dropWrapSpace(line: string, index: number): string {
  return index === 0 ? line : line.replace(WRAP_SPACE, '$1')
}

/** Props of {@link Para}. */
export interface ParaProps extends Omit<TextProps, 'children' | 'wrap'> {
  /** One paragraph: a line break would lose a leading space of the next line. */
  readonly children: string
}

/** A sentence that wraps at the width of its box, every wrapped line starting at the left edge. */
export function Para({ children, ...style }: ParaProps) {
  return (
    <Transform transform={dropWrapSpace}>
      <Text {...style}>{children}</Text>
    </Transform>
  )
}
